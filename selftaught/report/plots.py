"""The report's figures, drawn with matplotlib and returned as inline SVG text.

Why inline SVG: the report must be one self-contained file that renders on a
machine with no internet, so there is nothing to fetch -- no JS library, no
font, no image file. SVG keeps text as text (``svg.fonttype = "none"``), so
labels are searchable and the file stays small; each figure gets its own
``svg.hashsalt`` so that the element ids of several figures inlined in one page
never collide and a rebuilt report is byte-identical.

Figures are built with the object-oriented `matplotlib.figure.Figure` API, not
pyplot, so no global figure state is kept between reports.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import matplotlib as mpl
import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from selftaught.metrics import Estimate

_STYLE: dict[Any, Any] = {
    "svg.fonttype": "none",
    "font.size": 9.0,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
}


def to_svg(fig: Figure, name: str) -> str:
    """The figure as an ``<svg>`` element (no XML prolog), ids salted with ``name``."""
    buffer = io.StringIO()
    salted: dict[Any, Any] = {**_STYLE, "svg.hashsalt": f"selftaught-{name}"}
    with mpl.rc_context(salted):
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    start = text.find("<svg")
    if start < 0:
        raise RuntimeError(f"matplotlib produced no <svg> element for figure {name!r}")
    return text[start:]


def new_figure(width: float, height: float) -> Figure:
    with mpl.rc_context(_STYLE):
        return Figure(figsize=(width, height), layout="constrained")


def heatmap_svg(name: str, R: np.ndarray, R_control: np.ndarray | None) -> str:
    """Accuracy matrix R[i][j] (mean over seeds) of the learner, and of its control if given."""
    panels = [("learner", R)] + ([("control", R_control)] if R_control is not None else [])
    T = R.shape[1]
    with mpl.rc_context(_STYLE):
        fig = new_figure(3.2 * len(panels) + 0.6, 0.45 * (T + 1) + 1.4)
        axes = fig.subplots(1, len(panels), squeeze=False)[0]
        image = None
        for ax, (label, matrix) in zip(axes, panels, strict=True):
            image = ax.imshow(matrix, vmin=0.0, vmax=1.0, cmap="viridis", aspect="auto")
            ax.grid(False)
            ax.set_title(f"{name}: {label}")
            ax.set_xticks(range(T), [f"ch{j}" for j in range(1, T + 1)])
            ax.set_yticks(range(T + 1), ["pre-test", *(f"after ch{i}" for i in range(1, T + 1))])
            ax.set_xlabel("probes of chapter j")
            for i in range(T + 1):
                for j in range(T):
                    value = float(matrix[i, j])
                    ax.text(j, i, f"{value:.2f}", ha="center", va="center", fontsize=8,
                            color="black" if value > 0.6 else "white",
                            fontweight="bold" if i == j + 1 else "normal")
        assert image is not None  # at least the learner panel was drawn
        fig.colorbar(image, ax=list(axes), label="probe accuracy", shrink=0.9)
    return to_svg(fig, f"heatmap-{name}")


def curves_svg(name: str, curves: dict[int, list[tuple[int, float]]]) -> str:
    """Within-chapter learning curves: probe accuracy after b practice exercises."""
    with mpl.rc_context(_STYLE):
        fig = new_figure(4.8, 3.0)
        ax = fig.subplots()
        for c, points in sorted(curves.items()):
            b = [p[0] for p in points]
            acc = [p[1] for p in points]
            ax.plot(b, acc, marker="o", label=f"chapter {c}")
        ax.set_ylim(-0.05, 1.05)
        ax.set_xlabel("practice exercises done in the chapter")
        ax.set_ylabel("probe accuracy (chapter)")
        ax.set_title(f"{name}: within-chapter learning curves")
        ax.legend(fontsize=8)
    return to_svg(fig, f"curves-{name}")


def state_curves_svg(name: str, R: np.ndarray) -> str:
    """Per-chapter probe accuracy over the learner's states (no curve probes were run)."""
    T = R.shape[1]
    with mpl.rc_context(_STYLE):
        fig = new_figure(4.8, 3.0)
        ax = fig.subplots()
        x = np.arange(T + 1)
        for j in range(T):
            ax.plot(x, R[:, j], marker="o", label=f"chapter {j + 1} probes")
        ax.set_xticks(x, ["pre-test", *(f"after ch{i}" for i in range(1, T + 1))])
        ax.set_ylim(-0.05, 1.05)
        ax.set_ylabel("probe accuracy")
        ax.set_title(f"{name}: probe accuracy over study (mean over seeds)")
        ax.legend(fontsize=8)
    return to_svg(fig, f"states-{name}")


@dataclass(frozen=True)
class GainSeries:
    """One learner's controlled gain per chapter, with its CI (nan bounds when n=1)."""

    name: str
    gains_C: Sequence[Estimate]


def _yerr(estimates: Sequence[Estimate]) -> np.ndarray:
    """Asymmetric error bars; zero length where there is no interval (n=1)."""
    lower = [e.mean - e.lo if e.has_interval else 0.0 for e in estimates]
    upper = [e.hi - e.mean if e.has_interval else 0.0 for e in estimates]
    return np.array([lower, upper])


def gains_svg(series: Sequence[GainSeries]) -> str:
    """Controlled gain G_c per chapter, all learners side by side, with 95% CI error bars."""
    if not series:
        raise ValueError("gains_svg needs at least one learner with a control")
    T = max(len(s.gains_C) for s in series)
    width = 0.8 / len(series)
    with mpl.rc_context(_STYLE):
        fig = new_figure(max(4.8, 1.2 * T + 2.0), 3.2)
        ax = fig.subplots()
        for k, s in enumerate(series):
            x = np.arange(1, len(s.gains_C) + 1) + (k - (len(series) - 1) / 2) * width
            ax.bar(x, [e.mean for e in s.gains_C], width=width, label=s.name,
                   yerr=_yerr(s.gains_C), capsize=3)
        ax.axhline(0.0, color="black", linewidth=0.8)
        ax.set_xticks(range(1, T + 1), [f"ch{c}" for c in range(1, T + 1)])
        ax.set_ylabel("controlled gain G_c")
        ax.set_title("controlled gain per chapter (95% CI)")
        ax.legend(fontsize=8)
    return to_svg(fig, "gains")


@dataclass(frozen=True)
class CostPoint:
    """One learner's mean controlled gain against what a chapter of study cost it."""

    name: str
    gain: Estimate
    tokens: Estimate
    seconds: Estimate


def gain_cost_svg(points: Sequence[CostPoint]) -> str:
    """Scatter of mean controlled gain vs tokens and vs seconds per chapter."""
    if not points:
        raise ValueError("gain_cost_svg needs at least one learner with a control")
    with mpl.rc_context(_STYLE):
        fig = new_figure(8.0, 3.2)
        axes = fig.subplots(1, 2)
        for ax, attr, label in (
            (axes[0], "tokens", "tokens per chapter (study + practice)"),
            (axes[1], "seconds", "seconds per chapter (study + practice)"),
        ):
            for p in points:
                cost: Estimate = getattr(p, attr)
                ax.errorbar([cost.mean], [p.gain.mean], yerr=_yerr([p.gain]),
                            xerr=_yerr([cost]), fmt="o", capsize=3, label=p.name)
                ax.annotate(p.name, (cost.mean, p.gain.mean), textcoords="offset points",
                            xytext=(5, 4), fontsize=8)
            ax.axhline(0.0, color="black", linewidth=0.8)
            ax.set_xlabel(label)
            ax.set_ylabel("controlled gain (mean over chapters)")
            if all(getattr(p, attr).mean > 0 for p in points) and _spread(points, attr) > 100:
                ax.set_xscale("log")
            else:
                ax.xaxis.set_major_locator(MaxNLocator(nbins=4))
        axes[0].legend(fontsize=8)
        fig.suptitle("gain vs cost")
    return to_svg(fig, "gain-cost")


def _spread(points: Sequence[CostPoint], attr: str) -> float:
    """Ratio of the largest to the smallest positive cost (log axis when it is wide)."""
    values = [getattr(p, attr).mean for p in points if getattr(p, attr).mean > 0]
    if len(values) < 2 or not all(math.isfinite(v) for v in values):
        return 1.0
    return max(values) / min(values)
