"""Fixtures for the learner tests: the study tests' hand-built textbook."""

from __future__ import annotations

from pathlib import Path

import pytest

from selftaught.types import Textbook

TINY_BOOK = Path(__file__).parents[1] / "study" / "data" / "tiny_book.json"


@pytest.fixture
def tiny_book() -> Textbook:
    return Textbook.model_validate_json(TINY_BOOK.read_text())
