"""`selftaught lint` through typer's CliRunner: formats, exit codes, diff modes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from selftaught.cli.lint import register

BAD = "try:\n    f()\nexcept Exception:\n    pass\n"
GOOD = "def f():\n    return 1\n"


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()
    register(app)

    @app.command("noop")
    def noop() -> None:  # a second command keeps `lint` a named subcommand
        """Unused."""

    return app


def run(app: typer.Typer, *args: str):
    return CliRunner().invoke(app, ["lint", *args])


def test_clean_file_exits_0(app, tmp_path: Path):
    (tmp_path / "a.py").write_text(GOOD)
    res = run(app, str(tmp_path / "a.py"))
    assert res.exit_code == 0, res.output
    assert "0 finding(s) in 1 file(s)" in res.output


def test_findings_exit_1_with_text_lines(app, tmp_path: Path):
    (tmp_path / "a.py").write_text(BAD)
    res = run(app, str(tmp_path))
    assert res.exit_code == 1
    assert f"{tmp_path / 'a.py'}:3:1: DT101" in res.output


def test_unparseable_file_exits_2_and_others_are_still_linted(app, tmp_path: Path):
    (tmp_path / "a.py").write_text(BAD)
    (tmp_path / "broken.py").write_text("def f(:\n")
    res = run(app, str(tmp_path), "--format", "json")
    assert res.exit_code == 2
    assert "broken.py:1: cannot parse as Python" in res.output
    assert "Traceback" not in res.output
    doc = json.loads(res.stdout[: res.stdout.rindex("}") + 1])
    assert [f["rule"] for f in doc["findings"]] == ["DT101"]


def test_usage_errors_exit_2_with_one_line(app, tmp_path: Path):
    assert run(app).exit_code == 2
    res = run(app, str(tmp_path / "missing.py"))
    assert res.exit_code == 2 and "missing.py: no such file or directory" in res.output
    res = run(app, str(tmp_path), "--format", "xml")
    assert res.exit_code == 2 and "--format" in res.output


def test_sarif_to_output_file(app, tmp_path: Path):
    (tmp_path / "a.py").write_text(BAD)
    out = tmp_path / "report.sarif"
    res = run(app, str(tmp_path / "a.py"), "--format", "sarif", "--output", str(out))
    assert res.exit_code == 1
    assert json.loads(out.read_text())["runs"][0]["results"][0]["ruleId"] == "DT101"


def test_diff_option(app, tmp_path: Path):
    (tmp_path / "a.py").write_text(GOOD + BAD)
    patch = tmp_path / "change.patch"
    patch.write_text("--- a/a.py\n+++ b/a.py\n@@ -2,0 +3,4 @@\n"
                     + "".join("+" + ln + "\n" for ln in BAD.splitlines()))
    res = run(app, "--diff", str(patch), "--root", str(tmp_path))
    assert res.exit_code == 1 and "a.py:5:1: DT101" in res.output
    res = run(app, "--diff", str(tmp_path / "nope.patch"))
    assert res.exit_code == 2 and "nope.patch" in res.output


def test_tests_option_enables_special_casing(app, tmp_path: Path):
    (tmp_path / "sol.py").write_text("def sq(x):\n    if x == 12:\n        return 144\n"
                                     "    return x * x\n")
    (tmp_path / "test_sol.py").write_text("from sol import sq\ndef test_sq():\n"
                                          "    assert sq(12) == 144\n")
    assert run(app, str(tmp_path / "sol.py")).exit_code == 0
    res = run(app, str(tmp_path / "sol.py"), "--tests", str(tmp_path / "test_sol.py"))
    assert res.exit_code == 1 and "DT301" in res.output


def test_list_and_explain_rules(app):
    res = run(app, "--list-rules")
    assert res.exit_code == 0 and "DT101" in res.output and "DT401" in res.output
    res = run(app, "--explain", "dt204")
    assert res.exit_code == 0 and "test-without-assertion" in res.output
    assert run(app, "--explain", "DT999").exit_code == 2
