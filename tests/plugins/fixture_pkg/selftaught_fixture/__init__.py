"""A plugin package for selftaught's tests: what a user's own package would add.

* the textbook domain ``phonebook``: each chapter tells the phone numbers of a few
  invented people; exercises and probes ask for them;
* the checker kind ``digits``: a number is right when its digits are, however it is
  written (``12-34`` = ``1234``);
* the learner ``phonebook-memo``: remembers every "X's number is N" it studies, so it
  knows nothing before a chapter and everything after it.

It is declared to selftaught only through entry points in ``pyproject.toml``.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Any

from selftaught.checkers import extract_answer
from selftaught.types import Chapter, CheckerSpec, Costs, Exercise, Grade, Textbook

SYLLABLES = ("ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "po")
FACT = re.compile(r"([A-Z][a-z]+)'s number is ([0-9-]+)\.")


def check_digits(response: str, item: Exercise) -> Grade:
    """Right when the answer's digits equal the reference's (separators ignored)."""
    answer = extract_answer(response) or ""
    got, want = re.sub(r"\D", "", answer), re.sub(r"\D", "", item.answer)
    correct = bool(got) and got == want
    return Grade(score=float(correct), correct=correct,
                 feedback="correct" if correct else f"the number is {item.answer}")


def generate_phonebook(*, seed: int, chapters: int = 4, people: int = 3) -> Textbook:
    """``chapters`` chapters of ``people`` invented people each, deterministic per seed."""
    rng = random.Random(seed)
    names: list[str] = []
    while len(names) < chapters * people:
        name = "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()
        if name not in names:
            names.append(name)
    spec = CheckerSpec(kind="digits")
    book_chapters = []
    for c in range(chapters):
        group = names[c * people:(c + 1) * people]
        numbers = {n: f"{rng.randrange(10, 99)}-{rng.randrange(10, 99)}" for n in group}
        book_chapters.append(Chapter(
            id=f"c{c + 1}", title=f"Page {c + 1}",
            exposition=" ".join(f"{n}'s number is {numbers[n]}." for n in group),
            exercises=[Exercise(id=f"c{c + 1}.e{i + 1}", prompt=f"What is {n}'s phone number?",
                                answer=numbers[n], checker=spec, skill="number")
                       for i, n in enumerate(group)],
            probes=[Exercise(id=f"c{c + 1}.p{i + 1}",
                             prompt=f"To call {n}, which digits do you dial?",
                             answer=numbers[n], checker=spec, skill="number")
                    for i, n in enumerate(group)],
        ))
    return Textbook(id=f"phonebook-s{seed}", title="A phone book", domain="phonebook",
                    seed=seed, chapters=book_chapters)


class PhonebookMemo:
    """Remembers the numbers it studies; answers ``unknown`` for anyone else."""

    name = "phonebook-memo"

    def __init__(self) -> None:
        self.numbers: dict[str, str] = {}
        self.spent = Costs()

    def study(self, chapter: Chapter) -> str | None:
        self.numbers.update(FACT.findall(chapter.exposition))
        return None

    def answer(self, prompts: list[str]) -> list[str]:
        self.spent = self.spent + Costs(tokens_sampled=len(prompts))
        return [f"Answer: {self._lookup(p)}" for p in prompts]

    def _lookup(self, prompt: str) -> str:
        return next((num for name, num in self.numbers.items() if name in prompt), "unknown")

    def feedback(self, item: Exercise, response: str, grade: Grade) -> None:
        del item, response, grade  # it learns from study only

    def costs(self) -> Costs:
        return self.spent

    def save(self, directory: Path) -> None:
        (directory / "numbers.json").write_text(json.dumps(
            {"numbers": self.numbers, "costs": self.spent.model_dump()}))

    def load(self, directory: Path) -> None:
        state = json.loads((directory / "numbers.json").read_text())
        self.numbers, self.spent = state["numbers"], Costs(**state["costs"])


def make_learner(*, book: Textbook, seed: int, **options: Any) -> PhonebookMemo:
    """The learner's factory (what the entry point names)."""
    del book, seed
    if options:
        raise ValueError(f"phonebook-memo takes no options, got {', '.join(options)}")
    return PhonebookMemo()
