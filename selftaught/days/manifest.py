"""``MANIFEST.json``: the size and sha256 of every file of a saved day, checked before loading.

Why: a learner's ``load()`` trusts its files. A flipped byte in an adapter
loads as slightly different weights, a truncated notebook as fewer notes --
a silently different learner, which is worse than none. So each day's state
directory gets a manifest (written last, after the learner's ``save`` and the
day's event log), and `verify_manifest` checks it file by file before ``load``
is called. The manifest's own sha256 is recorded in ``learner.json``, so a
manifest swapped in from another day or learner is caught too.

The manifest also names whose state it is (learner name, kind, model, options):
a state is never loaded into a learner rebuilt with a different model or kind.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from selftaught.learners import LearnerStateError

MANIFEST_FILE = "MANIFEST.json"
CHUNK_BYTES = 1 << 20


def file_sha256(path: Path) -> str:
    """sha256 of a file's bytes, read in 1 MiB chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()


def manifest_files(directory: Path) -> dict[str, dict[str, Any]]:
    """``relative/posix/path -> {"sha256", "size"}`` for every file under ``directory``
    except the manifest itself, in sorted order."""
    files: dict[str, dict[str, Any]] = {}
    for path in sorted(directory.rglob("*")):
        if path.is_file() and path.relative_to(directory).as_posix() != MANIFEST_FILE:
            files[path.relative_to(directory).as_posix()] = {
                "sha256": file_sha256(path),
                "size": path.stat().st_size,
            }
    return files


def write_manifest(directory: Path, header: dict[str, Any]) -> str:
    """Write ``directory/MANIFEST.json`` (``header`` plus ``files``); return its sha256.

    Called on a temporary directory that is fsynced and renamed into place
    afterwards, so a plain write suffices here.
    """
    if "files" in header:
        raise ValueError("manifest header must not contain 'files'")
    text = json.dumps({**header, "files": manifest_files(directory)}, indent=2, sort_keys=True)
    data = (text + "\n").encode()
    (directory / MANIFEST_FILE).write_bytes(data)
    return hashlib.sha256(data).hexdigest()


def read_manifest(directory: Path, expected_sha256: str, *, fix: str) -> dict[str, Any]:
    """The manifest of ``directory``, after checking it is the one recorded (``expected_sha256``).

    ``fix`` is the advice appended to every error ("restore the previous day with ...").
    Raises `LearnerStateError` with one line naming the file.
    """
    path = directory / MANIFEST_FILE
    if not directory.is_dir():
        raise LearnerStateError(f"{directory}: missing, the saved state is gone; {fix}")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise LearnerStateError(
            f"{path}: missing, the saved state cannot be verified; {fix}"
        ) from None
    if hashlib.sha256(data).hexdigest() != expected_sha256:
        raise LearnerStateError(
            f"{path}: checksum differs from the one recorded in learner.json, the saved state "
            f"was changed or replaced; {fix}"
        )
    try:
        manifest = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise LearnerStateError(f"{path}: unreadable ({error}); {fix}") from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), dict):
        raise LearnerStateError(f"{path}: has no 'files' table; {fix}")
    return manifest


def verify_files(directory: Path, manifest: dict[str, Any], *, fix: str) -> None:
    """Check every file the manifest lists: present, same size, same sha256.

    Files the manifest does not list are not looked at (a learner reads only
    what it saved). Raises `LearnerStateError` naming the first bad file.
    """
    for relative, entry in sorted(manifest["files"].items()):
        path = directory / relative
        if not path.is_file():
            raise LearnerStateError(f"{path}: missing, the saved state is incomplete; {fix}")
        size = path.stat().st_size
        if size != entry.get("size"):
            raise LearnerStateError(
                f"{path}: {size} bytes, the manifest says {entry.get('size')}, the saved state "
                f"is corrupt; {fix}"
            )
        if file_sha256(path) != entry.get("sha256"):
            raise LearnerStateError(f"{path}: checksum mismatch, the saved state is corrupt; {fix}")
