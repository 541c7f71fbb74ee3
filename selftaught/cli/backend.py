"""The shared ``--backend`` / ``--base-url`` options of the commands that run model learners.

Commands declare the two options with these ``Annotated`` types and call `apply_backend`
first thing, so a missing key or an unreachable endpoint is one error line (exit 2)
before any run directory exists.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

import typer
from rich.console import Console

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


def apply_backend(backend: str, base_url: str | None, *, learners: Sequence[str] = (),
                  needs_service: str | None = None) -> None:
    """Check the backend and make it the default for model learners; exit 2 with one line if not.

    ``learners``: the learner kinds the command will build (``lora`` is refused on
    ``openai``); ``needs_service``: what the command does that needs token-level sampling
    or training (e.g. ``"meta-training trains a policy"``), refused on ``openai``.
    """
    from selftaught.models.backend import refused_learners, resolve_backend, use_backend
    from selftaught.models.remote import BackendError

    try:
        choice = resolve_backend(backend, base_url)
        problem = refused_learners(choice, learners)
        if problem is None and needs_service is not None and choice.name == "openai":
            problem = (f"--backend openai: {needs_service}, which an OpenAI-compatible chat "
                       "endpoint cannot do; use --backend local or tinker")
        if problem is not None:
            raise BackendError(problem)
        use_backend(choice)
    except BackendError as error:
        Console(stderr=True).print(f"[red]error:[/red] {error}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
