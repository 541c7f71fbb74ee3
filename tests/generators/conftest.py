"""Shared fixtures for the generator tests: a few books per domain, built once per session."""

from __future__ import annotations

import pytest

from selftaught.generators import generate
from selftaught.types import Textbook

DOMAINS = ("language", "arithmetic")
SEEDS = (0, 1, 2)
SETTINGS: tuple[dict[str, int], ...] = (
    {},
    {"exercises": 10, "probes": 10},
    {"exercises": 1, "probes": 10},
    {"exercises": 3, "probes": 2},
)
"""Generator options exercised by the property tests (defaults first)."""


@pytest.fixture(scope="session")
def books() -> list[Textbook]:
    """Every domain x seed x setting, with all chapters."""
    return [
        generate(domain, seed=seed, chapters=6, **options)
        for domain in DOMAINS
        for seed in SEEDS
        for options in SETTINGS
    ]


@pytest.fixture(scope="session")
def default_books() -> list[Textbook]:
    """Every domain x seed with default options and all chapters."""
    return [generate(domain, seed=seed, chapters=6) for domain in DOMAINS for seed in SEEDS]
