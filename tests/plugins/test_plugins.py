"""Plugins: a package installed with pip adds a learner, a textbook domain and a checker kind
through entry points; the CLI lists them and studies with them; each passes its extension
point's public conformance check.

The fixture package (``fixture_pkg/``, its own ``pyproject.toml``) is really installed, with
``pip install --target`` into a temporary directory that is then put on ``sys.path`` -- so
the test also proves the entry-point declarations a user would copy.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from selftaught import types
from selftaught.checkers import CHECKERS, check_checker, register_checker
from selftaught.cli.main import app
from selftaught.generators import DOMAINS, check_generator, generate
from selftaught.learners import LEARNERS, check_learner, get_factory, learner_names
from selftaught.plugins import PluginError
from selftaught.study import RunStore
from selftaught.textbook import check_textbook
from selftaught.types import CheckerSpec, Exercise, Grade, checker_kinds

FIXTURE = Path(__file__).parent / "fixture_pkg"
NAMES = {"learner": "phonebook-memo", "domain": "phonebook", "kind": "digits"}


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture package pip-installed into a fresh directory (not yet on sys.path)."""
    root = tmp_path_factory.mktemp("plugin")
    source = shutil.copytree(FIXTURE, root / "src")  # pip builds in the source tree
    target = root / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                    "--no-build-isolation", "--no-index", "--target", str(target), str(source)],
                   check=True, capture_output=True, timeout=300)
    assert (target / "selftaught_fixture-0.1.dist-info" / "entry_points.txt").is_file()
    return target


@pytest.fixture
def plugin(installed: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The installed plugin on sys.path for one test; its loaded objects forgotten after."""
    monkeypatch.syspath_prepend(str(installed))
    yield installed
    for registry, name in ((LEARNERS, NAMES["learner"]), (DOMAINS, NAMES["domain"]),
                           (CHECKERS, NAMES["kind"])):
        if name in registry.registered():
            del registry[name]


def test_nothing_is_there_before_the_plugin_is_installed() -> None:
    assert NAMES["learner"] not in learner_names() and NAMES["domain"] not in DOMAINS
    assert NAMES["kind"] not in checker_kinds()
    with pytest.raises(ValidationError, match="Input should be 'exact'"):
        CheckerSpec(kind="digits")


def test_registries_see_the_plugin(plugin: Path) -> None:
    assert NAMES["learner"] in learner_names()
    assert NAMES["domain"] in DOMAINS and NAMES["kind"] in checker_kinds()
    assert CheckerSpec(kind="digits").kind == "digits"
    with pytest.raises(ValidationError, match="'digits'"):  # the error lists plugin kinds too
        CheckerSpec(kind="digitz")


def test_the_plugins_pass_their_conformance_checks(plugin: Path) -> None:
    check_generator(NAMES["domain"])
    book = generate(NAMES["domain"], seed=0, chapters=2)
    check_textbook(book)
    check_checker(book.chapters[0].exercises[0])
    check_learner(get_factory(NAMES["learner"]), book)


def test_the_cli_lists_the_plugins(plugin: Path) -> None:
    result = CliRunner().invoke(app, ["plugins"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    for point, name in (("learner", "phonebook-memo"), ("textbook domain", "phonebook"),
                        ("checker kind", "digits")):
        assert any(point in ln and f" {name} " in ln and "selftaught-fixture 0.1" in ln
                   for ln in lines), result.output
    assert any("learner" in ln and " lora " in ln and "selftaught" in ln for ln in lines)


def test_the_cli_studies_with_the_plugin(plugin: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["study", "phonebook", "--learner", "phonebook-memo",
                                      "--chapters", "2", "--run-dir", str(tmp_path / "run")],
                                env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    with RunStore(tmp_path / "run" / "run.sqlite") as store:
        learner, control = store.tracks()
        probes = [e for e in store.events(learner.id) if e.kind == "probe"]
    assert (learner.learner, control.control) == ("phonebook-memo", True)
    # it knows nothing before studying, and every number of a chapter after studying it
    assert not any(e.grade and e.grade.correct for e in probes if e.after_chapter == 0)
    assert all(e.grade and e.grade.correct for e in probes
               if e.after_chapter and e.chapter <= e.after_chapter)


def test_a_broken_plugin_is_one_error_naming_its_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An entry point naming a module that does not import: a `PluginError` saying which
    distribution declared it, never a silently missing learner."""
    info = tmp_path / "broken_plugin-2.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: broken-plugin\nVersion: 2.0\n")
    (info / "entry_points.txt").write_text("[selftaught.learners]\nghost = no_such_module:make\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert "ghost" in learner_names()
    with pytest.raises(PluginError, match=r"ghost.*broken-plugin 2\.0.*failed to load"):
        get_factory("ghost")


def test_a_kind_registered_in_process_is_valid_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    def check_reversed(response: str, item: Exercise) -> Grade:
        ok = response.removeprefix("Answer: ")[::-1] == item.answer
        return Grade(score=float(ok), correct=ok, feedback="reversed")

    monkeypatch.setitem(CHECKERS, "test-reversed", check_reversed)  # both undone after the test
    monkeypatch.setattr(types, "DECLARED_CHECKER_KINDS", set(types.DECLARED_CHECKER_KINDS))
    register_checker("test-reversed", check_reversed)
    item = Exercise(id="e", prompt="Say 'abc' backwards", answer="cba",
                    checker=CheckerSpec(kind="test-reversed"))
    with pytest.raises(ValueError, match=r"reference answer 'cba' .* grades incorrect"):
        check_checker(item)  # the reference, reversed, is not itself: the check catches it
