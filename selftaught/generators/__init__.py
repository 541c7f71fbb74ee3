"""Procedural textbook generators: fresh, seeded material no model has seen.

Why generated: a model cannot show learning on material it already knows, and a
fixed benchmark leaks into pretraining corpora. Each generator draws a whole
subject (invented words, invented operators) from a seed, so every run can use
a brand-new textbook and headline numbers carry confidence intervals over seeds.

The registry is a mapping, Gymnasium-style: ``generate(domain, seed=...)``
looks the domain up and calls its generator. A generator is any callable
``fn(*, seed: int, chapters: int = 4, **options) -> Textbook`` that is
deterministic per seed (byte-identical output in every process). Other packages
add domains with an entry point in the group ``selftaught.generators``
(`selftaught.plugins`); `check_generator` is the conformance check a new domain
passes (deterministic per seed, different per seed, every book `check_textbook`-clean).

>>> book = generate("arithmetic", seed=0, chapters=2)
>>> book.id, [c.id for c in book.chapters]
('arithmetic-s0', ['c1', 'c2'])
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from selftaught.generators.arithmetic import generate_arithmetic
from selftaught.generators.coding import generate_coding
from selftaught.generators.language import generate_language
from selftaught.plugins import GROUPS, Registry, callable_plugin
from selftaught.types import Textbook

__all__ = [
    "DOMAINS",
    "GeneratorFn",
    "UnknownDomainError",
    "check_generator",
    "generate",
    "generate_arithmetic",
    "generate_coding",
    "generate_language",
    "register",
]

GeneratorFn = Callable[..., Textbook]
"""``fn(*, seed: int, chapters: int = 4, **options) -> Textbook``, deterministic per seed."""

DOMAINS: Registry[GeneratorFn] = Registry(GROUPS["generators"], "textbook domain",
                                          callable_plugin("textbook domain"))
"""Every registered generator by domain id, installed plugins' included."""


class UnknownDomainError(KeyError):
    """`generate` was asked for a domain nobody registered."""

    def __str__(self) -> str:  # KeyError would print the message in quotes
        return str(self.args[0])


def register(domain: str, fn: GeneratorFn) -> None:
    """Make ``fn`` available as ``generate(domain, ...)``; a domain is registered once."""
    if domain in DOMAINS.registered() and DOMAINS[domain] is not fn:
        raise ValueError(f"textbook domain {domain!r} is already registered")
    DOMAINS[domain] = fn


def generate(domain: str, *, seed: int, chapters: int = 4, **options: Any) -> Textbook:
    """Generate the ``domain`` textbook for ``seed`` with ``chapters`` chapters.

    ``options`` go to the generator (e.g. ``exercises=8, probes=8`` per chapter).
    Raises `UnknownDomainError` (a `KeyError`) naming the known domains, and
    `ValueError` for an out-of-range parameter.
    """
    if domain not in DOMAINS:
        known = ", ".join(sorted(DOMAINS))
        raise UnknownDomainError(f"unknown textbook domain {domain!r} (known: {known})")
    return DOMAINS[domain](seed=seed, chapters=chapters, **options)


def _discovery(**options: Any) -> Textbook:
    """Lab chapters (worlds with hidden laws, `selftaught.discover.lab`), imported on use."""
    from selftaught.discover.lab import generate_discovery

    return generate_discovery(**options)


register("language", generate_language)
register("arithmetic", generate_arithmetic)
register("coding", generate_coding)
register("discovery", _discovery)


def check_generator(domain: str, *, seeds: tuple[int, ...] = (0, 1), chapters: int = 2) -> None:
    """Conformance of a textbook domain (a plugin's included): raises on the first problem.

    * each seed's book passes `selftaught.textbook.check_textbook` (probes paraphrased,
      references grade correct with their own checkers, wrong answers do not);
    * the same seed gives a byte-identical book twice (runs are reproducible);
    * different seeds give different books (a fresh book per seed is the point);
    * the book has the chapters asked for.
    """
    from selftaught.textbook import check_textbook

    books = []
    for seed in seeds:
        book = generate(domain, seed=seed, chapters=chapters)
        again = generate(domain, seed=seed, chapters=chapters)
        if book.model_dump_json() != again.model_dump_json():
            raise ValueError(f"domain {domain!r}: seed {seed} gave two different books "
                             "(a generator must be deterministic per seed)")
        if len(book.chapters) != chapters:
            raise ValueError(f"domain {domain!r}: asked for {chapters} chapters, got "
                             f"{len(book.chapters)}")
        check_textbook(book)
        books.append(book.model_dump_json())
    if len(set(books)) < len(books):
        raise ValueError(f"domain {domain!r}: seeds {seeds} gave identical books "
                         "(each seed must draw a fresh book)")

