"""`check_world`: the conformance check every world must pass (run in tests over each built-in).

Gymnasium's ``check_env`` is the model: a user who writes their own world runs this and
gets a list of what is wrong, instead of discovering it halfway through a benchmark.
It checks the protocol's names, that experiments validate and run, that the world is
deterministic for a seed, that the hidden law is in its hypothesis space and explains
noise-free data best, that the held-out queries are valid, and that the hidden law's text
parses in the theory language and reproduces the truth.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from selftaught.worlds.language import TheoryParseError, evaluate, parse_expression
from selftaught.worlds.protocol import ExperimentError, HypothesisSpace, World

ATTRIBUTES = ("id", "family", "difficulty", "noise", "inputs", "output", "kind", "theory_kind",
              "attributes", "description", "queries", "hypotheses", "law_index", "law_text",
              "prior_guess", "fitted_constants")


class WorldCheckError(AssertionError):
    """A world breaks the protocol; the message lists every problem found."""


def check_world(world: World, *, remake: Callable[[], World] | None = None) -> None:
    """Raise `WorldCheckError` listing every way ``world`` breaks the `World` protocol.

    ``remake`` (optional) builds the same world again, to check determinism per seed.
    """
    problems: list[str] = []
    missing = [a for a in ATTRIBUTES if not hasattr(world, a)]
    if missing:
        raise WorldCheckError(f"world lacks {', '.join(missing)}")
    if not isinstance(world.hypotheses, HypothesisSpace):
        problems.append("hypotheses does not satisfy the HypothesisSpace protocol")
    if not world.queries:
        problems.append("no held-out queries")
    rng = np.random.default_rng(0)
    experiments = [world.sample_experiment(rng) for _ in range(8)]
    for e in experiments + list(world.queries):
        try:
            world.validate(e)
        except ExperimentError as err:
            problems.append(f"a sampled or query experiment does not validate: {err}")
            break
    try:
        world.validate({})
        problems.append("validate accepted an empty experiment")
    except ExperimentError:
        pass  # expected: the check is that it raises
    observations = [world.run(e, np.random.default_rng(k)) for k, e in enumerate(experiments)]
    truth = world.truth(experiments)
    if truth.shape != (len(experiments),) or not np.all(np.isfinite(truth)):
        problems.append(f"truth() gave shape {truth.shape} or non-finite values")
    if world.noise == 0 and not np.allclose([o.value for o in observations], truth):
        problems.append("a noise-free world's observations differ from its truth")
    space = world.hypotheses
    if not 0 <= world.law_index < space.size:
        problems.append(f"law_index {world.law_index} outside the space of {space.size}")
    else:
        predicted = space.predict(observations, world.queries)
        if predicted.shape != (space.size, len(world.queries)):
            problems.append(f"predict() gave shape {predicted.shape}")
        if world.noise == 0:
            loglik = space.log_likelihood(observations)
            if loglik[world.law_index] < loglik.max() - 1e-6:
                problems.append("the hidden law does not fit noise-free data best")
            if not np.allclose(predicted[world.law_index], world.truth(world.queries),
                               rtol=1e-6, atol=1e-9):
                problems.append("the hidden law's fitted prediction misses the truth")
    if abs(float(np.logaddexp.reduce(space.log_prior))) > 1e-6:
        problems.append("log_prior is not normalised")
    problems += _check_text(world)
    if remake is not None:
        again = remake()
        if again.law_text != world.law_text or again.queries != world.queries:
            problems.append("the world is not deterministic for its seed")
    if problems:
        raise WorldCheckError(f"{world.id}: " + "; ".join(problems))


def _check_text(world: World) -> list[str]:
    names = [v.name for v in world.inputs] + (["n"] if world.theory_kind == "rule" else [])
    try:
        expr = parse_expression(world.law_text, variables=names, attributes=world.attributes,
                                constants=False)
    except TheoryParseError as err:
        return [f"law_text does not parse in the theory language: {err}"]
    values = evaluate(expr, world.columns(world.queries), len(world.queries))
    if not np.allclose(values, world.truth(world.queries), rtol=1e-4, atol=1e-9):
        return ["law_text does not reproduce truth() on the queries"]
    return []
