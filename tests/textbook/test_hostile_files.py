"""Hostile textbook files are refused quickly, with one line, before they cost memory or
time: alias bombs, recursive aliases, devices, FIFOs, oversized files; `textbook show`
never passes control characters to the terminal; the near-copy check stays exact while
becoming near-linear."""

from __future__ import annotations

import difflib
import io
import os
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from selftaught.textbook import TextbookError, load_textbook, loads_markdown, loads_yaml, parsing
from selftaught.textbook.check import _copy_problems, _plain
from selftaught.textbook.parsing import read_book_text
from selftaught.textbook.show import printable, show_textbook

LAUGHS = "a: &a [x,x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"{n}: &{n} [{','.join(['*' + p] * 10)}]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=True)
) + "id: x\ntitle: *i\n"


def one_problem(error: pytest.ExceptionInfo[TextbookError]) -> str:
    assert len(error.value.problems) == 1
    return error.value.problems[0]


def test_a_billion_laughs_is_refused_fast() -> None:
    started = time.process_time()
    with pytest.raises(TextbookError) as error:
        loads_yaml(LAUGHS, filename="bomb.yaml")
    assert time.process_time() - started < 5
    assert "aliases expand the document beyond" in one_problem(error)


def _block(levels: int) -> str:
    """A ```yaml block holding one item whose aliases expand to about 10**levels nodes."""
    lines = ["- a: &a [x,x,x,x,x,x,x,x,x,x]"] + [
        f"  {n}: &{n} [{','.join(['*' + p] * 10)}]"
        for p, n in zip("abcdefgh"[: levels - 1], "bcdefghi"[: levels - 1], strict=True)]
    return "```yaml\n" + "\n".join(lines) + "\n```\n"


def test_the_bomb_split_over_markdown_blocks_shares_one_budget(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Three blocks of ~11,000 nodes each, under a 20,000-node limit: each alone is under
    it, together they are over (the limit is lowered so the test stays fast)."""
    monkeypatch.setattr(parsing, "MAX_YAML_NODES", 20_000)
    head = "---\nid: x\ntitle: t\ndomain: custom\n---\n# C {#c1}\n\nText.\n\n"
    one = head + "## Exercises\n" + _block(4)
    with pytest.raises(TextbookError) as alone:
        loads_markdown(one)
    assert "aliases expand" not in str(alone.value)
    three = head + "".join(f"## {s}\n" + _block(4) for s in ("Examples", "Exercises", "Probes"))
    with pytest.raises(TextbookError, match="aliases expand"):
        loads_markdown(three)


def test_a_recursive_alias_is_refused() -> None:
    with pytest.raises(TextbookError, match="recursive alias"):
        loads_yaml("id: &r [x, *r]\n")


def test_plain_aliases_still_work() -> None:
    with pytest.raises(TextbookError) as error:  # a normal small alias is no problem ...
        loads_yaml("id: &i book\ntitle: *i\n")
    assert "aliases" not in str(error.value)  # ... the book is only incomplete


def test_dev_zero_and_a_fifo_are_refused_before_reading(tmp_path: Path) -> None:
    zero = tmp_path / "zero.yaml"
    zero.symlink_to("/dev/zero")
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)  # opening it for reading would block forever
    for path in (zero, fifo):
        with pytest.raises(TextbookError) as error:
            load_textbook(path)
        assert "not a regular file" in one_problem(error)


def test_an_oversized_file_names_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("x" * 2000)
    with pytest.raises(TextbookError) as error:
        read_book_text(path, limit=1000)
    assert "over the 1,000-byte limit" in one_problem(error)


def test_show_escapes_terminal_control_sequences() -> None:
    book = loads_yaml(
        'id: b\ntitle: "T\\e]0;pwned\\a"\ndomain: custom\nchapters:\n- id: c1\n'
        '  title: "C [/bold] \\e[2J"\n  exposition: "x \\e[2J y"\n'
        '  exercises:\n  - {id: e1, prompt: "what \\x9b?", answer: a}\n'
        '  probes:\n  - {id: p1, prompt: "which \\e[31m?", answer: a}\n'
    )
    out = io.StringIO()
    show_textbook(book, Console(file=out, width=120, color_system=None), pager=False)
    text = out.getvalue()
    assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text
    assert "\\x1b]0;pwned\\x07" in text and "[/bold]" in text
    assert printable("tab\tand\nnewline") == "tab\tand\nnewline"


def _brute_force(probes: list[str], shown: list[str], ratio: float) -> list[int | None]:
    """The old all-pairs check: index of the first studied prompt each probe copies."""
    found: list[int | None] = []
    for probe in probes:
        plain = _plain(probe)
        hit = None
        for i, other in enumerate(shown):
            m = difflib.SequenceMatcher(None, plain, other, autojunk=False)
            if plain == other or (m.real_quick_ratio() > ratio and m.quick_ratio() > ratio
                                  and m.ratio() > ratio):
                hit = i
                break
        found.append(hit)
    return found


WORDS = st.sampled_from(["what", "is", "the", "word", "for", "dog", "cat", "blick", "2", "3"])


@settings(max_examples=60, derandomize=True, deadline=None)
@given(st.lists(st.lists(WORDS, min_size=1, max_size=6).map(" ".join), min_size=1, max_size=8),
       st.lists(st.lists(WORDS, min_size=1, max_size=6).map(" ".join), min_size=1, max_size=8),
       st.sampled_from([0.5, 0.8, 0.9]))
def test_the_fast_near_copy_check_equals_the_all_pairs_one(
    probes: list[str], prompts: list[str], ratio: float
) -> None:
    book = loads_yaml("id: b\ntitle: t\ndomain: custom\nchapters:\n- id: c1\n  title: c\n"
                      "  exposition: x\n  exercises: [{id: e0, prompt: x, answer: a}]\n"
                      "  probes:\n" + "".join(f"  - {{id: p{i}, prompt: '{p}', answer: a}}\n"
                                              for i, p in enumerate(probes)))
    shown = [(_plain(p), p, f"s{i}") for i, p in enumerate(prompts)]
    fast = _copy_problems(book, shown, ratio)
    slow = _brute_force(probes, [s[0] for s in shown], ratio)
    assert len(fast) == sum(hit is not None for hit in slow)
    expected = [f"s{hit}" for hit in slow if hit is not None]
    assert [next(w for w in (f"s{i}" for i in range(len(prompts))) if f"of {w} " in p.message
                 or p.message.endswith(f"of {w}")) for p in fast] == expected
