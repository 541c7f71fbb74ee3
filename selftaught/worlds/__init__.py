"""Worlds with hidden laws, for the scientist loop (`selftaught.discover`).

Why generated: a model cannot *discover* a law it has memorised. Each family draws its
hidden law from a seed, so every run can use worlds no model has seen, and scores carry
confidence intervals over seeds.

The registry is a plain dict, like the textbook generators': ``make_world(family, seed=...)``
looks the family up and calls its generator, any callable
``fn(*, seed, difficulty, noise, universe) -> World`` deterministic in its arguments.
``world_from_id("physics-easy-s3")`` rebuilds a world from its id.

>>> world = make_world("integers", seed=0)
>>> world.id, world.kind, len(world.queries)
('integers-easy-s0', 'integer', 12)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, cast

from selftaught.plugins import GROUPS, Registry, callable_plugin
from selftaught.worlds.check import WorldCheckError, check_world
from selftaught.worlds.circuit import generate_circuit
from selftaught.worlds.integers import generate_integers
from selftaught.worlds.language import TheoryParseError, evaluate, parse_expression
from selftaught.worlds.physics import generate_physics
from selftaught.worlds.protocol import (
    DIFFICULTIES,
    Difficulty,
    Experiment,
    ExperimentError,
    HypothesisSpace,
    Observation,
    OutputKind,
    Variable,
    World,
)
from selftaught.worlds.zendo import generate_zendo

__all__ = [
    "DIFFICULTIES",
    "FAMILIES",
    "Experiment",
    "ExperimentError",
    "HypothesisSpace",
    "Observation",
    "OutputKind",
    "TheoryParseError",
    "UnknownWorldError",
    "Variable",
    "World",
    "WorldCheckError",
    "WorldFn",
    "check_world",
    "evaluate",
    "make_world",
    "parse_expression",
    "register",
    "world_from_id",
]

WorldFn = Callable[..., World]
"""``fn(*, seed: int, difficulty: str, noise: float | None, universe: int | None) -> World``."""

FAMILIES: Registry[WorldFn] = Registry(GROUPS["worlds"], "world family",
                                       callable_plugin("world family"))
"""Every registered world family by name, installed plugins' included (entry-point group
``selftaught.worlds``: name -> a ``WorldFn``, loaded on first use; prove one with
`check_world`)."""

ID_RE = re.compile(r"^(?P<family>[a-z_]+)-(?P<difficulty>easy|medium|hard)-s(?P<seed>\d+)"
                   r"(?:-u(?P<universe>\d+))?$")


class UnknownWorldError(KeyError):
    """No registered family (or malformed world id)."""

    def __str__(self) -> str:
        return str(self.args[0])


def register(family: str, fn: WorldFn) -> None:
    """Make ``fn`` available as ``make_world(family, ...)``; a family is registered once."""
    if family in FAMILIES.registered() and FAMILIES[family] is not fn:
        raise ValueError(f"world family {family!r} is already registered")
    FAMILIES[family] = fn


def make_world(family: str, *, seed: int, difficulty: str = "easy", noise: float | None = None,
               universe: int | None = None, **options: Any) -> World:
    """The ``family`` world for ``seed`` at ``difficulty`` (noise: the family's default).

    Raises `UnknownWorldError` naming the known families, `ValueError` for a bad parameter.
    """
    if family not in FAMILIES:
        raise UnknownWorldError(f"unknown world family {family!r} "
                                f"(known: {', '.join(sorted(FAMILIES))})")
    if difficulty not in DIFFICULTIES:
        raise ValueError(f"difficulty must be one of {', '.join(DIFFICULTIES)}, "
                         f"got {difficulty!r}")
    if noise is not None and not 0 <= noise < 1:
        raise ValueError(f"noise must be in [0, 1), got {noise!r}")
    return FAMILIES[family](seed=seed, difficulty=cast(Difficulty, difficulty), noise=noise,
                            universe=universe, **options)


def world_from_id(world_id: str, *, noise: float | None = None) -> World:
    """Rebuild a world from its id (``physics-easy-s3``, ``zendo-hard-s1-u4``)."""
    match = ID_RE.match(world_id)
    if match is None:
        raise UnknownWorldError(
            f"{world_id!r} is neither a world family ({', '.join(sorted(FAMILIES))}) nor a "
            f"world id (FAMILY-DIFFICULTY-sSEED, e.g. physics-easy-s0)")
    universe = match["universe"]
    return make_world(match["family"], seed=int(match["seed"]), difficulty=match["difficulty"],
                      noise=noise, universe=None if universe is None else int(universe))


register("physics", generate_physics)
register("integers", generate_integers)
register("zendo", generate_zendo)
register("circuit", generate_circuit)
