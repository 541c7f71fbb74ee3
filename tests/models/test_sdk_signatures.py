"""The local clients offer every public method and argument of the installed ``tinker`` SDK.

Why introspection: "code written for Tinker runs locally unchanged" is only true
while the local clients keep up with the SDK. This test reads the SDK's own
public classes and fails, naming the method or argument, the day a new SDK
release adds one we lack. What has no local meaning is listed in ``NOT_LOCAL``
with the reason (and the docs say the same).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import pytest
import tinker

from selftaught.models import (
    LocalRestClient,
    LocalSamplingClient,
    LocalServiceClient,
    LocalTrainingClient,
)

SERVER_ONLY = "needs a Tinker server's state (sessions, accounts, billing, queues)"

NOT_LOCAL: dict[tuple[str, str], str] = {
    ("ServiceClient", "create_custom_loss"): (
        "server-compiled loss graphs; locally forward_backward_custom takes the Python function"
    ),
    ("TrainingClient", "save_weights_external"): (
        "export for serving outside Tinker (age-encrypted upload); local checkpoints are "
        "already PEFT adapter directories"
    ),
    ("TrainingClient", "save_weights_external_async"): "as save_weights_external",
    ("SamplingClient", "create"): "constructor from the SDK's internal connection holder",
    ("SamplingClient", "from_sampler_handle"): SERVER_ONLY,
    ("SamplingClient", "get_sampler_handle"): SERVER_ONLY,
    ("SamplingClient", "on_queue_state_change"): SERVER_ONLY,
    **{
        ("RestClient", name): SERVER_ONLY
        for name in (
            "assign_session_project",
            "assign_session_project_async",
            "export_session_trace",
            "export_session_trace_async",
            "get_audit_log",
            "get_audit_log_async",
            "get_billing_usage",
            "get_billing_usage_async",
            "get_current_checkpoint_storage_usage",
            "get_current_checkpoint_storage_usage_async",
            "get_sampler",
            "get_sampler_async",
            "get_session",
            "get_session_async",
            "list_sessions",
            "list_sessions_async",
            "search_sessions",
            "whoami",
        )
    },
}
"""(SDK class, method) -> why the local backend does not offer it."""

PAIRS = [
    (tinker.ServiceClient, LocalServiceClient),
    (tinker.TrainingClient, LocalTrainingClient),
    (tinker.SamplingClient, LocalSamplingClient),
    (tinker.RestClient, LocalRestClient),
]


def _public_methods(cls: type) -> dict[str, Callable[..., Any]]:
    out = {}
    for name, value in inspect.getmembers(cls):
        if name.startswith("_") or isinstance(inspect.getattr_static(cls, name), property):
            continue
        if callable(value):
            out[name] = value
    return out


def _cases() -> list[tuple[type, type, str]]:
    cases = []
    for sdk, local in PAIRS:
        cases.extend((sdk, local, name) for name in sorted(_public_methods(sdk)))
    cases.append((tinker.ServiceClient, LocalServiceClient, "__init__"))
    return cases


def _params(fn: Callable[..., Any]) -> list[inspect.Parameter]:
    return [
        p
        for p in inspect.signature(fn).parameters.values()
        if p.name != "self" and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
    ]


@pytest.mark.parametrize(
    ("sdk", "local", "name"), _cases(), ids=lambda x: getattr(x, "__name__", str(x))
)
def test_local_client_matches_sdk(sdk: type, local: type, name: str) -> None:
    reason = NOT_LOCAL.get((sdk.__name__, name))
    if reason is not None:
        assert not hasattr(local, name), f"{name} is implemented now: drop it from NOT_LOCAL"
        pytest.skip(f"{sdk.__name__}.{name}: not local ({reason})")
    assert hasattr(local, name), (
        f"{local.__name__} lacks {name}{inspect.signature(getattr(sdk, name))} "
        f"of tinker {tinker.__version__}'s {sdk.__name__}"
    )
    want, got = getattr(sdk, name), getattr(local, name)
    want_async = inspect.iscoroutinefunction(inspect.unwrap(want))  # under telemetry wrappers
    assert want_async == inspect.iscoroutinefunction(got), (
        f"{local.__name__}.{name}: the SDK's is {'async' if want_async else 'sync'}"
    )
    got_params = {p.name: p for p in _params(got)}
    positional = [p.name for p in _params(got) if p.kind == p.POSITIONAL_OR_KEYWORD]
    for index, param in enumerate(_params(want)):
        assert param.name in got_params, (
            f"{local.__name__}.{name} lacks argument {param.name!r} of the SDK's "
            f"{sdk.__name__}.{name}{inspect.signature(want)}"
        )
        mine = got_params[param.name]
        if param.default is not param.empty:
            assert mine.default is not mine.empty, f"{name}({param.name}=...): needs a default"
        if param.kind == param.POSITIONAL_OR_KEYWORD:
            assert positional[: index + 1][-1:] == [param.name], (
                f"{local.__name__}.{name}: argument {param.name!r} must be positional #{index}"
            )
        if param.kind == param.KEYWORD_ONLY:
            assert mine.kind in (mine.KEYWORD_ONLY, mine.POSITIONAL_OR_KEYWORD)


def test_the_exemption_list_names_only_real_sdk_methods() -> None:
    """A stale exemption (the SDK dropped the method) would hide nothing; keep the list true."""
    by_name = {sdk.__name__: sdk for sdk, _ in PAIRS}
    for cls_name, method in NOT_LOCAL:
        assert hasattr(by_name[cls_name], method), f"{cls_name}.{method} is gone from the SDK"
