#!/usr/bin/env bash
# System packages the sandbox needs (selftaught/sandbox): bubblewrap for the
# namespaces and mounts, util-linux for prlimit/setpriv, libseccomp2 for the
# seccomp filter (loaded by the pyseccomp binding). Idempotent: installs only
# what is missing. Run as root (CI) or with sudo available.
set -euo pipefail

missing=()
command -v bwrap >/dev/null 2>&1 || missing+=(bubblewrap)
command -v prlimit >/dev/null 2>&1 || missing+=(util-linux)
command -v setpriv >/dev/null 2>&1 || missing+=(util-linux)
{ ldconfig -p 2>/dev/null || /sbin/ldconfig -p; } | grep -q 'libseccomp\.so\.2' || missing+=(libseccomp2)

if [ ${#missing[@]} -eq 0 ]; then
  echo "system-deps: bubblewrap, util-linux and libseccomp2 already installed"
else
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo="sudo"
    else
      echo "system-deps: need root (or sudo) to install: ${missing[*]}" >&2
      exit 1
    fi
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "system-deps: apt-get not found; install these with your package manager: ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  if ! { $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"; }; then
    echo "system-deps: could not install ${missing[*]} (see apt-get output above)" >&2
    exit 1
  fi
fi

# The sandbox needs namespaces: prove a trivial one works, with the fix if not.
if ! bwrap --unshare-pid --unshare-net --die-with-parent --ro-bind / / true 2>/tmp/bwrap-check.err \
   && ! bwrap --unshare-user --unshare-pid --unshare-net --die-with-parent --ro-bind / / true 2>>/tmp/bwrap-check.err; then
  echo "system-deps: bubblewrap is installed but cannot create namespaces:" >&2
  cat /tmp/bwrap-check.err >&2
  echo "fix: enable user namespaces (sysctl kernel.unprivileged_userns_clone=1 /" \
       "user.max_user_namespaces>0) or run CI as root in a container that allows them" >&2
  exit 1
fi
echo "system-deps: sandbox prerequisites OK ($(bwrap --version))"
