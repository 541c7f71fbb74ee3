"""Reading the final answer out of a chatty model response.

Models rarely reply with the bare answer: they reason first, use markdown, and
wrap the result in prose. Every checker therefore grades the *extracted* answer,
and every learner is told the convention (``Textbook.answer_format``):

1. The **last** line of the form ``Answer: ...`` (case-insensitive; ``Final
   answer:`` too; markdown such as ``**Answer:** x``, ``> Answer: x`` or
   ``- Answer: x`` is tolerated; a redundant "The answer is" after the colon
   is dropped). If that line holds nothing after the colon, the next non-empty
   line is the answer.
2. Otherwise the last ``\\boxed{...}`` (LaTeX style, braces balanced).
3. Otherwise the last "the answer is X" phrase (up to the end of its sentence).
4. Otherwise the last non-empty line.

The result is cleaned of wrappers (markdown bold/italic/code marks, LaTeX
``$...$``, surrounding quotes, one trailing period). ``None`` means the response
was empty. Checkers tell the learner when step 1 did not apply, so feedback
teaches the convention.
"""

from __future__ import annotations

import re

__all__ = ["clean_answer", "extract_answer", "has_answer_line"]

_ANSWER_LINE = re.compile(
    r"^[\s>*_#`\-]*(?:final\s+)?answer\s*[*_]*\s*[:：]\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_ANSWER_IS = re.compile(
    r"\bthe\s+(?:final\s+|correct\s+)?answer\s+is\s*:?\s*(?P<rest>.+?)(?:\.(?=\s)|\.?\s*$|\n)",
    re.IGNORECASE,
)
_WRAPPERS = "*_`\"'“”‘’ \t"


def clean_answer(text: str) -> str:
    """Strip markdown, LaTeX dollars, quotes and one trailing period from an answer.

    >>> clean_answer('**"blick-en".**')
    'blick-en'
    >>> clean_answer('$x^2 + 1$')
    'x^2 + 1'
    >>> clean_answer('3.5.')
    '3.5'
    """
    out = text.strip()
    for _ in range(4):  # wrappers can nest: **"x"**, `$x$` ...
        before = out
        out = out.strip(_WRAPPERS)
        if len(out) >= 2 and out[0] == "$" and out[-1] == "$":
            out = out.strip("$").strip()
        if out.endswith(".") and not out.endswith(".."):
            out = out[:-1].rstrip()
        if out == before:
            break
    return out


_LEADING_ANSWER_IS = re.compile(r"^(?:the\s+)?(?:final\s+)?answer\s+is\s*:?\s*", re.IGNORECASE)


def _answer_lines(lines: list[str]) -> str | None:
    for i in range(len(lines) - 1, -1, -1):
        match = _ANSWER_LINE.match(lines[i])
        if match is None:
            continue
        rest = clean_answer(_LEADING_ANSWER_IS.sub("", match.group("rest").strip(), count=1))
        if rest:
            return rest
        for following in lines[i + 1 :]:  # "Answer:" alone, the answer below it
            if following.strip():
                return clean_answer(following)
        return None
    return None


def _last_boxed(text: str) -> str | None:
    start = text.rfind("\\boxed{")
    if start < 0:
        return None
    depth, i = 0, start + len("\\boxed")
    for j in range(i, len(text)):
        if text[j] == "{":
            depth += 1
        elif text[j] == "}":
            depth -= 1
            if depth == 0:
                return text[i + 1 : j].strip()
    return None


def has_answer_line(response: str) -> bool:
    """True when the response follows the convention (an ``Answer: ...`` line).

    >>> has_answer_line("I think so.\\n**Answer:** 42")
    True
    >>> has_answer_line("42")
    False
    """
    return _answer_lines(response.splitlines()) is not None


def extract_answer(response: str) -> str | None:
    """The answer a response gives, by the convention in this module's docstring.

    >>> extract_answer("Let me think. 2 + 2 = 4.\\nAnswer: 4")
    '4'
    >>> extract_answer("answer: cat\\nWait, no.\\n**Answer:** *dogs*.")
    'dogs'
    >>> extract_answer("Final Answer:\\n\\n  blick-en")
    'blick-en'
    >>> extract_answer("Answer: The answer is **zorp**.")
    'zorp'
    >>> extract_answer("so we get \\\\boxed{\\\\frac{3}{4}} in the end")
    '\\\\frac{3}{4}'
    >>> extract_answer("Hmm. I believe the answer is 12. Hope that helps!")
    '12'
    >>> extract_answer("Sure!\\n\\n`zorp`\\n")
    'zorp'
    >>> extract_answer("   ") is None
    True
    """
    lines = response.splitlines()
    found = _answer_lines(lines)
    if found is not None:
        return found
    boxed = _last_boxed(response)
    if boxed:
        return clean_answer(boxed)
    phrases = list(_ANSWER_IS.finditer(response))
    if phrases:
        phrase = clean_answer(phrases[-1].group("rest"))
        if phrase:
            return phrase
    for line in reversed(lines):
        cleaned = clean_answer(line)
        if cleaned:
            return cleaned
    return None
