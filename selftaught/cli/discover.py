"""CLI: ``selftaught discover WORLD|FAMILY --agent NAME``: the scientist loop, scored with CIs.

The command only parses and prints; `selftaught.discover.run_discover` does the work and
`selftaught.report.discover.build_discover_report` draws the page.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from selftaught.cli.backend import BackendOpt, BaseUrlOpt, apply_backend
from selftaught.cli.progress import RayOption, WorkersOption, ray_config

console = Console()
err_console = Console(stderr=True)


def register(app: typer.Typer) -> None:
    """Add the ``discover`` command to the top-level app."""
    app.command("discover")(discover)


def _fmt(ci: dict[str, float | int | None]) -> str:
    mean, lo, hi = ci.get("mean"), ci.get("lo"), ci.get("hi")
    if mean is None:
        return "-"
    if lo is None or hi is None:
        return f"{mean:.3f} (n={ci.get('n')})"
    return f"{mean:.3f} [{lo:.3f}, {hi:.3f}]"


def discover(
    target: Annotated[str, typer.Argument(help="A world id (physics-easy-s0) or a family: "
                                               "physics, integers, zendo, circuit.")],
    agent: Annotated[list[str] | None, typer.Option("--agent", "-a", help="Agent: random, "
                     "active, bayes, learning, llm (repeatable).")] = None,
    seeds: Annotated[int, typer.Option(help="Worlds (family) or experiment seeds (world id); "
                                            "series for the learning agent.")] = 5,
    budget: Annotated[int, typer.Option(help="Experiments per episode.")] = 10,
    difficulty: Annotated[str, typer.Option(help="easy | medium | hard (family targets).")
                          ] = "easy",
    noise: Annotated[float | None, typer.Option(help="Measurement noise (default: the "
                                                     "family's).")] = None,
    model: Annotated[str | None, typer.Option(help="Model of the llm agent (default: the "
                                                   "embedded SmolLM2-135M).")] = None,
    run_dir: Annotated[Path | None, typer.Option(help="Run directory (resumed if it holds the "
                                                      "same run).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print summary.json instead of a "
                                                         "table.")] = False,
    backend: BackendOpt = "local",
    base_url: BaseUrlOpt = None,
    ray: RayOption = None,
    workers: WorkersOption = None,
) -> None:
    """Run agents on worlds with hidden laws; print held-out error, law recovery, EIG."""
    apply_backend(backend, base_url)
    from selftaught.discover.run import DiscoverConfig, DiscoverError, run_discover
    from selftaught.discover.store import DiscoverStoreError
    from selftaught.report.discover import build_discover_report
    from selftaught.worlds import UnknownWorldError

    agents = tuple(agent or ["random", "active", "bayes"])
    directory = run_dir or Path("runs") / (
        f"discover-{target}-{datetime.now(UTC).strftime('%Y%m%d-%H%M%S')}")
    try:
        config = DiscoverConfig(target=target, agents=agents, seeds=seeds, budget=budget,
                                difficulty=difficulty, noise=noise, model=model)
        on_ray = ray_config(ray, workers, backend=backend)
        with console.status(f"running {', '.join(agents)} on {target}"):
            summary = run_discover(config, directory, ray=on_ray)
        page = build_discover_report(directory)
    except (DiscoverError, DiscoverStoreError, UnknownWorldError, KeyError, ValueError) as err:
        err_console.print(f"error: {escape(str(err).strip(chr(39)))}", highlight=False)
        raise typer.Exit(2) from None
    if as_json:
        print(json.dumps(summary.agents, indent=2, sort_keys=True))
        return
    table = Table(title=f"selftaught discover {target} ({difficulty}, budget {budget})")
    for column in ("agent", "episodes", f"error@{budget}", "recovery", "EIG vs random",
                   "explanation error"):
        table.add_column(column)
    for name, entry in summary.agents.items():
        table.add_row(name, str(entry["episodes"]), _fmt(entry.get(f"error@{budget}", {})),
                      _fmt(entry["recovery"]), _fmt(entry["eig_vs_random"]),
                      _fmt(entry["explanation_error"]))
        if "experiments_to_recovery_by_world" in entry:
            worlds = entry["experiments_to_recovery_by_world"]
            console.print(f"{name}: experiments to recovery by world: " + ", ".join(
                f"{k}: {_fmt(v)}" for k, v in worlds.items()), highlight=False)
    console.print(table)
    console.print(f"summary: {directory / 'summary.json'}\nreport: {page}", highlight=False)
