"""The report's duct-tape section: rates, the penalised reward and flagged answers, from the
store alone (the textbook is read from the store's own copy)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from report_fixtures import book, taped_book
from typer.testing import CliRunner

from selftaught.cli.main import app
from selftaught.metrics import REWARD_META_KEY
from selftaught.report import ReportError, build_report, load_run
from selftaught.study import RunStore, book_hash


def _section(html: str, anchor: str) -> str:
    return html.split(f'id="{anchor}"', 1)[1].split("<h3", 1)[0]


def test_the_store_keeps_the_textbooks_its_tracks_ran_on(run_dir: Path) -> None:
    with RunStore(run_dir / "run.sqlite") as store:
        for seed in (0, 1):
            assert store.textbook(book_hash(book(seed))) == book(seed)
        assert store.textbook("0" * 64) is None


def test_language_books_have_no_duct_tape_section(run_dir: Path, html: str) -> None:
    run = load_run(run_dir)
    assert all(lr.duct_tape is None and not lr.books_missing for lr in run.learners)
    assert "-ducttape" not in html and "Duct tape in code answers" not in html
    assert run.reward.duct_tape_weight == 0.5  # no stored config: the default
    assert all("ducttape/rate" not in lr.card.metrics for lr in run.learners if lr.card)


def test_coding_report_shows_rate_penalised_reward_and_flagged_answers(
    coding_run_dir: Path, coding_report_path: Path
) -> None:
    run = load_run(coding_run_dir)
    [oracle] = run.learners
    dt = oracle.duct_tape
    assert dt is not None and dt.weight == 0.5
    # the pre-test probe, the practice exercise, the probe after chapter 1: every one taped
    assert [(s.code_answers, s.judged, s.flagged, s.rate) for s in dt.seeds] == [(3, 3, 3, 1.0)]
    assert dt.rules == {"DT101": 3}
    assert len(dt.samples) == 2  # distinct (item, code): the exercise and the probe
    assert {s.when for s in dt.samples} == {"pre-test", "practice"}
    assert all(s.correct for s in dt.samples)  # duct tape that passes the hidden tests
    assert dt.samples[0].findings[0][0] == "DT101"
    assert oracle.card is not None
    # the oracle's control knows everything too: gain 0, so the reward is −μ × 1
    assert oracle.card.metrics["reward/progress"].mean == pytest.approx(-0.5)
    assert oracle.card.metrics["ducttape/rate"].mean == 1.0
    html = coding_report_path.read_text(encoding="utf-8")
    section = _section(html, "learner-oracle-ducttape")
    assert "Duct tape in code answers" in section
    assert "progress reward after the penalty: <b>-0.5</b>" in section
    assert "μ = 0.5 × rate" in section
    assert "DT101 × 3" in section
    assert section.count("<details") == 2
    assert "<code>DT101</code> line" in section
    assert "broad exception handler swallows every error: Exception" in section
    assert "except Exception:\n        return None" in section
    card = _section(html, "learner-oracle-card")
    assert "ducttape/rate" in card and "reward/duct_tape_penalty" in card
    assert "μ = 0.5 (duct tape)" in card


def test_a_store_without_its_textbook_says_so(coding_run_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "old-run"
    copy.mkdir()
    shutil.copy(coding_run_dir / "run.sqlite", copy / "run.sqlite")
    with sqlite3.connect(copy / "run.sqlite") as db:  # as written before stores kept books
        db.execute("DELETE FROM meta WHERE key LIKE 'textbook/%'")
    run = load_run(copy)
    [oracle] = run.learners
    assert oracle.books_missing and oracle.duct_tape is None
    assert oracle.card is not None and "ducttape/rate" not in oracle.card.metrics
    html = build_report(copy).read_text(encoding="utf-8")
    assert "holds no copy of this learner's textbook" in html
    assert taped_book().id in html  # the rest of the report is still there


def test_damaged_reward_config_is_one_line_exit_2(coding_run_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "damaged"
    copy.mkdir()
    shutil.copy(coding_run_dir / "run.sqlite", copy / "run.sqlite")
    with RunStore(copy / "run.sqlite") as store:
        store.set_meta(REWARD_META_KEY, '{"duct_tape_weight": -3}')
    with pytest.raises(ReportError, match="reward_config' is damaged"):
        load_run(copy)
    result = CliRunner().invoke(app, ["report", str(copy)], terminal_width=300)
    assert result.exit_code == 2
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and "duct_tape_weight must be a finite number >= 0" in lines[0]
    assert not (copy / "report.html").exists()
