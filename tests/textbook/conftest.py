"""Shared fixtures: the hand-written textbook and a small CLI app with the textbook commands."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer

from selftaught.cli.textbook import register

FIXTURE = Path(__file__).parent / "fixtures" / "book.yaml"


@pytest.fixture
def book_text() -> str:
    return FIXTURE.read_text(encoding="utf-8")


@pytest.fixture
def cli_app() -> typer.Typer:
    app = typer.Typer(pretty_exceptions_enable=False)
    register(app)

    @app.callback()
    def _root() -> None:
        """Test root (keeps `textbook` a sub-command group)."""

    return app
