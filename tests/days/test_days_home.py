"""The learner home through its Python API, with scripted learners (no model, milliseconds).

Covers what the CLI tests cannot reach cheaply: kills at each point of a commit
or a rollback, retention probing over days, and each way a manifest can fail.
"""

from __future__ import annotations

import doctest
import fcntl
import importlib
import json
from pathlib import Path

import pytest

from selftaught.days import (
    LearnerHome,
    SavedLearnerError,
    create_learner,
    open_learner,
    parse_chapters,
    study_day,
)
from selftaught.days.home import LOCK_FILE
from selftaught.generators import generate
from selftaught.learners import LearnerStateError
from selftaught.learners.scripted import ScriptedLearner
from selftaught.types import Textbook


@pytest.fixture
def book() -> Textbook:
    return generate("language", seed=1, chapters=4, exercises=2, probes=3)


@pytest.fixture
def home(tmp_path: Path) -> LearnerHome:
    home = LearnerHome(tmp_path / "learners")
    create_learner(home, "ada", kind="diligent")
    return home


def day(home: LearnerHome, book: Textbook, chapters: str, name: str = "ada") -> None:
    study_day(home, name, book, "test book", parse_chapters(chapters))


def test_days_probe_every_chapter_studied_so_far(home: LearnerHome, book: Textbook) -> None:
    day(home, book, "1")
    day(home, book, "3")
    record = home.read("ada")
    assert [d.chapters_C for d in record.days] == [[1], [3]]
    assert record.days[0].probe_acc == {1: 1.0}
    assert record.days[1].probe_acc == {1: 1.0, 3: 1.0}  # diligent keeps chapter 1
    assert record.days[1].practice_accuracy == 1.0


def test_forgetful_retention_drops_on_day_two(tmp_path: Path, book: Textbook) -> None:
    home = LearnerHome(tmp_path)
    create_learner(home, "fred", kind="forgetful")
    day(home, book, "1-2", name="fred")
    day(home, book, "3", name="fred")
    last = home.read("fred").days[-1]
    assert last.probe_acc[3] == 1.0
    assert last.probe_acc[1] < 0.5 and last.probe_acc[2] < 0.5


def test_day_two_continues_day_ones_state(home: LearnerHome, book: Textbook) -> None:
    day(home, book, "1-2")
    record = home.read("ada")
    learner = open_learner(home, record, book)
    assert isinstance(learner, ScriptedLearner)
    assert learner.costs() == record.days[0].costs_cumulative
    probe = book.chapters[1].probes[0]
    assert learner.answer([probe.prompt]) == [f"Answer: {probe.answer}"]


def test_a_changed_chapter_is_refused_for_retention(home: LearnerHome, book: Textbook) -> None:
    day(home, book, "1")
    other = generate("language", seed=1, chapters=4, exercises=3, probes=3)  # same id
    with pytest.raises(SavedLearnerError, match="chapter 1 of textbook 'language-s1' differs"):
        day(home, other, "2")
    assert home.read("ada").current_day == 1


def test_a_day_saved_but_not_committed_is_moved_aside(
    home: LearnerHome, book: Textbook, monkeypatch: pytest.MonkeyPatch
) -> None:
    day(home, book, "1")
    real_write = LearnerHome.write

    def killed(self: LearnerHome, record: object) -> None:
        raise KeyboardInterrupt  # killed between the rename of days/2 and learner.json

    monkeypatch.setattr(LearnerHome, "write", killed)
    with pytest.raises(KeyboardInterrupt):
        day(home, book, "2")
    monkeypatch.setattr(LearnerHome, "write", real_write)
    ada = home.directory("ada")
    assert (ada / "days" / "2" / "MANIFEST.json").is_file()
    assert home.read("ada").current_day == 1
    (ada / "days" / ".day_2.leftover").mkdir()  # a temp dir of a save killed midway
    day(home, book, "2")
    record = home.read("ada")
    assert record.current_day == 2
    [aside] = record.set_aside
    assert aside.reason == "uncommitted" and (ada / aside.path / "MANIFEST.json").is_file()
    assert not (ada / "days" / ".day_2.leftover").exists()


def test_a_rollback_killed_after_its_record_completes_on_next_use(
    home: LearnerHome, book: Textbook, monkeypatch: pytest.MonkeyPatch
) -> None:
    day(home, book, "1")
    day(home, book, "2")
    monkeypatch.setattr(LearnerHome, "_move_aside", staticmethod(_kill))
    with pytest.raises(KeyboardInterrupt):
        home.rollback(home.read("ada"), 1)
    monkeypatch.undo()
    record = home.read("ada")
    assert record.current_day == 1 and (home.day_dir("ada", 2)).is_dir()
    record = home.tidy(record)
    [aside] = record.set_aside
    assert aside.reason == "rollback to day 1" and aside.record is not None
    assert (home.directory("ada") / aside.path / "MANIFEST.json").is_file()
    assert not home.day_dir("ada", 2).exists()


def _kill(*args: object) -> None:
    raise KeyboardInterrupt


def test_rollback_to_a_corrupt_day_is_refused(home: LearnerHome, book: Textbook) -> None:
    day(home, book, "1")
    day(home, book, "2")
    (home.day_dir("ada", 1) / "EVENTS.jsonl").write_text("tampered\n")
    with pytest.raises(LearnerStateError, match=r"days/1/EVENTS\.jsonl: .*bytes, the manifest"):
        home.rollback(home.read("ada"), 1)
    assert home.read("ada").current_day == 2
    new, moved = home.rollback(home.read("ada"), 0)
    assert new.current_day == 0 and len(moved) == 2 and all(p.is_dir() for p in moved)


@pytest.mark.parametrize("damage", ["missing file", "missing manifest", "swapped manifest",
                                    "missing day"])
def test_manifest_failures_name_the_file(
    home: LearnerHome, book: Textbook, damage: str
) -> None:
    day(home, book, "1")
    day(home, book, "2")
    state = home.day_dir("ada", 2)
    if damage == "missing file":
        (state / "learner.json").unlink()
        expected = "days/2/learner.json: missing, the saved state is incomplete"
    elif damage == "missing manifest":
        (state / "MANIFEST.json").unlink()
        expected = "days/2/MANIFEST.json: missing"
    elif damage == "swapped manifest":
        (state / "MANIFEST.json").write_bytes(
            (home.day_dir("ada", 1) / "MANIFEST.json").read_bytes())
        expected = "days/2/MANIFEST.json: checksum differs from the one recorded"
    else:
        state.rename(state.with_name("elsewhere"))
        expected = "days/2: missing"
    with pytest.raises(LearnerStateError, match=expected) as error:
        open_learner(home, home.read("ada"), book)
    assert "rollback ada --to-day 1" in str(error.value)
    assert "\n" not in str(error.value)


def test_a_learner_in_use_is_refused(home: LearnerHome, book: Textbook) -> None:
    with open(home.directory("ada") / LOCK_FILE, "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(SavedLearnerError, match="in use by another"):
            day(home, book, "1")
    assert home.read("ada").current_day == 0


def test_record_problems(home: LearnerHome, tmp_path: Path) -> None:
    path = home.directory("ada") / "learner.json"
    raw = json.loads(path.read_text())
    path.write_text(json.dumps({**raw, "current_day": 3}))
    with pytest.raises(LearnerStateError, match="current_day is 3 but days"):
        home.read("ada")
    path.write_text(json.dumps({**raw, "kind": 5}))
    with pytest.raises(LearnerStateError, match=r"learner\.json: kind: "):
        home.read("ada")
    path.write_text(json.dumps({**raw, "format_version": 99}))
    with pytest.raises(LearnerStateError, match="newer than this selftaught"):
        home.read("ada")
    with pytest.raises(SavedLearnerError, match="no saved learner 'zoe'"):
        home.read("zoe")
    (home.root / "half").mkdir()
    with pytest.raises(SavedLearnerError, match="interrupted"):
        home.read("half")


def test_home_comes_from_env_then_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SELFTAUGHT_LEARNERS", str(tmp_path / "env-home"))
    assert LearnerHome().root == tmp_path / "env-home"
    assert "--home" not in LearnerHome().hint("ada", 2)
    assert f"--home {tmp_path}" in LearnerHome(tmp_path).hint("ada", 2)
    monkeypatch.delenv("SELFTAUGHT_LEARNERS")
    assert LearnerHome().root == Path("learners")


@pytest.mark.parametrize("module", ["records", "day"])
def test_doctests(module: str) -> None:
    mod = importlib.import_module(f"selftaught.days.{module}")
    result = doctest.testmod(mod, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0
