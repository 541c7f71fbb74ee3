"""Fixtures for the study-run tests: a hand-built 3-chapter textbook."""

from __future__ import annotations

from pathlib import Path

import pytest

from selftaught.types import Textbook

TINY_BOOK = Path(__file__).parent / "data" / "tiny_book.json"
"""3 chapters x (6 exercises, 6 probes: 5 exact + 1 four-way choice), invented vocabulary."""


@pytest.fixture
def tiny_book() -> Textbook:
    return Textbook.model_validate_json(TINY_BOOK.read_text())
