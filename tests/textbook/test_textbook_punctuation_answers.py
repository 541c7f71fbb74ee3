"""An exact answer made only of punctuation is a validation problem, not a free point.

`normalise` strips surrounding punctuation, so an exact reference such as ``...``
(the Morse code of S) normalises to the empty string, and so does any reply made
of punctuation: ``Answer: !`` graded correct. The validator now says so and
points the author to a regex checker.
"""

from __future__ import annotations

import pytest

from selftaught.checkers import grade
from selftaught.textbook import TextbookError, loads_markdown

BOOK = """---
id: morse
title: Morse
domain: custom
---

# Letters {#c1}

S is three dots.

## Exercises

```yaml
- id: c1.e1
  prompt: Write S in Morse code.
  answer: {answer}
  checker:
    kind: {kind}{extra}
```

## Probes

```yaml
- id: c1.p1
  prompt: Which letter is three dots?
  answer: S
  checker:
    kind: exact
    aliases: [{alias}]
```
"""


def _book(answer: str = "'...'", kind: str = "exact", extra: str = "", alias: str = "s") -> str:
    fields = {"{answer}": answer, "{kind}": kind, "{extra}": extra, "{alias}": alias}
    text = BOOK
    for key, value in fields.items():
        text = text.replace(key, value)
    return text


def test_punctuation_only_exact_answer_and_alias_are_reported() -> None:
    with pytest.raises(TextbookError) as info:
        loads_markdown(_book(alias="'?!'"), filename="morse.md")
    problems = info.value.problems
    assert len(problems) == 2, problems
    assert problems[0].startswith("morse.md:16: chapters[0].exercises[0].answer: '...' is only "
                                  "punctuation")  # fmt: skip
    assert "use a regex checker" in problems[0]
    assert problems[1].startswith("morse.md:29: chapters[0].probes[0].checker.aliases[0]: "
                                  "is only punctuation")  # fmt: skip


def test_the_fix_a_regex_checker_grades_punctuation_exactly() -> None:
    book = loads_markdown(_book(kind="regex", extra="\n    pattern: '\\.\\.\\.'"))
    item = book.chapters[0].exercises[0]
    assert grade("Answer: ...", item).correct
    assert not grade("Answer: !", item).correct


def test_answers_with_some_letters_or_digits_stay_valid() -> None:
    book = loads_markdown(_book(answer="'#incidents'", alias="'-s-'"))
    assert book.chapters[0].exercises[0].answer == "#incidents"
