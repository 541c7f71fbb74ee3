"""Put a built-in model's tokenizer in the Hugging Face hub cache, so the SDK finds it offline.

Why: the official SDK's ``SamplingClient.get_tokenizer()`` runs, in the *user's*
process, ``AutoTokenizer.from_pretrained(<base model name>)``; it asks the server
nothing. selftaught's built-in models (``tiny-random``, ``smollm2-135m-instruct``) are
no repositories on the hub, so for them that call fails. ``selftaught serve --tinker``
runs on the user's machine (it listens on loopback), so it writes what the call reads
into the hub cache, in the layout a download leaves:
``models--<name>/snapshots/<commit>/`` (the tokenizer, and the model's ``config.json``,
which ``AutoTokenizer`` reads to choose the tokenizer class; no weights) and
``models--<name>/refs/main`` naming that commit. With ``HF_HUB_OFFLINE=1`` the SDK then
loads it like any cached model. (With the hub reachable, ``transformers`` asks the hub
first, which does not know the name; selftaught's own clients never ask, see
`selftaught.models.backend.sampling_tokenizer`.)

The commit is the SHA-1 of the files, so writing the same tokenizer again changes
nothing and a changed one gets a new snapshot. Only built-in names are written: they
name no hub repository, so a real model's cached tokenizer is never shadowed by a
stand-in (an ``--alias`` such as ``meta-llama/Llama-3.2-1B=tiny-random`` is not written).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from selftaught.models import MODEL_NAMES


def hub_cache() -> Path:
    """The hub cache ``transformers`` reads (``$HF_HUB_CACHE``, else ``$HF_HOME/hub``)."""
    from huggingface_hub import constants

    return Path(constants.HF_HUB_CACHE)


def is_builtin(name: str) -> bool:
    """Whether ``name`` is a built-in model (and not a directory that happens to share it)."""
    return name in MODEL_NAMES and not Path(name).exists()


def register_tokenizer(name: str, tokenizer: Any, config: Any, cache: Path | None = None) -> Path:
    """Write ``tokenizer`` and ``config`` as the hub-cache snapshot of repository ``name``.

    Returns the snapshot directory. Safe against a concurrent writer: the snapshot is
    assembled in a temporary directory and renamed into place; ``refs/main`` is replaced
    atomically. Raises ``ValueError`` for a name that is not built in, and ``OSError`` when
    the cache cannot be written (the caller says so and serves on).
    """
    if not is_builtin(name):
        raise ValueError(f"{name!r}: only built-in models ({', '.join(MODEL_NAMES)}) are "
                         "written to the Hugging Face cache")
    repo = (cache or hub_cache()) / f"models--{name}"
    repo.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".selftaught-", dir=repo))
    try:
        tokenizer.save_pretrained(str(staging))
        config.save_pretrained(str(staging))
        commit = _content_hash(staging)
        snapshot = repo / "snapshots" / commit
        snapshot.parent.mkdir(exist_ok=True)
        if not snapshot.is_dir():
            try:
                staging.rename(snapshot)
            except OSError:
                if not snapshot.is_dir():  # not a concurrent writer that got there first
                    raise
    finally:
        if staging.is_dir():  # not renamed: the snapshot was there already, or writing failed
            shutil.rmtree(staging)
    refs = repo / "refs"
    refs.mkdir(exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".main-", dir=refs)
    with os.fdopen(fd, "w") as out:
        out.write(commit)
    os.replace(tmp, refs / "main")
    return snapshot


def _content_hash(directory: Path) -> str:
    """SHA-1 over the files' names and bytes: a 40-hex "commit" the hub cache accepts."""
    digest = hashlib.sha1(usedforsecurity=False)
    for path in sorted(p for p in directory.iterdir() if p.is_file()):
        digest.update(path.name.encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()
