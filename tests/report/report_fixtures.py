"""Build small real run stores for the report tests: scripted learners on a generated book.

Why real runs and not hand-made rows: the report must read exactly what
`selftaught study` writes, so the fixtures go through `run_track` into a
`RunStore`, like the study CLI does (a learner track and a control track per seed).
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from selftaught.generators import generate
from selftaught.learners import make_learner
from selftaught.metrics import REWARD_META_KEY, RewardConfig
from selftaught.study import RunStore, StudyConfig, book_hash, run_track
from selftaught.types import Exercise, StudyEvent, Textbook

N_CHAPTERS = 2


def book(seed: int) -> Textbook:
    return generate("language", seed=seed, chapters=N_CHAPTERS)


def add_run(
    store: RunStore, learner: str, seed: int, *, control: bool, curve_every: int | None = None,
    finish: bool = True,
) -> int:
    """Add one track and (if ``finish``) run it to the end; returns its id."""
    textbook = book(seed)
    config = StudyConfig(seed=seed, curve_every=curve_every)
    track_id = store.add_track(
        learner=learner, book_id=textbook.id, book_hash=book_hash(textbook), seed=seed,
        control=control, config=asdict(config),
    )
    if finish:
        run_track(store, track_id, textbook, make_learner(learner, book=textbook, seed=seed),
                  config)
    return track_id


def scripted_run(run_dir: Path, *, seeds: int = 2) -> Path:
    """``diligent`` (curve probes every 2 exercises) and ``memoriser`` (none), each with its
    control, over ``seeds`` generated 2-chapter books; ``diligent`` seed 0 also carries
    notes in its study events (as model learners will), one with HTML in it."""
    with RunStore(run_dir / "run.sqlite") as store:
        for seed in range(seeds):
            for control in (False, True):
                track = add_run(store, "diligent", seed, control=control, curve_every=2)
                if seed == 0 and not control:
                    for c in range(1, N_CHAPTERS + 1):
                        store.append_event(track, c, StudyEvent(
                            kind="study", chapter=c,
                            response=f"NOTE ch{c}: <b>zeker</b> means happy & more",
                        ))
                add_run(store, "memoriser", seed, control=control)
    return run_dir


CODING_BOOK = {"seed": 21, "chapters": 1, "exercises": 1, "probes": 1}
"""The coding book of the duct-tape report: small, since every distinct answer is run in the
sandbox."""


def taped_book() -> Textbook:
    """A coding book whose answer key is duct tape: every reference ``solve`` is wrapped in
    ``try: ... except Exception: return None``. The `oracle` answers with the key, so its
    answers pass every hidden test and every one is flagged (DT101)."""
    book = generate("coding", **CODING_BOOK)

    def tape(item: Exercise) -> Exercise:
        code = item.answer.removeprefix("```python\n").removesuffix("```")
        wrapped = code.replace("def solve(", "def _solve(", 1) + (
            "\n\ndef solve(*args):\n    try:\n        return _solve(*args)\n"
            "    except Exception:\n        return None\n"
        )
        return item.model_copy(update={"answer": f"```python\n{wrapped}```"})

    chapters = [
        ch.model_copy(update={"exercises": [tape(e) for e in ch.exercises],
                              "probes": [tape(p) for p in ch.probes]})
        for ch in book.chapters
    ]
    return book.model_copy(update={"id": "coding-taped", "chapters": chapters})


def coding_run(run_dir: Path) -> Path:
    """`oracle` on the taped coding book, with its control; μ = 0.5 stored as `study` does."""
    book = taped_book()
    config = StudyConfig(seed=0)
    with RunStore(run_dir / "run.sqlite") as store:
        store.set_meta(REWARD_META_KEY, RewardConfig(duct_tape_weight=0.5).to_json())
        for control in (False, True):
            track_id = store.add_track(learner="oracle", book_id=book.id,
                                       book_hash=book_hash(book), seed=0, control=control,
                                       config=asdict(config))
            run_track(store, track_id, book, make_learner("oracle", book=book, seed=0), config)
    return run_dir
