"""Warm start: flashcard demonstrations in the learner's Q/A format, stored as iteration 0."""

from __future__ import annotations

from pathlib import Path

from selftaught.metatrain import MetaTrainConfig, make_book, parse_pairs, train, train_refs
from selftaught.metatrain.selfedit import chapter_tasks
from selftaught.metatrain.warm_start import demonstration


def test_demonstrations_parse_as_the_learner_parses() -> None:
    config = MetaTrainConfig()
    book = make_book(config, train_refs(config)[0])
    first, second = chapter_tasks([book], ["b"])
    pairs = parse_pairs(demonstration(first, max_pairs=6))
    assert len(pairs) == 6
    assert all(reply.startswith("Answer: ") for _, reply in pairs)
    assert demonstration(second, max_pairs=6) == ""  # a grammar chapter has no glossary


def test_warm_start_is_iteration_zero(tmp_path: Path) -> None:
    config = MetaTrainConfig.quick(model="tiny-random", warm_start_steps=1, iterations=1,
                                   write_tokens=8)
    records = train(config, tmp_path / "run")
    assert [r.iteration for r in records] == [0, 1]
    assert records[0].metrics["warm_start/demonstrations"] == 1.0
    assert (tmp_path / "run" / records[0].sampler_path).is_dir()  # evaluable on its own
