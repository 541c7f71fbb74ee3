"""``summary.json``: a run directory's results, machine-readable, recomputed from its store.

Every `selftaught study` and `selftaught run` writes it next to ``run.sqlite`` (and
``--json`` prints it), so scripts and benchmarks read numbers instead of scraping
tables. It holds, per learner: each seed's accuracy matrix and its control's, the
answer-logprob matrices (the dense measure; null where the learner cannot score),
every metric of the card with its confidence interval and per-seed values, and the
costs per chapter and in total. Nothing in it is computed differently from the card:
it *is* the card (`MetricCard.from_tracks`), serialised.

Pairing: each finished learner track is compared with the finished control track of
the same seed and textbook; tracks that have not finished are listed, not summarised.
"""

from __future__ import annotations

import json
import math
import os
import platform
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from selftaught.fileio import write_text_atomic
from selftaught.metrics import MetricCard, accuracy_matrix, chapter_costs, logprob_matrix
from selftaught.metrics.reward import REWARD_META_KEY, RewardConfig
from selftaught.study.store import RunStore, TrackRecord
from selftaught.types import StudyEvent, Textbook

SUMMARY_FILE = "summary.json"
SUMMARY_VERSION = 1


def _finite(value: float) -> float | None:
    """JSON has no nan: a missing interval (one seed) is null."""
    return None if value is None or not math.isfinite(value) else float(value)


def _matrix(R: Any) -> list[list[float | None]] | None:
    return None if R is None else [[_finite(x) for x in row] for row in R.tolist()]


def _n_chapters(events: Sequence[StudyEvent]) -> int:
    chapters = [e.chapter for e in events if e.kind == "probe" and e.after_chapter is not None]
    if not chapters:
        raise ValueError("track has no state probes")
    return max(chapters)


def _reward(store: RunStore) -> RewardConfig:
    raw = store.meta(REWARD_META_KEY)
    return RewardConfig.from_json(raw) if raw else RewardConfig()


def summarize(store: RunStore, *, reward: RewardConfig | None = None) -> dict[str, Any]:
    """The summary of every learner in ``store`` against its control (see the module doc)."""
    reward = reward or _reward(store)
    tracks = store.tracks()
    controls = {(t.seed, t.book_hash): t for t in tracks if t.control and t.status == "done"}
    by_learner: dict[str, list[TrackRecord]] = {}
    pending: list[dict[str, Any]] = []
    for t in tracks:
        if t.control:
            if t.status != "done":
                pending.append({"track": t.id, "learner": t.learner, "control": True,
                                "status": t.status})
            continue
        if t.status != "done" or (t.seed, t.book_hash) not in controls:
            pending.append({"track": t.id, "learner": t.learner, "control": False,
                            "status": t.status, "seed": t.seed, "book": t.book_id,
                            **_partial(store, t, controls.get((t.seed, t.book_hash)))})
            continue
        by_learner.setdefault(t.learner, []).append(t)
    learners: dict[str, Any] = {}
    for name, runs in by_learner.items():
        runs.sort(key=lambda t: (t.seed, t.book_id))
        pairs = [(store.events(t.id), store.events(controls[(t.seed, t.book_hash)].id))
                 for t in runs]
        T = _n_chapters(pairs[0][0])
        books: list[Textbook] = []
        for t in runs:
            book = store.textbook(t.book_hash)
            if book is None:
                books = []
                break
            books.append(book.model_copy(update={"chapters": book.chapters[:T]}))
        card = MetricCard.from_tracks(pairs, T, reward=reward, books_S=books or None)
        costs_S = [chapter_costs(events, T) for events, _ in pairs]
        learners[name] = {
            "tracks": [{"track": t.id, "seed": t.seed, "book": t.book_id,
                        "control_track": controls[(t.seed, t.book_hash)].id} for t in runs],
            "n_chapters": T,
            "accuracy_matrix": [_matrix(accuracy_matrix(e, T)) for e, _ in pairs],
            "control_accuracy_matrix": [_matrix(accuracy_matrix(c, T)) for _, c in pairs],
            "answer_logprob_matrix": [_matrix(logprob_matrix(e, T)) for e, _ in pairs],
            "control_answer_logprob_matrix": [_matrix(logprob_matrix(c, T)) for _, c in pairs],
            "metrics": {
                metric: {"mean": _finite(est.mean), "ci_lo": _finite(est.lo),
                         "ci_hi": _finite(est.hi), "values": [_finite(v) for v in est.values]}
                for metric, est in card.metrics.items()
            },
            "costs": {
                "per_chapter": [[c.model_dump() for c in costs] for costs in costs_S],
                "total": _total([c for costs in costs_S for c in costs]),
            },
        }
    return {
        "version": SUMMARY_VERSION,
        "written": datetime.now(UTC).isoformat(timespec="seconds"),
        "store": store.path.name,
        "reward": json.loads(reward.to_json()),
        "machine": {"platform": platform.platform(), "cpus": os.cpu_count(),
                    "loadavg": list(os.getloadavg())},
        "learners": learners,
        "unfinished": pending,
    }


def _partial(store: RunStore, track: TrackRecord, control: TrackRecord | None) -> dict[str, Any]:
    """What an unfinished track has completed: its accuracy and answer-logprob rows of the
    completed steps (row i = after i chapters), its process-CPU seconds per completed
    chapter, and its finished control's matrix, so a run cut short still reports them."""
    checkpoint = store.last_checkpoint(track.id)
    if checkpoint is None:
        return {"steps_completed": 0, "accuracy_rows": [], "answer_logprob_rows": []}
    k = checkpoint.step
    events = store.events(track.id)
    probes = [e for e in events
              if e.kind == "probe" and e.after_chapter is not None and e.after_chapter <= k]
    T = max((e.chapter for e in probes), default=0)
    acc: list[list[float | None]] = []
    lp: list[list[float | None]] = []
    for i in range(k + 1):
        acc_row: list[float | None] = []
        lp_row: list[float | None] = []
        for j in range(1, T + 1):
            cell = [e for e in probes if e.after_chapter == i and e.chapter == j]
            graded = [1.0 if e.grade is not None and e.grade.correct else 0.0 for e in cell]
            scored = [e.answer_logprob for e in cell if e.answer_logprob is not None]
            acc_row.append(sum(graded) / len(graded) if graded else None)
            lp_row.append(sum(scored) / len(scored) if scored else None)
        acc.append(acc_row)
        lp.append(lp_row)
    cpu_C = [sum(e.costs.cpu_seconds for e in events if e.kind in ("study", "practice")
                 and e.chapter == c) for c in range(1, k + 1)]
    out: dict[str, Any] = {"steps_completed": k + 1, "accuracy_rows": acc,
                           "answer_logprob_rows": lp, "cpu_seconds_per_chapter": cpu_C}
    if control is not None:
        control_events = store.events(control.id)
        out["control_accuracy_matrix"] = _matrix(accuracy_matrix(control_events, T))
        out["control_answer_logprob_matrix"] = _matrix(logprob_matrix(control_events, T))
    return out


def _total(costs: Sequence[Any]) -> dict[str, float]:
    fields = ("tokens_prompt", "tokens_sampled", "tokens_trained", "grad_steps", "seconds",
              "cpu_seconds")
    return {f: float(sum(getattr(c, f) for c in costs)) for f in fields}


def write_summary(directory: Path, store: RunStore, *,
                  reward: RewardConfig | None = None) -> dict[str, Any]:
    """Write ``directory/summary.json`` (atomically) and return what was written."""
    summary = summarize(store, reward=reward)
    write_text_atomic(Path(directory) / SUMMARY_FILE,
                      json.dumps(summary, indent=1, ensure_ascii=False) + "\n")
    return summary


def read_summary(directory: Path) -> dict[str, Any]:
    """Read a ``summary.json``; a missing or malformed one raises `ValueError` naming it."""
    path = Path(directory) / SUMMARY_FILE
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: no readable summary ({exc})") from exc
    if not isinstance(data, dict) or "learners" not in data:
        raise ValueError(f"{path}: not a selftaught summary (no 'learners')")
    return data
