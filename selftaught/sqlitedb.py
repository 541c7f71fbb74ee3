"""The SQLite plumbing every selftaught store shares: open with a schema version, transactions.

Why one place: a store (the study `RunStore`, the meta-training `TrainStore`) is
trusted because it is opened the same careful way -- WAL journal, foreign keys,
the schema and its version written in ONE transaction when the file is new, the
version checked when it is not -- and because each write is one explicit
``BEGIN IMMEDIATE`` transaction, rolled back on any exception.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path


def open_versioned(
    path: Path, *, schema: str, version: int, tables: Iterable[str], what: str,
    error: Callable[[str], Exception], readonly: bool = False,
) -> sqlite3.Connection:
    """Open (creating if new) the store at ``path``; refuse a file that is not one.

    ``what`` names the store in messages ("run store"); ``error`` builds the
    exception raised, with a message naming the file and the fix. The schema
    must create a ``meta (key, value)`` table, where the version is kept.
    An existing store must hold every table of ``tables`` and pass SQLite's
    ``quick_check`` (a truncated or overwritten file is refused here, not
    half-read later). ``readonly`` opens an existing store without writing to it
    (a report never turns a stray file into a store).
    """
    existed = path.exists() and path.stat().st_size > 0
    if readonly and not existed:
        raise error(f"{path}: {'empty' if path.exists() else 'missing'}, not a selftaught {what}"
                    f"; pass the run directory a selftaught command wrote")
    # isolation_level=None: autocommit; transactions are explicit (BEGIN IMMEDIATE).
    db = (sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
          if readonly else sqlite3.connect(path, isolation_level=None))
    try:
        if not readonly:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("PRAGMA foreign_keys=ON")
        if existed:
            _check_version(db, path, version=version, tables=set(tables), what=what,
                           error=error)
            damage = [row[0] for row in db.execute("PRAGMA quick_check(5)")]
            if damage != ["ok"]:
                raise error(f"{path}: the {what} is damaged (SQLite: {'; '.join(damage)}); "
                            "restore it from a backup or rerun into a new directory")
        else:
            # executescript commits any open transaction first, so the script is its own.
            db.executescript(
                f"BEGIN IMMEDIATE;{schema}INSERT INTO meta (key, value) "
                f"VALUES ('schema_version', '{version}');COMMIT;"
            )
    except sqlite3.DatabaseError as exc:
        db.close()
        raise error(f"{path}: not a selftaught {what}, or damaged ({exc}); choose another "
                    "--run-dir or restore the file") from None
    except BaseException:
        db.close()
        raise
    return db


def _check_version(
    db: sqlite3.Connection, path: Path, *, version: int, tables: set[str], what: str,
    error: Callable[[str], Exception],
) -> None:
    missing = sorted(({"meta"} | tables) - {r[0] for r in db.execute(
        "SELECT name FROM sqlite_master")})
    if missing:
        raise error(f"{path}: not a selftaught {what} (no {', '.join(missing)} table); "
                    f"choose another --run-dir")
    row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    found = None if row is None else str(row[0])
    if found != str(version):
        raise error(
            f"{path}: {what} schema version {found}, this selftaught reads version {version}; "
            f"rerun into a new --run-dir (or use the version that wrote it)"
        )


@contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One atomic write: committed on success, rolled back on any exception (re-raised)."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.in_transaction:  # SQLite may have rolled back already (e.g. on a full disk)
            db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


DISK_FIXES = {
    "database or disk is full": "free disk space, then continue with --resume (what was "
                                "committed before is kept)",
    "attempt to write a readonly database": "make the directory writable, then --resume",
    "disk I/O error": "check the disk, then --resume",
}
"""The fix for SQLite errors caused by the disk, by message."""


def database_error_message(exc: sqlite3.DatabaseError, path: Path, what: str) -> str:
    """One line for an SQLite error on the ``what`` at ``path``, with the fix."""
    text = str(exc)
    fix = DISK_FIXES.get(text, "the file was damaged or changed outside selftaught; restore it "
                               "or rerun into a new directory")
    return f"{path}: {what}: {text} ({fix})"
