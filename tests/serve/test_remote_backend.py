"""The backend factory: local by default, Tinker only with a credential, clear errors otherwise."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from selftaught.models import remote
from selftaught.models.remote import BackendError, make_service, tinker_credential_source


@pytest.fixture
def no_tinker_credentials(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No key in the environment and an empty home (no `tinker auth login` credentials)."""
    for name in ("TINKER_API_KEY", "TINKER_CREDENTIAL_CMD"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    return tmp_path


def test_tinker_without_key_is_one_clear_line(no_tinker_credentials: Path) -> None:
    with pytest.raises(BackendError) as info:
        make_service("tinker")
    message = str(info.value)
    assert "\n" not in message
    assert "TINKER_API_KEY" in message
    assert "export TINKER_API_KEY=" in message


def test_malformed_key_names_its_source(no_tinker_credentials: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TINKER_API_KEY", "sk-not-a-tinker-key")
    with pytest.raises(BackendError, match=r"^TINKER_API_KEY: a Tinker API key starts with 'tml-'"):
        make_service("tinker")


def test_unknown_backend_lists_choices() -> None:
    with pytest.raises(BackendError, match=r"unknown 'gpu' \(expected one of: local, tinker\)"):
        make_service("gpu")  # type: ignore[arg-type]


def test_credential_sources_in_sdk_order(no_tinker_credentials: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    assert tinker_credential_source() is None
    assert tinker_credential_source("tml-abc") == "api_key argument"
    stored = no_tinker_credentials / ".tinker" / "credentials.json"
    stored.parent.mkdir()
    stored.write_text(json.dumps({
        "version": 1, "default": "main",
        "keys": {"main": {"type": "manual", "key": "tml-stored", "name": "main"}},
    }))
    assert tinker_credential_source() == str(stored)
    monkeypatch.setenv("TINKER_CREDENTIAL_CMD", "echo tml-x")
    assert tinker_credential_source() == "TINKER_CREDENTIAL_CMD"
    monkeypatch.setenv("TINKER_API_KEY", "tml-env")
    assert tinker_credential_source() == "TINKER_API_KEY"


def test_tinker_with_key_returns_the_real_sdk_client(no_tinker_credentials: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import tinker

    monkeypatch.setenv("TINKER_API_KEY", "tml-test-key")
    service = make_service("tinker", base_url="http://127.0.0.1:9")
    assert isinstance(service, tinker.ServiceClient)  # lazy: nothing was sent yet


def test_local_backend_is_the_local_service() -> None:
    from selftaught.models import LocalServiceClient

    assert isinstance(make_service("local"), LocalServiceClient)
    assert remote.BACKENDS == ("local", "tinker")
