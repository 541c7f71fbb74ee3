"""In-sandbox launcher: run the command, then clean up its namespace and report its cost.

Why: bubblewrap's outer process exits without reaping the sandbox's init, so
the host cannot see the code's CPU time, and bwrap folds "killed by signal N"
into exit status 128 + N. This launcher runs first inside the sandbox (as the
sandbox's root when selftaught runs as root, so the unprivileged code cannot
signal it), forks the real command, waits for it, kills whatever it left
behind in the PID namespace, reaps everything, and writes one JSON line
``{"status": wait-status, "cpu_s": seconds}`` to the fd given as argv[1].

The command comes as a JSON list from the in-memory file given as argv[2],
not on the command line, so ``/proc/1/cmdline`` (readable by the code) shows
neither the limits nor host paths. After the fork this process closes every
other descriptor it inherited, so data meant for the command (the hidden
tests of the pytest harness) cannot be read back through ``/proc/1/fd``.

It is the namespace's PID 1 (``bwrap --as-pid-1``), so orphans are reparented
to it and it reaps them all. It runs with ``python -I -S`` and must use the standard library only
(selftaught is not importable inside the sandbox).
"""

import contextlib
import json
import os
import signal
import sys


def main() -> None:
    report_fd = int(sys.argv[1])
    command_fd = int(sys.argv[2])
    with os.fdopen(command_fd, "rb") as source:
        command = json.loads(source.read())
    pid = os.fork()
    if pid == 0:
        os.close(report_fd)
        os.execv(command[0], command)
    os.closerange(3, report_fd)
    os.closerange(report_fd + 1, os.sysconf("SC_OPEN_MAX"))
    _, status, usage = os.wait4(pid, 0)
    cpu_s = usage.ru_utime + usage.ru_stime
    # Kill everything left in this PID namespace but us (we are its PID 1);
    # ProcessLookupError means nothing was left behind, the common clean case.
    with contextlib.suppress(ProcessLookupError):
        os.kill(-1, signal.SIGKILL)
    while True:
        try:
            _, _, usage = os.wait4(-1, 0)
        except ChildProcessError:
            break
        cpu_s += usage.ru_utime + usage.ru_stime
    os.write(report_fd, (json.dumps({"status": status, "cpu_s": cpu_s}) + "\n").encode())
    os.close(report_fd)
    code = os.waitstatus_to_exitcode(status)
    sys.exit(128 - code if code < 0 else code)


if __name__ == "__main__":
    main()
