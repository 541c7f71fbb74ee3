"""Every built-in world passes `check_world`; the theory language refuses what is not a theory."""

from __future__ import annotations

import numpy as np
import pytest

from selftaught.worlds import (
    DIFFICULTIES,
    FAMILIES,
    ExperimentError,
    TheoryParseError,
    UnknownWorldError,
    check_world,
    make_world,
    parse_expression,
    world_from_id,
)
from selftaught.worlds.check import WorldCheckError


@pytest.mark.parametrize("family", sorted(FAMILIES))
@pytest.mark.parametrize("difficulty", DIFFICULTIES)
def test_every_builtin_world_conforms(family: str, difficulty: str) -> None:
    for noise in (None, 0.0):
        world = make_world(family, seed=3, difficulty=difficulty, noise=noise)
        check_world(world, remake=lambda n=noise: make_world(family, seed=3,
                                                             difficulty=difficulty, noise=n))
    shared = make_world(family, seed=1, difficulty=difficulty, universe=2)
    check_world(shared)
    assert shared.id.endswith("-u2")


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_seeds_give_different_worlds_and_ids_round_trip(family: str) -> None:
    laws = {make_world(family, seed=s).law_text for s in range(6)}
    assert len(laws) >= 3
    world = make_world(family, seed=4, difficulty="medium")
    again = world_from_id(world.id)
    assert again.law_text == world.law_text and again.queries == world.queries


def test_check_world_reports_a_broken_world() -> None:
    world = make_world("integers", seed=0, noise=0.0)
    world.law_text = "n + 1000"  # type: ignore[misc]
    with pytest.raises(WorldCheckError, match="law_text does not reproduce"):
        check_world(world)


def test_validation_names_the_bad_input() -> None:
    physics = make_world("physics", seed=0)
    name = physics.inputs[0].name
    good = physics.sample_experiment(np.random.default_rng(0))
    with pytest.raises(ExperimentError, match=f"input {name}=.* outside"):
        physics.validate(good | {name: 1e9})
    with pytest.raises(ExperimentError, match="unknown input"):
        physics.validate(good | {"zzz": 1.0})
    zendo = make_world("zendo", seed=0)
    with pytest.raises(ExperimentError, match="piece 0"):
        zendo.validate({"pieces": [["purple", "small", "cone"]]})
    with pytest.raises(ExperimentError, match="integer"):
        make_world("integers", seed=0).validate({"n": 2.5})


def test_noise_is_applied_and_seeded() -> None:
    world = make_world("circuit", seed=0, noise=0.5)
    e = world.sample_experiment(np.random.default_rng(1))
    a = world.run(e, np.random.default_rng(7)).value
    b = world.run(e, np.random.default_rng(7)).value
    assert a == b and a != pytest.approx(float(world.truth([e])[0]), abs=1e-6)


def test_unknown_family_and_bad_id() -> None:
    with pytest.raises(UnknownWorldError, match="known: circuit, integers, physics, zendo"):
        make_world("alchemy", seed=0)
    with pytest.raises(UnknownWorldError, match="neither a world family"):
        world_from_id("physics-s0")


@pytest.mark.parametrize("text", [
    "__import__('os').system('true')", "m1.__class__", "(lambda: 1)()", "m1[0]",
    "open('x')", "[m1 for m1 in r]", "exp(m1, r)", "'text'",
])
def test_theory_language_refuses_code(text: str) -> None:
    with pytest.raises(TheoryParseError):
        parse_expression(text, variables=("m1", "r"))


def test_rules_and_formulas_parse_to_sympy() -> None:
    rule = parse_expression("all(red) or count(blue) > count(red)", variables=("n",),
                            attributes=("red", "blue"))
    assert {s.name for s in rule.free_symbols} == {"count_red", "count_blue", "n"}
    law = parse_expression("C*m1^2/r**3", variables=("m1", "r"))
    assert str(law) == "C*m1**2/r**3"
    with pytest.raises(TheoryParseError, match="unknown name"):
        parse_expression("C*m1", variables=("m1",), constants=False)
