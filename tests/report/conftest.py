"""Shared fixtures for the report tests: one scripted run and its report, built once.

The report is built through the CLI (``selftaught report RUN -o FILE``), so the
command is exercised by every test that reads the page.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from report_fixtures import coding_run, scripted_run
from typer.testing import CliRunner

from selftaught.cli.main import app


@pytest.fixture(scope="session")
def run_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return scripted_run(tmp_path_factory.mktemp("run"))


@pytest.fixture(scope="session")
def report_path(run_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out") / "report.html"
    result = CliRunner().invoke(app, ["report", str(run_dir), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"report written to {out}" in result.output.replace("\n", "")
    return out


@pytest.fixture(scope="session")
def html(report_path: Path) -> str:
    return report_path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def coding_run_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return coding_run(tmp_path_factory.mktemp("coding-run"))


@pytest.fixture(scope="session")
def coding_report_path(coding_run_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("coding-out") / "report.html"
    result = CliRunner().invoke(app, ["report", str(coding_run_dir), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out
