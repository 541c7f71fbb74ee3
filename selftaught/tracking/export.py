"""What gets logged: a track's metrics step by step, and a finished run's metric cards.

Why steps are chapters: a study track's natural clock is "chapters studied so
far" (state i = after i chapters, 0 = the pre-test), so step i carries the
accuracy on every chapter's probes in that state, and step c carries what
studying chapter c gained and cost. Plotted in a tracker, ``probe/chapter_1/acc``
then shows chapter 1 being learned and (maybe) forgotten.

Names follow `selftaught.metrics.MetricCard.to_dict`: at the last step the
values of ``probe/chapter_c/acc`` and ``gain/chapter_c/controlled`` equal the
card's per-seed values. All numbers are computed by the pure functions of
`selftaught.metrics` from the event log; nothing here has its own formula.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from selftaught.metrics import (
    accuracy_matrix,
    chapter_costs,
    controlled_gains,
    gains,
    practice_costs,
)
from selftaught.report import load_run
from selftaught.tracking.loggers import MetricLogger
from selftaught.types import StudyEvent


def track_metrics(
    events: Sequence[StudyEvent],
    n_chapters: int,
    *,
    control_events: Sequence[StudyEvent] | None = None,
) -> dict[int, dict[str, float]]:
    """Step -> metrics of one track (step i = state after i chapters, 0 = pre-test).

    * every step i: ``probe/chapter_j/acc`` = R[i][j] for all j, ``probe/mean_acc``;
    * step c >= 1: ``gain/chapter_c/raw`` (Δ_c), ``gain/chapter_c/controlled`` (G_c, only
      with ``control_events``), ``cost/chapter_c/{tokens,seconds,grad_steps}`` (study +
      practice), ``practice/chapter_c/acc`` and, if any was solved,
      ``practice/chapter_c/tokens_per_solved`` and ``practice/chapter_c/seconds_per_solved``.

    Raises ``ValueError`` (from `selftaught.metrics`) on an incomplete or broken log.

    >>> from selftaught.types import Grade, StudyEvent
    >>> def probe(after, ok):
    ...     g = Grade(score=float(ok), correct=ok, feedback="")
    ...     return StudyEvent(kind="probe", chapter=1, after_chapter=after, item_id="p", grade=g)
    >>> steps = track_metrics([probe(0, False), probe(1, True)], 1)
    >>> steps[0]["probe/chapter_1/acc"], steps[1]["probe/chapter_1/acc"]
    (0.0, 1.0)
    >>> steps[1]["gain/chapter_1/raw"]
    1.0
    """
    T = n_chapters
    R = accuracy_matrix(events, T)
    steps: dict[int, dict[str, float]] = {}
    for i in range(T + 1):
        row = {f"probe/chapter_{j}/acc": float(R[i, j - 1]) for j in range(1, T + 1)}
        row["probe/mean_acc"] = float(R[i].mean())
        steps[i] = row
    delta_C = gains(R)
    G_C = None
    if control_events is not None:
        G_C = controlled_gains(R, accuracy_matrix(control_events, T))
    for c, (costs, practice) in enumerate(
        zip(chapter_costs(events, T), practice_costs(events, T), strict=True), start=1
    ):
        row = steps[c]
        row[f"gain/chapter_{c}/raw"] = float(delta_C[c - 1])
        if G_C is not None:
            row[f"gain/chapter_{c}/controlled"] = float(G_C[c - 1])
        row[f"cost/chapter_{c}/tokens"] = float(costs.tokens)
        row[f"cost/chapter_{c}/seconds"] = float(costs.seconds)
        row[f"cost/chapter_{c}/grad_steps"] = float(costs.grad_steps)
        if practice.attempted:
            row[f"practice/chapter_{c}/acc"] = practice.solved / practice.attempted
        if practice.tokens_per_solved is not None:
            row[f"practice/chapter_{c}/tokens_per_solved"] = practice.tokens_per_solved
        if practice.seconds_per_solved is not None:
            row[f"practice/chapter_{c}/seconds_per_solved"] = practice.seconds_per_solved
    return steps


def log_track(
    logger: MetricLogger,
    events: Sequence[StudyEvent],
    n_chapters: int,
    *,
    control_events: Sequence[StudyEvent] | None = None,
) -> None:
    """Log one track's `track_metrics`, step 0 (pre-test) to ``n_chapters``, in order."""
    for step, metrics in sorted(track_metrics(
        events, n_chapters, control_events=control_events
    ).items()):
        logger.log(metrics, step)


OpenLogger = Callable[[str], MetricLogger]
"""Opens a logger for one named series, e.g. ``notes/seed_0`` or ``notes/card``."""


def export_run(run_dir: Path, open_logger: OpenLogger) -> list[str]:
    """Log a finished run from its store: each learner track, then each learner's card.

    Series names: ``<learner>/seed_<s>`` (one per finished learner track, with
    its controlled gains when its control finished too) and ``<learner>/card``
    (the metric card's `to_dict`, with CI bounds when there are >= 2 seeds,
    logged at step T). Every logger is closed. Returns the series names, in order.
    """
    run = load_run(run_dir)
    names: list[str] = []
    for learner in run.learners:
        seeds = [p.learner.seed for p in learner.pairings]
        for pairing in learner.pairings:
            track = pairing.learner
            name = f"{learner.name}/seed_{track.seed}"
            if seeds.count(track.seed) > 1:
                name += f"_track_{track.id}"
            control = pairing.control
            control_events = (
                run.events[control.id] if control is not None and control.status == "done"
                else None
            )
            logger = open_logger(name)
            try:
                log_track(logger, run.events[track.id], learner.n_chapters,
                          control_events=control_events)
            finally:
                logger.close()
            names.append(name)
        if learner.card is not None:
            name = f"{learner.name}/card"
            logger = open_logger(name)
            try:
                logger.log(learner.card.to_dict(with_ci=learner.card.n_seeds > 1),
                           learner.n_chapters)
            finally:
                logger.close()
            names.append(name)
    return names
