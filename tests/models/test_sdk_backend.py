"""``--backend`` / ``--base-url``: checked before anything is created, one error line each.

The end-to-end run through the official SDK against ``serve --tinker`` is in
``tests/serve/test_tinker_server.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from selftaught.cli.main import app
from selftaught.models.backend import (
    LOOPBACK_KEY,
    BackendChoice,
    current_backend,
    resolve_backend,
    use_backend,
)
from selftaught.models.remote import BackendError


@pytest.fixture(autouse=True)
def no_tinker_key(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("TINKER_API_KEY", "TINKER_CREDENTIAL_CMD", "TINKER_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))  # no stored `tinker auth login` key
    yield
    use_backend(BackendChoice())


def test_resolve_backend_checks_name_key_and_url() -> None:
    assert resolve_backend("local") == BackendChoice()
    with pytest.raises(BackendError, match="unknown 'gpu'"):
        resolve_backend("gpu")
    with pytest.raises(BackendError, match="TINKER_API_KEY is not set"):
        resolve_backend("tinker")
    with pytest.raises(BackendError, match="needs --backend tinker"):
        resolve_backend("local", "http://127.0.0.1:9")
    with pytest.raises(BackendError, match="cannot reach it"):
        resolve_backend("tinker", "http://127.0.0.1:9")
    with pytest.raises(BackendError, match="expected http"):
        resolve_backend("tinker", "127.0.0.1:9")


COMMANDS = [
    ["run", "--quick", "--model", "tiny-random"],
    ["study", "language", "--learner", "notes"],
    ["train", "--quick"],
    ["learner", "new", "bob", "--kind", "notes"],
    ["discover", "any-world"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--backend", "tinker"], "TINKER_API_KEY is not set"),
        (["--backend", "tinker", "--base-url", "http://127.0.0.1:9"], "cannot reach it"),
    ],
    ids=["no-key", "unreachable"],
)
def test_every_command_fails_in_one_line_before_making_anything(
    command: list[str],
    flags: list[str],
    message: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, [*command, *flags])
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and message in lines[0], result.output
    assert list(tmp_path.iterdir()) == [], "nothing may be created before the check"
    assert current_backend() == BackendChoice()


def test_a_loopback_server_needs_no_real_key(monkeypatch: pytest.MonkeyPatch) -> None:
    import selftaught.models.backend as backend

    # the live check is what the server's own test covers
    monkeypatch.setattr(backend, "_probe_tinker", lambda url: None)
    choice = resolve_backend("tinker", "http://127.0.0.1:8000")
    assert choice == BackendChoice("tinker", "http://127.0.0.1:8000", LOOPBACK_KEY)
    with pytest.raises(BackendError, match="TINKER_API_KEY"):
        resolve_backend("tinker", "http://example.invalid:8000")
