"""A small mechanistic system: a black-box resistor network driving a load you choose.

The agent sets the source voltage ``V`` and the load resistance ``R_L`` and measures the
voltage across the load. Inside the box, hidden resistors are wired in one of a few
topologies; the parts interact (the load current flows through the internal resistors,
so the reading depends on both inputs jointly, not on each alone).

* ``T1``: ``R1`` in series with the load.
* ``T2``: ``R1`` in series, ``R2`` in parallel with the load.
* ``T3``: ``R1`` in series, ``R2`` shunting, ``R3`` in series with the load.

Resistor values come from the E6 series over two decades (`VALUES`, 12 values). Difficulty:
``easy`` T1 (12 hypotheses), ``medium`` T1+T2 (156), ``hard`` T1+T2+T3 (1884).
Noise: additive Gaussian on the reading, sd `DEFAULT_NOISE` volts by default.

Universe: worlds of one universe share its series resistor ``R1`` with probability 0.8.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from selftaught.worlds.base import (
    FiniteSpace,
    FiniteWorld,
    draw_input,
    numeric_columns,
    universe_rng,
    world_id,
    world_rng,
)
from selftaught.worlds.protocol import Difficulty, Experiment, Variable

VALUES = (10.0, 15.0, 22.0, 33.0, 47.0, 68.0, 100.0, 150.0, 220.0, 330.0, 470.0, 680.0)
"""Resistor values (ohms) the box is built from."""
DEFAULT_NOISE = 0.02
QUERIES = 20
UNIVERSE_SHARE = 0.8
INPUTS = (
    Variable("V", "V", 1.0, 10.0, description="source voltage"),
    Variable("R_L", "ohm", 1.0, 1000.0, description="load resistance", scale="log"),
)

Part = tuple[int, float, float, float]
"""(topology 1..3, R1, R2, R3)."""


def _parts(difficulty: Difficulty) -> list[Part]:
    out: list[Part] = [(1, r1, 0.0, 0.0) for r1 in VALUES]
    if difficulty in ("medium", "hard"):
        out += [(2, r1, r2, 0.0) for r1 in VALUES for r2 in VALUES]
    if difficulty == "hard":
        out += [(3, r1, r2, r3) for r1 in VALUES for r2 in VALUES for r3 in VALUES]
    return out


def load_voltage(topology: np.ndarray, r1: np.ndarray, r2: np.ndarray, r3: np.ndarray,
                 v: np.ndarray, load: np.ndarray) -> np.ndarray:
    """Voltage across the load for broadcastable arrays of parts and inputs.

    >>> float(load_voltage(np.array(1), np.array(100.0), np.array(0.0), np.array(0.0),
    ...                    np.array(10.0), np.array(100.0)))
    5.0
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        t1 = v * load / (r1 + load)
        shunt = r2 * load / (r2 + load)
        t2 = v * shunt / (r1 + shunt)
        branch = r3 + load
        shunt3 = r2 * branch / (r2 + branch)
        t3 = v * shunt3 / (r1 + shunt3) * load / branch
    return np.asarray(np.where(topology == 1, t1, np.where(topology == 2, t2, t3)))


def render(part: Part) -> str:
    """The part list as a formula in ``V`` and ``R_L``.

    >>> render((1, 47.0, 0.0, 0.0))
    'V*R_L/(47.0 + R_L)'
    """
    topology, r1, r2, r3 = part
    if topology == 1:
        return f"V*R_L/({r1!r} + R_L)"
    if topology == 2:
        shunt = f"({r2!r}*R_L/({r2!r} + R_L))"
        return f"V*{shunt}/({r1!r} + {shunt})"
    branch = f"({r3!r} + R_L)"
    shunt = f"({r2!r}*{branch}/({r2!r} + {branch}))"
    return f"V*{shunt}/({r1!r} + {shunt})*R_L/{branch}"


def generate_circuit(*, seed: int, difficulty: Difficulty = "easy", noise: float | None = None,
                     universe: int | None = None) -> FiniteWorld:
    """A black-box circuit world, deterministic per (seed, difficulty, noise, universe)."""
    rng = world_rng("circuit", seed, universe)
    parts = _parts(difficulty)
    p = {k: np.array([part[k] for part in parts])[:, None] for k in range(4)}
    topologies = {"easy": 1, "medium": 2, "hard": 3}[difficulty]
    shared_r1 = None
    if universe is not None:
        shared_r1 = VALUES[int(universe_rng("circuit", universe).integers(len(VALUES)))]
    follow = shared_r1 is not None and rng.random() < UNIVERSE_SHARE
    while True:
        law = parts[int(rng.integers(len(parts)))]
        if follow and law[1] != shared_r1:
            continue
        if law[0] == topologies:  # the hidden box uses all of its difficulty's parts
            break

    def table(experiments: Sequence[Experiment]) -> np.ndarray:
        v = np.array([float(e["V"]) for e in experiments])[None, :]
        load = np.array([float(e["R_L"]) for e in experiments])[None, :]
        return load_voltage(p[0], p[1], p[2], p[3], v, load)

    def features(index: int) -> tuple[str, ...]:
        part = parts[index]
        return (f"topology=T{part[0]}", f"R1={part[1]:g}")

    space = FiniteSpace(kind="linear", noise=DEFAULT_NOISE if noise is None else noise,
                        table=table, render=lambda i, _o: render(parts[i]), feature_fn=features,
                        log_prior=np.full(len(parts), -math.log(len(parts))))

    def sampler(r: np.random.Generator) -> Experiment:
        return {v.name: draw_input(v, r) for v in INPUTS}

    return FiniteWorld(
        id=world_id("circuit", difficulty, seed, universe), family="circuit",
        difficulty=difficulty, noise=space.noise, inputs=INPUTS,
        output=Variable("V_L", "V", description="voltage across the load"), kind="linear",
        theory_kind="formula",
        description=("A sealed box of resistors is driven by a source V; you choose the load "
                     "R_L and read the voltage V_L across it. Find the box's formula for V_L."),
        hypotheses=space, law_index=parts.index(law), law_offset=0.0, law_text=render(law),
        prior_guess=2.75, sampler=sampler, to_columns=numeric_columns(INPUTS),
        queries=tuple(sampler(rng) for _ in range(QUERIES)),
    )
