"""The sandbox's seccomp filter: syscalls model code never needs fail with EPERM.

Why seccomp on top of namespaces: the namespaces decide what the code can *see*;
the filter shrinks the kernel surface it can *reach*. The most important
entries stop the code from making namespaces of its own (``unshare``,
``setns``, ``clone`` with a ``CLONE_NEW*`` flag): a nested user namespace makes
the code root there, free to mount a tmpfs that holds memory beyond the
scratch allowance, and is the usual first step of a kernel exploit. The rest
(mounting, ``ptrace`` and cross-process memory access, BPF, perf, keyrings,
io_uring, module loading, clock and host settings) are the syscalls that
container runtimes deny by default, and no grading of small Python answers
uses them. ``clone3`` answers ENOSYS, because its flags sit in memory where a
filter cannot read them; the C library then falls back to ``clone``, whose
flags the filter checks. Syscalls of other ABIs (e.g. 32-bit ``int 0x80`` on
x86-64) kill the process.

The filter is compiled by libseccomp (the library systemd, Docker and Firefox
build their filters with) through its ``pyseccomp`` ctypes binding, exported
as a BPF program and handed to bubblewrap (``--seccomp FD``), which installs
it in the sandbox just before it runs anything: the program is built from
names, so the syscall numbers of every architecture libseccomp knows are right
without a table of ours.
"""

from __future__ import annotations

import errno
import functools
import tempfile

DENIED = (
    # making or entering namespaces, and changing the mount table
    "unshare", "setns", "mount", "umount2", "pivot_root", "chroot", "move_mount", "open_tree",
    "fsopen", "fsconfig", "fsmount", "fspick", "mount_setattr",
    # reading or changing other processes
    "ptrace", "process_vm_readv", "process_vm_writev", "pidfd_getfd", "process_madvise",
    "kcmp",
    # kernel attack surface with no use in graded code
    "bpf", "perf_event_open", "userfaultfd", "io_uring_setup", "io_uring_enter",
    "io_uring_register", "keyctl", "add_key", "request_key", "lookup_dcookie",
    "open_by_handle_at", "name_to_handle_at", "fanotify_init",
    # the host's settings and modules
    "kexec_load", "kexec_file_load", "init_module", "finit_module", "delete_module", "reboot",
    "swapon", "swapoff", "acct", "quotactl", "syslog", "settimeofday", "clock_settime",
    "clock_adjtime", "adjtimex", "sethostname", "setdomainname", "iopl", "ioperm", "vhangup",
)
"""Syscalls that fail with EPERM inside the sandbox (names unknown to this libseccomp are
skipped: a kernel too old to have them cannot be asked for them either)."""
CLONE_NAMESPACE_FLAGS = {
    "CLONE_NEWNS": 0x00020000, "CLONE_NEWCGROUP": 0x02000000, "CLONE_NEWUTS": 0x04000000,
    "CLONE_NEWIPC": 0x08000000, "CLONE_NEWUSER": 0x10000000, "CLONE_NEWPID": 0x20000000,
    "CLONE_NEWNET": 0x40000000, "CLONE_NEWTIME": 0x00000080,
}
"""``clone`` flags that make a new namespace; any of them set means EPERM."""


class SeccompUnavailable(RuntimeError):
    """libseccomp (or its ``pyseccomp`` binding) is not installed."""


@functools.cache
def bpf_program() -> bytes:
    """The filter as a BPF program for ``bwrap --seccomp`` (built once per process)."""
    try:
        import pyseccomp as seccomp
    except (ImportError, RuntimeError) as err:  # RuntimeError: the binding found no libseccomp
        raise SeccompUnavailable(
            f"sandbox unavailable: seccomp filter cannot be built ({err}); install libseccomp "
            "(Debian/Ubuntu: `apt-get install -y libseccomp2`) and the `pyseccomp` package"
        ) from err
    deny = seccomp.ERRNO(errno.EPERM)
    flt = seccomp.SyscallFilter(defaction=seccomp.ALLOW)
    for name in DENIED:
        try:
            flt.add_rule(deny, name)
        except ValueError:  # pyseccomp: "Unknown syscall" on this architecture
            continue
    for flag in CLONE_NAMESPACE_FLAGS.values():
        flt.add_rule(deny, "clone", seccomp.Arg(0, seccomp.MASKED_EQ, flag, flag))
    flt.add_rule(seccomp.ERRNO(errno.ENOSYS), "clone3")
    with tempfile.TemporaryFile() as out:
        flt.export_bpf(out)
        out.seek(0)
        return out.read()
