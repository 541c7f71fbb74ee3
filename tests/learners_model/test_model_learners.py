"""Model learners on the tiny random model: the contract for every registered composition,
persistence, notes, LoRA learning, answer shapes and the dense measure.

The tiny model cannot answer anything, so these tests check mechanics that must hold for
any model: the conformance check over every kind, exact save/load, notes that come from
the material and from feedback, LoRA training that lowers the loss on what was studied,
answers that are never cut to a fragment, and reference-answer log-probabilities.
"""

from __future__ import annotations

import math
from functools import partial
from pathlib import Path

import pytest

from selftaught.generators import generate
from selftaught.learners import check_learner, make_learner
from selftaught.learners.model import KINDS, ModelLearner, ModelLearnerConfig, answer_shape
from selftaught.learners.protocol import study_view
from selftaught.types import Grade, Textbook

TINY = ModelLearnerConfig(
    model="tiny-random", rank=2, study_steps=2, feedback_steps=1, batch_size=2,
    max_answer_tokens=4, max_code_tokens=6, max_write_tokens=8, note_budget_tokens=64,
    max_phrasing_cards=4,
)


@pytest.fixture(scope="module")
def book() -> Textbook:
    full = generate("language", seed=3, chapters=2)
    # Short expositions and two items per chapter keep the byte-level tiny model fast.
    return full.model_copy(update={"chapters": [
        ch.model_copy(update={"exposition": ch.exposition[:300], "exercises": ch.exercises[:2],
                              "probes": ch.probes[:2]})
        for ch in full.chapters
    ]})


def _make(kind: str, *, book: Textbook, seed: int, config: ModelLearnerConfig = TINY) -> (
    ModelLearner
):
    return ModelLearner(kind=kind, seed=seed, config=config, answer_format=book.answer_format)


@pytest.mark.parametrize("kind", KINDS)
def test_every_registered_composition_conforms(kind: str, book: Textbook) -> None:
    check_learner(partial(_make, kind), book)


def test_model_written_strategy_conforms(book: Textbook) -> None:
    config = ModelLearnerConfig(**{**TINY.__dict__, "model_written": True})
    check_learner(partial(_make, "hybrid", config=config), book)


def test_registered_and_options_checked(book: Textbook) -> None:
    learner = make_learner("notes", book=book, seed=0, model="tiny-random", max_answer_tokens=4)
    assert learner.name == "notes"
    with pytest.raises(ValueError, match="unknown option"):
        make_learner("lora", book=book, seed=0, model="tiny-random", learning_rat=1e-3)
    with pytest.raises(ValueError, match="unknown strategy"):
        make_learner("lora", book=book, seed=0, model="tiny-random", strategies=["clozee"])
    lora = make_learner("lora", book=book, seed=0, model="tiny-random",
                        strategies=["cloze"], rank=2)
    assert [s.name for s in lora.strategies] == ["cloze"]  # type: ignore[attr-defined]


def test_notes_come_from_material_and_feedback(book: Textbook) -> None:
    learner = _make("notes", book=book, seed=0)
    chapter = book.chapters[0]
    derived = learner.study(study_view(chapter))
    assert derived is not None and "note:" in derived
    assert learner.notes is not None
    assert "lesson" in {n.source.split(":")[0] for n in learner.notes.notebook.notes}
    item = chapter.exercises[0]
    learner.feedback(item, "Answer: wrong", Grade(score=0.0, correct=False, feedback="expected x"))
    recalled = learner.notes.recall(item.prompt, learner.answerer.count_tokens)
    assert any(item.answer in text for text in recalled)


def test_lora_study_lowers_loss_on_what_it_derived(book: Textbook) -> None:
    config = ModelLearnerConfig(**{**TINY.__dict__, "study_steps": 6, "learning_rate": 1e-2})
    learner = _make("lora", book=book, seed=0, config=config)
    chapter = book.chapters[0]
    learner.study(study_view(chapter))
    assert learner.lora is not None and learner.costs().grad_steps == 6
    data = [learner.answerer.datum(e.prompt, e.reply, e.chat) for e in learner.edits[:6]]
    fresh = _make("lora", book=book, seed=0, config=config)
    assert fresh.lora is not None

    def loss(model: ModelLearner) -> float:
        assert model.lora is not None
        return float(model.lora.training.forward(data, "cross_entropy").result()
                     .metrics["loss:sum"])

    assert loss(learner) < loss(fresh)
    assert learner.costs().cpu_seconds > 0


def test_state_round_trip_and_mismatch_errors(book: Textbook, tmp_path: Path) -> None:
    learner = _make("hybrid", book=book, seed=0)
    learner.study(study_view(book.chapters[0]))
    learner.save(tmp_path)
    other = _make("hybrid", book=book, seed=5)
    other.load(tmp_path)
    prompt = [book.chapters[0].probes[0].prompt]
    assert other.answer(prompt) == learner.answer(prompt)
    assert other.log == learner.log and other.edits == learner.edits
    with pytest.raises(ValueError, match=r"state of a .hybrid. learner"):
        _make("notes", book=book, seed=0).load(tmp_path)
    (tmp_path / "learner.json").write_text("{broken")
    with pytest.raises(ValueError, match=r"learner\.json"):
        _make("hybrid", book=book, seed=0).load(tmp_path)


def test_answers_follow_the_item_and_carry_the_answer_format(book: Textbook) -> None:
    learner = _make("stateless", book=book, seed=0)
    responses = learner.answer([p.prompt for p in book.chapters[0].probes])
    assert all(r.startswith("Answer:") and "\n" not in r for r in responses)
    assert learner.costs().tokens_prompt > 0 and learner.costs().tokens_sampled > 0
    tokens = learner.answerer.prompt("What does 'x' mean?").to_ints()
    assert book.answer_format in learner.answerer.tokenizer.decode(tokens)
    assert answer_shape("Write a function f.", line_tokens=4, code_tokens=6).max_tokens == 6


def test_answer_logprobs_are_batched_per_token_means(book: Textbook) -> None:
    learner = _make("lora", book=book, seed=0)
    prompts = [p.prompt for p in book.chapters[0].probes]
    answers = [p.answer for p in book.chapters[0].probes]
    before = learner.costs()
    scores = learner.answer_logprobs(prompts, answers)
    assert len(scores) == len(prompts) and all(s < 0 and math.isfinite(s) for s in scores)
    assert learner.costs() == before  # a measurement, not a learner cost
    assert learner.answer_logprobs(prompts, answers) == pytest.approx(scores, abs=1e-4)


def test_bad_config_is_rejected() -> None:
    with pytest.raises(ValueError, match="replay_fraction"):
        ModelLearnerConfig(replay_fraction=1.5)
    with pytest.raises(ValueError, match="rank"):
        ModelLearnerConfig(rank=0)
    with pytest.raises(ValueError, match="strategies"):
        ModelLearnerConfig(strategies="cloze")  # type: ignore[arg-type]


def test_flashcards_are_off_by_default_and_optional() -> None:
    assert "flashcards" not in ModelLearnerConfig().strategy_names("lora")
    assert "flashcards" in ModelLearnerConfig(flashcards=True).strategy_names("lora")
    assert "flashcards" in ModelLearnerConfig().strategy_names("flashcards")
    assert ModelLearnerConfig().strategy_names("stateless") == ()


def test_demonstrations_are_the_shown_items_most_like_the_question(book: Textbook,
                                                                   tmp_path: Path) -> None:
    learner = _make("notes", book=book, seed=0)
    chapter = book.chapters[0]
    learner.study(study_view(chapter))
    for item in chapter.exercises:
        learner.feedback(item, "Answer: wrong", Grade(score=0.0, correct=False, feedback="no"))
    assert learner.notes is not None
    shown = {ex.prompt.strip(): ex.answer.strip() for ex in chapter.examples}
    shown |= {ex.prompt.strip(): ex.answer.strip() for ex in chapter.exercises}
    item = chapter.exercises[0]
    demos = learner.notes.recall_demos(item.prompt, learner.answerer.count_tokens)
    assert demos and all(shown[q] == a for q, a in demos)
    assert item.prompt.strip() not in dict(demos)  # never its own demonstration
    probe = chapter.probes[0].prompt
    prompt = learner.answerer.tokenizer.decode(learner.answerer.prompt(
        probe, demos=learner.notes.recall_demos(probe, learner.answerer.count_tokens)).to_ints())
    _, last_a = learner.notes.recall_demos(probe, learner.answerer.count_tokens)[-1]
    assert prompt.index(f"Answer: {last_a}") < prompt.rindex(probe.strip())
    learner.save(tmp_path)
    other = _make("notes", book=book, seed=1)
    other.load(tmp_path)
    assert other.notes is not None and other.notes.demos == learner.notes.demos
    (tmp_path / "demos.json").write_text("[1, 2")
    with pytest.raises(ValueError, match=r"demos\.json"):
        other.load(tmp_path)


def test_training_in_context_renders_the_recalled_notes(book: Textbook) -> None:
    learner = _make("lora", book=book, seed=0)  # the default trains in context
    learner.study(study_view(book.chapters[0]))
    edit = next(e for e in learner.edits if e.chat)
    plain = learner.answerer.datum(edit.prompt, edit.reply, True)
    in_context = learner.training_datum(edit)
    assert in_context.model_input.length > plain.model_input.length
    # Only the reply is trained: the demonstrations' answers in context carry no weight.
    assert learner.notes is not None
    assert learner.notes.recall_demos(edit.prompt, learner.answerer.count_tokens)
    weights = in_context.loss_fn_inputs["weights"].to_numpy()
    assert weights.sum() == plain.loss_fn_inputs["weights"].to_numpy().sum() > 0
    for off in (_make("lora-only", book=book, seed=0),  # no notes to read
                _make("lora", book=book, seed=0,
                      config=ModelLearnerConfig(**{**TINY.__dict__, "train_in_context": False}))):
        assert off.training_datum(edit).model_input.length == plain.model_input.length
