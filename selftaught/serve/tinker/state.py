"""What a local Tinker-protocol server holds: sessions, models, samplers and pending futures.

Why a separate object: the HTTP layer (`selftaught.serve.tinker.app`) only parses
requests and writes responses; this class maps the protocol's ids onto selftaught's
local clients, which do the work:

* a ``create_model`` makes a `LocalTrainingClient` whose ``model_id`` is the id the
  SDK derives itself, ``"<session>:train:<seq>"``;
* a sampling session (``"<session>:sample:<seq>"``) is a `LocalSamplingClient`;
* every queued operation returns a *request id*; its local future is kept until the
  SDK retrieves the result (``/api/v1/retrieve_future``);
* checkpoints live under ``state_dir/<model id>/<weights|sampler_weights>/<name>`` and
  travel as ``tinker://<model id>/<kind>/<name>`` paths, as on the Tinker service;
* a built-in model's tokenizer is written to the Hugging Face cache the first time a
  client asks for the model (`register_offline_tokenizer`).
"""

from __future__ import annotations

import itertools
import logging
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from tinker import types

from selftaught.models.local import LocalSamplingClient, LocalTrainingClient
from selftaught.models.service import LocalServiceClient
from selftaught.serve.tinker.hub import is_builtin, register_tokenizer

log = logging.getLogger(__name__)

ResultKind = Literal["json", "forward_backward", "sample"]
"""How a finished future's value goes on the wire: JSON, or one of the two protos."""


class ProtocolError(ValueError):
    """A request names an unknown session, model or sampler; the message says which."""


@dataclass
class Pending:
    """A queued operation: its local future and how to send its value."""

    future: Future[Any]
    kind: ResultKind
    to_wire: Callable[[Any], Any]


class TinkerState:
    """The server's view of the local service (one per server process)."""

    def __init__(self, service: LocalServiceClient) -> None:
        self.service = service
        self.state_dir = service.state_dir.resolve()
        self.sessions: set[str] = set()
        self.models: dict[str, LocalTrainingClient] = {}
        self.samplers: dict[str, LocalSamplingClient] = {}
        self.sampler_paths: dict[str, str | None] = {}
        self.pending: dict[str, Pending] = {}
        self._ids = itertools.count()
        self._lock = threading.Lock()
        self._clone_counters: dict[str, itertools.count[int]] = {}
        self._hub_snapshots: dict[str, Path] = {}

    # ------------------------------------------------------------ ids and paths

    def new_session(self) -> str:
        session = uuid.uuid4().hex[:16]
        self.sessions.add(session)
        return session

    def model(self, model_id: str) -> LocalTrainingClient:
        if model_id not in self.models:
            raise ProtocolError(f"model_id {model_id!r}: no such training client on this server")
        return self.models[model_id]

    def sampler(self, sampling_session_id: str) -> LocalSamplingClient:
        if sampling_session_id not in self.samplers:
            raise ProtocolError(
                f"sampling_session_id {sampling_session_id!r}: no such sampler on this server"
            )
        return self.samplers[sampling_session_id]

    def clone_counter(self, sampling_session_id: str) -> int:
        """A fresh clone id for a (possibly unpickled) sampling client."""
        counter = self._clone_counters.setdefault(sampling_session_id, itertools.count(1))
        return next(counter)

    def local_path(self, path: str) -> str:
        """The checkpoint directory of a ``tinker://`` path (plain local paths pass through)."""
        if not path.startswith("tinker://"):
            return path
        parsed = types.ParsedCheckpointTinkerPath.from_tinker_path(path)
        return str(self.state_dir / parsed.training_run_id / parsed.checkpoint_id)

    def tinker_path(self, local: str) -> str:
        """The ``tinker://`` path of a checkpoint directory under ``state_dir``."""
        directory = Path(local).resolve()
        if not directory.is_relative_to(self.state_dir):
            return str(directory)
        return "tinker://" + directory.relative_to(self.state_dir).as_posix()

    # ------------------------------------------------------------ futures

    def submit(
        self,
        future: Any,
        kind: ResultKind = "json",
        to_wire: Callable[[Any], Any] = lambda value: value,
    ) -> str:
        """Keep a local future until it is retrieved; its request id."""
        request_id = f"req-{next(self._ids)}"
        concurrent = future.future() if hasattr(future, "future") else future
        with self._lock:
            self.pending[request_id] = Pending(concurrent, kind, to_wire)
        return request_id

    def take(self, request_id: str) -> Pending:
        """The pending entry (removed once its future has finished and is read)."""
        with self._lock:
            if request_id not in self.pending:
                raise ProtocolError(f"request_id {request_id!r}: unknown or already retrieved")
            return self.pending[request_id]

    def forget(self, request_id: str) -> None:
        with self._lock:
            self.pending.pop(request_id, None)

    def tokenizer_dir(self, client: LocalTrainingClient) -> str:
        """A saved copy of the client's tokenizer (``save_pretrained``), written once per model."""
        target = self.state_dir / "tokenizers" / client.host.loaded.name.replace("/", "--")
        if not (target / "tokenizer_config.json").is_file():
            client.get_tokenizer().save_pretrained(str(target))
        return str(target)

    def export_name(self, model: str) -> str:
        """A directory name under which ``model`` is also served, holding its tokenizer.

        Why: the SDK's ``SamplingClient.get_tokenizer()`` loads the tokenizer by *model
        name* with ``AutoTokenizer.from_pretrained``; a directory name makes that work
        offline. The directory is an alias of ``model`` (same weights, same host).
        """
        from selftaught.models import load_model

        target = (self.state_dir / "models" / model.replace("/", "--")).resolve()
        if not (target / "tokenizer_config.json").is_file():
            load_model(model, self.service.device).tokenizer.save_pretrained(str(target))
        self.service.model_aliases[str(target)] = model
        return str(target)

    def register_offline_tokenizer(self, name: str) -> Path | None:
        """Write built-in ``name``'s tokenizer to the Hugging Face hub cache, once per server.

        Why: the SDK's ``SamplingClient.get_tokenizer()`` loads it by name in the client's
        process (`selftaught.serve.tinker.hub`). Returns the snapshot directory; None for a
        name that is not built in, or when the cache cannot be written (logged: the server
        serves on, and the offline model name of `export_name` still works).
        """
        if not is_builtin(name):
            return None
        with self._lock:
            if name in self._hub_snapshots:
                return self._hub_snapshots[name]
        from selftaught.models import load_model

        loaded = load_model(name, self.service.device)
        try:
            snapshot = register_tokenizer(name, loaded.tokenizer, loaded.model.config)
        except OSError as error:
            log.warning("cannot write %s's tokenizer to the Hugging Face cache (%s); the SDK's "
                        "SamplingClient.get_tokenizer() will not find it offline", name, error)
            return None
        with self._lock:
            self._hub_snapshots[name] = snapshot
        return snapshot

    def register_model(self, model_id: str, client: LocalTrainingClient) -> LocalTrainingClient:
        client.model_id = model_id  # checkpoints go under state_dir/<the SDK's model id>/
        self.models[model_id] = client
        return client

    def register_sampler(
        self, sampling_session_id: str, client: LocalSamplingClient, model_path: str | None
    ) -> LocalSamplingClient:
        self.samplers[sampling_session_id] = client
        self.sampler_paths[sampling_session_id] = model_path
        return client


def chain(future: Any, fn: Callable[[Any], Any]) -> Future[Any]:
    """A future of ``fn(result)`` (run in the thread that finishes ``future``)."""
    source: Future[Any] = future.future() if hasattr(future, "future") else future
    out: Future[Any] = Future()

    def done(f: Future[Any]) -> None:
        if f.cancelled():
            out.cancel()
            return
        exc = f.exception()
        if exc is not None:
            out.set_exception(exc)
            return
        try:
            out.set_result(fn(f.result()))
        except Exception as err:  # noqa: BLE001 - delivered to the caller through the future
            out.set_exception(err)

    source.add_done_callback(done)
    return out
