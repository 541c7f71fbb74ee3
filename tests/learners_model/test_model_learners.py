"""Model learners on the tiny random model: the contract, persistence, and that they really learn.

The tiny model cannot answer anything, so these tests check mechanics that must
hold for any model: the conformance check, exact save/load, notes that come from
the material and from feedback, and LoRA self-edits that lower the loss on what
was studied (the learning signal the embedded-model benchmark measures at scale).
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest

from selftaught.generators import generate
from selftaught.learners import check_learner, make_learner
from selftaught.learners.model import ModelLearner, ModelLearnerConfig
from selftaught.learners.protocol import study_view
from selftaught.types import Grade, Textbook

TINY = ModelLearnerConfig(
    model="tiny-random",
    rank=2,
    study_steps=2,
    feedback_steps=1,
    batch_size=2,
    model_written=True,  # keep the model-writing path exercised (off by default)
    max_answer_tokens=4,
    max_write_tokens=8,
    note_budget_tokens=64,
)


@pytest.fixture(scope="module")
def book() -> Textbook:
    full = generate("language", seed=3, chapters=2)
    # Short expositions and two items per chapter keep the byte-level tiny model fast.
    return full.model_copy(
        update={
            "chapters": [
                ch.model_copy(
                    update={
                        "exposition": ch.exposition[:300],
                        "exercises": ch.exercises[:2],
                        "probes": ch.probes[:2],
                    }
                )
                for ch in full.chapters
            ]
        }
    )


def _make(kind: str, *, book: Textbook, seed: int) -> ModelLearner:
    del book  # the learner factory's signature; model learners ignore the book
    return ModelLearner(kind=kind, seed=seed, config=TINY)  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", ["stateless", "notes", "lora", "hybrid"])
def test_model_learners_conform(kind: str, book: Textbook) -> None:
    check_learner(partial(_make, kind), book)


def test_registered_and_options_checked(book: Textbook) -> None:
    learner = make_learner("notes", book=book, seed=0, model="tiny-random", max_answer_tokens=4)
    assert learner.name == "notes"
    with pytest.raises(ValueError, match="unknown option"):
        make_learner("lora", book=book, seed=0, model="tiny-random", learning_rat=1e-3)


def test_notes_come_from_material_and_feedback(book: Textbook) -> None:
    learner = _make("notes", book=book, seed=0)
    chapter = book.chapters[0]
    derived = learner.study(study_view(chapter))
    assert derived is not None and "note:" in derived
    sources = {n.source.split(":")[0] for n in learner.state.notebook.notes}
    assert "lesson" in sources
    item = chapter.exercises[0]
    learner.feedback(item, "Answer: wrong", Grade(score=0.0, correct=False, feedback="expected x"))
    kept = [n for n in learner.state.notebook.notes if n.source == f"feedback:{item.id}"]
    assert kept and item.answer in kept[0].text
    # The note on this exercise is retrieved when the question comes back.
    retrieved = learner.state.notebook.retrieve(item.prompt, 10_000, learner._count_tokens)
    assert any(n.source == f"feedback:{item.id}" for n in retrieved)


def test_lora_study_lowers_loss_on_its_self_edits(book: Textbook) -> None:
    learner = _make("lora", book=book, seed=0)
    chapter = book.chapters[0]
    edits = learner._chapter_self_edits(chapter, 1)
    data = [learner._datum(e) for e in edits]

    def loss() -> float:
        out = learner.training.forward(data, "cross_entropy").result()
        return float(out.metrics["loss:sum"])

    before = loss()
    learner.config = ModelLearnerConfig(
        **{**TINY.__dict__, "study_steps": 6, "learning_rate": 1e-2}
    )
    learner.study(study_view(chapter))
    assert learner.costs().grad_steps == 6
    assert loss() < before


def test_state_round_trip_and_mismatch_errors(book: Textbook, tmp_path: Path) -> None:
    learner = _make("hybrid", book=book, seed=0)
    learner.study(study_view(book.chapters[0]))
    learner.save(tmp_path)
    other = _make("hybrid", book=book, seed=5)
    other.load(tmp_path)
    prompt = [book.chapters[0].probes[0].prompt]
    assert other.answer(prompt) == learner.answer(prompt)
    assert other.state.notebook == learner.state.notebook
    with pytest.raises(ValueError, match=r"state of a .hybrid. learner"):
        _make("notes", book=book, seed=0).load(tmp_path)
    (tmp_path / "learner.json").write_text("{broken")
    with pytest.raises(ValueError, match=r"learner\.json"):
        _make("hybrid", book=book, seed=0).load(tmp_path)


def test_answers_use_the_answer_line(book: Textbook) -> None:
    learner = _make("stateless", book=book, seed=0)
    responses = learner.answer([p.prompt for p in book.chapters[0].probes])
    assert all(r.startswith("Answer: ") and "\n" not in r for r in responses)
    assert learner.costs().tokens_prompt > 0 and learner.costs().tokens_sampled > 0


def test_bad_config_is_rejected() -> None:
    with pytest.raises(ValueError, match="replay_fraction"):
        ModelLearnerConfig(replay_fraction=1.5)
    with pytest.raises(ValueError, match="rank"):
        ModelLearnerConfig(rank=0)


def test_flashcards_cover_both_directions(book: Textbook) -> None:
    learner = _make("lora", book=book, seed=0)
    full = generate("language", seed=3, chapters=1).chapters[0]
    cards = [e for e in learner._chapter_self_edits(full, 1) if e.source == "flashcard"]
    assert cards, "the vocabulary chapter's word list must give flashcards"
    prompts = {c.prompt for c in cards}
    replies = {c.reply for c in cards}
    term, meaning = cards[0].prompt.split("'")[1], cards[0].reply.removeprefix("Answer: ")
    assert f"What is the word for '{meaning}'?" in prompts and f"Answer: {term}" in replies



def test_feedback_learns_new_phrasings(book: Textbook) -> None:
    """Practice questions asked in a new phrasing become phrasings the learner drills."""
    learner = _make("lora", book=book, seed=0)
    chapter = generate("language", seed=3, chapters=1).chapters[0]
    learner.study(chapter)
    known = {p for ps in learner.state.phrasings.values() for p in ps}
    for item in chapter.exercises:
        learner.feedback(item, "Answer: ?", Grade(score=0.0, correct=False, feedback="no"))
    learned = {p for ps in learner.state.phrasings.values() for p in ps} - known
    assert learned, "no practice phrasing was learned"
    prompts = {e.prompt for e in learner.state.edits if e.source == "flashcard"}
    phrasing = sorted(learned)[0]
    assert any(phrasing.format(x=word) in prompts for word in learner.state.sides)
