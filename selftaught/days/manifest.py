"""``MANIFEST.json`` of a saved day: the size and sha256 of every file, checked before loading.

Why: a learner's ``load()`` trusts its files. A flipped byte in an adapter
loads as slightly different weights, a truncated notebook as fewer notes --
a silently different learner, which is worse than none. So each day's state
directory gets a manifest (written last, after the learner's ``save`` and the
day's event log), and it is checked file by file before ``load`` is called.
The manifest's own sha256 is recorded in ``learner.json``, so a manifest
swapped in from another day or learner is caught too.

The manifest also names whose state it is (learner name, kind, model, options):
a state is never loaded into a learner rebuilt with a different model or kind.
The checksum code itself is `selftaught.integrity` (run-store checkpoints use it
too); here its errors are `LearnerStateError`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from selftaught import integrity
from selftaught.integrity import MANIFEST_FILE, file_sha256, manifest_files, write_manifest
from selftaught.learners import LearnerStateError

__all__ = ["MANIFEST_FILE", "file_sha256", "manifest_files", "read_manifest", "verify_files",
           "write_manifest"]


def read_manifest(directory: Path, expected_sha256: str, *, fix: str) -> dict[str, Any]:
    """The manifest of ``directory``, after checking it is the one recorded (``expected_sha256``).

    ``fix`` is the advice appended to every error ("restore the previous day with ...").
    Raises `LearnerStateError` with one line naming the file.
    """
    return integrity.read_manifest(directory, expected_sha256, fix=fix, error=LearnerStateError)


def verify_files(directory: Path, manifest: dict[str, Any], *, fix: str) -> None:
    """Check every file the manifest lists: present, same size, same sha256; raises
    `LearnerStateError` naming the first bad file."""
    integrity.verify_files(directory, manifest, fix=fix, error=LearnerStateError)
