"""The study run (`run_track`) and its SQLite store (`RunStore`); ``run.py`` has the protocol."""

from selftaught.study.run import (
    StudyConfig,
    StudyRunError,
    book_hash,
    first_chapters,
    run_track,
    split_costs,
)
from selftaught.study.store import (
    SCHEMA_VERSION,
    Checkpoint,
    RunStore,
    RunStoreError,
    TrackRecord,
)

__all__ = [
    "SCHEMA_VERSION",
    "Checkpoint",
    "RunStore",
    "RunStoreError",
    "StudyConfig",
    "StudyRunError",
    "TrackRecord",
    "book_hash",
    "first_chapters",
    "run_track",
    "split_costs",
]
