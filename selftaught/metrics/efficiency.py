"""Learning efficiency: how much gain each unit of study bought.

Why: a learner that gains 0.5 on a chapter after 200 tokens of notes and one
that gains 0.5 after 2 million tokens of fine-tuning are not equally good. The
gain ``Δ_c`` (see `selftaught.metrics.matrix.gains`) is divided by what
studying chapter c cost -- its study and practice events' costs, as summed by
`selftaught.metrics.events.chapter_costs`.

A chapter that cost nothing (a control, or a learner that never takes gradient
steps asked for gain per step) has no efficiency: these functions raise rather
than return 0 or infinity, naming the chapter.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from selftaught.metrics.matrix import ArrayLike, FloatArray, gains
from selftaught.types import Costs


def _per_unit(
    R: ArrayLike, costs_C: Sequence[Costs], unit: str, amount: Callable[[Costs], float]
) -> FloatArray:
    delta_C = gains(R)
    T = len(delta_C)
    if len(costs_C) != T:
        raise ValueError(f"costs_C has {len(costs_C)} entries but R has T={T} chapters")
    denom_C = np.array([float(amount(c)) for c in costs_C])
    zero = np.flatnonzero(denom_C <= 0)
    if len(zero):
        raise ValueError(
            f"chapter {int(zero[0]) + 1} cost 0 {unit}; gain per {unit.rstrip('s')} is "
            "undefined (was this a control track, or a learner that never spends them?)"
        )
    return delta_C / denom_C


def gain_per_token(R: ArrayLike, costs_C: Sequence[Costs]) -> FloatArray:
    """``Δ_c / tokens_c`` per chapter, tokens = read + sampled + trained while studying c.

    >>> from selftaught.types import Costs
    >>> R = [[0.0, 0.25], [0.75, 0.25], [0.5, 1.0]]
    >>> gain_per_token(R, [Costs(tokens_prompt=300), Costs(tokens_trained=75)]).tolist()
    [0.0025, 0.01]
    """
    return _per_unit(R, costs_C, "tokens", lambda c: c.tokens)


def gain_per_second(R: ArrayLike, costs_C: Sequence[Costs]) -> FloatArray:
    """``Δ_c / seconds_c`` per chapter (wall-clock seconds inside the learner).

    >>> from selftaught.types import Costs
    >>> R = [[0.0, 0.25], [0.75, 0.25], [0.5, 1.0]]
    >>> gain_per_second(R, [Costs(seconds=3.0), Costs(seconds=0.5)]).tolist()
    [0.25, 1.5]
    """
    return _per_unit(R, costs_C, "seconds", lambda c: c.seconds)


def gain_per_step(R: ArrayLike, costs_C: Sequence[Costs]) -> FloatArray:
    """``Δ_c / grad_steps_c`` per chapter (raises for a chapter with no gradient steps).

    >>> from selftaught.types import Costs
    >>> R = [[0.0, 0.25], [0.75, 0.25], [0.5, 1.0]]
    >>> gain_per_step(R, [Costs(grad_steps=3), Costs(grad_steps=1)]).tolist()
    [0.25, 0.75]
    >>> gain_per_step(R, [Costs(grad_steps=3), Costs()])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: chapter 2 cost 0 grad steps; gain per grad step is undefined ...
    """
    return _per_unit(R, costs_C, "grad steps", lambda c: c.grad_steps)


__all__ = ["gain_per_second", "gain_per_step", "gain_per_token"]
