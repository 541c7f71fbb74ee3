"""The scripted learners: conformance, registry errors, and what each can and cannot recall."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from selftaught.checkers import grade
from selftaught.learners import (
    LEARNERS,
    SCRIPTED,
    ConformanceError,
    Learner,
    LearnerStateError,
    UnknownLearnerError,
    check_learner,
    make_learner,
    register_learner,
    study_view,
)
from selftaught.learners.scripted import ScriptedLearner, count_tokens
from selftaught.types import Chapter, Costs, Exercise, Grade, Textbook


@pytest.mark.parametrize("name", sorted(SCRIPTED))
def test_every_scripted_learner_conforms(name: str, tiny_book: Textbook) -> None:
    check_learner(LEARNERS[name], tiny_book)


def test_builtins_are_registered() -> None:
    assert set(SCRIPTED) <= set(LEARNERS)
    assert set(SCRIPTED) == {"oracle", "random", "memoriser", "diligent", "forgetful"}


def test_unknown_learner_lists_the_known_names(tiny_book: Textbook) -> None:
    with pytest.raises(UnknownLearnerError) as info:
        make_learner("oracel", book=tiny_book, seed=0)
    message = str(info.value)
    assert "unknown learner 'oracel'" in message
    for name in SCRIPTED:
        assert name in message


def test_registering_a_taken_name_is_refused() -> None:
    with pytest.raises(ValueError, match="already registered"):
        register_learner("oracle", SCRIPTED["random"])


def test_scripted_learners_reject_options(tiny_book: Textbook) -> None:
    with pytest.raises(TypeError, match="takes no options"):
        make_learner("oracle", book=tiny_book, seed=0, temperature=0.7)


def test_oracle_knows_everything(tiny_book: Textbook) -> None:
    oracle = make_learner("oracle", book=tiny_book, seed=0)
    items = list(tiny_book.items().values())
    responses = oracle.answer([i.prompt for i in items])
    assert all(grade(r, i).correct for r, i in zip(responses, items, strict=True))


def test_random_guesses_plausible_answers(tiny_book: Textbook) -> None:
    guesser = make_learner("random", book=tiny_book, seed=0)
    items = [p for ch in tiny_book.chapters for p in ch.probes]
    responses = guesser.answer([i.prompt for i in items] * 5)
    correct = sum(grade(r, i).correct for r, i in zip(responses, items * 5, strict=True))
    assert correct / len(responses) < 0.3
    choice = [r for r, i in zip(responses, items * 5, strict=True) if i.checker.kind == "choice"]
    assert {r.removeprefix("Answer: ") for r in choice} <= set("ABCD")
    assert guesser.answer(["a prompt from no book"])[0].startswith("Answer: ")


def test_memoriser_recalls_exactly_what_it_was_shown(tiny_book: Textbook) -> None:
    memo = make_learner("memoriser", book=tiny_book, seed=0)
    chapter = tiny_book.chapters[0]
    memo.study(study_view(chapter))
    example = chapter.examples[0]
    assert memo.answer([example.prompt]) == [f"Answer: {example.answer}"]
    exercise = chapter.exercises[3]
    response = memo.answer([exercise.prompt])[0]
    memo.feedback(exercise, response, grade(response, exercise))
    assert memo.answer([exercise.prompt]) == [f"Answer: {exercise.answer}"]
    # A paraphrase of a known item is not recalled: it is guessed.
    paraphrase = exercise.prompt.replace("Translate", "Please translate")
    assert memo.answer([paraphrase]) != [f"Answer: {exercise.answer}"]


def test_diligent_keeps_and_forgetful_drops_earlier_chapters(tiny_book: Textbook) -> None:
    ch1, ch2 = tiny_book.chapters[:2]
    probe1, probe2 = ch1.probes[0], ch2.probes[0]
    for name, keeps_ch1 in (("diligent", True), ("forgetful", False)):
        learner = make_learner(name, book=tiny_book, seed=0)
        learner.study(study_view(ch1))
        assert learner.answer([probe1.prompt]) == [f"Answer: {probe1.answer}"], name
        learner.study(study_view(ch2))
        assert learner.answer([probe2.prompt]) == [f"Answer: {probe2.answer}"], name
        remembered = learner.answer([probe1.prompt]) == [f"Answer: {probe1.answer}"]
        assert remembered is keeps_ch1, name


def test_study_of_a_foreign_chapter_is_an_error(tiny_book: Textbook) -> None:
    learner = make_learner("diligent", book=tiny_book, seed=0)
    foreign = tiny_book.chapters[0].model_copy(update={"id": "not-in-book"})
    with pytest.raises(ValueError, match="not a chapter"):
        learner.study(foreign)


def test_costs_count_characters_over_four(tiny_book: Textbook) -> None:
    learner = make_learner("oracle", book=tiny_book, seed=0)
    prompt = tiny_book.chapters[0].exercises[0].prompt
    [response] = learner.answer([prompt])
    costs = learner.costs()
    assert costs.tokens_prompt == count_tokens(prompt)
    assert costs.tokens_sampled == count_tokens(response)
    assert costs.grad_steps == 0 and costs.tokens_trained == 0
    assert costs.seconds > 0


def test_state_round_trip_restores_rng_and_knowledge(tiny_book: Textbook, tmp_path: Path) -> None:
    learner = make_learner("forgetful", book=tiny_book, seed=3)
    learner.study(study_view(tiny_book.chapters[1]))
    learner.answer(["warm up the rng"])
    learner.save(tmp_path)
    restored = make_learner("forgetful", book=tiny_book, seed=99)
    restored.load(tmp_path)
    assert restored.costs() == learner.costs()
    prompts = [item.prompt for item in tiny_book.items().values()]
    assert restored.answer(prompts) == learner.answer(prompts)
    state = json.loads((tmp_path / "learner.json").read_text())
    assert state["knowledge"] == {"known_C": [2]}


def test_loading_another_learners_state_is_refused(tiny_book: Textbook, tmp_path: Path) -> None:
    make_learner("memoriser", book=tiny_book, seed=0).save(tmp_path)
    with pytest.raises(LearnerStateError, match="state of learner 'memoriser', not 'diligent'"):
        make_learner("diligent", book=tiny_book, seed=0).load(tmp_path)
    (tmp_path / "learner.json").write_text("{not json")
    with pytest.raises(LearnerStateError, match="corrupt learner state"):
        make_learner("memoriser", book=tiny_book, seed=0).load(tmp_path)


# -- check_learner must be able to fail ---------------------------------------------------------


class _Broken:
    """Wraps a scripted learner and breaks one part of the contract."""

    def __init__(self, inner: ScriptedLearner, flaw: str) -> None:
        self.name = inner.name
        self._inner = inner
        self._flaw = flaw
        self._calls = 0

    def study(self, chapter: Chapter) -> None:
        if self._flaw == "study-raises" and chapter.id == "ch2":
            raise RuntimeError("cannot read chapter 2")
        self._inner.study(chapter)

    def answer(self, prompts: list[str]) -> list[str]:
        responses = self._inner.answer(prompts)
        if self._flaw == "drops-last" and len(prompts) > 1:
            return responses[:-1]
        if self._flaw == "reversed":
            return responses[::-1]
        return responses

    def feedback(self, item: Exercise, response: str, grade: Grade) -> None:
        self._inner.feedback(item, response, grade)

    def costs(self) -> Costs:
        self._calls += 1
        costs = self._inner.costs()
        if self._flaw == "costs-decrease" and self._calls % 2 == 0:
            return Costs(tokens_prompt=max(0, costs.tokens_prompt - 1000))
        return costs

    def save(self, directory: Path) -> None:
        self._inner.save(directory)

    def load(self, directory: Path) -> None:
        if self._flaw == "forgets-rng":  # restores everything but keeps its own RNG state
            rng_state = self._inner._rng.getstate()
            self._inner.load(directory)
            self._inner._rng.setstate(rng_state)
            return
        self._inner.load(directory)


@pytest.mark.parametrize(
    ("flaw", "expected"),
    [
        ("drops-last", "returned 7 responses for 8 prompts"),
        ("reversed", "differs from answering the same prompts one at a time"),
        ("study-raises", "study(chapter 2) raised RuntimeError: cannot read chapter 2"),
        ("costs-decrease", "costs().tokens_prompt decreased"),
        ("forgets-rng", "after save/load, the first answer()"),
    ],
)
def test_check_learner_reports_broken_learners(
    flaw: str, expected: str, tiny_book: Textbook
) -> None:
    def factory(*, book: Textbook, seed: int, **options: Any) -> Learner:
        inner = make_learner("random", book=book, seed=seed, **options)
        assert isinstance(inner, ScriptedLearner)
        return _Broken(inner, flaw)

    with pytest.raises(ConformanceError) as info:
        check_learner(factory, tiny_book)
    assert any(expected in problem for problem in info.value.problems), info.value.problems


def test_check_learner_rejects_a_non_learner(tiny_book: Textbook) -> None:
    def factory(*, book: Textbook, seed: int, **options: Any) -> Any:
        return object()

    with pytest.raises(ConformanceError, match="not a Learner"):
        check_learner(factory, tiny_book)


def test_lazy_learner_modules_are_imported_on_first_use(
    tiny_book: Textbook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from selftaught.learners import protocol

    monkeypatch.setattr(protocol, "LEARNERS", dict(protocol.LEARNERS))
    monkeypatch.setattr(protocol, "LAZY_LEARNERS", dict(protocol.LAZY_LEARNERS))
    (tmp_path / "lazy_learners_for_test.py").write_text(
        "from selftaught.learners import register_learner, SCRIPTED\n"
        "register_learner('lazy-oracle', SCRIPTED['oracle'])\n"
    )
    (tmp_path / "lazy_learners_broken.py").write_text("# registers nothing\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    protocol.register_learner_module("lazy_learners_for_test", ("lazy-oracle",))
    protocol.register_learner_module("lazy_learners_broken", ("ghost",))
    assert {"lazy-oracle", "ghost"} <= set(protocol.learner_names())
    assert "lazy-oracle" not in protocol.LEARNERS
    learner = protocol.make_learner("lazy-oracle", book=tiny_book, seed=0)
    assert learner.name == "oracle"
    with pytest.raises(UnknownLearnerError, match="did not register it"):
        protocol.make_learner("ghost", book=tiny_book, seed=0)


def test_model_learners_are_declared_lazily() -> None:
    from selftaught.learners import LAZY_LEARNERS, learner_names

    assert {"stateless", "notes", "lora", "hybrid"} <= set(LAZY_LEARNERS)
    assert set(SCRIPTED) <= set(learner_names())
