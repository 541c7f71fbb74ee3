"""The metric card: a learner against its control, over seeds, with confidence intervals.

Why one object: every learning claim in selftaught is "this learner, compared
with the same model not learning, on regenerated textbooks" -- so the headline
numbers (pre-test floor, post-study accuracy, final ACC, controlled gain, BWT,
FWT, forgetting, progress reward, cost) are always computed the same way, per
seed, from the two tracks' event logs, and reported as a mean with a 95%
bootstrap interval over seeds. Given the textbooks, the card also judges the
learner's code answers for duct tape (`ducttape/rate`, see
`selftaught.metrics.ducttape`) and subtracts μ × rate from the progress reward
(`selftaught.metrics.reward`), so hiding problems never looks like progress.
The card is plain data: `to_dict` gives hierarchical names
(``probe/chapter_3/acc``, ``gain/controlled``) for loggers, `render` gives a
rich table for people.

Every value is recomputed from the event logs with the pure functions of this
package; nothing here has its own formula.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
from rich.table import Table
from rich.text import Text

from selftaught.metrics.bootstrap import bootstrap_ci
from selftaught.metrics.ducttape import DuctTape, track_duct_tape
from selftaught.metrics.events import Measure, accuracy_matrix, chapter_costs, logprob_matrix
from selftaught.metrics.matrix import (
    ArrayLike,
    FloatArray,
    backward_transfer,
    check_matrix,
    controlled_gains,
    final_accuracy,
    forward_transfer,
    gains,
    max_forgetting,
    post_study,
    post_study_accuracy,
    pretest_floor,
)
from selftaught.metrics.reward import RewardConfig, chapter_reward
from selftaught.types import Costs, StudyEvent, Textbook

TrackPair = tuple[Sequence[StudyEvent], Sequence[StudyEvent]]
"""One seed's ``(learner_events, control_events)``."""


@dataclass(frozen=True)
class Estimate:
    """A metric over seeds: its mean, confidence interval and the per-seed values.

    ``lo``/``hi`` are nan when there is one seed (``n == 1``): no interval is invented.
    """

    mean: float
    lo: float
    hi: float
    values: tuple[float, ...]
    """One value per seed, in the order the tracks were given (``ducttape/*``: per seed that
    had a judged code answer; the others have no rate, which is not a rate of 0)."""

    @property
    def n(self) -> int:
        """Number of seeds."""
        return len(self.values)

    @property
    def has_interval(self) -> bool:
        """True when there were >= 2 seeds, so ``lo``/``hi`` are numbers."""
        return not (math.isnan(self.lo) or math.isnan(self.hi))


@dataclass(frozen=True)
class _Seed:
    """What one seed's headline metrics are computed from."""

    L: FloatArray
    """The learner's accuracy matrix."""
    C: FloatArray
    """The control's accuracy matrix."""
    costs_C: list[Costs]
    """The learner's study + practice costs per chapter (empty when unknown)."""
    reward: RewardConfig
    duct_tape: DuctTape | None
    """The learner's code answers judged for duct tape (None: textbook not given)."""
    LP: FloatArray | None = None
    """The learner's answer-logprob matrix (`logprob_matrix`); None: not available."""
    LPC: FloatArray | None = None
    """The control's answer-logprob matrix; None: not available."""

    @property
    def duct_tape_rate(self) -> float | None:
        return None if self.duct_tape is None else self.duct_tape.rate


_Needs = Literal["", "costs", "ducttape", "logprob", "logprob+control"]


@dataclass(frozen=True)
class _Headline:
    name: str
    what: str
    min_chapters: int
    fn: Callable[[_Seed], float]
    needs: _Needs = ""
    """``costs``: only when costs are known; ``ducttape``: only for seeds with a duct-tape rate."""


def _mean_cost(attr: str) -> Callable[[_Seed], float]:
    def fn(seed: _Seed) -> float:
        return float(np.mean([float(getattr(c, attr)) for c in seed.costs_C]))

    return fn


def _penalised_reward(seed: _Seed) -> float:
    """mean_c of `chapter_reward`: G_c − λ·forgetting_c − μ·duct-tape rate (0 with no rate)."""
    rate = seed.duct_tape_rate or 0.0
    T = seed.L.shape[1]
    return float(np.mean([
        chapter_reward(seed.L, seed.C, c, config=seed.reward, duct_tape_rate=rate).reward
        for c in range(1, T + 1)
    ]))


def _lp(seed: _Seed) -> FloatArray:
    assert seed.LP is not None  # needs="logprob": only called for seeds with a matrix
    return seed.LP


def _lp_post(LP: FloatArray) -> float:
    """mean_c LP[c][c]: the reference answers' log-probability right after study."""
    T = LP.shape[1]
    return float(np.nanmean([LP[c, c - 1] for c in range(1, T + 1)]))


def _lp_gain(LP: FloatArray) -> float:
    """mean_c (LP[c][c] − LP[c−1][c]): how much studying chapter c raised it."""
    T = LP.shape[1]
    return float(np.nanmean([LP[c, c - 1] - LP[c - 1, c - 1] for c in range(1, T + 1)]))


def _lp_controlled(seed: _Seed) -> float:
    assert seed.LP is not None and seed.LPC is not None
    return _lp_gain(seed.LP) - _lp_gain(seed.LPC)


def _rate(seed: _Seed) -> float:
    rate = seed.duct_tape_rate
    assert rate is not None  # needs="ducttape": only called for seeds with a rate
    return rate


_HEADLINES: tuple[_Headline, ...] = (
    _Headline("pretest/floor", "pre-test accuracy, mean_j R[0][j]", 1,
              lambda s: pretest_floor(s.L)[1]),
    _Headline("probe/post_study", "accuracy right after study, mean_c R[c][c]", 1,
              lambda s: post_study_accuracy(s.L)),
    _Headline("probe/final_acc", "final accuracy ACC, mean_j R[T][j]", 1,
              lambda s: final_accuracy(s.L)),
    _Headline("gain/raw", "learning gain, mean_c Δ_c", 1,
              lambda s: float(gains(s.L).mean())),
    _Headline("gain/controlled", "gain beyond control, mean_c G_c", 1,
              lambda s: float(controlled_gains(s.L, s.C).mean())),
    _Headline("transfer/backward", "backward transfer BWT", 2,
              lambda s: backward_transfer(s.L)),
    _Headline("transfer/forward", "forward transfer FWT", 2,
              lambda s: forward_transfer(s.L)),
    _Headline("forgetting/max", "max_j forgetting F_j", 2,
              lambda s: max_forgetting(s.L)),
    _Headline("reward/progress", "progress reward, mean_c r_c − μ·duct-tape rate", 1,
              _penalised_reward),
    _Headline("ducttape/rate", "share of code answers flagged as duct tape", 1, _rate,
              needs="ducttape"),
    _Headline("reward/duct_tape_penalty", "μ·duct-tape rate, subtracted from the reward", 1,
              lambda s: s.reward.duct_tape_weight * _rate(s), needs="ducttape"),
    _Headline("control/final_acc", "control's final accuracy", 1,
              lambda s: final_accuracy(s.C)),
    _Headline("probe/answer_logprob", "reference answers' mean log-prob per token after "
              "study, mean_c LP[c][c]", 1, lambda s: _lp_post(_lp(s)), needs="logprob"),
    _Headline("probe/answer_logprob_pretest", "the same before any study, mean_j LP[0][j]", 1,
              lambda s: float(np.nanmean(_lp(s)[0])), needs="logprob"),
    _Headline("gain/answer_logprob", "log-prob gain, mean_c (LP[c][c] − LP[c−1][c])", 1,
              lambda s: _lp_gain(_lp(s)), needs="logprob"),
    _Headline("gain/answer_logprob_controlled", "log-prob gain beyond the control's", 1,
              _lp_controlled, needs="logprob+control"),
    _Headline("cost/tokens_per_chapter", "tokens per chapter (study+practice)", 1,
              _mean_cost("tokens"), needs="costs"),
    _Headline("cost/seconds_per_chapter", "seconds per chapter (study+practice)", 1,
              _mean_cost("seconds"), needs="costs"),
    _Headline("cost/cpu_minutes_per_chapter", "process CPU minutes per chapter "
              "(study+practice)", 1, lambda s: _mean_cost("cpu_seconds")(s) / 60, needs="costs"),
    _Headline("cost/grad_steps_per_chapter", "gradient steps per chapter", 1,
              _mean_cost("grad_steps"), needs="costs"),
)
HEADLINE_METRICS: tuple[str, ...] = tuple(h.name for h in _HEADLINES)
"""Names of the card's headline metrics, in display order (some need T >= 2, the ``cost/*``
ones costs, the `DUCT_TAPE_METRICS` textbooks with code items)."""
DUCT_TAPE_METRICS: tuple[str, ...] = tuple(h.name for h in _HEADLINES if h.needs == "ducttape")
"""Headline metrics present only when the learner's code answers were judged for duct tape."""
LOGPROB_METRICS: tuple[str, ...] = tuple(
    h.name for h in _HEADLINES if h.needs.startswith("logprob")
)
"""Headline metrics present only when the learner scores answers (`ScoresAnswers`)."""


def _per_chapter(seed: _Seed) -> dict[str, float]:
    L, C = seed.L, seed.C
    b_C, _ = pretest_floor(L)
    post_C = post_study(L)
    G_C = controlled_gains(L, C)
    rate_C = {} if seed.duct_tape is None else seed.duct_tape.rate_C
    out: dict[str, float] = {}
    for k in range(L.shape[1]):
        c = k + 1
        out[f"probe/chapter_{c}/pretest"] = float(b_C[k])
        out[f"probe/chapter_{c}/post_study"] = float(post_C[k])
        out[f"probe/chapter_{c}/acc"] = float(L[-1, k])
        out[f"gain/chapter_{c}/controlled"] = float(G_C[k])
        if c in rate_C:
            out[f"ducttape/chapter_{c}/rate"] = rate_C[c]
        if seed.LP is not None:
            out[f"probe/chapter_{c}/answer_logprob"] = float(seed.LP[c, k])
    return out


@dataclass(frozen=True, eq=False)
class MetricCard:
    """Headline learning metrics of a learner vs its control, mean and CI over seeds.

    Build it with `MetricCard.from_tracks` (from event logs) or
    `MetricCard.from_matrices` (from accuracy matrices and per-chapter costs).
    """

    n_chapters: int
    lam: float
    """λ of the progress reward's forgetting penalty (= ``reward.forgetting_weight``)."""
    confidence: float
    metrics: dict[str, Estimate]
    """Metric name -> estimate over seeds; headline metrics first, then per-chapter ones."""
    R_learner_S: tuple[FloatArray, ...] = field(repr=False)
    """The learner's accuracy matrix, one per seed."""
    R_control_S: tuple[FloatArray, ...] = field(repr=False)
    """The control's accuracy matrix, one per seed."""
    reward: RewardConfig = field(default_factory=RewardConfig)
    """Weights of the progress reward: λ (forgetting) and μ (duct tape)."""
    duct_tape_S: tuple[DuctTape | None, ...] = field(default=(), repr=False)
    """The learner's code answers judged for duct tape, one per seed; empty when the
    textbooks were not given."""

    @property
    def n_seeds(self) -> int:
        """Number of seeds the card summarises."""
        return len(self.R_learner_S)

    @classmethod
    def from_tracks(
        cls,
        tracks_S: Sequence[TrackPair],
        n_chapters: int,
        *,
        lam: float | None = None,
        measure: Measure = "correct",
        confidence: float = 0.95,
        n_resamples: int = 10_000,
        seed: int = 0,
        books_S: Sequence[Textbook] | None = None,
        reward: RewardConfig | None = None,
    ) -> MetricCard:
        """Build the card from, per seed, ``(learner_events, control_events)``.

        Costs are the learner's study + practice costs per chapter. Errors in a
        track's log are re-raised as ``ValueError`` naming the seed index and track.

        ``books_S``: the textbook each seed's tracks ran on. With it, the learner's
        code answers are judged for duct tape (`track_duct_tape`): the card gets
        ``ducttape/rate`` when any seed has a judged code answer, and
        ``reward/progress`` subtracts ``reward.duct_tape_weight`` × that seed's rate.
        ``reward`` (default `RewardConfig()`) sets λ and μ; ``lam`` is the older way to
        set λ alone (giving both with different λ is an error).
        """
        if len(tracks_S) == 0:
            raise ValueError("MetricCard needs at least one seed's (learner, control) tracks")
        if books_S is not None and len(books_S) != len(tracks_S):
            raise ValueError(f"books_S has {len(books_S)} textbooks for {len(tracks_S)} seeds; "
                             "give the textbook of every seed's tracks")
        R_learner_S: list[FloatArray] = []
        R_control_S: list[FloatArray] = []
        costs_S: list[list[Costs]] = []
        duct_tape_S: list[DuctTape | None] = []
        logprob_S: list[tuple[FloatArray | None, FloatArray | None]] = []
        for s, pair in enumerate(tracks_S):
            if len(pair) != 2:
                raise ValueError(
                    f"tracks_S[{s}]: expected a (learner_events, control_events) pair"
                )
            learner_events, control_events = pair
            try:
                R_learner_S.append(accuracy_matrix(learner_events, n_chapters, measure=measure))
                costs_S.append(chapter_costs(learner_events, n_chapters))
                if books_S is not None:
                    duct_tape_S.append(track_duct_tape(learner_events, books_S[s]))
            except ValueError as err:
                raise ValueError(f"tracks_S[{s}] learner track: {err}") from err
            try:
                R_control_S.append(accuracy_matrix(control_events, n_chapters, measure=measure))
            except ValueError as err:
                raise ValueError(f"tracks_S[{s}] control track: {err}") from err
            logprob_S.append((logprob_matrix(learner_events, n_chapters),
                              logprob_matrix(control_events, n_chapters)))
        return cls.from_matrices(
            R_learner_S, R_control_S, costs_S,
            lam=lam, confidence=confidence, n_resamples=n_resamples, seed=seed,
            reward=reward, duct_tape_S=duct_tape_S if books_S is not None else None,
            logprob_S=logprob_S,
        )

    @classmethod
    def from_matrices(
        cls,
        R_learner_S: Sequence[ArrayLike],
        R_control_S: Sequence[ArrayLike],
        costs_S: Sequence[Sequence[Costs]] | None = None,
        *,
        lam: float | None = None,
        confidence: float = 0.95,
        n_resamples: int = 10_000,
        seed: int = 0,
        reward: RewardConfig | None = None,
        duct_tape_S: Sequence[DuctTape | None] | None = None,
        logprob_S: Sequence[tuple[ArrayLike | None, ArrayLike | None]] | None = None,
    ) -> MetricCard:
        """Build the card from per-seed accuracy matrices (and per-chapter costs, if known).

        ``logprob_S``: per seed, the learner's and the control's answer-logprob matrices
        (`logprob_matrix`, None where not available); the ``*answer_logprob*`` metrics are
        computed over the seeds that have them.

        Without ``costs_S`` the ``cost/*`` metrics are left out; without ``duct_tape_S``
        (one `DuctTape` or None per seed) the ``ducttape/*`` ones, and the reward is
        not penalised. ``reward`` and ``lam`` as in `from_tracks`.
        """
        if len(R_learner_S) == 0 or len(R_learner_S) != len(R_control_S):
            raise ValueError(
                f"need one control matrix per learner matrix and at least one seed, got "
                f"{len(R_learner_S)} learner and {len(R_control_S)} control matrices"
            )
        if costs_S is not None and len(costs_S) != len(R_learner_S):
            raise ValueError(f"costs_S has {len(costs_S)} seeds, matrices have {len(R_learner_S)}")
        if duct_tape_S is not None and len(duct_tape_S) != len(R_learner_S):
            raise ValueError(f"duct_tape_S has {len(duct_tape_S)} seeds, matrices have "
                             f"{len(R_learner_S)}")
        reward = _reward_config(lam, reward)
        L_S = tuple(check_matrix(R, name=f"R_learner_S[{s}]") for s, R in enumerate(R_learner_S))
        C_S = tuple(check_matrix(R, name=f"R_control_S[{s}]") for s, R in enumerate(R_control_S))
        T = L_S[0].shape[1]
        for s, (L, C) in enumerate(zip(L_S, C_S, strict=True)):
            if L.shape != (T + 1, T) or C.shape != (T + 1, T):
                raise ValueError(
                    f"seed {s}: matrices of shape {L.shape} / {C.shape}, expected {(T + 1, T)} "
                    "(every seed must use the same number of chapters)"
                )
            if costs_S is not None and len(costs_S[s]) != T:
                raise ValueError(f"costs_S[{s}] has {len(costs_S[s])} chapters, expected {T}")
        if logprob_S is not None and len(logprob_S) != len(R_learner_S):
            raise ValueError(f"logprob_S has {len(logprob_S)} seeds, matrices have "
                             f"{len(R_learner_S)}")
        per_seed: dict[str, list[float]] = {}
        for s, (L, C) in enumerate(zip(L_S, C_S, strict=True)):
            LP, LPC = (None, None) if logprob_S is None else logprob_S[s]
            data = _Seed(
                L=L, C=C, costs_C=list(costs_S[s]) if costs_S is not None else [],
                reward=reward, duct_tape=duct_tape_S[s] if duct_tape_S is not None else None,
                LP=None if LP is None else np.asarray(LP, dtype=np.float64),
                LPC=None if LPC is None else np.asarray(LPC, dtype=np.float64),
            )
            for h in _HEADLINES:
                if h.min_chapters > T or (h.needs == "costs" and costs_S is None) or (
                    h.needs == "ducttape" and data.duct_tape_rate is None
                ) or (h.needs.startswith("logprob") and data.LP is None) or (
                    h.needs == "logprob+control" and data.LPC is None
                ):
                    continue
                per_seed.setdefault(h.name, []).append(h.fn(data))
            for name, value in _per_chapter(data).items():
                per_seed.setdefault(name, []).append(value)
        metrics = {}
        for name, values in per_seed.items():
            mean, lo, hi = bootstrap_ci(
                values, confidence=confidence, n_resamples=n_resamples, seed=seed
            )
            metrics[name] = Estimate(mean=mean, lo=lo, hi=hi, values=tuple(values))
        return cls(
            n_chapters=T, lam=reward.forgetting_weight, confidence=confidence, metrics=metrics,
            R_learner_S=L_S, R_control_S=C_S, reward=reward,
            duct_tape_S=tuple(duct_tape_S) if duct_tape_S is not None else (),
        )

    def to_dict(self, *, with_ci: bool = False) -> dict[str, float]:
        """Flat ``{hierarchical name: mean}`` for loggers.

        With ``with_ci``, also ``NAME/ci_lo`` and ``NAME/ci_hi`` (nan when n=1) and
        ``meta/n_seeds``.
        """
        out: dict[str, float] = {}
        for name, est in self.metrics.items():
            out[name] = est.mean
            if with_ci:
                out[f"{name}/ci_lo"] = est.lo
                out[f"{name}/ci_hi"] = est.hi
        if with_ci:
            out["meta/n_seeds"] = float(self.n_seeds)
        return out

    def mean_matrix(self, track: Literal["learner", "control"] = "learner") -> FloatArray:
        """The accuracy matrix averaged over seeds (for display)."""
        if track not in ("learner", "control"):
            raise ValueError(f"track must be 'learner' or 'control', got {track!r}")
        R_S = self.R_learner_S if track == "learner" else self.R_control_S
        return np.mean(np.stack(R_S), axis=0)

    def render(self, *, per_chapter: bool = False, title: str | None = None) -> Table:
        """A rich Table: metric, mean, CI (or "n=1"), and what the metric is."""
        ci_header = f"{self.confidence:.0%} CI"
        table = Table(
            title=Text(
                title or f"metric card: {self.n_seeds} seed(s), {self.n_chapters} chapter(s)"
            ),
            caption=Text(self._caption()),
        )
        table.add_column("metric", style="bold")
        table.add_column("mean", justify="right")
        table.add_column(ci_header, justify="right")
        table.add_column("what")
        headline = {h.name: h.what for h in _HEADLINES}
        for name, est in self.metrics.items():
            if name not in headline and not per_chapter:
                continue
            # Text, not markup: formulas such as R[0][j] must not be read as style tags.
            table.add_row(
                Text(name), Text(_fmt(name, est.mean)), Text(_fmt_ci(name, est)),
                Text(headline.get(name, "")),
            )
        return table

    def _caption(self) -> str:
        notes = [f"progress reward: {self.reward.describe()}"]
        rate = self.metrics.get("ducttape/rate")
        if rate is not None and rate.n < self.n_seeds:
            notes.append(f"ducttape/rate over the {rate.n} of {self.n_seeds} seeds with a "
                         "judged code answer")
        if self.n_seeds == 1:
            notes.append("n=1: a single seed has no confidence interval")
        if self.n_chapters < 2:
            notes.append("BWT, FWT and forgetting need at least 2 chapters")
        return "; ".join(notes)


def _reward_config(lam: float | None, reward: RewardConfig | None) -> RewardConfig:
    """The reward weights from ``reward`` and/or the older ``lam`` (λ alone)."""
    if lam is not None and (not math.isfinite(lam) or lam < 0):
        raise ValueError(f"lam must be a finite number >= 0, got {lam!r}")
    if reward is None:
        return RewardConfig() if lam is None else RewardConfig(forgetting_weight=lam)
    if lam is not None and lam != reward.forgetting_weight:
        raise ValueError(f"lam={lam!r} contradicts reward.forgetting_weight="
                         f"{reward.forgetting_weight!r}; give one of them")
    if reward.length_weight:
        raise ValueError("the metric card's reward has no length term (it does not know the "
                         "tokens written per edit); use RewardConfig(length_weight=0) here "
                         "and metrics.chapter_reward for length-penalised rewards")
    return reward


def _fmt(name: str, value: float) -> str:
    if name in ("cost/seconds_per_chapter", "cost/cpu_minutes_per_chapter"):
        return f"{value:.3g}"
    return f"{value:,.1f}" if name.startswith("cost/") else f"{value:.3f}"


def _fmt_ci(name: str, est: Estimate) -> str:
    if not est.has_interval:
        return "n=1"
    return f"[{_fmt(name, est.lo)}, {_fmt(name, est.hi)}]"


def render_matrix(R: ArrayLike, *, title: str | None = "accuracy matrix R[i][j]") -> Table:
    """A rich Table of an accuracy matrix: rows "pre-test", "after ch1", ...; cols ch1..chT.

    The post-study cells ``R[c][c]`` are shown in bold.

    >>> from rich.console import Console
    >>> console = Console(width=60, color_system=None)
    >>> with console.capture() as cap:
    ...     console.print(render_matrix([[0.0, 0.25], [0.75, 0.25], [0.5, 1.0]], title=None))
    >>> print(cap.get().rstrip())
    ┏━━━━━━━━━━━┳━━━━━━┳━━━━━━┓
    ┃ state     ┃  ch1 ┃  ch2 ┃
    ┡━━━━━━━━━━━╇━━━━━━╇━━━━━━┩
    │ pre-test  │ 0.00 │ 0.25 │
    │ after ch1 │ 0.75 │ 0.25 │
    │ after ch2 │ 0.50 │ 1.00 │
    └───────────┴──────┴──────┘
    """
    arr = check_matrix(R)
    T = arr.shape[1]
    table = Table(title=None if title is None else Text(title))
    table.add_column("state")
    for j in range(1, T + 1):
        table.add_column(f"ch{j}", justify="right")
    for i in range(T + 1):
        label = "pre-test" if i == 0 else f"after ch{i}"
        cells = [
            Text(f"{arr[i, j]:.2f}", style="bold" if i == j + 1 else "") for j in range(T)
        ]
        table.add_row(label, *cells)
    return table
