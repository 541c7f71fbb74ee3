"""The shared ``--backend`` / ``--base-url`` options of the commands that run models.

Commands declare the two options with these ``Annotated`` types and call `apply_backend`
(or `check_backend`, for ``serve``, which builds its own client) first thing, so a missing
key or an unreachable endpoint is one error line (exit 2) before any run directory exists
or any server starts.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape

if TYPE_CHECKING:
    from selftaught.models.backend import BackendChoice

BackendOpt = Annotated[
    str,
    typer.Option(
        "--backend",
        help="Where models run: local (PyTorch here), tinker (the Tinker service, or a "
        "Tinker-compatible server given by --base-url) or openai (an OpenAI-compatible chat "
        "endpoint given by --base-url; in-context learners only: notes, stateless).",
    ),
]
BaseUrlOpt = Annotated[
    str | None,
    typer.Option(
        "--base-url",
        help="--backend tinker: the server URL, e.g. http://127.0.0.1:8000 for "
        "`selftaught serve --tinker` (default: the Tinker service); --backend openai: the API "
        "root, e.g. http://127.0.0.1:8000/v1 for `selftaught serve` (default: $OPENAI_BASE_URL).",
    ),
]


def check_backend(backend: str, base_url: str | None, *, learners: Sequence[str] = (),
                  needs_service: str | None = None, refusal: str | None = None) -> BackendChoice:
    """The checked backend, or exit 2 with one line: the reason it cannot run here.

    ``learners``: the learner kinds the command will build (``lora`` is refused on
    ``openai``); ``needs_service``: what the command does that needs token-level sampling
    or training (e.g. ``"meta-training trains a policy"``), refused on ``openai``;
    ``refusal``: the command's own reason to refuse this backend, given before anything
    is probed (``serve``: `refused_serve`).
    """
    from selftaught.models.backend import refused_learners, resolve_backend
    from selftaught.models.remote import BackendError

    try:
        if refusal is not None:
            raise BackendError(refusal)
        choice = resolve_backend(backend, base_url)
        problem = refused_learners(choice, learners)
        if problem is None and needs_service is not None and choice.name == "openai":
            problem = (f"--backend openai: {needs_service}, which an OpenAI-compatible chat "
                       "endpoint cannot do; use --backend local or tinker")
        if problem is not None:
            raise BackendError(problem)
    except BackendError as error:
        Console(stderr=True).print(f"[red]error:[/red] {escape(str(error))}", highlight=False,
                                   soft_wrap=True)
        raise typer.Exit(2) from None
    return choice


def apply_backend(backend: str, base_url: str | None, *, learners: Sequence[str] = (),
                  needs_service: str | None = None) -> None:
    """`check_backend`, then make it the default for model learners (`use_backend`)."""
    from selftaught.models.backend import use_backend

    use_backend(check_backend(backend, base_url, learners=learners, needs_service=needs_service))
