"""Fixtures for the study-run tests: a hand-built 3-chapter textbook."""

from __future__ import annotations

import pytest
from helpers_study import TINY_BOOK

from selftaught.types import Textbook


@pytest.fixture
def tiny_book() -> Textbook:
    return Textbook.model_validate_json(TINY_BOOK.read_text())
