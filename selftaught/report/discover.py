"""The discovery report: error-vs-experiments curves per agent, theories over time, the law.

Rebuilt from the run's ``summary.json`` (itself a pure function of ``discover.sqlite``),
drawn with the same inline-SVG matplotlib helpers and jinja2 setup as the study report,
so it is one self-contained file that opens offline.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jinja2
import numpy as np

from selftaught.fileio import write_text_atomic
from selftaught.report.build import format_number
from selftaught.report.plots import new_figure, to_svg

REPORT_FILE = "report.html"
TEMPLATE = "discover.html.j2"


class DiscoverReportError(ValueError):
    """The run directory holds no discover summary."""


def error_curves_svg(episodes: list[dict[str, Any]]) -> str:
    """Mean standardised held-out error after k experiments, one line per agent."""
    by_agent: dict[str, dict[int, list[float]]] = {}
    for ep in episodes:
        name = ep["agent"] + (" (control)" if ep["series"].startswith("control") else "")
        curve = by_agent.setdefault(name, {})
        for k, v in ep["error_by_step"].items():
            curve.setdefault(int(k), []).append(float(v))
    fig = new_figure(5.6, 3.4)
    ax = fig.subplots()
    for name, curve in sorted(by_agent.items()):
        ks = sorted(curve)
        ax.plot(ks, [float(np.mean(curve[k])) for k in ks], marker="o", markersize=3,
                label=name)
    ax.set_yscale("symlog", linthresh=0.01)
    ax.set_xlabel("experiments done")
    ax.set_ylabel("standardised held-out error")
    ax.set_title("held-out error vs experiments (mean over episodes)")
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=8)
    return to_svg(fig, "discover-errors")


def build_discover_report(run_dir: Path, out: Path | None = None) -> Path:
    """Write ``run_dir/report.html`` from ``run_dir/summary.json``; returns its path."""
    path = Path(run_dir) / "summary.json"
    if not path.exists():
        raise DiscoverReportError(f"{path}: no discover summary; run selftaught discover first")
    summary = json.loads(path.read_text())
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("selftaught.report", "templates"), autoescape=True,
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    environment.filters["num"] = format_number
    html = environment.get_template(TEMPLATE).render(
        title=f"selftaught discover: {summary['config']['target']}",
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        config_json=json.dumps(summary["config"], indent=2, sort_keys=True),
        agents=summary["agents"], episodes=summary["episodes"],
        errors_svg=error_curves_svg(summary["episodes"]) if summary["episodes"] else "",
    )
    return write_text_atomic(Path(out) if out else Path(run_dir) / REPORT_FILE, html)
