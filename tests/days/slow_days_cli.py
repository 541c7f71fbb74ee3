"""`selftaught study` and `selftaught learner` with a test-only learner that can be held mid-day.

Run as ``python slow_days_cli.py learner new ...`` / ``python slow_days_cli.py study ...``.
The learner ``held-diligent`` is the real ``diligent`` learner; when
``HOLD_IN`` names one of its verbs (``answer`` or ``save``), the first call of
that verb writes the file ``HOLD_MARKER`` and then blocks, so a test can wait
for the marker and kill the process exactly there (no sleep-and-hope). ``save``
holds after the inner learner has written its files, i.e. with a half-made
day directory on disk.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import typer

from selftaught.cli import learner as learner_cli
from selftaught.cli import study as study_cli
from selftaught.learners import Learner, make_learner, register_learner
from selftaught.types import Chapter, Costs, Exercise, Grade, Textbook

HOLD_SECONDS = 120.0


class HeldLearner:
    """``diligent``, blocking inside the verb named by ``HOLD_IN``; otherwise identical."""

    name = "held-diligent"

    def __init__(self, inner: Learner) -> None:
        self._inner = inner

    def _hold(self, verb: str) -> None:
        if os.environ.get("HOLD_IN") == verb:
            Path(os.environ["HOLD_MARKER"]).write_text(verb)
            time.sleep(HOLD_SECONDS)  # the test kills the process while it waits here

    def study(self, chapter: Chapter) -> None:
        self._inner.study(chapter)

    def answer(self, prompts: list[str]) -> list[str]:
        self._hold("answer")
        return self._inner.answer(prompts)

    def feedback(self, item: Exercise, response: str, grade: Grade) -> None:
        self._inner.feedback(item, response, grade)

    def costs(self) -> Costs:
        return self._inner.costs()

    def save(self, directory: Path) -> None:
        self._inner.save(directory)
        self._hold("save")

    def load(self, directory: Path) -> None:
        self._inner.load(directory)


def held_diligent(*, book: Textbook, seed: int, **options: Any) -> Learner:
    return HeldLearner(make_learner("diligent", book=book, seed=seed, **options))


register_learner("held-diligent", held_diligent)
app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)


@app.callback()
def main() -> None:
    """Test harness: the study and learner commands."""


study_cli.register(app)
learner_cli.register(app)

if __name__ == "__main__":
    app()
