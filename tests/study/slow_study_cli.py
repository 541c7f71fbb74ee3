"""`selftaught study` with a test-only slowed learner registered, for the kill -9 test.

Run as ``python slow_study_cli.py study BOOK --learner slow-memoriser ...``. The
learner is the real ``memoriser`` with a sleep of ``SLOW_STUDY_DELAY`` seconds
inside every ``answer`` call, so a test can kill the process mid-chapter. Only
the ``study`` command is composed, so the process starts fast.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import typer

from selftaught.cli.study import register
from selftaught.learners import Learner, make_learner, register_learner
from selftaught.types import Chapter, Costs, Exercise, Grade, Textbook


class SlowLearner:
    """The memoriser, slowed down by a sleep inside ``answer``; otherwise identical."""

    name = "slow-memoriser"

    def __init__(self, inner: Learner, delay: float) -> None:
        self._inner = inner
        self._delay = delay

    def study(self, chapter: Chapter) -> None:
        self._inner.study(chapter)

    def answer(self, prompts: list[str]) -> list[str]:
        time.sleep(self._delay)
        return self._inner.answer(prompts)

    def feedback(self, item: Exercise, response: str, grade: Grade) -> None:
        self._inner.feedback(item, response, grade)

    def costs(self) -> Costs:
        return self._inner.costs()

    def save(self, directory: Path) -> None:
        self._inner.save(directory)

    def load(self, directory: Path) -> None:
        self._inner.load(directory)


def slow_memoriser(*, book: Textbook, seed: int, **options: Any) -> Learner:
    delay = float(os.environ.get("SLOW_STUDY_DELAY", "0"))
    return SlowLearner(make_learner("memoriser", book=book, seed=seed, **options), delay)


register_learner("slow-memoriser", slow_memoriser)
app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)


@app.callback()
def main() -> None:
    """Test harness: only the study command."""


register(app)

if __name__ == "__main__":
    app()
