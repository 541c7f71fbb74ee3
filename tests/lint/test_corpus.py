"""The labelled corpus is well-formed, and the detector keeps its measured quality on it.

The full comparison with ruff/pylint/bandit/bugbear is benchmarks/lint/bench.py; this
test only re-runs the detector (about a second) so a rule change that costs precision or
recall fails CI instead of silently moving the README's numbers.
"""

from __future__ import annotations

import ast
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "lint" / "bench.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("lint_bench", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_corpus_is_large_balanced_and_parseable(bench):
    items = bench.load_corpus()
    assert len(items) >= 120
    positives = sum(i.duct_tape for i in items)
    assert 0.35 < positives / len(items) < 0.65
    assert {i.family for i in items} == {"swallow", "tests", "silence"}
    for item in items:
        ast.parse(item.snippet)  # every snippet is real, parseable Python
    assert 0.2 < sum(i.heldout for i in items) / len(items) < 0.4


def test_detector_quality_on_the_corpus(bench):
    """The original corpus keeps its precision; its recall on `fresh` is lower by design.

    Its labels call every uncommented narrow silent handler duct tape; the independent set
    (maintainers' own decisions) says handlers that skip a vanished item in a loop, fall back
    after a duck-typed attribute, or whose result is checked right after are kept for years,
    and the context rules follow the maintainers (docs/lint.md, "two labellings").
    """
    items = bench.load_corpus()
    verdicts = bench.run_selftaught(items)
    # fresh2 lost two of its 19 positives to the removal-if-present and parse-fallback
    # contexts (the maintainers keep 21 such handlers in the 14 tuning trees, none of the
    # handlers they did not keep has the shape); its labels call every silent narrow handler
    # duct tape, so the floor follows the measured 0.79 (docs/lint.md).
    floors = {"all": 0.85, "held-out": 0.85, "fresh": 0.65, "fresh2": 0.75}
    for split, recall_floor in floors.items():
        subset = items if split == "all" else [i for i in items if i.split == split]
        m = bench.metrics(subset, verdicts)
        assert m["precision"] >= 0.85 and m["recall"] >= recall_floor, (split, m)


def test_independent_set_has_provenance_and_a_fixed_split(bench):
    items = bench.load_independent()  # raises on a record without labeller/basis/url/licence
    assert len(items) >= 150
    for item in items:
        ast.parse(item.snippet)
    first = [i for i in items if i.batch < 3]
    untouched = sum(i.origin == "was-untouched" for i in first) / len(first)
    assert 0.4 <= untouched <= 0.5  # the old hash split, kept for the history rows
    assert {i.split for i in items} <= {"tune", "untouched-4"}
    assert all(i.split == "tune" for i in items if i.batch < 7)
    assert all(i.origin == "was-untouched-3" for i in items if i.batch == 6)


def test_later_batches_come_from_repositories_never_tuned_on(bench):
    """Batches 3-5 (the old `untouched-2`), batch 6 (the old `untouched-3`) and batch 7
    (`untouched-4`) each come from repositories that no earlier batch used (whose trees the
    rules were tuned on), and batch 7 is `untouched-4` as a whole, as recorded in
    provenance.yaml."""
    import yaml

    records = yaml.safe_load((BENCH.parent / "independent" / "provenance.yaml").read_text())
    first = {r["source"]["repo"] for r in records if int(r.get("batch", 1)) < 3}
    middle = [r for r in records if 3 <= int(r.get("batch", 1)) <= 5]
    assert len(middle) >= 100
    assert all(r["split"] == "untouched-2" for r in middle)  # as pinned; promoted since
    assert not first & {r["source"]["repo"] for r in middle}
    sixth = [r for r in records if int(r.get("batch", 1)) == 6]
    older = first | {r["source"]["repo"] for r in middle}
    assert not older & {r["source"]["repo"] for r in sixth}
    assert all(r["split"] == "untouched-3" for r in sixth)  # as pinned; promoted since
    by_id = {i.id: i for i in bench.load_independent()}
    assert all(by_id[r["id"]].origin == "was-untouched-3" for r in sixth)
    seventh = [r for r in records if int(r.get("batch", 1)) >= 7]
    older |= {r["source"]["repo"] for r in sixth}
    assert not older & {r["source"]["repo"] for r in seventh}
    assert all(r["split"] == "untouched-4" for r in seventh)
    assert all(by_id[r["id"]].split == "untouched-4" for r in seventh)


def test_detector_quality_on_the_tune_split(bench):
    """Guards the rule work against regressions on the split it was tuned on (the untouched
    split is measured by bench.py and reported, never asserted on or tuned against)."""
    items = [i for i in bench.load_independent() if i.split == "tune"]
    m = bench.metrics(items, bench.run_selftaught(items))
    assert m["precision"] >= 0.80 and m["recall"] >= 0.60, m
