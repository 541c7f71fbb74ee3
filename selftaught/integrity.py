"""Checksummed directories: a ``MANIFEST.json`` of the size and sha256 of every file.

Why: whatever loads saved state (a learner's ``load()``, a resumed study track)
trusts its files. A flipped byte in an adapter loads as slightly different
weights, a flipped byte in a saved random state as a different run -- silently
different results, worse than none. So a saved directory gets a manifest
(written last), the manifest's own sha256 is recorded by whoever refers to the
directory (``learner.json`` for a saved learner's day, the run store's
``checkpoints`` row for a study step), and `read_manifest` + `verify_files`
check both before anything is loaded. Every failure is ``error(message)``, one
line naming the file and the fix; the caller chooses the exception type.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["MANIFEST_FILE", "file_sha256", "manifest_files", "read_manifest", "verify_files",
           "verify_manifest", "write_manifest"]

ErrorFactory = Callable[[str], Exception]

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


def read_manifest(
    directory: Path, expected_sha256: str, *, fix: str, error: ErrorFactory = ValueError,
) -> dict[str, Any]:
    """The manifest of ``directory``, after checking it is the one recorded (``expected_sha256``).

    ``fix`` is the advice appended to every error ("restore the previous day with ...").
    Raises ``error(message)`` with one line naming the file.
    """
    path = directory / MANIFEST_FILE
    if not directory.is_dir():
        raise error(f"{directory}: missing, the saved state is gone; {fix}")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise error(
            f"{path}: missing, the saved state cannot be verified; {fix}"
        ) from None
    if hashlib.sha256(data).hexdigest() != expected_sha256:
        raise error(
            f"{path}: checksum differs from the one recorded, the saved state "
            f"was changed or replaced; {fix}"
        )
    try:
        manifest = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as problem:
        raise error(f"{path}: unreadable ({problem}); {fix}") from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), dict):
        raise error(f"{path}: has no 'files' table; {fix}")
    return manifest


def verify_files(
    directory: Path, manifest: dict[str, Any], *, fix: str, error: ErrorFactory = ValueError,
) -> None:
    """Check every file the manifest lists: present, same size, same sha256.

    Files the manifest does not list are not looked at (a learner reads only
    what it saved). Raises ``error(message)`` naming the first bad file.
    """
    for relative, entry in sorted(manifest["files"].items()):
        path = directory / relative
        if not path.is_file():
            raise error(f"{path}: missing, the saved state is incomplete; {fix}")
        size = path.stat().st_size
        if size != entry.get("size"):
            raise error(
                f"{path}: {size} bytes, the manifest says {entry.get('size')}, the saved state "
                f"is corrupt; {fix}"
            )
        if file_sha256(path) != entry.get("sha256"):
            raise error(f"{path}: checksum mismatch, the saved state is corrupt; {fix}")


def verify_manifest(
    directory: Path, expected_sha256: str, *, fix: str, error: ErrorFactory = ValueError,
) -> dict[str, Any]:
    """`read_manifest` then `verify_files`: the directory is exactly what was saved."""
    manifest = read_manifest(directory, expected_sha256, fix=fix, error=error)
    verify_files(directory, manifest, fix=fix, error=error)
    return manifest
