"""Atomic text writes and exclusive locks, shared by everything that writes a user-facing file.

Why: a textbook or report written in place and interrupted halfway would leave
a corrupt file where a good one was ("earlier results are never lost"). Writing
to a temporary file in the same directory, fsyncing it and `os.replace`-ing it
over the target means readers see the old file or the new one, never half.
`tempfile.mkstemp` creates files with mode 0600; the result gets the mode a
plain `open()` would give (0666 minus the umask), so reports stay readable.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path


class OutputPathError(ValueError):
    """A directory the user asked to write into cannot be one (a file is in the way)."""


def check_output_dir(path: Path, flag: str) -> None:
    """Refuse ``path`` as an output directory before any work is done: it, or one of its
    parents, is an existing non-directory. (Permissions and free space are only known when
    writing; those errors name the path too, see ``selftaught.cli.main``.)"""
    for candidate in (path, *path.parents):
        if candidate.exists():
            if not candidate.is_dir():
                where = "is a file" if candidate == path else f"is under the file {candidate}"
                raise OutputPathError(f"{flag} {path}: {where}, not a directory (choose "
                                      f"another {flag})")
            return


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text_atomic(path: str | Path, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically; create parent directories; return the path."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def replace_dir(tmp: Path, target: Path) -> Path:
    """Put the fully written directory ``tmp`` at ``target`` (same filesystem), replacing
    an existing one: each rename is atomic, and the old copy is removed only once the new
    one is in place, so a crash leaves either the old or the new directory at ``target``."""
    if target.exists():
        old = target.with_name(f".{target.name}-old-{os.getpid()}")
        os.replace(target, old)
        os.replace(tmp, target)
        shutil.rmtree(old)
    else:
        os.replace(tmp, target)
    return target


@contextmanager
def exclusive_lock(path: Path, busy: Callable[[], Exception]) -> Iterator[None]:
    """Hold an exclusive, non-blocking ``flock`` on ``path`` (created if missing): one process
    at a time, released by the OS even on kill -9. Raises ``busy()`` if another holds it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise busy() from None
        yield

