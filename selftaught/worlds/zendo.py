"""Hidden classification rules over small structured objects (Zendo-like).

An object is a group of 1 to `MAX_PIECES` pieces, each with a colour, a size and a
shape. The hidden rule says which groups "have the property"; an experiment is a group
the agent builds, the observation is yes (1) or no (0). Rules are written in the rule
language of `selftaught.worlds.language`: ``any(red) and none(cube)``,
``count(blue) > count(green)``, ``all(small)``, ``n >= 3``.

Why Zendo: the classic induction game, where positive examples of a narrow rule are rare
under random play, so *building* informative objects is what separates a good
experimenter from a random one.

Difficulty (hypotheses): ``easy`` one atom (56); ``medium`` atoms plus every ``A and B`` /
``A or B`` of two atoms; ``hard`` adds ``A and not B``. The hidden rule is redrawn until
between 10% and 60% of random groups satisfy it, so queries can be balanced.

Universe: worlds of one universe use its "theme" atom with probability 0.8.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from selftaught.worlds.base import FiniteSpace, FiniteWorld, universe_rng, world_id, world_rng
from selftaught.worlds.protocol import Difficulty, Experiment, ExperimentError, Variable

COLOURS = ("red", "blue", "green")
SIZES = ("small", "medium", "large")
SHAPES = ("cone", "cube", "ball")
CATEGORIES = (COLOURS, SIZES, SHAPES)
VALUES = COLOURS + SIZES + SHAPES
MAX_PIECES = 4
QUERIES = 20
POOL = 1000
DEFAULT_NOISE = 0.0
UNIVERSE_SHARE = 0.8


@dataclass(frozen=True)
class Atom:
    """One test on a group's counts."""

    text: str
    kind: str
    a: int
    """Index into `VALUES` (or the threshold for ``n``)."""
    b: int = -1


def atoms() -> list[Atom]:
    """The 56 atoms: any/none/all/at-least-two per value, count comparisons within a category,
    and two tests on the number of pieces."""
    out: list[Atom] = []
    for i, v in enumerate(VALUES):
        out += [Atom(f"any({v})", "any", i), Atom(f"none({v})", "none", i),
                Atom(f"all({v})", "all", i), Atom(f"count({v}) >= 2", "two", i)]
    for cat in CATEGORIES:
        for v in cat:
            for w in cat:
                if v != w:
                    out.append(Atom(f"count({v}) > count({w})", "more", VALUES.index(v),
                                    VALUES.index(w)))
    out += [Atom("n >= 3", "n_ge", 3), Atom("n % 2 == 0", "n_even", 0)]
    return out


def counts(experiments: Sequence[Experiment]) -> np.ndarray:
    """``[len(VALUES) + 1, N]``: how many pieces have each value, then the number of pieces."""
    out = np.zeros((len(VALUES) + 1, len(experiments)))
    for j, e in enumerate(experiments):
        for piece in e["pieces"]:
            for v in piece:
                out[VALUES.index(v), j] += 1
        out[-1, j] = len(e["pieces"])
    return out


def atom_table(atom_list: Sequence[Atom], c: np.ndarray) -> np.ndarray:
    """``[A, N]`` truth of every atom on groups with counts ``c``."""
    n = c[-1]
    rows = []
    for atom in atom_list:
        x = c[atom.a] if atom.a < len(VALUES) else n
        rows.append(_atom_truth(atom, x, n, c))
    return np.array(rows, dtype=bool).reshape(len(atom_list), c.shape[1])


def _atom_truth(atom: Atom, x: np.ndarray, n: np.ndarray, c: np.ndarray) -> np.ndarray:
    if atom.kind == "any":
        return np.asarray(x >= 1)
    if atom.kind == "none":
        return np.asarray(x == 0)
    if atom.kind == "all":
        return np.asarray(x == n)
    if atom.kind == "two":
        return np.asarray(x >= 2)
    if atom.kind == "more":
        return np.asarray(x > c[atom.b])
    if atom.kind == "n_ge":
        return np.asarray(n >= atom.a)
    return np.asarray(n % 2 == 0)


Rule = tuple[str, int, int]
"""(op, i, j): ``atom``: atom i; ``and`` / ``or`` / ``andnot``: atoms i and j."""


def _rules(difficulty: Difficulty, count: int) -> list[Rule]:
    rules: list[Rule] = [("atom", i, -1) for i in range(count)]
    if difficulty == "easy":
        return rules
    pairs = [(i, j) for i in range(count) for j in range(i + 1, count)]
    rules += [("and", i, j) for i, j in pairs] + [("or", i, j) for i, j in pairs]
    if difficulty == "hard":
        rules += [("andnot", i, j) for i in range(count) for j in range(count) if i != j]
    return rules


def rule_text(rule: Rule, atom_list: Sequence[Atom]) -> str:
    op, i, j = rule
    if op == "atom":
        return atom_list[i].text
    if op == "andnot":
        return f"{atom_list[i].text} and not ({atom_list[j].text})"
    return f"{atom_list[i].text} {op} {atom_list[j].text}"


def random_group(rng: np.random.Generator) -> Experiment:
    """A random group: 1..MAX_PIECES pieces, every attribute uniform."""
    size = int(rng.integers(1, MAX_PIECES + 1))
    return {"pieces": [[str(cat[int(rng.integers(3))]) for cat in CATEGORIES]
                       for _ in range(size)]}


def check_group(experiment: Experiment) -> Experiment:
    """Normalise a group; raise `ExperimentError` naming the bad piece."""
    pieces = experiment["pieces"]
    if not isinstance(pieces, list) or not 1 <= len(pieces) <= MAX_PIECES:
        raise ExperimentError(f"pieces must be a list of 1 to {MAX_PIECES} pieces")
    clean = []
    for k, piece in enumerate(pieces):
        if not isinstance(piece, list | tuple) or len(piece) != 3 or any(
                v not in cat for v, cat in zip(piece, CATEGORIES, strict=False)):
            raise ExperimentError(
                f"piece {k} must be [colour, size, shape] from {COLOURS}, {SIZES}, {SHAPES}; "
                f"got {piece!r}")
        clean.append([str(v) for v in piece])
    return {"pieces": clean}


def generate_zendo(*, seed: int, difficulty: Difficulty = "easy", noise: float | None = None,
                   universe: int | None = None) -> FiniteWorld:
    """A hidden-rule world, deterministic per (seed, difficulty, noise, universe)."""
    rng = world_rng("zendo", seed, universe)
    atom_list = atoms()
    rules = _rules(difficulty, len(atom_list))
    op = np.array([["atom", "and", "or", "andnot"].index(r[0]) for r in rules])
    first = np.array([r[1] for r in rules])
    second = np.array([max(r[2], 0) for r in rules])
    pool = [random_group(rng) for _ in range(POOL)]

    def table(experiments: Sequence[Experiment]) -> np.ndarray:
        truth_AN = atom_table(atom_list, counts(experiments))
        a, b = truth_AN[first], truth_AN[second]
        kind = op[:, None]
        out = np.select([kind == 0, kind == 1, kind == 2], [a, a & b, a | b], a & ~b)
        return np.asarray(out, dtype=float)

    theme = None
    if universe is not None:
        theme = int(universe_rng("zendo", universe).integers(len(atom_list)))
    pool_table = table(pool)
    while True:
        index = int(rng.integers(len(rules)))
        if theme is not None and rng.random() < UNIVERSE_SHARE and theme not in (
                first[index], second[index] if rules[index][0] != "atom" else -1):
            continue
        rate = pool_table[index].mean()
        if 0.1 <= rate <= 0.6:
            break
    positives = [g for g, t in zip(pool, pool_table[index], strict=True) if t]
    negatives = [g for g, t in zip(pool, pool_table[index], strict=True) if not t]
    half = QUERIES // 2
    queries = tuple([positives[int(k)] for k in rng.choice(len(positives), half, replace=False)]
                    + [negatives[int(k)] for k in rng.choice(len(negatives), half,
                                                             replace=False)])

    def features(i: int) -> tuple[str, ...]:
        op_name, x, y = rules[i]
        tags = (f"op={op_name}", f"atom={atom_list[x].text}")
        return tags + ((f"atom={atom_list[y].text}",) if op_name != "atom" else ())

    def columns(experiments: Sequence[Experiment]) -> dict[str, np.ndarray]:
        c = counts(experiments)
        cols = {f"count_{v}": c[k] for k, v in enumerate(VALUES)}
        cols["n"] = c[-1]
        return cols

    space = FiniteSpace(kind="binary", noise=DEFAULT_NOISE if noise is None else noise,
                        table=table, render=lambda i, _o: rule_text(rules[i], atom_list),
                        feature_fn=features, log_prior=np.full(len(rules), -math.log(len(rules))))
    return FiniteWorld(
        id=world_id("zendo", difficulty, seed, universe), family="zendo",
        difficulty=difficulty, noise=space.noise,
        inputs=(Variable("pieces", kind="structure",
                         description=f"1-{MAX_PIECES} pieces, each [colour, size, shape] from "
                                     f"{'/'.join(COLOURS)}, {'/'.join(SIZES)}, "
                                     f"{'/'.join(SHAPES)}"),),
        output=Variable("y", kind="integer", low=0, high=1,
                        description="1 if the group has the hidden property"),
        kind="binary", theory_kind="rule",
        description=("Groups of pieces either have a hidden property (1) or not (0); the rule "
                     "depends only on how many pieces have each colour, size and shape."),
        hypotheses=space, law_index=index, law_offset=0.0,
        law_text=rule_text(rules[index], atom_list), prior_guess=0.0,
        sampler=random_group, to_columns=columns, queries=queries, attributes=VALUES,
        check_structure=check_group,
    )
