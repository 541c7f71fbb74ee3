"""`selftaught study --ray local` that SIGKILLs itself mid-step, for the driver-kill test.

Run as ``python ray_driver.py KILL_AT study BOOK ...``: the real command, except that
the driver kills itself (``kill -9``) at its ``KILL_AT``-th step write, after that
step's events are committed and before its checkpoint is: the worst moment, because
the store then holds events of a step that is not complete. Killing at a chosen write
makes the test exact, with no timing. Only the ``study`` command is composed, so the
process starts fast.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import typer

from selftaught.cli.study import register
from selftaught.study import parallel

writes = 0
commit = parallel.commit_state_dir
kill_at = int(sys.argv.pop(1))


def commit_then_maybe_die(tmp: Path, root: Path, step: int) -> Path:
    global writes
    writes += 1
    if writes == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)
    return commit(tmp, root, step)


parallel.commit_state_dir = commit_then_maybe_die  # type: ignore[assignment]
app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)


@app.callback()
def main() -> None:
    """Test harness: only the study command."""


register(app)

if __name__ == "__main__":
    app()
