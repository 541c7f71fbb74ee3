"""The grid: learners x books x seeds as the tracks of one run store, built and run in one place.

Why one module: ``selftaught run`` (several learners vs one shared control per
book), ``selftaught study`` (one learner and its control per seed), the learner
benchmark and meta-training's evaluation (control, base writer, meta writer per
unseen book) all run the same thing -- for every book, a few *arms* (a learner
kind with its options, or the control), each one track of `run_track`. Only the
arms differ, so every caller describes its grid as data (`Grid`) and this module
creates the tracks in a fixed order, maps them back on resume, and runs the
unfinished ones: serially here, or on Ray workers (`selftaught.study.parallel`).

Track order is part of the run store's meaning: book by book, and within a book
the arms in the order given. A run killed while creating its tracks creates the
missing ones on resume; a store whose tracks do not match the grid is refused.

The control is an arm like any other (``control=True``: `run_track` never calls
``study`` or ``feedback`` on it), shared by every learner arm of its book -- a
model learner whose learning is never called *is* the stateless model, so one
control per book serves them all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from selftaught.learners import Learner, learner_names
from selftaught.study.parallel import RayConfig, run_grid_on_ray
from selftaught.study.run import StudyConfig, book_hash, first_chapters, run_track
from selftaught.study.rundir import RunInputError
from selftaught.study.store import RunStore, RunStoreError
from selftaught.study.tracks import (
    Arm,
    GridTrack,
    LearnerBuilder,
    StepFn,
    TrackFn,
    build_learner,
)
from selftaught.types import Textbook


@dataclass(frozen=True)
class Grid:
    """Books x arms, with the learner seed of each book's tracks."""

    books: tuple[Textbook, ...]
    arms: tuple[Arm, ...]
    seeds: tuple[int, ...] | None = None
    """The learner seed of book b's tracks; None: b (book 0 seed 0, book 1 seed 1, ...)."""
    curve_every: int | None = None
    """`StudyConfig.curve_every` of every track."""
    chapters: int | None = None
    """`StudyConfig.chapters` of every track: study only the first K chapters (None: all)."""

    def __post_init__(self) -> None:
        if not self.books or not self.arms:
            raise ValueError("a grid needs at least one book and one arm")
        labels = [arm.label for arm in self.arms]
        if len(set(labels)) != len(labels):
            raise ValueError(f"arm labels must be unique, got {labels}")
        if self.seeds is not None and len(self.seeds) != len(self.books):
            raise ValueError(f"{len(self.seeds)} seeds for {len(self.books)} books")

    def seed(self, b: int) -> int:
        """The learner seed of book ``b``'s tracks."""
        return b if self.seeds is None else self.seeds[b]

    def config(self, b: int) -> StudyConfig:
        """How book ``b``'s tracks are run."""
        return StudyConfig(seed=self.seed(b), curve_every=self.curve_every, chapters=self.chapters)

    def plan(self) -> list[tuple[int, Arm]]:
        """Every track as ``(book index, arm)``, in creation order: book by book, arms in order."""
        return [(b, arm) for b in range(len(self.books)) for arm in self.arms]

    def n_chapters(self, b: int) -> int:
        """Chapters book ``b``'s tracks study."""
        return len(first_chapters(self.books[b], self.chapters).chapters)


def open_tracks(store: RunStore, grid: Grid) -> list[GridTrack]:
    """The grid's tracks in ``store``: the missing ones created (in plan order), all checked.

    Raises `RunStoreError` when the store holds tracks of another grid (other
    learners, books, seeds or settings), which resuming would silently mix in.
    """
    plan = grid.plan()
    existing = store.tracks()
    if len(existing) > len(plan):
        raise RunStoreError(
            f"{store.path}: {len(existing)} tracks, but this run has {len(plan)}; "
            "resume with the original options or start a new --run-dir"
        )
    for b, arm in plan[len(existing):]:
        book = grid.books[b]
        store.add_track(learner=arm.learner, book_id=book.id, book_hash=book_hash(book),
                        seed=grid.seed(b), control=arm.control, config=asdict(grid.config(b)))
    tracks: list[GridTrack] = []
    for record, (b, arm) in zip(store.tracks(), plan, strict=True):
        book, config = grid.books[b], grid.config(b)
        wanted = (arm.learner, book_hash(book), grid.seed(b), arm.control, asdict(config))
        found = (record.learner, record.book_hash, record.seed, record.control, record.config)
        if found != wanted:
            raise RunStoreError(
                f"{store.path}: track {record.id} is {record.learner} (seed {record.seed}, "
                f"book {record.book_id}), but this run's track {record.id} is {arm.label} "
                f"(seed {grid.seed(b)}, book {book.id}); resume with the original options "
                "or start a new --run-dir"
            )
        tracks.append(GridTrack(record=record, book_index=b, arm=arm, book=book, config=config))
    return tracks


def completed_steps(store: RunStore, track: GridTrack) -> int:
    """Steps of ``track`` already complete in ``store`` (0 for a track not started)."""
    checkpoint = store.last_checkpoint(track.id)
    return 0 if checkpoint is None else checkpoint.step + 1


def run_grid(
    store: RunStore,
    tracks: list[GridTrack],
    *,
    build: LearnerBuilder = build_learner,
    on_track: TrackFn | None = None,
    on_step: StepFn | None = None,
    ray: RayConfig | None = None,
) -> None:
    """Run (or resume) every unfinished track: in order in this process, or on Ray.

    Finished tracks are skipped; a started one resumes from its last checkpoint
    (`run_track` does that). ``on_track`` is called before a track starts,
    ``on_step`` after each of its completed steps (progress bars). With ``ray``,
    tracks run as Ray tasks and this process alone writes the store
    (`selftaught.study.parallel`); the stored results are the same.
    """
    if ray is not None:
        run_grid_on_ray(store, tracks, ray, build=build, on_track=on_track, on_step=on_step)
        return
    for track in tracks:
        if store.track(track.id).status == "done":
            continue
        if on_track is not None:
            on_track(track)
        step_fn = None if on_step is None else _bind(on_step, track)
        run_track(store, track.id, track.book, build(track), track.config, on_step=step_fn)


def _bind(on_step: StepFn, track: GridTrack) -> Callable[[int, int], None]:
    def step(done: int, _total: int) -> None:
        on_step(track, done)

    return step


def reuse_first(first: Learner, build: LearnerBuilder = build_learner) -> LearnerBuilder:
    """A builder that hands ``first`` (built fresh for book 0) to the first track of book 0,
    so a learner that is costly to build -- and was built early to check its options --
    is not built twice."""
    spare = [first]

    def build_or_reuse(track: GridTrack) -> Learner:
        if track.book_index == 0 and spare:
            return spare.pop()
        return build(track)

    return build_or_reuse


# -- books and learners of a grid from command-line input --------------------------------------


def check_learners(names: list[str] | tuple[str, ...], *, flag: str = "--learners") -> None:
    """Refuse unknown learner kinds (and an empty list) with one line listing the known ones."""
    known = learner_names()
    unknown = [n for n in names if n not in known]
    if unknown or not names:
        raise RunInputError(
            f"{flag}: unknown {', '.join(unknown) or '(none given)'} "
            f"(expected some of: {', '.join(known)})"
        )


def generate_books(
    domain: str, *, seeds: int, chapters: int | None = None, items: int | None = None,
    flag: str = "--domain",
) -> list[Textbook]:
    """Books seed 0..N-1 of a generator domain; ``items`` exercises and probes per chapter."""
    from selftaught.generators import DOMAINS, generate

    if domain not in DOMAINS:
        raise RunInputError(
            f"{flag}: unknown {domain!r} (expected one of: {', '.join(sorted(DOMAINS))})"
        )
    kwargs: dict[str, Any] = {} if chapters is None else {"chapters": chapters}
    if items is not None:
        kwargs.update(exercises=items, probes=items)
    try:
        return [generate(domain, seed=s, **kwargs) for s in range(seeds)]
    except ValueError as error:
        raise RunInputError(f"--chapters {chapters}: {error}") from None


def resolve_books(book: str, *, seeds: int, chapters: int | None = None) -> list[Textbook]:
    """One textbook per seed: a textbook file N times, or N books of a generator domain.

    For a file, ``chapters`` must not exceed its chapters (the run cuts the book to
    them); for a domain, exactly ``chapters`` are generated.
    """
    from selftaught.generators import DOMAINS
    from selftaught.textbook import TextbookError, load_textbook

    path = Path(book)
    if path.is_file():
        try:
            loaded = load_textbook(path)
        except TextbookError as error:
            first = error.problems[0] if error.problems else str(error)
            more = f" (+{len(error.problems) - 1} more problems)" if len(error.problems) > 1 else ""
            raise RunInputError(
                f"{first}{more}; run `selftaught textbook validate {path}` for all"
            ) from None
        if chapters is not None and chapters > len(loaded.chapters):
            raise RunInputError(
                f"--chapters {chapters}: {path} has only {len(loaded.chapters)} chapters"
            )
        return [loaded] * seeds
    if book in DOMAINS:
        return generate_books(book, seeds=seeds, chapters=chapters)
    raise RunInputError(
        f"BOOK {book!r}: no such file, and not a generator domain (domains: "
        f"{', '.join(sorted(DOMAINS))})"
    )
