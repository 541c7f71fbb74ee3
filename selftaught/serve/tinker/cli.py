"""``selftaught serve --tinker``: parse the options, load the model, serve until Ctrl-C.

Kept beside the app (not in ``selftaught.cli``) so the CLI module stays a thin
option parser and the OpenAI server's command is untouched.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape


def parse_aliases(pairs: list[str]) -> dict[str, str]:
    """``["NAME=MODEL", ...]`` -> ``{NAME: MODEL}``; ``ValueError`` naming a bad pair.

    >>> parse_aliases(["meta-llama/Llama-3.2-1B=tiny-random"])
    {'meta-llama/Llama-3.2-1B': 'tiny-random'}
    """
    out = {}
    for pair in pairs:
        name, sep, model = pair.partition("=")
        if not sep or not name or not model:
            raise ValueError(
                f"--alias {pair!r}: expected NAME=MODEL, e.g. Qwen/Qwen3-8B=tiny-random"
            )
        out[name] = model
    return out


def serve_tinker(
    model: str | None,
    host: str,
    port: int,
    device: str | None,
    alias: list[str],
    state_dir: Path | None,
    console: Console,
    fail: Callable[[str], typer.Exit],
) -> None:
    """Bind first (a busy port fails fast), load ``model`` (if given), then serve."""
    from selftaught.models import LocalServiceClient, ModelLoadError, load_model
    from selftaught.serve import ServerStartError, bind_socket, run_server, socket_url
    from selftaught.serve.tinker import create_tinker_app

    try:
        aliases = parse_aliases(alias)
        sock = bind_socket(host, port)
    except (ValueError, ServerStartError) as error:
        raise fail(str(error)) from None
    service = LocalServiceClient(state_dir=state_dir, device=device, model_aliases=aliases)
    app = create_tinker_app(service)
    exported = []
    try:
        for name in [model] if model else []:
            with console.status(f"loading {name}"):
                start = time.perf_counter()
                load_model(name, device)
                exported.append(app.state.tinker.export_name(name))
                snapshot = app.state.tinker.register_offline_tokenizer(name)
            cached = (f"SamplingClient.get_tokenizer() finds {escape(name)!r} offline "
                      f"(HF_HUB_OFFLINE=1; its tokenizer is in {escape(str(snapshot))}); "
                      if snapshot is not None else "")
            console.print(
                f"loaded {escape(name)} in {time.perf_counter() - start:.1f} s; {cached}"
                f"offline model name for the SDK: {escape(exported[-1])}",
                highlight=False,
                soft_wrap=True,
            )
    except ModelLoadError as error:
        sock.close()
        raise fail(str(error)) from None
    url = socket_url(sock)
    console.print(
        f"serving the Tinker protocol at {url} (checkpoints in {escape(str(service.state_dir))}) "
        f"— connect with tinker.ServiceClient(base_url={url!r}, api_key='tml-local'); "
        "Ctrl-C to stop",
        highlight=False,
        soft_wrap=True,
    )
    console.file.flush()  # scripts read the URL from a pipe
    run_server(app, sock)
