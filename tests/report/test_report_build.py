"""The HTML report: built from the run store alone, every section present, numbers right."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from report_fixtures import add_run
from typer.testing import CliRunner

from selftaught.cli.main import app
from selftaught.report import (
    REPORT_FILE,
    ReportError,
    build_report,
    load_run,
    pair_tracks,
)
from selftaught.study import RunStore, TrackRecord


def _track(i: int, name: str, seed: int, control: bool, book: str = "h") -> TrackRecord:
    return TrackRecord(id=i, learner=name, book_id="b", book_hash=book, seed=seed,
                       control=control, config={}, status="done")


def test_pair_tracks_prefers_own_control_then_a_unique_shared_one() -> None:
    tracks = [
        _track(1, "notes", 0, False), _track(2, "notes", 0, True),
        _track(3, "stateless", 1, True), _track(4, "lora", 1, False),
        _track(5, "lora", 0, False),  # two controls on (h, 0) of other names: ambiguous
        _track(6, "other", 0, True),
        _track(7, "notes", 0, False, book="other-book"),  # no control on that book
    ]
    pairs = pair_tracks(tracks)
    assert list(pairs) == ["notes", "lora"]
    assert [(p.learner.id, p.control and p.control.id) for p in pairs["notes"]] == [
        (1, 2), (7, None)
    ]
    assert [(p.learner.id, p.control and p.control.id) for p in pairs["lora"]] == [
        (4, 3), (5, None)
    ]


def test_report_has_every_section(html: str) -> None:
    ids = set(re.findall(r'id="([^"]+)"', html))
    expected = {"summary", "gains", "gain-cost"}
    for learner in ("diligent", "memoriser"):
        expected |= {f"learner-{learner}"} | {
            f"learner-{learner}-{part}"
            for part in ("card", "curves", "heatmap", "practice", "notes", "answers")
        }
    assert expected <= ids, expected - ids
    # 2 comparison figures + (curve, heatmap) per learner, all inline SVG
    assert html.count("<svg") == 6
    for text in ("language-s0", "language-s1", "Run summary", "Metric card (vs control)",
                 "gain/controlled", "pretest/floor", "Answers before and after study"):
        assert text in html, text


def test_report_is_self_contained(html: str) -> None:
    assert "<script" not in html
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert "@import" not in html and "url(http" not in html


def test_card_numbers_match_the_scripted_learners(run_dir: Path) -> None:
    run = load_run(run_dir)
    by_name = {lr.name: lr for lr in run.learners}
    diligent = by_name["diligent"]
    assert diligent.card is not None and diligent.card_seeds == [0, 1]
    # diligent learns each chapter completely (Hake gain 1), its control never studies
    assert diligent.card.metrics["gain/controlled"].mean == pytest.approx(1.0)
    rows = {row.metric: row for row in diligent.card_rows}
    assert rows["gain/controlled"].mean == "1.000"
    assert rows["probe/final_acc"].ci == "[1.000, 1.000]"
    assert diligent.R_mean[0].max() == 0.0  # generated book: nothing known before study
    assert diligent.curves is not None and set(diligent.curves) == {1, 2}
    assert diligent.curves[1][-1] == (8, 1.0)
    memoriser = by_name["memoriser"]
    assert memoriser.curves is None  # no curve probes: the report plots R over states


def test_curve_kind_follows_the_data(html: str) -> None:
    diligent = html.split('id="learner-diligent"')[1].split('id="learner-memoriser"')[0]
    memoriser = html.split('id="learner-memoriser"')[1]
    assert "within-chapter learning curves" in diligent
    assert "probe accuracy over study" in memoriser


def test_notes_are_shown_escaped_and_answers_before_after(html: str) -> None:
    diligent = html.split('id="learner-diligent"')[1].split('id="learner-memoriser"')[0]
    assert "NOTE ch1: &lt;b&gt;zeker&lt;/b&gt; means happy &amp; more" in diligent
    assert "NOTE ch2:" in diligent
    assert "<b>zeker</b>" not in html
    assert "No study text recorded" in html.split('id="learner-memoriser"')[1]
    answers = diligent.split('-answers"')[1]
    # pre-test answers are wrong, answers after study right (diligent knows the whole book)
    assert answers.count(">✗ 0<") == 6 and answers.count(">✓ 1<") == 6


def test_rebuild_from_store_alone_is_deterministic(
    run_dir: Path, html: str, tmp_path: Path
) -> None:
    copy = tmp_path / run_dir.name
    copy.mkdir()
    shutil.copy(run_dir / "run.sqlite", copy / "run.sqlite")  # no state/, no in-memory state
    rebuilt = build_report(copy)
    assert rebuilt == copy / REPORT_FILE

    def stable(page: str, root: Path) -> str:
        return re.sub(r"on \d{4}-\d\d-\d\d \d\d:\d\d UTC", "", page).replace(str(root), "RUN")

    assert stable(rebuilt.read_text(encoding="utf-8"), copy) == stable(html, run_dir)


def test_unfinished_tracks_are_listed_and_left_out(tmp_path: Path) -> None:
    with RunStore(tmp_path / "run.sqlite") as store:
        add_run(store, "diligent", 0, control=False)
        add_run(store, "diligent", 0, control=True, finish=False)  # its control never ran
        add_run(store, "oracle", 0, control=False, finish=False)
    run = load_run(tmp_path)
    assert [lr.name for lr in run.learners] == ["diligent"]
    assert [t.learner for t in run.unfinished] == ["diligent", "oracle"]
    assert run.learners[0].card is None
    html = build_report(tmp_path).read_text(encoding="utf-8")
    assert "2 track(s) did not finish" in html
    assert "no metric card" in html
    assert 'id="gains"' not in html  # no learner has a finished control
    assert html.count("<svg") == 2  # its learning curve and heatmap


def test_no_finished_track_is_an_error(tmp_path: Path) -> None:
    with RunStore(tmp_path / "run.sqlite") as store:
        add_run(store, "diligent", 0, control=False, finish=False)
    with pytest.raises(ReportError, match="no learner track has finished"):
        build_report(tmp_path)


def test_cli_refuses_a_missing_run_in_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["report", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "no such directory" in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "nope").exists()  # a missing run is never created
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(app, ["report", str(tmp_path / "empty")])
    assert result.exit_code == 2 and "no run.sqlite in it" in result.output


def test_a_file_that_is_not_a_run_store_is_refused(tmp_path: Path) -> None:
    (tmp_path / "run.sqlite").write_bytes(b"this is not sqlite, just text " * 100)
    with pytest.raises(ReportError, match="not a selftaught run store"):
        build_report(tmp_path)
