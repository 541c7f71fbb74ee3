"""Lab chapters are ordinary chapters: valid textbooks that a study run takes end to end."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from selftaught.discover.lab import generate_discovery
from selftaught.learners import make_learner
from selftaught.study import RunStore, StudyConfig, book_hash, run_track
from selftaught.textbook.check import check_textbook


def test_lab_textbook_is_valid_deterministic_and_studied(tmp_path: Path) -> None:
    book = generate_discovery(seed=1, chapters=4)
    assert book == generate_discovery(seed=1, chapters=4)
    check_textbook(book)
    assert [c.title.split(": ")[1].split(" ")[0] for c in book.chapters] == [
        "integers", "physics", "circuit", "zendo"]
    recorded = book.chapters[0].exposition
    assert all(p.prompt.split(" when ")[-1].rstrip("?") not in recorded
               for p in book.chapters[0].probes)  # probes are held out of the record
    store = RunStore(tmp_path / "run.sqlite")
    config = StudyConfig(seed=0)
    track = store.add_track(learner="oracle", book_id=book.id, book_hash=book_hash(book),
                            seed=0, control=False, config=asdict(config))
    events = run_track(store, track, book, make_learner("oracle", book=book, seed=0), config)
    probes = [e for e in events if e.kind == "probe"]
    assert probes and all(e.grade is not None and e.grade.correct for e in probes)


def test_discovery_is_a_textbook_domain() -> None:
    from selftaught.generators import generate

    book = generate("discovery", seed=2, chapters=2, exercises=2, probes=30)
    assert book.domain == "discovery" and len(book.chapters) == 2
    assert [len(c.probes) for c in book.chapters] == [12, 20]  # capped at the held-out queries
