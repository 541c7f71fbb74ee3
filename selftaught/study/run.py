"""The study run: one learner (or its control) through one textbook, logged event by event.

`run_track` is the whole protocol of docs/design.md, Metrics, readable top to bottom:

1. **pre-test** (step 0): answer the probes of *all* chapters in one batch
   (``after_chapter=0``); this is row 0 of the accuracy matrix.
2. **per chapter c** (step c):

   a. ``study`` the chapter -- its exposition and worked examples only
      (`study_view`: no exercises, whose answers come with feedback later,
      and no probes, which are the hidden quiz);
   b. **practice**: each exercise one at a time: ``answer([prompt])`` -> grade ->
      ``feedback(item, response, grade)``; the item passed to ``feedback``
      carries its reference answer, as a student is shown the solution;
   c. optional **curve probes** of chapter c alone after every ``curve_every``
      exercises, starting at b = 0 right after study (``after_chapter=None``,
      ``exercises_done=b``);
   d. **probe every chapter** 1..T in one batch (``after_chapter=c``).

Why every chapter, not only those studied so far: the accuracy matrix needs
R[c][j] for all j -- the gain reads R[c-1][c] (chapter c before it is
studied) and forward transfer R[j-1][j] -- so probing only chapters <= c would
leave those cells empty.

Probes are answered in one batched ``answer`` call per pass and are never
followed by feedback; a learner that can score answers (`ScoresAnswers`) also gives
each probe's reference answer its mean per-token log-probability (``answer_logprob``,
the dense measure: it moves before exact-match accuracy does), outside its costs;
their batch's cost is split evenly over the pass's events (integer counters with the
remainder on the first events), so sums over events are exact.

**Control track**: the same learner kind with learning disabled -- the run
never calls ``study`` or ``feedback`` on it (no study events are logged; its
practice events still hold its answers and grades), so any gain it shows is
noise or leakage, and every learning claim is measured against it.

**Resume** (docs/design.md, Reliability): after each completed step the learner is saved to a
fresh temporary directory, fsynced, and moved into place with ``os.replace``;
then the checkpoint row is committed, which is what marks the step complete.
A run killed at any moment is resumed by calling `run_track` again: it deletes
the events of the incomplete step (one transaction), loads the learner from
the last checkpoint and redoes the step. The run itself draws no randomness;
all of it lives in the learner and is restored with its state, so the resumed
log equals an uninterrupted one (up to measured seconds).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from selftaught import integrity
from selftaught.learners.protocol import (
    Grader,
    Learner,
    answer_logprobs,
    default_grader,
    study_view,
)
from selftaught.limits import MAX_CHAPTERS
from selftaught.study.store import Checkpoint, RunStore, RunStoreError
from selftaught.types import Chapter, Costs, Exercise, Grade, StudyEvent, Textbook


@dataclass(frozen=True)
class StudyConfig:
    """How a track is run. Stored with each track; resume refuses a different one."""

    seed: int = 0
    """Seed of the learner's RNG (the textbook's own seed is part of the textbook)."""
    curve_every: int | None = None
    """Probe the current chapter after every k practice exercises (b = 0, k, 2k, ... up to the
    chapter's exercise count) for the within-chapter learning curve; None: no curve probes."""
    chapters: int | None = None
    """Study only the first K chapters (None: all). A prefix, not an arbitrary subset,
    because later chapters build on earlier ones and chapter numbers stay those of the book."""

    def __post_init__(self) -> None:
        if self.curve_every is not None and self.curve_every < 1:
            raise ValueError(f"curve_every must be >= 1 or None, got {self.curve_every}")
        if self.chapters is not None and self.chapters < 1:
            raise ValueError(f"chapters must be >= 1 or None, got {self.chapters}")


class StudyRunError(RuntimeError):
    """A track cannot run or resume as asked (changed book or config, misbehaving learner)."""


StepCallback = Callable[[int, int], None]
"""Called as ``on_step(completed_step, n_steps)`` after each step (0 = pre-test)."""


def book_hash(book: Textbook) -> str:
    """sha256 of the textbook's canonical JSON: identifies the exact content a track ran on."""
    return hashlib.sha256(book.model_dump_json().encode()).hexdigest()


def first_chapters(book: Textbook, chapters: int | None) -> Textbook:
    """The book cut to its first ``chapters`` chapters (the whole book for None)."""
    if chapters is None:
        return book
    if chapters > len(book.chapters):
        raise StudyRunError(
            f"chapters={chapters} but textbook {book.id!r} has only {len(book.chapters)}"
        )
    return book.model_copy(update={"chapters": book.chapters[:chapters]})


def run_track(
    store: RunStore,
    track_id: int,
    book: Textbook,
    learner: Learner,
    config: StudyConfig,
    *,
    grader: Grader | None = None,
    on_step: StepCallback | None = None,
) -> list[StudyEvent]:
    """Run (or resume) one track to the end; returns its full event log.

    ``learner`` must be freshly built with ``config.seed``; on resume its state
    is replaced by the last checkpoint's. ``grader`` defaults to
    `selftaught.checkers.grade`.
    """
    grade = grader or default_grader()
    track = store.track(track_id)
    _check_track(store, track_id, book, learner, config)
    full_book = book
    book = first_chapters(book, config.chapters)
    n_chapters = len(book.chapters)
    if n_chapters > MAX_CHAPTERS:  # every chapter is probed after every chapter: T^2 events
        raise StudyRunError(
            f"textbook {book.id!r} has {n_chapters} chapters; a study probes every chapter "
            f"after each one ({n_chapters}^2 probe passes), so at most {MAX_CHAPTERS} are "
            f"studied in one run (pass --chapters {MAX_CHAPTERS}, or split the book)")
    checkpoint = begin_track(store, track_id, full_book)
    learning = not track.control
    state_root = state_dir(store, track_id)
    if checkpoint is not None:
        learner.load(checkpoint.state_path)
    start = 0 if checkpoint is None else checkpoint.step + 1

    def log(step: int, event: StudyEvent) -> None:
        store.append_event(track_id, step, event)

    def complete(step: int) -> None:
        path, digest = _save_state(learner, state_root, step)
        store.complete_step(track_id, step, path, digest)
        if on_step is not None:
            on_step(step, n_chapters + 1)

    if start == 0:
        for event in probe_pass(learner, book, range(1, n_chapters + 1), grade, after_chapter=0):
            log(0, event)
        complete(0)

    for c in range(max(start, 1), n_chapters + 1):
        chapter = book.chapters[c - 1]
        if learning:
            log(c, study_event(learner, chapter, c))

        for e, item in enumerate(chapter.exercises):
            if config.curve_every and e % config.curve_every == 0:
                for event in probe_pass(learner, book, [c], grade, exercises_done=e):
                    log(c, event)
            log(c, practice_event(learner, item, c, e, grade, learning=learning))
        n_done = len(chapter.exercises)
        if config.curve_every and n_done % config.curve_every == 0:
            for event in probe_pass(learner, book, [c], grade, exercises_done=n_done):
                log(c, event)

        for event in probe_pass(learner, book, range(1, n_chapters + 1), grade, after_chapter=c):
            log(c, event)
        complete(c)

    store.set_status(track_id, "done")
    return store.events(track_id)


def state_dir(store: RunStore, track_id: int) -> Path:
    """Where a track's checkpoints live: ``state/track_<id>/`` beside the store."""
    return store.root / "state" / f"track_{track_id}"


def begin_track(store: RunStore, track_id: int, book: Textbook) -> Checkpoint | None:
    """Make a track ready to run from its last checkpoint, which is returned (None: none yet).

    Saves the book in the store (so metrics needing it use the store alone), verifies the
    checkpoint's state against its manifest (`RunStore.verified_state`), deletes the
    events of an incomplete step and the temp dirs of a save killed midway, and marks the
    track running. `run_track` starts with it; so does a Ray driver, before it ships the
    checkpoint to a worker.
    """
    store.save_textbook(book, store.track(track_id).book_hash)
    checkpoint = store.last_checkpoint(track_id)
    if checkpoint is not None:  # verified before anything changes: a corrupt state refuses
        store.verified_state(checkpoint)
    store.discard_incomplete(track_id)
    for leftover in state_dir(store, track_id).glob(".step_*"):
        shutil.rmtree(leftover)
    store.set_status(track_id, "running")
    return checkpoint


def study_event(learner: Learner, chapter: Chapter, c: int) -> StudyEvent:
    """The learner studies chapter ``c`` (exposition and examples only): its study event."""
    before = learner.costs()
    derived = learner.study(study_view(chapter))
    return StudyEvent(kind="study", chapter=c, response=derived, costs=learner.costs() - before)


def practice_event(
    learner: Learner, item: Exercise, c: int, e: int, grade: Grader, *, learning: bool = True
) -> StudyEvent:
    """Practice exercise ``e`` of chapter ``c``: answer, grade, feedback (when learning)."""
    before = learner.costs()
    response = answer_all(learner, [item.prompt])[0]
    verdict = grade(response, item)
    if learning:
        learner.feedback(item, response, verdict)
    return StudyEvent(
        kind="practice", chapter=c, exercises_done=e, item_id=item.id, prompt=item.prompt,
        response=response, reference=item.answer, grade=verdict, costs=learner.costs() - before,
    )


def probe_pass(
    learner: Learner,
    book: Textbook,
    chapters: range | list[int],
    grade: Grader,
    *,
    after_chapter: int | None = None,
    exercises_done: int | None = None,
) -> list[StudyEvent]:
    """Answer the probes of ``chapters`` in one batch, grade them; no feedback, ever."""
    probes = [(c, probe) for c in chapters for probe in book.chapters[c - 1].probes]
    before = learner.costs()
    prompts = [probe.prompt for _, probe in probes]
    responses = answer_all(learner, prompts)
    shares = split_costs(learner.costs() - before, len(probes))
    # The dense measure: scoring is a measurement, so it happens after the costs are read.
    logprobs = answer_logprobs(learner, prompts, [probe.answer for _, probe in probes])
    return [
        _probe_event(c, probe, response, grade(response, probe), share,
                     after_chapter=after_chapter, exercises_done=exercises_done,
                     answer_logprob=logprob)
        for (c, probe), response, share, logprob in zip(probes, responses, shares, logprobs,
                                                        strict=True)
    ]


def _probe_event(
    chapter: int, probe: Exercise, response: str, verdict: Grade, costs: Costs, *,
    after_chapter: int | None, exercises_done: int | None, answer_logprob: float | None,
) -> StudyEvent:
    return StudyEvent(
        kind="probe", chapter=chapter, after_chapter=after_chapter,
        exercises_done=exercises_done, item_id=probe.id, prompt=probe.prompt,
        response=response, reference=probe.answer, grade=verdict, costs=costs,
        answer_logprob=answer_logprob,
    )


def answer_all(learner: Learner, prompts: list[str]) -> list[str]:
    """``learner.answer`` with its contract enforced: one ``str`` per prompt."""
    responses = learner.answer(prompts)
    if not isinstance(responses, list) or len(responses) != len(prompts) or not all(
        isinstance(r, str) for r in responses
    ):
        got = len(responses) if isinstance(responses, list) else type(responses).__name__
        raise StudyRunError(
            f"learner {learner.name!r} broke the protocol: answer() of {len(prompts)} prompts "
            f"returned {got} (must be a list with one str per prompt; run check_learner)"
        )
    return responses


def split_costs(total: Costs, n: int) -> list[Costs]:
    """Split a batch's cost over its ``n`` events: integers evenly (remainder first), seconds /n.

    >>> [c.tokens_prompt for c in split_costs(Costs(tokens_prompt=7), 3)]
    [3, 2, 2]
    >>> split_costs(Costs(), 0)
    []
    """
    if n <= 0:
        return []
    shares: list[Costs] = []
    for k in range(n):
        counts = {
            field: getattr(total, field) // n + (1 if k < getattr(total, field) % n else 0)
            for field in ("tokens_prompt", "tokens_sampled", "tokens_trained", "grad_steps")
        }
        shares.append(Costs(**counts, seconds=total.seconds / n,
                            cpu_seconds=total.cpu_seconds / n))
    return shares


def _check_track(
    store: RunStore, track_id: int, book: Textbook, learner: Learner, config: StudyConfig
) -> None:
    track = store.track(track_id)
    where = f"{store.path}: track {track_id}"
    if track.book_hash != book_hash(book):
        raise StudyRunError(
            f"{where} ran on textbook {track.book_id!r} with different content; "
            "resume with the same textbook or start a new --run-dir"
        )
    if track.learner != learner.name:
        raise StudyRunError(
            f"{where} is for learner {track.learner!r}, not {learner.name!r} "
            f"(resume with --learner {track.learner})"
        )
    if track.config != asdict(config):
        raise StudyRunError(
            f"{where} ran with config {track.config}, now {asdict(config)}; "
            "resume with the same options or start a new --run-dir"
        )
    if track.status == "done" and store.last_checkpoint(track_id) is None:
        raise RunStoreError(f"{where} is marked done but has no checkpoint")


def _save_state(learner: Learner, state_root: Path, step: int) -> tuple[Path, str]:
    """Save the learner atomically as ``state_root/step_<step>``: temp dir, manifest (sha256
    of every file, `selftaught.integrity`), fsync, os.replace. Returns the directory and the
    manifest's sha256 (stored with the checkpoint and verified before a resume loads it).

    A directory left by a killed attempt at this step (saved but never
    committed as a checkpoint) is replaced, since nothing refers to it.
    """
    tmp = new_state_dir(state_root, step)
    learner.save(tmp)
    if (tmp / integrity.MANIFEST_FILE).exists():
        raise StudyRunError(f"learner {learner.name!r} saved a file named "
                            f"{integrity.MANIFEST_FILE}, which the run reserves; rename it in "
                            "the learner's save()")
    digest = integrity.write_manifest(tmp, {"step": step})
    return commit_state_dir(tmp, state_root, step), digest


def new_state_dir(state_root: Path, step: int) -> Path:
    """A fresh temporary directory for step ``step``'s state (``.step_<n>.*``, which a resumed
    track deletes if it was never committed)."""
    state_root.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".step_{step}.", dir=state_root))


def commit_state_dir(tmp: Path, state_root: Path, step: int) -> Path:
    """Move a filled `new_state_dir` into place as ``state_root/step_<step>``: fsync every file
    and the directory, then ``os.replace`` (a Ray driver installs a worker's state this way)."""
    target = state_root / f"step_{step}"
    for path in sorted(tmp.rglob("*")):
        if path.is_file():
            fsync_path(path, directory=False)
    fsync_path(tmp, directory=True)
    if target.exists():
        shutil.rmtree(target)
    os.replace(tmp, target)
    fsync_path(state_root, directory=True)
    return target


def fsync_path(path: Path, *, directory: bool) -> None:
    fd = os.open(path, os.O_RDONLY | (os.O_DIRECTORY if directory else 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
