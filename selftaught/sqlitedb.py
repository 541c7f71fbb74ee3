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
    error: Callable[[str], Exception],
) -> sqlite3.Connection:
    """Open (creating if new) the store at ``path``; refuse a file that is not one.

    ``what`` names the store in messages ("run store"); ``error`` builds the
    exception raised, with a message naming the file and the fix. The schema
    must create a ``meta (key, value)`` table, where the version is kept.
    """
    existed = path.exists() and path.stat().st_size > 0
    # isolation_level=None: autocommit; transactions are explicit (BEGIN IMMEDIATE).
    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("PRAGMA foreign_keys=ON")
        if existed:
            _check_version(db, path, version=version, tables=set(tables), what=what,
                           error=error)
        else:
            # executescript commits any open transaction first, so the script is its own.
            db.executescript(
                f"BEGIN IMMEDIATE;{schema}INSERT INTO meta (key, value) "
                f"VALUES ('schema_version', '{version}');COMMIT;"
            )
    except sqlite3.DatabaseError as exc:
        db.close()
        raise error(f"{path}: not a selftaught {what} ({exc}); choose another --run-dir") from None
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
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
