"""Every CLI command, driven with generated bad arguments and hostile files.

The property: whatever bad input a user gives -- an out-of-range or non-numeric
number, an unknown name, a path that is a file where a directory belongs, a FIFO or
``/dev/zero`` as a textbook, a YAML alias bomb, a damaged run store -- the command
exits with status 2, prints exactly one non-blank line, and never a ``Traceback``.

How: `hypothesis` draws, for one command at a time, a list of arguments in which at
least one slot holds a bad value (the others hold good ones, so the bad one is what is
reported); the command runs in-process through Typer's `CliRunner`. Deterministic
(``derandomize=True``) and bounded (a fixed number of examples per command; every
command here fails before loading a model or starting a server). `test_every_command_is_fuzzed`
fails when a command is added without entries here.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
import typer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from selftaught.cli.main import app

runner = CliRunner()
TINY_BOOK = Path(__file__).parents[1] / "study" / "data" / "tiny_book.json"

BOMB = """a: &a ["x","x","x","x","x","x","x","x","x","x"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h,*h]
id: x
title: *i
"""


def _files(root: Path) -> dict[str, Path]:
    """Hostile inputs on disk, made once per session."""
    f: dict[str, Path] = {}

    def put(name: str, data: bytes) -> None:
        f[name] = root / name
        f[name].write_bytes(data)

    put("bomb.yaml", BOMB.encode())
    put("recursive.yaml", b"id: &r [*r]\n")
    put("garbage.json", bytes(range(256)) * 4)
    put("empty.yaml", b"")
    put("nul.md", b"---\nid: x\x00\n---\n# C {#c}\n")
    put("latin1.yaml", "titl\xe9: caf\xe9\n".encode("latin-1"))
    put("deep.json", b"[" * 100_000 + b"]" * 100_000)
    put("list.yaml", b"- just\n- a list\n")
    put("nosuffix", b"id: x\n")
    put("afile", b"a regular file\n")
    put("empty.sqlite", b"")
    put("garbage.sqlite", b"SQLite format 3\x00" + bytes(range(256)) * 16)
    f["fifo.yaml"] = root / "fifo.yaml"
    os.mkfifo(f["fifo.yaml"])
    f["zero.yaml"] = root / "zero.yaml"
    f["zero.yaml"].symlink_to("/dev/zero")
    f["dir.yaml"] = root / "dir.yaml"
    f["dir.yaml"].mkdir()
    f["missing.yaml"] = root / "missing.yaml"
    f["under_file"] = root / "afile" / "sub"
    other = root / "other_db"  # an SQLite file that is not a run store
    other.mkdir()
    db = sqlite3.connect(other / "run.sqlite")
    db.execute("CREATE TABLE t (x)")
    db.commit()
    db.close()
    f["not_a_run"] = other
    f["no_store_dir"] = root / "dir.yaml"
    return f


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return _files(tmp_path_factory.mktemp("hostile"))


BAD_INTS = ["-1", "0", "99999999999999999999", "abc", "1.5", ""]
BAD_BOOKS = ["bomb.yaml", "recursive.yaml", "garbage.json", "empty.yaml", "nul.md",
             "latin1.yaml", "deep.json", "list.yaml", "nosuffix", "fifo.yaml", "zero.yaml",
             "dir.yaml", "missing.yaml"]
BAD_DIRS = ["afile", "under_file"]
BAD_STORES = ["empty.sqlite", "garbage.sqlite", "not_a_run", "no_store_dir", "missing.yaml"]

Slot = st.SearchStrategy[list[str]]


def _file(name: str) -> Callable[[dict[str, Path]], str]:
    return lambda f: str(f[name])


def _case(*slots: tuple[list[str], list[list[str]]]) -> st.SearchStrategy[list[list[str]]]:
    """Each slot: (good args, [bad args, ...]); one bad slot at least, the rest good."""
    n = len(slots)

    @st.composite
    def build(draw: st.DrawFn) -> list[list[str]]:
        bad_at = draw(st.integers(0, n - 1))
        chosen = []
        for i, (good, bads) in enumerate(slots):
            if i == bad_at or (bads and draw(st.booleans()) and draw(st.booleans())):
                chosen.append(draw(st.sampled_from(bads)))
            else:
                chosen.append(good)
        return chosen

    return build()


def _ints(option: str) -> list[list[str]]:
    return [[option, v] for v in BAD_INTS]


# Each command: (fixed prefix, strategy over slots). "@name" is replaced by a hostile file.
COMMANDS: dict[str, tuple[list[str], st.SearchStrategy[list[list[str]]]]] = {
    "textbook validate": (["textbook", "validate"], _case(
        ([str(TINY_BOOK)], [[f"@{b}"] for b in BAD_BOOKS]))),
    "textbook show": (["textbook", "show", "--no-pager"], _case(
        ([str(TINY_BOOK)], [[f"@{b}"] for b in BAD_BOOKS]),
        ([], [["--chapter", v] for v in ["0", "-3", "99999999999999999999", "x"]]))),
    "textbook new": (["textbook", "new"], _case(
        (["language"], [["nodomain"], [""], ["../x"]]),
        (["-o", "@afile.yaml"], [["-o", "@afile/x.yaml"], ["-o", "@dir.yaml/x.txt"],
                                 ["-o", "@dir.yaml"]]),
        ([], _ints("--chapters")))),
    "study": (["study"], _case(
        (["language"], [[f"@{b}"] for b in BAD_BOOKS] + [["nodomain"]]),
        (["--learner", "diligent"], [["--learner", "nolearner"], ["--learner", "../x"]]),
        (["--run-dir", "@run_new"], [["--run-dir", f"@{d}"] for d in BAD_DIRS]),
        ([], _ints("--seeds") + _ints("--curve-every")
         + [["--chapters", v] for v in ["0", "1-2", "x", "99999999999"]]
         + [["--option", v] for v in ["noequals", "=1"]]
         + [["--duct-tape-penalty", v] for v in ["-1", "nan", "x"]]
         + [["--resume"]]))),
    "run": (["run", "--quick"], _case(
        (["--model", "tiny-random"], [["--model", "no-such-model"],
                                      ["--option", "model=no-such-model"]]),
        (["--run-dir", "@run_new"], [["--run-dir", f"@{d}"] for d in BAD_DIRS]
         + [["--resume"]]),
        ([], _ints("--seeds") + _ints("--chapters") + _ints("--items")
         + [["--learners", v] for v in ["nolearner", ",", "lora,nope"]]
         + [["--domain", "nodomain"], ["--option", "noequals"],
            ["--option", "no_such_field=1"], ["--duct-tape-penalty", "-2"]]))),
    "serve": (["serve", "--model", "tiny-random"], _case(
        (["--port", "0"], [["--port", v] for v in ["-1", "70000", "x"]]),
        ([], [["--device", "tpu"], ["--state", "@missing.yaml"], ["--max-tokens", "0"],
              ["--model", "no-such-model"]]))),
    "lint": (["lint"], _case(
        (["@run_new"], [["@missing.yaml"], ["@garbage.json"]]),
        ([], [["--format", "bogus"], ["--explain", "NO-SUCH-RULE"],
              ["--output", "@under_file/x"]]))),
    "report": (["report"], _case(
        (["@good_run"], [[f"@{s}"] for s in BAD_STORES]),
        ([], [["--out", "@under_file/r.html"], ["--out", "@dir.yaml"],
              ["--tensorboard", "@afile"]]))),
    "train": (["train", "--quick", "--model", "tiny-random", "--no-eval"], _case(
        (["--run-dir", "@train_new"], [["--run-dir", f"@{d}"] for d in BAD_DIRS]
         + [["--resume"]]),
        ([], [["--set", v] for v in ["train_seeds=5", "train_seeds=[a]", "iterations=\"3\"",
                                     "nofield=1", "noequals", "edits_per_chapter=999999999",
                                     "reward.nope=1", "chapters=-1"]]
         + _ints("--edits-per-chapter") + _ints("--iterations")
         + [["--algorithm", "nope"], ["--memory", "nope"], ["--eval-only", "@afile"]]))),
    "learner new": (["learner", "new"], _case(
        (["fresh"], [["../up"], ["UPPER"], [""], ["a/b"]]),
        (["--kind", "diligent"], [["--kind", "nokind"]]),
        (["--home", "@home"], [["--home", f"@{d}"] for d in BAD_DIRS]),
        ([], [*_ints("--seed")[:1], ["--seed", "abc"], ["--option", "noequals"],
              ["--option", "nope=1"]]))),
    "learner list": (["learner", "list"], _case(
        ([], [["--bogus"], ["extra-arg"]]))),
    "learner show": (["learner", "show"], _case(
        (["ghost"], [["../up"], ["ghost"]]),
        (["--home", "@home"], [["--home", "@afile"]]))),
    "learner rollback": (["learner", "rollback"], _case(
        (["ghost"], [["../up"], ["ghost"]]),
        (["--to-day", "0"], [["--to-day", v] for v in BAD_INTS]),
        (["--home", "@home"], [["--home", "@afile"]]))),
    "discover": (["discover"], _case(
        (["physics"], [["nofamily"], ["physics-easy-s999999999999"], [""]]),
        (["--agent", "random"], [["--agent", "noagent"]]),
        (["--run-dir", "@run_new"], [["--run-dir", f"@{d}"] for d in BAD_DIRS]),
        ([], _ints("--seeds") + _ints("--budget")
         + [["--difficulty", "impossible"], ["--noise", "-1"], ["--noise", "nan"]]))),
    "models list": (["models", "list"], _case(([], [["--bogus"], ["extra-arg"]]))),
    "plugins": (["plugins"], _case(([], [["--bogus"], ["extra-arg"]]))),
    "models prepare": (["models", "prepare"], _case(
        (["tiny-random"], [["no-such-model"], ["../x"], [""]]))),
}


def _leaf_commands() -> set[str]:
    found: set[str] = set()

    def walk(command: object, path: list[str]) -> None:
        commands = getattr(command, "commands", None)
        if commands:
            for name, sub in commands.items():
                walk(sub, [*path, name])
        else:
            found.add(" ".join(path))

    walk(typer.main.get_command(app), [])
    return found


def test_every_command_is_fuzzed() -> None:
    assert _leaf_commands() == set(COMMANDS)


def _resolve(arg: str, files: dict[str, Path], scratch: Path) -> str:
    if not arg.startswith("@"):
        return arg
    name, _, rest = arg[1:].partition("/")
    base = files.get(name, scratch / name)
    return str(base / rest) if rest else str(base)


@pytest.fixture(scope="module")
def good_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small finished study run, for `report`'s good RUN_DIR."""
    directory = tmp_path_factory.mktemp("good") / "run"
    result = runner.invoke(app, ["study", str(TINY_BOOK), "--learner", "diligent", "--chapters",
                                 "1", "--run-dir", str(directory)])
    assert result.exit_code == 0, result.output
    return directory


SUMMARY_LINE = {"lint": " finding(s) in "}
"""Commands that end every run with a summary line (the linter's counts), allowed after the
one error line."""


def _check(args: list[str]) -> None:
    result = runner.invoke(app, args, env={"COLUMNS": "200"})
    out = result.output
    lines = [line for line in out.splitlines() if line.strip()]
    summary = SUMMARY_LINE.get(args[0])
    if summary and len(lines) == 2 and summary in lines[1]:
        lines = lines[:1]
    assert result.exit_code == 2, f"{args}: exit {result.exit_code}\n{out}"
    assert ("Traceback" not in out and result.exception is None) or isinstance(
        result.exception, SystemExit), f"{args}: {result.exception!r}\n{out}"
    assert len(lines) == 1, f"{args}: {len(lines)} lines\n{out}"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_bad_input_is_one_line_and_exit_2(
    name: str, files: dict[str, Path], good_run: Path, tmp_path_factory: pytest.TempPathFactory,
) -> None:
    prefix, strategy = COMMANDS[name]
    scratch = tmp_path_factory.mktemp("scratch")
    known = {**files, "good_run": good_run}
    counter = iter(range(10**6))

    @settings(max_examples=10, derandomize=True, deadline=None, database=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture,
                                     HealthCheck.too_slow])
    @given(strategy)
    def check(slots: list[list[str]]) -> None:
        # fresh names per example, so one example's run dir never makes the next one "exist"
        fresh = scratch / str(next(counter))
        fresh.mkdir()
        args = [_resolve(a, known, fresh) for a in prefix] + [
            _resolve(a, known, fresh) for slot in slots for a in slot]
        _check(args)

    check()
