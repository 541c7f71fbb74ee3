"""A learner's notebook: notes it keeps across days, retrieved by relevance.

Why BM25 and not embeddings: the notes of a fictional-language or invented-
arithmetic textbook are full of invented words ("blick", "⊕"), which a
pretrained embedding model has never seen and maps poorly, while lexical
overlap finds them exactly. BM25 (the `bm25s` package, numpy only) needs no
download and indexes a few hundred notes in milliseconds, so the index is
rebuilt on demand rather than persisted.

Retrieval fills a token budget: the most relevant notes first, until the next
one would not fit. Token counts come from the caller's tokenizer (a callable),
so the budget is exact for the model that reads the notes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import bm25s
import numpy as np

_TOKEN_RE = re.compile(r"[^\W_]+|[^\w\s]", re.UNICODE)


def _terms(text: str) -> list[str]:
    """Lower-cased word and symbol terms; symbols matter (invented operators like ⊕)."""
    return _TOKEN_RE.findall(text.lower())


@dataclass(frozen=True)
class Note:
    """One note: its text and where it came from (for the report and for pruning)."""

    text: str
    source: str
    """``study:<chapter id>``, ``feedback:<item id>`` or similar."""
    chapter: int
    """1-based chapter during whose study the note was written."""


@dataclass
class Notebook:
    """An append-only list of notes with budgeted BM25 retrieval; persists as JSON."""

    notes: list[Note] = field(default_factory=list)

    def add(self, note: Note) -> None:
        """Append a note unless an identical text is already kept."""
        if note.text.strip() and all(n.text != note.text for n in self.notes):
            self.notes.append(note)

    def retrieve(
        self, query: str, budget_tokens: int, count_tokens: Callable[[str], int]
    ) -> list[Note]:
        """The most relevant notes for ``query`` whose texts fit in ``budget_tokens``.

        Notes with no term in common with the query are never returned; ties keep
        the notebook's order (earlier first), so retrieval is deterministic.
        """
        if budget_tokens < 0:
            raise ValueError(f"budget_tokens must be >= 0, got {budget_tokens}")
        if not self.notes or budget_tokens == 0:
            return []
        corpus_terms = [_terms(n.text) for n in self.notes]
        vocab: dict[str, int] = {}
        for terms in corpus_terms:
            for t in terms:
                vocab.setdefault(t, len(vocab))
        query_ids = [vocab[t] for t in _terms(query) if t in vocab]
        if not query_ids:
            return []
        retriever = bm25s.BM25()
        retriever.index(
            bm25s.tokenization.Tokenized(
                ids=[[vocab[t] for t in terms] for terms in corpus_terms], vocab=vocab
            ),
            show_progress=False,
        )
        scores = np.asarray(retriever.get_scores(query_ids), dtype=np.float64)
        order = sorted(range(len(self.notes)), key=lambda i: (-scores[i], i))
        chosen: list[Note] = []
        used = 0
        for i in order:
            if scores[i] <= 0.0:
                break
            cost = count_tokens(self.notes[i].text) + 1
            if used + cost > budget_tokens:
                continue
            chosen.append(self.notes[i])
            used += cost
        return chosen

    def save(self, path: Path) -> None:
        """Write the notebook as JSON (the caller makes the directory write atomic)."""
        path.write_text(
            json.dumps([asdict(n) for n in self.notes], ensure_ascii=False, indent=1),
            encoding="utf-8",
        )

    @classmethod
    def load(cls, path: Path) -> Notebook:
        """Read a notebook written by `save`; a malformed file raises ValueError naming it."""
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            return cls(notes=[Note(**item) for item in raw])
        except (json.JSONDecodeError, TypeError) as exc:
            raise ValueError(f"{path}: not a selftaught notebook ({exc})") from exc
