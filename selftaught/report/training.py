"""The report of a meta-training run (`selftaught train`), rebuilt from ``train.sqlite`` alone.

Why a page of its own: a training run is a sequence of iterations, not study
tracks. What a reader needs is the outer loop's signal per iteration (reward
mean and spread, share of positive self-edits, what was kept), the held-out
evaluation that decides whether meta-training worked, and the self-edits the
policy now writes -- all of which the store keeps.
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

TRAIN_STORE_FILE = "train.sqlite"
"""The training run's store (`selftaught.metatrain.trainer.STORE_FILE`)."""
CURVE_METRICS = ("reward/mean", "reward/frac_positive")
"""Iteration metrics drawn in the figure (the reward's std is its band)."""


def build_training_report(run_dir: Path, out: Path | None = None) -> Path:
    """Write ``run_dir/report.html`` for a meta-training run; return its path.

    Raises `selftaught.metatrain.store.TrainStoreError` (one line naming the
    file and the fix) when ``run_dir`` holds no readable training store.
    """
    from selftaught.metatrain.store import TrainStore, TrainStoreError
    from selftaught.metatrain.trainer import CONFIG_KEY, EVAL_KEY

    path = Path(run_dir) / TRAIN_STORE_FILE
    if not path.exists():
        raise TrainStoreError(f"{path}: no training store; is {run_dir} a `selftaught train` "
                              "run directory?")
    with TrainStore(path) as store:
        iterations = store.iterations()
        edits = store.edits(iterations[-1].iteration) if iterations else []
        config = json.loads(store.meta(CONFIG_KEY) or "{}")
        # Evaluations are stored per evaluated iteration (0 = the policy before training).
        numbers = sorted({0, *(it.iteration for it in iterations)})
        evaluations = [json.loads(value) for value in
                       (store.meta(EVAL_KEY.format(i)) for i in numbers) if value is not None]
    names = sorted({name for it in iterations for name in it.metrics})
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("selftaught.report", "templates"), autoescape=True,
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
    )
    environment.filters["num"] = format_number
    html = environment.get_template("training.html.j2").render(
        title=f"selftaught train: {Path(run_dir).name}",
        store_path=str(path),
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        config_json=json.dumps(config, indent=2, sort_keys=True),
        rows=iterations,
        metric_names=names,
        reward_svg=_reward_svg(iterations) if iterations else "",
        evaluations=[_evaluation_row(e) for e in evaluations],
        best_edits=sorted(edits, key=lambda e: -e.reward)[:5],
    )
    return write_text_atomic(Path(out) if out is not None else Path(run_dir) / "report.html",
                             html)


def _reward_svg(iterations: list[Any]) -> str:
    fig = new_figure(6.0, 3.0)
    ax = fig.add_subplot(1, 1, 1)
    x = np.array([it.iteration for it in iterations])
    for name in CURVE_METRICS:
        y = np.array([it.metrics.get(name, np.nan) for it in iterations], dtype=float)
        ax.plot(x, y, marker="o", label=name)
        if name == "reward/mean":
            std = np.array([it.metrics.get("reward/std", 0.0) for it in iterations], dtype=float)
            ax.fill_between(x, y - std, y + std, alpha=0.2)
    ax.set_xlabel("iteration")
    ax.set_xticks(x)
    ax.legend(loc="best", fontsize=8)
    return to_svg(fig, "training-reward")


def _evaluation_row(summary: dict[str, Any]) -> dict[str, Any]:
    """One evaluation (`selftaught.metatrain.evaluate.Comparison`, with its iteration)."""
    gain = summary["gain"]

    def interval(mean: float, lo: float, hi: float) -> str:
        return f"{mean:.3f} [{lo:.3f}, {hi:.3f}]"

    ratio = gain.get("ratio")
    return {
        "iteration": summary["iteration"],
        "books": summary["books"],
        "meta_gain": f"{gain['trained_mean']:.3f}",
        "base_gain": f"{gain['base_mean']:.3f}",
        "difference": interval(gain["difference"], gain["lo"], gain["hi"]),
        "ratio": "n/a (base gain ≤ 0)" if ratio is None else f"{ratio:.2f}×",
    }
