"""The two-day workflow end to end through the CLI, on a `lora` learner with the tiny random model.

Day 1 is run once per module (``day1``); every test that damages or extends the
learner works on its own copy, so the tests are independent and still fast.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import torch
from safetensors.torch import load_file
from typer.testing import CliRunner

from selftaught.cli.main import app
from selftaught.generators import generate
from selftaught.learners.model import ModelLearner
from selftaught.textbook import save_textbook

runner = CliRunner()
LORA = ["--kind", "lora", "--model", "tiny-random", "-o", "rank=2", "-o", "study_steps=2",
        "-o", "batch_size=2", "-o", "max_answer_tokens=4",
        # One step per practised exercise (the default is 0), so day 2's step count also
        # proves that feedback trains the continued adapter.
        "-o", "feedback_steps=1"]


def cli(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "200"})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def one_error_line(code: int, out: str) -> str:
    assert code == 2, out
    lines = [line for line in out.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in out, out
    return lines[0]


@pytest.fixture(scope="module")
def book_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("book") / "language.json"
    full = generate("language", seed=0, chapters=4, exercises=2, probes=2)
    # Short expositions keep the byte-level tiny model's training steps fast.
    short = [ch.model_copy(update={"exposition": ch.exposition[:300]}) for ch in full.chapters]
    save_textbook(full.model_copy(update={"chapters": short}), path)
    return path


@pytest.fixture(scope="module")
def day1(tmp_path_factory: pytest.TempPathFactory, book_file: Path) -> Path:
    """A home with learner ``ada`` after day 1 (chapters 1-2)."""
    home = tmp_path_factory.mktemp("home") / "learners"
    code, out = cli("learner", "new", "ada", *LORA, "--home", str(home))
    assert code == 0, out
    code, out = cli("study", str(book_file), "--learner", "ada", "--chapters", "1-2",
                    "--home", str(home))
    assert code == 0, out
    return home


@pytest.fixture
def home(day1: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "learners"
    shutil.copytree(day1, copy)
    return copy


def record(home: Path) -> dict:
    return json.loads((home / "ada" / "learner.json").read_text())


def test_two_days_continue_the_same_adapter(
    home: Path, book_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved = load_file(str(home / "ada" / "days" / "1" / "lora" / "adapter_model.safetensors"))
    assert any(k.endswith("lora_B.default.weight") or "lora_B" in k for k in saved)
    assert any(bool(t.abs().sum() > 0) for k, t in saved.items() if "lora_B" in k), (
        "day 1 trained nothing: a fresh adapter would pass the comparison below"
    )
    loaded: list[dict[str, torch.Tensor]] = []
    original = ModelLearner.load

    def load_and_capture(self: ModelLearner, directory: Path) -> None:
        original(self, directory)
        assert self.lora is not None
        state = self.lora.training.host.adapter_state(self.lora.training.adapter)
        loaded.append({k: v.detach().clone() for k, v in state.items()})

    monkeypatch.setattr(ModelLearner, "load", load_and_capture)
    code, out = cli("study", str(book_file), "--learner", "ada", "--chapters", "3-4",
                    "--home", str(home))
    assert code == 0, out
    [weights] = loaded
    assert weights.keys() == saved.keys()
    assert all(torch.equal(weights[k], saved[k]) for k in saved)

    history = record(home)
    assert history["current_day"] == 2
    day_1, day_2 = history["days"]
    assert day_1["chapters_C"] == [1, 2] and day_2["chapters_C"] == [3, 4]
    assert sorted(day_2["probe_acc"]) == ["1", "2", "3", "4"]  # retention of day 1's chapters
    assert day_2["practice_attempted"] == 4 and day_2["costs"]["grad_steps"] == 8
    # costs continue from the saved state: cumulative = day 1's cumulative + day 2's own
    assert day_2["costs_cumulative"]["tokens_trained"] == (
        day_1["costs_cumulative"]["tokens_trained"] + day_2["costs"]["tokens_trained"]
    )
    assert (home / "ada" / "days" / "1" / "lora").is_dir()  # day 1 kept
    events = (home / "ada" / "days" / "2" / "EVENTS.jsonl").read_text().splitlines()
    assert len(events) == 2 * (1 + 2) + 4 * 2  # study + practice per chapter, 4 chapters probed

    code, out = cli("learner", "show", "ada", "--home", str(home))
    assert code == 0, out
    assert "2 day(s)" in out and "3-4" in out and "ch4" in out and "grad steps" in out
    assert "every file matches its manifest" in out
    code, out = cli("learner", "list", "--home", str(home))
    assert code == 0 and "ada" in out and "lora" in out and "language-s0 ch 3-4" in out


def test_a_corrupted_adapter_byte_is_one_line_and_changes_nothing(
    home: Path, book_file: Path
) -> None:
    adapter = home / "ada" / "days" / "1" / "lora" / "adapter_model.safetensors"
    data = bytearray(adapter.read_bytes())
    data[len(data) // 2] ^= 0x01
    adapter.write_bytes(bytes(data))
    before = (home / "ada" / "learner.json").read_bytes()
    line = one_error_line(*cli("study", str(book_file), "--learner", "ada", "--chapters", "3-4",
                               "--home", str(home)))
    assert "days/1/lora/adapter_model.safetensors: checksum mismatch" in line
    assert f"selftaught learner rollback ada --to-day 0 --home {home}" in line
    assert (home / "ada" / "learner.json").read_bytes() == before
    assert not (home / "ada" / "days" / "2").exists()
    code, out = cli("learner", "show", "ada", "--home", str(home))
    assert code == 2 and "checksum mismatch" in out and "1-2" in out  # the table, then the error


def test_a_truncated_adapter_is_a_size_error(home: Path, book_file: Path) -> None:
    adapter = home / "ada" / "days" / "1" / "lora" / "adapter_model.safetensors"
    adapter.write_bytes(adapter.read_bytes()[:100])
    line = one_error_line(*cli("study", str(book_file), "--learner", "ada", "--chapters", "3",
                               "--home", str(home)))
    assert "adapter_model.safetensors: 100 bytes, the manifest says" in line


def test_a_truncated_learner_json(home: Path, book_file: Path) -> None:
    path = home / "ada" / "learner.json"
    path.write_text(path.read_text()[:200])
    for args in (["learner", "show", "ada"],
                 ["study", str(book_file), "--learner", "ada", "--chapters", "3"]):
        line = one_error_line(*cli(*args, "--home", str(home)))
        assert "ada/learner.json: unreadable" in line and "days" in line
    code, out = cli("learner", "list", "--home", str(home))
    assert code == 0 and "unreadable" in out


def test_a_different_model_than_recorded(home: Path, book_file: Path) -> None:
    path = home / "ada" / "learner.json"
    path.write_text(path.read_text().replace('"tiny-random"', '"smollm2-135m-instruct"'))
    line = one_error_line(*cli("study", str(book_file), "--learner", "ada", "--chapters", "3",
                               "--home", str(home)))
    assert "days/1/MANIFEST.json: state saved with model 'tiny-random'" in line
    assert "records model 'smollm2-135m-instruct'" in line


def test_a_load_that_raises_is_one_line(
    home: Path, book_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: ModelLearner, directory: Path) -> None:
        raise ValueError("unexpected shape\nof the adapter")

    monkeypatch.setattr(ModelLearner, "load", broken)
    line = one_error_line(*cli("study", str(book_file), "--learner", "ada", "--chapters", "3",
                               "--home", str(home)))
    assert "the 'lora' learner cannot load this state (unexpected shape of the adapter)" in line


def test_a_day_killed_midway_leaves_day_1_current_and_reruns(
    home: Path, book_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = (home / "ada" / "learner.json").read_bytes()
    calls = []

    def crash(self: ModelLearner, *args: object) -> None:
        calls.append(args)
        raise RuntimeError("injected crash in day 2")

    monkeypatch.setattr(ModelLearner, "feedback", crash)
    args = ["study", str(book_file), "--learner", "ada", "--chapters", "3-4", "--home", str(home)]
    with pytest.raises(RuntimeError, match="injected crash"):
        cli(*args)
    assert calls
    assert (home / "ada" / "learner.json").read_bytes() == before
    assert sorted(p.name for p in (home / "ada" / "days").iterdir()) == ["1"]
    monkeypatch.undo()
    code, out = cli(*args)
    assert code == 0, out
    assert record(home)["current_day"] == 2


def test_rollback_keeps_later_days_aside(home: Path, book_file: Path) -> None:
    assert cli("study", str(book_file), "--learner", "ada", "--chapters", "3", "--home",
               str(home))[0] == 0
    code, out = cli("learner", "rollback", "ada", "--to-day", "1", "--home", str(home))
    assert code == 0, out
    assert "day 1 is current again" in out
    history = record(home)
    assert history["current_day"] == 1 and len(history["days"]) == 1
    [aside] = history["set_aside"]
    assert aside["day"] == 2 and aside["reason"] == "rollback to day 1"
    assert (home / "ada" / aside["path"] / "MANIFEST.json").is_file()
    assert not (home / "ada" / "days" / "2").exists()
    line = one_error_line(*cli("learner", "rollback", "ada", "--to-day", "1", "--home",
                               str(home)))
    assert "current day is 1; choose an earlier day (0..0)" in line
    code, out = cli("study", str(book_file), "--learner", "ada", "--chapters", "3-4", "--home",
                    str(home))
    assert code == 0, out
    assert record(home)["days"][1]["chapters_C"] == [3, 4]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Ada", "--kind", "oracle"], "learner name 'Ada': use lowercase"),
        (["a/b", "--kind", "oracle"], "learner name 'a/b'"),
        (["lora", "--kind", "oracle"], "is a learner kind"),
        (["ada", "--kind", "oracle"], "a learner named 'ada' exists"),
        (["bob", "--kind", "lorra"], "unknown learner kind 'lorra'"),
        (["bob", "--kind", "oracle", "-o", "x=1"], "takes no options (got: x)"),
        (["bob", "--kind", "lora", "--model", "tiny-random", "-o", "learning_rat=1"],
         "unknown option(s) for the 'lora' learner: learning_rat"),
        (["bob", "--kind", "lora", "--model", "no-such-model"], "no-such-model"),
        (["bob", "--kind", "lora", "-o", "model=tiny-random"], "give the model with --model"),
        (["bob", "--kind", "oracle", "-o", "oops"], "expected KEY=VALUE"),
    ],
)
def test_new_refuses_bad_input(home: Path, args: list[str], message: str) -> None:
    line = one_error_line(*cli("learner", "new", *args, "--home", str(home)))
    assert message in line
    assert sorted(p.name for p in home.iterdir()) == ["ada"]


@pytest.mark.parametrize(
    ("chapters", "message"),
    [
        ("0", "--chapters '0': expected N or A-B"),
        ("2-1", "--chapters '2-1'"),
        ("a", "--chapters 'a'"),
        ("1-2-3", "--chapters '1-2-3'"),
        ("3-5", "has only 4 chapter(s)"),
        (None, "--chapters: say which chapters ada studies today"),
    ],
)
def test_chapters_parsing_errors(
    home: Path, book_file: Path, chapters: str | None, message: str
) -> None:
    args = ["study", str(book_file), "--learner", "ada", "--home", str(home)]
    line = one_error_line(*cli(*args, *(["--chapters", chapters] if chapters else [])))
    assert message in line
    assert record(home)["current_day"] == 1


def test_grid_options_are_refused_for_a_saved_learner(home: Path, book_file: Path) -> None:
    line = one_error_line(*cli("study", str(book_file), "--learner", "ada", "--chapters", "3",
                               "--seeds", "2", "--no-control", "--home", str(home)))
    assert "--seeds, --no-control: not for a saved learner" in line
    line = one_error_line(*cli("study", str(book_file), "--learner", "oracle", "--chapters",
                               "1-2", "--home", str(home)))
    assert "a range A-B is for saved learners" in line
    line = one_error_line(*cli("study", str(book_file), "--learner", "ada", "--chapters", "3",
                               "--items", "2", "--home", str(home)))
    assert "--items" in line and "is a file" in line


def test_generated_books_by_domain_and_seed(tmp_path: Path) -> None:
    home = str(tmp_path / "learners")
    code, out = cli("learner", "list", "--home", home)
    assert code == 0 and "no saved learners" in out
    assert cli("learner", "new", "dil", "--kind", "diligent", "--home", home)[0] == 0
    code, out = cli("learner", "show", "dil", "--home", home)
    assert code == 0 and "has not studied yet" in out
    day = ["study", "language", "--learner", "dil", "--seed", "1", "--items", "2", "--home", home]
    assert cli(*day, "--chapters", "1")[0] == 0
    code, out = cli(*day, "--chapters", "2-3")
    assert code == 0, out
    days = json.loads((tmp_path / "learners" / "dil" / "learner.json").read_text())["days"]
    assert [d["book_source"] for d in days] == ["language --seed 1 --items 2"] * 2
    assert [d["book_id"] for d in days] == ["language-s1"] * 2
    assert days[1]["probe_acc"] == {"1": 1.0, "2": 1.0, "3": 1.0}
    line = one_error_line(*cli(*day[:-4], "--items", "3", "--home", home, "--chapters", "4"))
    assert "chapter 1 of textbook 'language-s1' differs" in line
    line = one_error_line(*cli("study", "languag", "--learner", "dil", "--chapters", "1",
                               "--home", home))
    assert "BOOK 'languag': no such file, and not a generator domain" in line
