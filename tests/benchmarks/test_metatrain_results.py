"""The checked-in meta-training results are strict JSON: an interval over one book is
``null``, never ``NaN`` (which ``json.dumps`` writes by default and strict readers refuse)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

RESULTS = sorted((Path(__file__).resolve().parents[2] / "benchmarks" / "results")
                 .glob("metatrain*.json"))


def _refuse(constant: str) -> None:
    raise ValueError(f"{constant} is not JSON")


@pytest.mark.parametrize("path", RESULTS, ids=[p.name for p in RESULTS])
def test_metatrain_result_is_strict_json(path: Path) -> None:
    payload = json.loads(path.read_text(), parse_constant=_refuse)
    assert json.loads(json.dumps(payload, allow_nan=False)) == payload  # writes back strictly


def test_there_are_metatrain_results() -> None:
    assert {p.name for p in RESULTS} >= {"metatrain.json", "metatrain-icl.json"}
