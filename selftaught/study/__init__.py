"""The study run (`run_track`), its SQLite store (`RunStore`), and the grid of tracks.

``run.py`` has the protocol of one track; ``store.py`` the store; ``rundir.py`` the
run directory (lock, options check); ``grid.py`` builds a grid's tracks (learners x
books x seeds, the control shared per book) and runs them, in this process or on Ray
workers (``parallel.py``); ``tracks.py`` has the types both share.
"""

from selftaught.study.grid import Grid, completed_steps, open_tracks, run_grid
from selftaught.study.parallel import RayConfig
from selftaught.study.run import (
    StudyConfig,
    StudyRunError,
    book_hash,
    first_chapters,
    run_track,
    split_costs,
)
from selftaught.study.rundir import STORE_FILE, RunInputError, open_run
from selftaught.study.store import (
    SCHEMA_VERSION,
    Checkpoint,
    RunStore,
    RunStoreError,
    TrackRecord,
)
from selftaught.study.tracks import Arm, GridTrack, build_learner

__all__ = [
    "SCHEMA_VERSION",
    "STORE_FILE",
    "Arm",
    "Checkpoint",
    "Grid",
    "GridTrack",
    "RayConfig",
    "RunInputError",
    "RunStore",
    "RunStoreError",
    "StudyConfig",
    "StudyRunError",
    "TrackRecord",
    "book_hash",
    "build_learner",
    "completed_steps",
    "first_chapters",
    "open_run",
    "open_tracks",
    "run_grid",
    "run_track",
    "split_costs",
]
