"""check_textbook: a well-formed book that cannot measure learning is caught, problem by problem."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from selftaught.textbook import ConformanceError, check_textbook, load_textbook
from selftaught.types import Chapter, CheckerSpec, Exercise, Textbook

FIXTURE = Path(__file__).parent / "fixtures" / "book.yaml"


@pytest.fixture
def book() -> Textbook:
    return load_textbook(FIXTURE)


def with_item(book: Textbook, group: str, index: int, **update: Any) -> Textbook:
    """A copy with chapters[0].<group>[index] changed (no validation: books can be broken)."""
    chapter = book.chapters[0]
    items = list(getattr(chapter, group))
    items[index] = items[index].model_copy(update=update)
    new_chapter = chapter.model_copy(update={group: items})
    return book.model_copy(update={"chapters": [new_chapter, *book.chapters[1:]]})


def problems_of(book: Textbook) -> list[str]:
    with pytest.raises(ConformanceError) as info:
        check_textbook(book)
    return info.value.problems


def test_fixture_conforms(book: Textbook) -> None:
    check_textbook(book)


def test_reference_answer_must_grade_correct(book: Textbook) -> None:
    broken = with_item(book, "exercises", 0, answer="zorp-en\nor maybe zorpen-x")
    (problem,) = problems_of(broken)
    assert problem.startswith("chapters[0].exercises[0]: the reference answer")
    assert "does not grade correct with its own exact checker" in problem


def test_checker_that_accepts_anything_is_broken(book: Textbook) -> None:
    loose = CheckerSpec(kind="regex", pattern=".*")
    (problem,) = problems_of(with_item(book, "probes", 1, checker=loose))
    assert problem == (
        "chapters[0].probes[1]: the regex checker accepts the wrong answer "
        "'zzzz-not-an-answer' (make the checker stricter, e.g. a tighter pattern)"
    )


def test_checker_failing_on_its_reference_is_reported(book: Textbook) -> None:
    (problem,) = problems_of(with_item(book, "exercises", 2, answer="five"))
    assert problem.startswith("chapters[0].exercises[2]: its checker fails")


def test_probe_copying_an_exercise_is_caught(book: Textbook) -> None:
    copy = 'translate "CATS" into blickish'
    (problem,) = problems_of(with_item(book, "probes", 0, prompt=copy))
    assert problem == (
        "chapters[0].probes[0].prompt: copies the prompt of chapters[0].exercises[0] (c1.e1) "
        "(paraphrase the probe)"
    )


def test_probe_near_copy_is_caught(book: Textbook) -> None:
    near = 'Translate "cat" into Blickish.'
    (problem,) = problems_of(with_item(book, "probes", 0, prompt=near))
    assert problem.startswith("chapters[0].probes[0].prompt: near-copy of the prompt of")
    assert "paraphrase the probe" in problem
    check_textbook(with_item(book, "probes", 0, prompt=near), near_copy_ratio=0.99)


def test_probe_copying_a_worked_example_is_caught(book: Textbook) -> None:
    (problem,) = problems_of(
        with_item(book, "probes", 0, prompt="What is the Blickish word for dog?")
    )
    assert "copies the prompt of chapters[0].examples[0]" in problem


def test_probe_skill_must_be_practised(book: Textbook) -> None:
    (problem,) = problems_of(with_item(book, "probes", 0, skill="tense"))
    assert problem.startswith("chapters[0].probes[0].skill: skill 'tense' is not practised")
    assert "exercise skills: count, plural, vocab" in problem


def test_duplicate_ids(book: Textbook) -> None:
    (problem,) = problems_of(with_item(book, "probes", 1, id="c1.e2"))
    assert (
        problem
        == "chapters[0].probes[1].id: duplicate id 'c1.e2' (also at chapters[0].exercises[1].id)"
    )


def test_chapter_needs_exposition_exercises_and_probes(book: Textbook) -> None:
    empty = Chapter.model_construct(
        id="c9", title="Empty", exposition="  ", examples=[], exercises=[], probes=[]
    )
    broken = book.model_copy(update={"chapters": [*book.chapters, empty]})
    assert problems_of(broken) == [
        "chapters[2].exposition: is empty (write the text to study)",
        "chapters[2].exercises: has no exercises (add at least one)",
        "chapters[2].probes: has no probes (add at least one)",
    ]


def test_all_problems_listed_together(book: Textbook) -> None:
    broken = with_item(book, "probes", 0, skill="tense", prompt='Translate "cats" into Blickish.')
    assert len(problems_of(broken)) == 2


def test_unregistered_checker_is_a_problem(book: Textbook, monkeypatch: pytest.MonkeyPatch) -> None:
    from selftaught.checkers import registry

    monkeypatch.delitem(registry.CHECKERS, "python-tests", raising=False)
    monkeypatch.setitem(registry.PLUGINS, "python-tests", "selftaught.no_such_plugin")
    item = Exercise.model_construct(
        id="c1.e1", prompt="Write f.", answer="def f(): pass",
        checker=CheckerSpec(kind="python-tests", tests="def test_f(): pass"), skill="plural",
    )  # fmt: skip
    (problem,) = problems_of(with_item(book, "exercises", 0, **dict(item)))
    assert "cannot be graded: no checker registered for kind 'python-tests'" in problem


@pytest.mark.parametrize("domain", ["language", "arithmetic"])
def test_generated_books_conform(domain: str) -> None:
    generators = pytest.importorskip("selftaught.generators", reason="generators not built yet")
    if domain not in generators.DOMAINS:
        pytest.skip(f"generator {domain!r} not registered yet")
    for seed in (0, 1):
        check_textbook(generators.generate(domain, seed=seed, chapters=3))
