"""The hand-written textbooks in ``examples/textbooks``: valid, conforming, big enough, paraphrased.

Every book found under ``examples/textbooks`` (recursively; ``dev/`` holds the
development books learners may be tuned on, the others are evaluation books)
must:

* load with `load_textbook` (the parser and validator behind
  ``selftaught textbook validate``) and pass `check_textbook` (reference answers
  grade correct with their own checkers, wrong answers do not, no duplicate ids,
  probe skills are practised);
* have at least `MIN_CHAPTERS` chapters, and at least `MIN_ITEMS` exercises and
  `MIN_ITEMS` probes in every chapter;
* have paraphrased probes: no probe is within `MAX_SIMILARITY` of any exercise or
  worked example of the same book, measured as `difflib.SequenceMatcher.ratio`
  (autojunk off) on two normalised texts -- the prompt alone, and the prompt
  followed by the reference answer (so a probe that re-asks an exercise in other
  words but with the same answer, or the same words with a new answer, is caught
  by one of the two).

Speed: grading python-tests items in the sandbox takes a second or more per run
on a loaded machine, and `check_textbook` grades every item three times. The fast
tests therefore grade python-tests items with `run_hidden_tests_in_process`
(executes the book's own library, reference solution and hidden tests in this
process -- trusted code, written by the book's author) and run the real sandbox
on one exercise and one probe only; the full sandboxed `check_textbook` of every
book is the one ``slow`` test.
"""

from __future__ import annotations

import difflib
import re
import sys
import types
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from selftaught.checkers import checker_for, grade, register_checker
from selftaught.checkers.python_tests import SOLUTION_MODULE, extract_code
from selftaught.textbook import check_textbook, load_textbook, loads_markdown
from selftaught.types import Exercise, Grade, Textbook

REPO = Path(__file__).resolve().parents[2]
ROOT = REPO / "examples" / "textbooks"
GUIDE = REPO / "docs" / "authoring-textbooks.md"
BOOKS = sorted(p for p in ROOT.rglob("*") if p.suffix in {".md", ".yaml", ".yml", ".json"})
DEV_BOOKS = [p for p in BOOKS if "dev" in p.relative_to(ROOT).parts[:-1]]
EVAL_BOOKS = [p for p in BOOKS if p not in DEV_BOOKS]

MIN_CHAPTERS = 3
MIN_ITEMS = 8
"""Per chapter, for exercises and for probes alike."""
MAX_SIMILARITY = 0.9
"""A probe at or above this ratio to an exercise or worked example counts as a copy."""
DEFAULT_ANSWER_FORMAT = Textbook.model_fields["answer_format"].default


def _id(path: Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.fixture(scope="module", params=BOOKS, ids=_id)
def book(request: pytest.FixtureRequest) -> Textbook:
    return load_textbook(request.param)


def plain(text: str) -> str:
    """NFKC, case-folded, punctuation as spaces, whitespace collapsed.

    >>> plain("What is   the word for 'dog'?")
    'what is the word for dog'
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def similarity(a: str, b: str) -> float:
    """`difflib.SequenceMatcher` ratio of the plain forms of two texts, in [0, 1]."""
    return difflib.SequenceMatcher(None, plain(a), plain(b), autojunk=False).ratio()


def probe_similarities(book: Textbook) -> list[tuple[float, float, str, str]]:
    """(prompt ratio, prompt+answer ratio, probe id, other item) for every probe x studied item."""
    studied = [(e.prompt, e.answer, e.id) for c in book.chapters for e in c.exercises]
    studied += [(x.prompt, x.answer, f"{c.id} example {i}")
                for c in book.chapters for i, x in enumerate(c.examples, 1)]  # fmt: skip
    out = []
    for chapter in book.chapters:
        for probe in chapter.probes:
            for prompt, answer, other in studied:
                out.append((
                    similarity(probe.prompt, prompt),
                    similarity(f"{probe.prompt} {probe.answer}", f"{prompt} {answer}"),
                    probe.id,
                    other,
                ))  # fmt: skip
    return out


# --- python-tests items graded in-process (fast, for the books' own trusted code) -----------


@contextmanager
def _modules(sources: dict[str, str]) -> Iterator[None]:
    """Make ``{"name.py": source}`` importable by name for the duration of the block."""
    saved = {name: sys.modules.get(name) for name in (Path(f).stem for f in sources)}
    try:
        for filename, source in sources.items():
            module = types.ModuleType(Path(filename).stem)
            sys.modules[module.__name__] = module
            exec(compile(source, filename, "exec"), module.__dict__)
        yield
    finally:
        for name, old in saved.items():
            if old is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = old


_TEST_FAILURES = (AssertionError, ArithmeticError, AttributeError, ImportError, LookupError,
                  NameError, TypeError, ValueError)  # fmt: skip
"""What a wrong solution raises when a hidden test calls it: counted as a failed test."""


def run_hidden_tests_in_process(response: str, item: Exercise) -> Grade:
    """Grade a response to a python-tests item without the sandbox: trusted code only.

    The item's ``checker.files`` and the response's code (as ``solution``) are made
    importable, the hidden tests are executed, and every ``test_*`` function is
    called; the score is the fraction that pass, as in the sandboxed checker.
    """
    code = extract_code(response)
    tests = item.checker.tests or ""
    if code is None:
        return Grade(score=0.0, correct=False, feedback="no code", extracted=None)
    try:
        with _modules({**item.checker.files, f"{SOLUTION_MODULE}.py": code}):
            namespace: dict[str, object] = {}
            exec(compile(tests, f"hidden_tests_{item.id}.py", "exec"), namespace)
            cases = [fn for name, fn in namespace.items() if name.startswith("test_")]
            failed = []
            for case in cases:
                try:
                    case()  # type: ignore[operator]
                except _TEST_FAILURES as err:
                    failed.append(f"{getattr(case, '__name__', case)}: {err!r}")
    except (SyntaxError, *_TEST_FAILURES) as err:  # the solution itself does not import
        return Grade(score=0.0, correct=False, feedback=f"solution failed: {err!r}",
                     extracted=code)  # fmt: skip
    passed = len(cases) - len(failed)
    return Grade(
        score=passed / len(cases) if cases else 0.0,
        correct=bool(cases) and not failed,
        feedback="; ".join(failed) or f"{passed}/{len(cases)} passed",
        extracted=code,
    )


@contextmanager
def python_tests_in_process() -> Iterator[None]:
    """Temporarily grade the python-tests kind with `run_hidden_tests_in_process`."""
    sandboxed = checker_for("python-tests")
    register_checker("python-tests", run_hidden_tests_in_process, replace=True)
    try:
        yield
    finally:
        register_checker("python-tests", sandboxed, replace=True)


# --- the tests --------------------------------------------------------------------------------


def test_the_collection() -> None:
    assert len(EVAL_BOOKS) >= 4, [str(p) for p in EVAL_BOOKS]
    assert DEV_BOOKS, "examples/textbooks/dev/ holds no development book"
    kinds = [{item.checker.kind for ch in load_textbook(p).chapters
              for item in (*ch.exercises, *ch.probes)} for p in EVAL_BOOKS]  # fmt: skip
    assert any("python-tests" in k for k in kinds), "no evaluation book about a code library"
    assert any("numeric" in k and "python-tests" not in k for k in kinds), "no quantitative book"
    ids = [load_textbook(p).id for p in BOOKS]
    assert len(ids) == len(set(ids)), ids


def test_sizes_and_metadata(book: Textbook) -> None:
    assert book.domain == "custom" and book.seed is None
    assert book.answer_format != DEFAULT_ANSWER_FORMAT, "tell the learner the answer's shape"
    assert len(book.chapters) >= MIN_CHAPTERS
    for chapter in book.chapters:
        assert len(chapter.exercises) >= MIN_ITEMS, chapter.id
        assert len(chapter.probes) >= MIN_ITEMS, chapter.id
        assert len(chapter.exposition.split()) >= 150, f"{chapter.id}: exposition too short"


def test_conforms_and_references_pass_their_checkers(book: Textbook) -> None:
    with python_tests_in_process():
        check_textbook(book, near_copy_ratio=MAX_SIMILARITY)
        for chapter in book.chapters:
            for item in (*chapter.exercises, *chapter.probes):
                response = item.answer if "\n" in item.answer else f"Answer: {item.answer}"
                result = grade(response, item)
                assert result.correct, (item.id, result.feedback)


def test_probes_are_paraphrased(book: Textbook) -> None:
    rows = probe_similarities(book)
    worst_prompt = max(rows, key=lambda r: r[0])
    worst_both = max(rows, key=lambda r: r[1])
    assert worst_prompt[0] < MAX_SIMILARITY, worst_prompt
    assert worst_both[1] < MAX_SIMILARITY, worst_both


def test_similarity_measure_flags_copies() -> None:
    """The measure is not vacuous: a reworded-by-one-word probe scores above the bar."""
    assert similarity("What is the plural of kitabu, book?",
                      "What is the plural of kitabu (book)?") >= MAX_SIMILARITY  # fmt: skip
    assert similarity("Give the letter name for κ.", "What is the plural of mti?") < 0.5


def test_in_process_grader_rejects_wrong_code() -> None:
    books = [load_textbook(p) for p in EVAL_BOOKS]
    code_books = [b for b in books if b.chapters[0].exercises[0].checker.kind == "python-tests"]
    item = code_books[0].chapters[0].exercises[0]
    wrong = "```python\ndef solve(*args):\n    return None\n```"
    assert not run_hidden_tests_in_process(wrong, item).correct
    assert not run_hidden_tests_in_process("zzzz-not-an-answer", item).correct
    assert run_hidden_tests_in_process(item.answer, item).correct


def test_sandbox_grades_one_exercise_and_one_probe_of_the_code_book() -> None:
    """The real sandboxed checker agrees with the in-process one on two items."""
    for path in EVAL_BOOKS:
        book = load_textbook(path)
        chapter = book.chapters[-1]
        items = [chapter.exercises[0], chapter.probes[-1]]
        if all(i.checker.kind == "python-tests" for i in items):
            for item in items:
                assert grade(item.answer, item).correct, item.id
                wrong = "```python\ndef solve(*args):\n    return 0\n```"
                assert not grade(wrong, item).correct, item.id
            return
    pytest.fail("no evaluation book ends with python-tests items")


def test_the_guides_complete_example_is_a_valid_book() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    start = guide.index("````markdown\n") + len("````markdown\n")
    example = guide[start : guide.index("\n````\n", start)] + "\n"
    book = loads_markdown(example, filename=str(GUIDE))
    check_textbook(book)
    assert len(book.chapters) == 2


@pytest.mark.slow
@pytest.mark.parametrize("path", BOOKS, ids=_id)
def test_full_conformance_in_the_sandbox(path: Path) -> None:
    """What ``selftaught textbook validate`` checks, with every python-tests item sandboxed."""
    check_textbook(load_textbook(path), near_copy_ratio=MAX_SIMILARITY)
