r"""Pure text helpers of the study strategies: sentences, salient spans, definitions, templates.

Everything here works on any prose: it knows English punctuation and copulas, never
the layout of one textbook generator. Each function is doctested.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

BULLET_RE = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s*")
_SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[A-Z0-9`*_])")
_QUOTED_RE = re.compile(
    r"'([^'\n]{1,60})'|\"([^\"\n]{1,60})\"|`([^`\n]{1,60})`|\*\*([^*\n]{1,60})\*\*"
)
_NUMBER_RE = re.compile(r"(?<![\w.])[-+]?\d[\d,]*(?:\.\d+)?%?(?![\w])")
_WORD_RE = re.compile(r"[^\W\d_][\w'-]*", re.UNICODE)
_SYMBOL_RE = re.compile(r"(?<!\w)[^\x00-\x7f\s\w]+(?!\w)|(?<![\w])[^\x00-\x7f\W\d_](?![\w])")
"""Standalone non-ASCII symbols or letters (``⊕``, ``γ``): what a book teaches to read."""
_NAME_RE = re.compile(r"(?<![\w'])[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)+")
"""Two or more capitalised words in a row: a name."""
_MARKUP_RE = re.compile(r"[*_`#]+")
_DEFINITION_RES: tuple[re.Pattern[str], ...] = (
    re.compile(r"^(?P<a>[^=:.;]{1,60}?)\s*(?:=|:|→|->|—|–)\s*(?P<b>[^=:;]{1,80}?)[.;]?$"),
    re.compile(r"^(?P<a>.{1,60}?)\s+(?:means|is called|stands for|is short for)\s+"
               r"(?P<b>.{1,80}?)[.;]?$", re.IGNORECASE),
    re.compile(r"^(?:the\s+word\s+for|the\s+term\s+for)\s+(?P<b>.{1,60}?)\s+is\s+"
               r"(?P<a>.{1,60}?)[.;]?$", re.IGNORECASE),
)
_STOPWORD_TEXT = (
    "a an the and or but of to in on at for with by from is are was were be been it its "
    "this that these those as if then than so not no yes you your we our they their he she "
    "his her i me my can will would should must may might do does did has have had which "
    "who whom what when where why how all any each every some most more many much one two "
    "also only just into over under about after before there here"
)
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def sentences(text: str) -> list[str]:
    """The text's sentences and list lines, markup stripped, in reading order.

    Lines of one paragraph are joined first (authors hard-wrap prose); a list item, a
    heading, a blank line, an indented line (a glossary or table row outside a list item)
    and the line after one ending in ``:`` start a new unit.

    >>> sentences("# Title\\nThe cat sleeps. It is\\n3 years old!\\n- *kili* means fruit")
    ['Title', 'The cat sleeps.', 'It is 3 years old!', 'kili means fruit']
    >>> sentences("Nouns:\\n  pefor = monkey\\n  daki = dog\\nThey are nouns.")
    ['Nouns:', 'pefor = monkey', 'daki = dog', 'They are nouns.']
    """
    units: list[str] = []
    current: list[str] = []
    in_item = False
    row = False  # the unit being built is an indented row
    for line in text.splitlines():
        stripped = line.strip()
        bullet = BULLET_RE.match(line)
        is_item = bullet is not None and bullet.end() > 0
        indented = line[:1].isspace()
        starts_unit = (not stripped or stripped.startswith(("#", ">", "|", "```")) or is_item
                       or (in_item and not indented) or (indented and not in_item)
                       or (bool(current) and (current[-1].endswith(":") or row)))
        if starts_unit and current:
            units.append(" ".join(current))
            current = []
        in_item = is_item or (in_item and indented)
        row = indented and not in_item
        if not stripped:
            continue
        if stripped.startswith(("#", "|", "```")):
            units.append(stripped)
            continue
        current.append(stripped)
    if current:
        units.append(" ".join(current))
    out: list[str] = []
    for unit in units:
        unit = BULLET_RE.sub("", unit.lstrip("#> ").strip())
        unit = _MARKUP_RE.sub("", unit).strip()
        if unit:
            out += [s.strip() for s in _SENTENCE_END_RE.split(unit) if s.strip()]
    return out


def paragraphs(text: str, max_chars: int = 600) -> list[str]:
    """Blank-line separated paragraphs, long ones split at sentence ends to at most ~max_chars.

    >>> paragraphs("One. Two.\\n\\nThree.", max_chars=5)
    ['One.', 'Two.', 'Three.']
    """
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        block = block.strip()
        if not block:
            continue
        current = ""
        for sentence in _SENTENCE_END_RE.split(block):
            if current and len(current) + len(sentence) + 1 > max_chars:
                out.append(current)
                current = sentence
            else:
                current = f"{current} {sentence}".strip()
        if current:
            out.append(current)
    return out


def quoted_spans(sentence: str) -> list[str]:
    """Spans the author marked: quoted, back-ticked or bold.

    >>> quoted_spans("Say 'toki' or `pona()` and **jan**.")
    ['toki', 'pona()', 'jan']
    """
    return [next(g for g in m.groups() if g) for m in _QUOTED_RE.finditer(sentence)]


def salient_spans(sentence: str, count_tokens: Callable[[str], int] | None = None) -> list[str]:
    """What a student would underline: marked spans, numbers, names, and rare words.

    A run of capitalised words is one name (``Samir Haddad``): the answer to "who" is the
    whole name, so it is blanked whole.

    Standalone non-ASCII symbols and letters count too (``γ``, ``⊕``). A word is rare when
    the model's tokenizer splits it into 3 or more pieces (``count_tokens``): invented
    words, foreign words and identifiers fall apart, common words do not. Without a
    tokenizer, long non-stopwords count as rare. Order of first appearance, no duplicates.

    >>> salient_spans("The fee is 25 euros, paid to Mara in 'kasse'.")
    ['kasse', '25', 'Mara']
    >>> salient_spans("Our chair, Samir Haddad, works on Copper Lane.")
    ['Samir Haddad', 'Copper Lane']
    """
    found: list[str] = list(quoted_spans(sentence))
    found += _NUMBER_RE.findall(sentence)
    found += _SYMBOL_RE.findall(sentence)
    names = []
    for match in _NAME_RE.finditer(sentence):
        words = match.group(0).split()
        while words and words[0].lower() in _STOPWORDS:  # "The Millbrook Library"
            words = words[1:]
        if (words and match.start() == 0 and count_tokens is not None
                and count_tokens(" " + words[0].lower()) == 1):
            words = words[1:]  # capitalised only as the sentence's first word: "Call Mara"
        if len(words) >= 2:
            names.append(match.group(0)[match.group(0).index(words[0]):])
    found += names
    in_names = {w for n in names for w in n.split()}
    words = _WORD_RE.findall(sentence)
    for k, word in enumerate(words):
        if word.lower() in _STOPWORDS or len(word) < 3 or word in in_names:
            continue
        if (k > 0 and word[0].isupper()) or (
            count_tokens(" " + word) >= 3 if count_tokens is not None else len(word) >= 9
        ):
            found.append(word)
    out: list[str] = []
    for span in found:
        span = span.strip(" .,;:")
        if span and span not in out and len(span) < len(sentence):
            out.append(span)
    return out


def blank(sentence: str, span: str) -> str | None:
    """The sentence with the first whole occurrence of ``span`` replaced by ``____``.

    >>> blank("kili means fruit.", "kili")
    '____ means fruit.'
    >>> blank("skill", "kill") is None
    True
    """
    match = re.search(rf"(?<![\w]){re.escape(span)}(?![\w])", sentence)
    if match is None:
        return None
    return sentence[: match.start()] + "____" + sentence[match.end():]


def definitions(text: str) -> list[tuple[str, str]]:
    """``(term, meaning)`` pairs stated as definitions: ``X = Y``, ``X: Y``, ``X means Y``,
    ``the word for Y is X``, in any sentence or list line; both sides short.

    >>> definitions("- telo: water\\nkili means fruit.\\nThe word for person is jan.\\nPlain text.")
    [('telo', 'water'), ('kili', 'fruit'), ('jan', 'person')]
    """
    out: list[tuple[str, str]] = []
    for sentence in sentences(text):
        for pattern in _DEFINITION_RES:
            match = pattern.match(sentence)
            if match is None:
                continue
            a, b = match["a"].strip(" '\"`"), match["b"].strip(" '\"`.")
            if a and b and len(a.split()) <= 5 and len(b.split()) <= 8 and a.lower() != b.lower():
                out.append((a, b))
            break
    return out


def template(prompt_a: str, prompt_b: str, min_words: int = 2) -> tuple[str, str, str] | None:
    """The phrasing two prompts share: ``(template with {x}, slot of a, slot of b)``.

    The shared words before and after the part where they differ are the phrasing;
    at least ``min_words`` words of it must be shared and each slot at most 6 words.

    >>> template("What does 'telo' mean?", "What does 'kili' mean?")
    ("What does '{x}' mean?", 'telo', 'kili')
    >>> template("Translate 'jan'.", "Who owns payroll?") is None
    True
    """
    a, b = prompt_a.strip(), prompt_b.strip()
    if a == b:
        return None
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    while start > 0 and a[start - 1].isalnum():  # never split a word
        start -= 1
    while end > 0 and a[len(a) - end].isalnum():
        end -= 1
    prefix, suffix = a[:start], a[len(a) - end:] if end else ""
    slot_a, slot_b = a[start: len(a) - end], b[start: len(b) - end]
    if not slot_a.strip() or not slot_b.strip():
        return None
    if len(slot_a.split()) > 6 or len(slot_b.split()) > 6:
        return None
    if len(_WORD_RE.findall(prefix + " " + suffix)) < min_words:
        return None
    return prefix.replace("{", "{{").replace("}", "}}") + "{x}" + suffix.replace(
        "{", "{{").replace("}", "}}"), slot_a, slot_b


def templates(prompts: Iterable[str]) -> dict[str, dict[str, str]]:
    """Phrasings found among ``prompts``: template -> {prompt: its slot}.

    >>> sorted(templates(["Who owns 'a'?", "Who owns 'b'?", "List it."]))
    ["Who owns '{x}'?"]
    """
    unique = list(dict.fromkeys(p.strip() for p in prompts))
    out: dict[str, dict[str, str]] = {}
    for i, a in enumerate(unique):
        for b in unique[i + 1:]:
            found = template(a, b)
            if found is not None:
                phrasing, slot_a, slot_b = found
                out.setdefault(phrasing, {}).update({a: slot_a, b: slot_b})
    return out


def norm(text: str) -> str:
    """Lower case, markup and surrounding punctuation stripped (for matching facts).

    >>> norm("  'Telo'. ")
    'telo'
    """
    return _MARKUP_RE.sub("", text).strip(" '\".,;:!?").lower()
