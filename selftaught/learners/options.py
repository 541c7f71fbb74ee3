"""Learner options from the command line: ``--option KEY=VALUE`` pairs -> factory keywords.

Why in the learners package: the options are the keyword arguments of a learner
factory (`make_learner`), and every command that builds learners (``run``,
``study``, ``learner new``, the benchmarks) reads them the same way.
"""

from __future__ import annotations

import json
from typing import Any


class LearnerOptionError(ValueError):
    """A ``--option`` that is not ``KEY=VALUE``; the message names it and shows the form."""


def parse_options(pairs: list[str]) -> dict[str, Any]:
    """``KEY=VALUE`` pairs -> a dict; VALUE is read as JSON, else kept as text.

    >>> parse_options(["rank=8", "model=tiny-random", "flags=[1, 2]"])
    {'rank': 8, 'model': 'tiny-random', 'flags': [1, 2]}
    """
    options: dict[str, Any] = {}
    for pair in pairs:
        key, sep, raw = pair.partition("=")
        if not sep or not key.strip():
            raise LearnerOptionError(f"--option {pair!r}: expected KEY=VALUE, e.g. rank=8")
        try:
            options[key.strip()] = json.loads(raw)
        except json.JSONDecodeError:
            options[key.strip()] = raw
    return options
