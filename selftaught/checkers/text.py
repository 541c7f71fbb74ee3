"""Text normalisation and number parsing shared by the checkers.

Kept separate from the checkers so the textbook validator can apply exactly
the same rules to reference answers (a reference that does not parse the way a
response would is a broken exercise, and validation should say so).

What `normalise` does, exactly (and nothing more):

* Unicode NFKC (full-width letters, ligatures, non-breaking spaces become plain);
* case folding, unless ``case_sensitive``;
* runs of whitespace become one space;
* surrounding whitespace, quotes, markdown marks and punctuation
  (``. , ; : ! ? " ' ` * _`` and matching brackets) are stripped.

Internal punctuation stays (``blick-en`` is not ``blicken``) and articles are
*not* dropped: in a fictional language "the" may be part of the answer; authors
list accepted variants as ``aliases`` instead.
"""

from __future__ import annotations

import re
import unicodedata
from fractions import Fraction

__all__ = ["NumberFormatError", "find_number", "normalise", "parse_number"]

_STRIP = " \t\n.,;:!?\"'`*_“”‘’«»"
_BRACKETS = {"(": ")", "[": "]", "{": "}"}


def normalise(text: str, *, case_sensitive: bool = False) -> str:
    """Normalise text for comparison (see the module docstring for the exact rules).

    >>> normalise('  "The  Dog."  ')
    'the dog'
    >>> normalise("(Blick-en)", case_sensitive=True)
    'Blick-en'
    """
    out = unicodedata.normalize("NFKC", text)
    if not case_sensitive:
        out = out.casefold()
    out = " ".join(out.split())
    while True:
        before = out
        out = out.strip(_STRIP)
        if len(out) >= 2 and _BRACKETS.get(out[0]) == out[-1]:
            out = out[1:-1]
        if out == before:
            return out


class NumberFormatError(ValueError):
    """A text that should hold a number does not."""


_NUMBER = re.compile(
    r"""
    (?P<sign>[+-])?\s*
    (?:
        (?P<num>\d[\d,_]*(?:\.\d+)?|\.\d+)\s*/\s*(?P<den>\d[\d,_]*(?:\.\d+)?)   # fraction 3/4
      | (?P<dec>(?:\d[\d,_]*)?\.?\d+(?:[eE][+-]?\d+)?)                          # 12, 1,234.5, 1e-3
    )
    """,
    re.VERBOSE,
)
_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$|^\d{1,3}(_\d{3})+(\.\d+)?$")


def _plain(digits: str) -> str:
    if "," in digits or "_" in digits:
        if not _GROUPED.match(digits):
            raise NumberFormatError(f"badly grouped number {digits!r}")
        return digits.replace(",", "").replace("_", "")
    return digits


def _from_match(match: re.Match[str]) -> Fraction:
    sign = -1 if match.group("sign") == "-" else 1
    if match.group("den") is not None:
        den = Fraction(_plain(match.group("den")))
        if den == 0:
            raise NumberFormatError("division by zero in a fraction")
        return sign * Fraction(_plain(match.group("num"))) / den
    return sign * Fraction(_plain(match.group("dec")))


def _prepare(text: str) -> str:
    out = unicodedata.normalize("NFKC", text).replace("−", "-").strip()
    return out.rstrip("%").strip() if out.endswith("%") else out


def parse_number(text: str) -> Fraction:
    """Parse a text that is exactly one number, exactly (as a `Fraction`).

    Accepts ints, decimals, scientific notation, fractions ``3/4``, thousands
    separators ``1,234,567`` (groups of three only), a leading ``+``/``-``
    (also the Unicode minus) and a trailing ``%`` (dropped: ``50%`` reads as 50).

    >>> parse_number("-1,234.5")
    Fraction(-2469, 2)
    >>> parse_number(" 3/4 ")
    Fraction(3, 4)
    >>> parse_number("1e-3")
    Fraction(1, 1000)
    """
    prepared = _prepare(text)
    match = _NUMBER.fullmatch(prepared)
    if match is None:
        raise NumberFormatError(f"{text!r} is not a number")
    return _from_match(match)


def find_number(text: str) -> Fraction | None:
    """The number a short answer states, or None.

    The whole text if it is one number; otherwise the first number after the
    last ``=`` (``2 + 3 = 5`` -> 5); otherwise the first number (``5, because
    2 + 3`` -> 5, ``42 apples`` -> 42).

    >>> find_number("so x = 3/4 of the cake")
    Fraction(3, 4)
    >>> find_number("2 + 3 = 5") == 5
    True
    >>> find_number("1,500 people, maybe 2,000") == 1500
    True
    >>> find_number("no digits here") is None
    True
    """
    prepared = _prepare(text)
    whole = _NUMBER.fullmatch(prepared)
    if whole is not None:
        try:
            return _from_match(whole)
        except NumberFormatError:
            return None  # a single badly written number (e.g. "1,23,4") states no number
    if "=" in prepared:
        prepared = prepared.rsplit("=", 1)[1]
    for match in _NUMBER.finditer(prepared):
        try:
            return _from_match(match)
        except NumberFormatError:
            continue  # e.g. "1,23": not a number as written; look further
    return None
