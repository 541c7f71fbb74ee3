"""Upper bounds on the sizes a user can ask for, where a value could exhaust the machine.

Why bounds at all: ``--seeds 99999999999999999999`` or ``-k 999999999`` is accepted by
any integer parser and then generates books or samples into memory until the machine
gives up -- a hang, not an error. Each bound below is far above any real experiment
(the benchmarks use at most a few dozen seeds and K <= 8) and is enforced where the
value is read, with the bound in the message, so a typo fails in a second.
"""

from __future__ import annotations

MAX_SEEDS = 10_000
"""Most seeds of one run (``--seeds``): each is a track per learner and its control."""
MAX_CHAPTERS = 200
"""Most chapters generated or studied in one run. A study probes every chapter after
every chapter (the accuracy matrix R[i][j] needs all pairs), so its probe events grow
with the square of this: 200 chapters of 8 probes is 320,000 probe events (about 150 MB
of store) per track. A longer book is studied in parts (``--chapters``) or split."""
MAX_ITEMS = 1_000
"""Most exercises and probes per generated chapter (``--items``)."""
MAX_EDITS_PER_CHAPTER = 1_024
"""Most self-edits sampled per chapter in meta-training (``-k``)."""
MAX_TOKENS = 1 << 20
"""Most tokens any single generation may ask for."""
MAX_STEPS = 10_000_000
"""Most optimiser steps or iterations of any one loop."""
