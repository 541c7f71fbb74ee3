"""A 3-chapter study run worked out by hand, as matrices and as event logs.

Every probe set has 4 items, so every accuracy is a multiple of 0.25.

Learner L (rows: state after i chapters; columns: chapters 1..3):

               ch1   ch2   ch3
    pre-test  0.25  0.00  0.25
    after 1   1.00  0.25  0.25
    after 2   0.75  0.75  0.50
    after 3   0.50  0.75  0.75

Control C (the same model, learning disabled):

               ch1   ch2   ch3
    pre-test  0.25  0.00  0.25
    after 1   0.25  0.25  0.00
    after 2   0.50  0.50  0.25
    after 3   0.25  0.00  0.25

By hand (docs/design.md, Metrics; R[i][j] with chapters 1-based):

* pre-test floor b = [0.25, 0, 0.25], mean 0.5/3 = 1/6
* post-study R[c][c] = [1.0, 0.75, 0.75], mean 2.5/3 = 5/6
* gains Δ_L: Δ1 = 1.00 − 0.25 = 0.75; Δ2 = R[2][2] − R[1][2] = 0.75 − 0.25 = 0.50;
  Δ3 = R[3][3] − R[2][3] = 0.75 − 0.50 = 0.25
* Hake g: g1 = 0.75 / (1 − 0.25) = 1; g2 = 0.50 / (1 − 0.25) = 2/3; g3 = 0.25 / (1 − 0.5) = 0.5
* control gains Δ_C: 0.25 − 0.25 = 0; 0.50 − 0.25 = 0.25; 0.25 − 0.25 = 0
* controlled gains G = Δ_L − Δ_C = [0.75, 0.25, 0.25], mean 1.25/3 = 5/12
* ACC = (0.50 + 0.75 + 0.75) / 3 = 2/3
* BWT = ((0.50 − 1.00) + (0.75 − 0.75)) / 2 = −0.25
* FWT = ((R[1][2] − b2) + (R[2][3] − b3)) / 2 = ((0.25 − 0) + (0.50 − 0.25)) / 2 = 0.25
* forgetting F1 = max(0.25, 1.00, 0.75) − 0.50 = 0.50; F2 = max(0, 0.25, 0.75) − 0.75 = 0;
  max 0.5
* progress reward, λ = 1:
  r1 = G1 = 0.75 (no earlier chapter);
  r2 = G2 − max(0, R[1][1] − R[2][1]) = 0.25 − (1.00 − 0.75) = 0;
  r3 = G3 − [max(0, R[2][1] − R[3][1]) + max(0, R[2][2] − R[3][2])]
     = 0.25 − [(0.75 − 0.50) + 0] = 0;   mean 0.25
  with λ = 0.5: r2 = 0.25 − 0.125 = 0.125, r3 = 0.125

Learner log besides the probes:

* chapter 1: one study event (500 prompt tokens, 1.5 s), then 5 practice answers
  with correctness [0, 1, 0, 1, 1], each 20 sampled tokens, 0.5 s, 1 gradient step
  -> chapter cost 600 tokens, 4.0 s, 5 steps; practice 100 tokens / 3 solved.
  Sequence slope: k̄ = 2, ȳ = 0.6, Σ dk·dy = 1.2 − 0.4 + 0 + 0.4 + 0.8 = 2.0, Σ dk² = 10 -> 0.2
* chapter 2: study (300 tokens, 1.0 s), 4 practice answers [0, 0, 1, 1] (20 tokens,
  0.5 s, 1 step each; logged out of order) -> 380 tokens, 3.0 s, 4 steps;
  curve probes at exercises_done 0, 2, 4 with 1, 2, 4 of 4 right -> [(0, .25), (2, .5), (4, 1)]
* chapter 3: study (200 tokens, 0.5 s), 2 practice answers [0, 0] (40 tokens,
  1.0 s, 2 steps each) -> 280 tokens, 2.5 s, 4 steps; nothing solved.
"""

from __future__ import annotations

import numpy as np

from selftaught.types import Costs, Grade, StudyEvent

L_HAND = np.array(
    [
        [0.25, 0.00, 0.25],
        [1.00, 0.25, 0.25],
        [0.75, 0.75, 0.50],
        [0.50, 0.75, 0.75],
    ]
)
C_HAND = np.array(
    [
        [0.25, 0.00, 0.25],
        [0.25, 0.25, 0.00],
        [0.50, 0.50, 0.25],
        [0.25, 0.00, 0.25],
    ]
)
PROBES_PER_CHAPTER = 4


def grade(ok: bool, score: float | None = None) -> Grade:
    """A grade; score defaults to 1.0/0.0 matching ``ok``."""
    return Grade(score=float(ok) if score is None else score, correct=ok, feedback="")


def probe(after: int | None, chapter: int, k: int, ok: bool, *, done: int | None = None,
          score: float | None = None) -> StudyEvent:
    """A probe event on item ``c{chapter}.p{k}`` (state probe, or curve probe if after is None)."""
    return StudyEvent(
        kind="probe", chapter=chapter, after_chapter=after, exercises_done=done,
        item_id=f"c{chapter}.p{k}", grade=grade(ok, score),
        costs=Costs(tokens_prompt=7, seconds=0.1),
    )


def probes_for(R: np.ndarray) -> list[StudyEvent]:
    """State probes realising matrix R: in each cell, the first round(4·R) items are right."""
    events = []
    for i in range(R.shape[0]):
        for j in range(R.shape[1]):
            right = round(R[i, j] * PROBES_PER_CHAPTER)
            for k in range(PROBES_PER_CHAPTER):
                events.append(probe(i, j + 1, k, k < right))
    return events


def practice(chapter: int, pos: int, ok: bool, tokens: int, seconds: float,
             steps: int) -> StudyEvent:
    return StudyEvent(
        kind="practice", chapter=chapter, exercises_done=pos, item_id=f"c{chapter}.e{pos}",
        grade=grade(ok), costs=Costs(tokens_sampled=tokens, seconds=seconds, grad_steps=steps),
    )


def study(chapter: int, tokens: int, seconds: float) -> StudyEvent:
    return StudyEvent(kind="study", chapter=chapter,
                      costs=Costs(tokens_prompt=tokens, seconds=seconds))


def learner_log(R: np.ndarray = L_HAND) -> list[StudyEvent]:
    """The hand-worked learner track, in run order (pre-test, then per chapter)."""
    state = {i: [e for e in probes_for(R) if e.after_chapter == i] for i in range(4)}
    log = list(state[0])
    log.append(study(1, 500, 1.5))
    log += [practice(1, p, bool(ok), 20, 0.5, 1) for p, ok in enumerate([0, 1, 0, 1, 1])]
    log += state[1]
    log.append(study(2, 300, 1.0))
    log.append(probe(None, 2, 0, True, done=0))
    log += [probe(None, 2, k, False, done=0) for k in (1, 2, 3)]
    chapter2 = [practice(2, p, bool(ok), 20, 0.5, 1) for p, ok in enumerate([0, 0, 1, 1])]
    log += [chapter2[1], chapter2[0]]
    log += [probe(None, 2, k, k < 2, done=2) for k in range(4)]
    log += [chapter2[3], chapter2[2]]
    log += [probe(None, 2, k, True, done=4) for k in range(4)]
    log += state[2]
    log.append(study(3, 200, 0.5))
    log += [practice(3, p, False, 40, 1.0, 2) for p in range(2)]
    log += state[3]
    return log


def control_log(R: np.ndarray = C_HAND) -> list[StudyEvent]:
    """The control track: answers practice (no study events, no feedback), and probes."""
    state = {i: [e for e in probes_for(R) if e.after_chapter == i] for i in range(4)}
    log = list(state[0])
    for c in (1, 2, 3):
        log += [practice(c, p, False, 20, 0.5, 0) for p in range(2)]
        log += state[c]
    return log
