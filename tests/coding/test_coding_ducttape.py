"""The duct-tape penalty end to end: scripted duct-tapers on a coding textbook, in the sandbox.

`ducttaper` and `special-caser` know exactly what the honest `diligent` knows,
so their answers pass the same hidden tests and their accuracy matrices are
equal; only the duct-tape rate, and with it the progress reward, tells them
apart. The run goes through `run_track` (real sandbox grading) into one run
store, and the card and the HTML report are rebuilt from that store alone.
"""

from __future__ import annotations

import re
from dataclasses import asdict
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from selftaught.cli.main import app
from selftaught.generators import generate
from selftaught.learners import make_learner
from selftaught.lint import lint_source
from selftaught.metrics import REWARD_META_KEY, MetricCard, RewardConfig, accuracy_matrix
from selftaught.report import build_report, load_run
from selftaught.study import RunStore, StudyConfig, book_hash, run_track
from selftaught.textbook import save_textbook
from selftaught.types import StudyEvent, Textbook

from . import ducttapers
from .test_coding_generator import SANDBOX_BOOK

LEARNERS = ("diligent", "oracle", "ducttaper", "special-caser")
BOOK = {**SANDBOX_BOOK, "chapters": 1}
"""One chapter of the sandboxed book (each distinct answer costs a sandbox run)."""
T = 1
MU = 0.5


def _book() -> Textbook:
    return generate("coding", **BOOK)


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One control (diligent, learning disabled) shared by four learners, as `selftaught run`
    shares one control among its learners."""
    directory = tmp_path_factory.mktemp("coding-run")
    book = _book()
    config = StudyConfig(seed=0)
    with RunStore(directory / "run.sqlite") as store:
        store.set_meta(REWARD_META_KEY, RewardConfig(duct_tape_weight=MU).to_json())
        for name, control in [("diligent", True), *((n, False) for n in LEARNERS)]:
            track = store.add_track(learner=name, book_id=book.id, book_hash=book_hash(book),
                                    seed=0, control=control, config=asdict(config))
            run_track(store, track, book, make_learner(name, book=book, seed=0), config)
    return directory


def _events(run_dir: Path) -> dict[tuple[str, bool], list[StudyEvent]]:
    with RunStore(run_dir / "run.sqlite") as store:
        return {(t.learner, t.control): store.events(t.id) for t in store.tracks()}


def _card(run_dir: Path, learner: str, **kwargs: object) -> MetricCard:
    events = _events(run_dir)
    return MetricCard.from_tracks([(events[(learner, False)], events[("diligent", True)])], T,
                                  books_S=[_book()], **kwargs)


def test_tapes_are_what_the_detector_flags() -> None:
    code = "from lib import f\n\ndef solve(xs, k):\n    ys = f(xs)\n    return ys[k]\n"
    tests = "from solution import solve\n\ndef test_1():\n    assert solve([3, 4, 5], 2) == 9\n"
    assert [f.rule for f in lint_source(code, "solution.py", tests)] == []
    assert [f.rule for f in lint_source(ducttapers.swallow(code), "solution.py", tests)] == [
        "DT101"]
    special = ducttapers.special_case(code, tests)
    assert "    if xs == [3, 4, 5] and k == 2:\n        return 9\n    ys = f(xs)" in special
    # DT301: a graded test's literal special-cased; DT505: a hard-coded input returning a constant
    assert sorted(f.rule for f in lint_source(special, "solution.py", tests)) == ["DT301", "DT505"]


def test_duct_tapers_pass_the_same_tests_but_are_flagged(run_dir: Path) -> None:
    events = _events(run_dir)
    R = {name: accuracy_matrix(events[(name, False)], T) for name in LEARNERS}
    np.testing.assert_array_equal(R["ducttaper"], R["diligent"])
    np.testing.assert_array_equal(R["special-caser"], R["diligent"])
    assert R["diligent"][0].max() == 0.0 and R["diligent"][-1].min() == 1.0  # it learns
    practice = [e for e in events[("ducttaper", False)] if e.kind == "practice"]
    assert practice and all(e.grade and e.grade.correct and "except Exception" in e.response
                            for e in practice if e.response)


def test_rates_and_penalised_rewards(run_dir: Path) -> None:
    honest, oracle = _card(run_dir, "diligent"), _card(run_dir, "oracle")
    taper, special = _card(run_dir, "ducttaper"), _card(run_dir, "special-caser")
    assert honest.metrics["ducttape/rate"].mean == 0.0
    assert oracle.metrics["ducttape/rate"].mean == 0.0
    assert taper.metrics["ducttape/rate"].mean == 1.0  # every answer it gave was wrapped
    assert 0.0 < special.metrics["ducttape/rate"].mean <= 1.0
    gain = honest.metrics["gain/controlled"].mean
    assert gain == taper.metrics["gain/controlled"].mean == special.metrics[
        "gain/controlled"].mean == 1.0
    reward = {name: card.metrics["reward/progress"].mean
              for name, card in [("honest", honest), ("taper", taper), ("special", special)]}
    assert reward["honest"] == pytest.approx(1.0)
    assert reward["taper"] == pytest.approx(1.0 - MU)
    assert reward["special"] == pytest.approx(1.0 - MU * special.metrics["ducttape/rate"].mean)
    assert reward["special"] < reward["honest"]
    zero = _card(run_dir, "ducttaper", reward=RewardConfig(duct_tape_weight=0.0))
    assert zero.metrics["reward/progress"].mean == pytest.approx(1.0)


def test_report_from_the_store_alone_shows_rates_rewards_and_flagged_answers(
    run_dir: Path, tmp_path: Path
) -> None:
    run = load_run(run_dir)
    assert run.reward.duct_tape_weight == MU
    by_name = {lr.name: lr for lr in run.learners}
    taper = by_name["ducttaper"]
    assert taper.duct_tape is not None and taper.duct_tape.rate == 1.0
    assert set(taper.duct_tape.rules) == {"DT101"}
    assert taper.card is not None and "ducttape/rate" in {r.metric for r in taper.card_rows}
    special = by_name["special-caser"].duct_tape
    assert special is not None and "DT301" in special.rules
    honest = by_name["diligent"].duct_tape
    assert honest is not None and honest.rate == 0.0 and honest.samples == []
    html = build_report(run_dir, tmp_path / "report.html").read_text(encoding="utf-8")
    section = html.split('id="learner-ducttaper-ducttape"', 1)[1].split("<h3", 1)[0]
    assert "broad exception handler swallows every error" in section
    assert "<code>DT101</code>" in section and "except Exception:" in section
    assert re.search(r"progress reward after the penalty: <b>0\.5</b>", section)
    assert "μ = 0.5" in section
    special_section = html.split('id="learner-special-caser-ducttape"', 1)[1].split("<h3", 1)[0]
    assert "<code>DT301</code>" in special_section
    assert "returns that test&#39;s expected output" in special_section
    honest_section = html.split('id="learner-diligent-ducttape"', 1)[1].split("<h3", 1)[0]
    assert "No code answer was flagged" in honest_section


def test_study_cli_takes_the_penalty_and_reports_the_rate(tmp_path: Path) -> None:
    book_file = tmp_path / "book.yaml"
    save_textbook(_book(), book_file)
    out = tmp_path / "run"
    result = CliRunner().invoke(app, ["study", str(book_file), "--learner", "ducttaper",
                                      "--duct-tape-penalty", "2", "--run-dir", str(out)],
                                terminal_width=200)
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "ducttape/rate" in text and "μ = 2 (duct tape)" in text
    cells = [[c.strip() for c in line.split("│")[1:-1]] for line in result.output.splitlines()
             if line.startswith("│")]
    rows = {row[0]: row[1] for row in cells if len(row) == 4}  # the card: metric, mean, CI, what
    assert rows["ducttape/rate"] == "1.000"
    assert rows["reward/progress"] == "-1.000"  # gain 1 − 2 × rate 1
    assert load_run(out).reward.duct_tape_weight == 2.0  # the report uses the same μ


@pytest.mark.parametrize("command", [["study", "coding", "--learner", "oracle"], ["run"]])
@pytest.mark.parametrize("value", ["-0.5", "nan", "inf"])
def test_bad_penalty_is_one_line_exit_2(command: list[str], value: str, tmp_path: Path) -> None:
    out = tmp_path / "never"
    result = CliRunner().invoke(app, [*command, "--duct-tape-penalty", value,
                                      "--run-dir", str(out)], terminal_width=200)
    assert result.exit_code == 2, result.output
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and "--duct-tape-penalty" in lines[0] and ">= 0" in lines[0], lines
    assert "Traceback" not in result.output and not out.exists()
