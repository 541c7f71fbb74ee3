"""`build_report`: the run's self-contained HTML report, rebuilt from its SQLite store alone.

Why rebuilt from the store: the report is evidence for a learning claim, so it
must be reproducible from the committed event log by anyone holding the run
directory (``selftaught report runs/<id>``), with no in-memory state of the
process that ran the study. `load_run` reads the store, the plots module draws
the figures, and a jinja2 template (shipped as package data) lays them out in a
single file with inline CSS and inline SVG: no JS, no external resources, so it
opens offline and in any browser.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import jinja2

from selftaught.fileio import write_text_atomic
from selftaught.report.data import LearnerReport, RunReport, load_run
from selftaught.report.plots import (
    CostPoint,
    GainSeries,
    curves_svg,
    gain_cost_svg,
    gains_svg,
    heatmap_svg,
    state_curves_svg,
)

REPORT_FILE = "report.html"
"""The report's file name inside a run directory."""

TEMPLATE = "report.html.j2"


def build_report(run_dir: Path, out: Path | None = None) -> Path:
    """Write the HTML report of the run in ``run_dir`` (default ``run_dir/report.html``).

    Reads ``run_dir/run.sqlite`` only. Raises `ReportError` (a ``ValueError``)
    with one line naming the file and the fix when the directory holds no run
    store, no finished learner track, or a log the metrics refuse. The file is
    written atomically (temp file + ``os.replace``); returns its path.
    """
    run = load_run(Path(run_dir))
    target = Path(out) if out is not None else run.run_dir / REPORT_FILE
    html = render_html(run)
    return write_text_atomic(target, html)


def render_html(run: RunReport) -> str:
    """The report page for a loaded run, as one HTML string."""
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("selftaught.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["num"] = format_number
    template = environment.get_template(TEMPLATE)
    return template.render(**_context(run))


def _context(run: RunReport) -> dict[str, Any]:
    with_card = [lr for lr in run.learners if lr.card is not None]
    gains = None
    gain_cost = None
    if with_card:
        series = []
        points = []
        for lr in with_card:
            assert lr.card is not None  # filtered above
            metrics = lr.card.metrics
            series.append(GainSeries(
                name=lr.name,
                gains_C=[metrics[f"gain/chapter_{c}/controlled"]
                         for c in range(1, lr.n_chapters + 1)],
            ))
            points.append(CostPoint(
                name=lr.name, gain=metrics["gain/controlled"],
                tokens=metrics["cost/tokens_per_chapter"],
                seconds=metrics["cost/seconds_per_chapter"],
            ))
        gains = gains_svg(series)
        gain_cost = gain_cost_svg(points)
    return {
        "run": run,
        "title": f"selftaught report: {run.run_dir.name}",
        "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "selftaught_version": _version(),
        "learners": [_learner_context(lr) for lr in run.learners],
        "gains_svg": gains,
        "gain_cost_svg": gain_cost,
        "without_card": [lr.name for lr in run.learners if lr.card is None],
    }


def _learner_context(lr: LearnerReport) -> dict[str, Any]:
    if lr.curves:
        curve = curves_svg(lr.name, lr.curves)
        curve_kind = "curve probes"
    else:
        curve = state_curves_svg(lr.name, lr.R_mean)
        curve_kind = "states"
    return {
        "data": lr,
        "anchor": "learner-" + "".join(ch if ch.isalnum() else "-" for ch in lr.name),
        "heatmap_svg": heatmap_svg(lr.name, lr.R_mean, lr.R_control_mean),
        "curve_svg": curve,
        "curve_kind": curve_kind,
    }


def format_number(value: float | None, digits: int = 3) -> str:
    """Format a number for the page; None or NaN (undefined, e.g. nothing solved) shows as an
    em dash."""
    if value is None or math.isnan(value):
        return "—"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.{digits}g}" if value else "0"


def _version() -> str:
    try:
        return version("selftaught")
    except PackageNotFoundError:
        return "unknown"
