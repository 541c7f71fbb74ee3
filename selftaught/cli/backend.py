"""The shared ``--backend`` / ``--base-url`` options of the commands that run model learners.

Commands declare the two options with these ``Annotated`` types and call `apply_backend`
first thing, so a missing key or an unreachable endpoint is one error line (exit 2)
before any run directory exists.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

BackendOpt = Annotated[
    str,
    typer.Option(
        "--backend",
        help="Where models run: local (PyTorch here) or tinker (the Tinker service, or a "
        "Tinker-compatible server given by --base-url).",
    ),
]
BaseUrlOpt = Annotated[
    str | None,
    typer.Option(
        "--base-url",
        help="--backend tinker: the server URL, e.g. http://127.0.0.1:8000 for "
        "`selftaught serve --tinker` (default: the Tinker service).",
    ),
]


def apply_backend(backend: str, base_url: str | None) -> None:
    """Check the backend and make it the default for model learners; exit 2 with one line if not."""
    from selftaught.models.backend import resolve_backend, use_backend
    from selftaught.models.remote import BackendError

    try:
        use_backend(resolve_backend(backend, base_url))
    except BackendError as error:
        Console(stderr=True).print(f"[red]error:[/red] {error}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
