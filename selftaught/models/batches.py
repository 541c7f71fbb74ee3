"""Study batches drawn without replacement.

Why: drawing each batch entry independently (``rng.choice`` per slot) repeats
items inside a batch and leaves others unseen for many steps; with 8-item batches
from a pool of 20 self-edits, a batch holds a duplicate more often than not
(1 - 20!/(12! * 20^8) ≈ 0.8). `Shuffled` deals items from a shuffled deck and
reshuffles when the deck runs out, so a batch never repeats an item unless the
pool is smaller than the batch, and every item is seen once per pass.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Generic, TypeVar

T = TypeVar("T")


class Shuffled(Generic[T]):
    """Deal ``take(k)`` batches from ``items`` without replacement, pass after pass."""

    def __init__(self, items: Sequence[T], rng: random.Random) -> None:
        if not items:
            raise ValueError("cannot draw batches from an empty pool")
        self.items = list(items)
        self.rng = rng
        self._deck: list[T] = []

    def take(self, k: int) -> list[T]:
        """``k`` items; distinct whenever ``k <= len(items)`` (a short pool repeats whole
        passes, each a fresh shuffle)."""
        out: list[T] = []
        while len(out) < k:
            if not self._deck:
                deck = self.items[:]
                self.rng.shuffle(deck)
                # A new pass that starts inside a batch deals the items this batch has
                # not had yet first (the deck is dealt from its end; the sort is stable).
                seen = {id(x) for x in out}
                deck.sort(key=lambda x: id(x) not in seen)
                self._deck = deck
            out.append(self._deck.pop())
        return out
