"""MetaTrainConfig: validation, overrides, and the train/validation/eval book split."""

from __future__ import annotations

import pytest

from selftaught.metatrain import (
    ConfigError,
    MetaTrainConfig,
    check_disjoint,
    eval_refs,
    make_book,
    train_refs,
    val_refs,
)


def test_evaluation_books_are_disjoint_from_training_books() -> None:
    config = MetaTrainConfig(val_seeds=(200,))
    train_B = [make_book(config, r) for r in (*train_refs(config), *val_refs(config))]
    eval_B = [make_book(config, r) for r in eval_refs(config)]
    check_disjoint(train_B, eval_B)  # raises on any shared book, content or probe
    assert {b.id for b in train_B}.isdisjoint({b.id for b in eval_B})
    train_probes = {p.prompt for b in train_B for c in b.chapters for p in c.probes}
    eval_probes = {p.prompt for b in eval_B for c in b.chapters for p in c.probes}
    assert train_probes.isdisjoint(eval_probes)
    assert {b.domain for b in eval_B} == {config.train_domain, config.eval_domain}
    assert config.eval_domain not in {b.domain for b in train_B}  # a held-out domain


def test_check_disjoint_catches_a_leaked_book() -> None:
    config = MetaTrainConfig()
    book = make_book(config, train_refs(config)[0])
    with pytest.raises(ConfigError, match="also a training book"):
        check_disjoint([book], [book])


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"eval_seeds": (100,)}, "train_seeds and eval_seeds share seeds"),
        ({"val_seeds": (0,)}, "val_seeds and eval_seeds share seeds"),
        ({"eval_domain": "language"}, "eval_domain: must differ"),
        ({"eval_domain": "astrology"}, "eval_domain: unknown 'astrology'"),
        ({"algorithm": "dpo"}, "algorithm: unknown 'dpo'"),
        ({"edits_per_chapter": 0}, "edits_per_chapter: must be >= 1"),
        ({"pg_lr": 0.0}, "pg_lr: must be > 0"),
    ],
)
def test_bad_fields_name_the_field(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        MetaTrainConfig(**changes)  # type: ignore[arg-type]


def test_overrides_round_trip_and_changed_fields() -> None:
    config = MetaTrainConfig.quick(model="tiny-random")
    changed = config.with_overrides(
        {"iterations": 5, "train_seeds": [7, 8], "reward.forgetting_weight": 0.5}
    )
    assert changed.train_seeds == (7, 8) and changed.reward.forgetting_weight == 0.5
    assert MetaTrainConfig.from_json(changed.to_json()) == changed
    assert config.changed_fields(changed) == [
        "iterations: 2 -> 5",
        "reward: {'duct_tape_weight': 0.5, 'forgetting_weight': 1.0, 'length_weight': 0.0} -> "
        "{'duct_tape_weight': 0.5, 'forgetting_weight': 0.5, 'length_weight': 0.0}",
        "train_seeds: [100] -> [7, 8]",
    ]
    with pytest.raises(ConfigError, match="unknown field"):
        config.with_overrides({"iteratoins": 3})
