"""A local ``RestClient``: training runs and checkpoints under the service's state directory.

Why: the SDK's ``RestClient`` is how Tinker code finds, inspects and manages its
checkpoints — tinker-cookbook reads a run's ``user_metadata`` (its renderer name)
through ``get_training_run_by_tinker_path`` before it resumes. The local service
keeps checkpoints as directories, so the same questions are answered from disk:

* a *training run* is ``state_dir/<model_id>/`` (one per training client; it appears
  once the client saved a checkpoint), described by ``training_run.json``;
* a *checkpoint* is ``state_dir/<model_id>/<weights|sampler_weights>/<name>/``, and its
  "tinker path" is that directory's absolute path (``local://`` accepted);
* TTLs are recorded in the checkpoint's metadata; expired checkpoints are deleted
  the next time this client lists or looks them up;
* ``get_external_weights_urls`` gives ``file://`` URLs of the checkpoint's files (its
  archive: a PEFT adapter directory).

What has no local meaning (sessions, billing, audit logs, projects, samplers held
by a server) is not offered; the SDK-parity test lists each such method and why.
Every method returns a finished future (``.result()`` / ``await``) like the SDK's,
and has an ``_async`` twin that returns the value.
"""

from __future__ import annotations

import json
import shutil
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict
from tinker import types
from tinker.lib.public_interfaces.api_future import APIFuture

from selftaught.models.checkpoints import (
    META_FILE,
    CheckpointError,
    CheckpointMeta,
    load_checkpoint,
    resolve_path,
)
from selftaught.models.futures import add_async_methods, completed, failed
from selftaught.models.loading import MODEL_NAMES

RUN_FILE = "training_run.json"
KIND_DIRS: dict[str, types.CheckpointType] = {
    "weights": "training",
    "sampler_weights": "sampler",
    "external_weights": "external",
}
"""Checkpoint sub-directory of a run -> the SDK's ``checkpoint_type``."""

AccessScope = Literal["owned", "accessible"]


class RunRecord(BaseModel):
    """``training_run.json``: what a local training run was created with."""

    model_config = ConfigDict(extra="forbid", protected_namespaces=())

    training_run_id: str
    base_model: str
    lora_rank: int
    user_metadata: dict[str, str] | None = None
    created_at: datetime


def write_run_record(run_dir: Path, record: RunRecord) -> None:
    """Write (or refresh) a run's ``training_run.json`` (atomically: temp file + replace)."""
    run_dir.mkdir(parents=True, exist_ok=True)
    tmp = run_dir / f".{RUN_FILE}.{uuid.uuid4().hex[:8]}"
    tmp.write_text(record.model_dump_json(indent=2) + "\n")
    tmp.replace(run_dir / RUN_FILE)


def expiry(ttl_seconds: int | None) -> datetime | None:
    """When a checkpoint saved now with ``ttl_seconds`` expires (None: never)."""
    if ttl_seconds is None:
        return None
    if ttl_seconds <= 0:
        raise ValueError(f"ttl_seconds must be positive or None, got {ttl_seconds}")
    return datetime.now(UTC) + timedelta(seconds=ttl_seconds)


def _read_meta(directory: Path) -> CheckpointMeta:
    meta, _, _ = load_checkpoint(directory)
    return meta


def _write_meta(directory: Path, meta: CheckpointMeta) -> None:
    tmp = directory / f".{META_FILE}.{uuid.uuid4().hex[:8]}"
    tmp.write_text(meta.model_dump_json(indent=2) + "\n")
    tmp.replace(directory / META_FILE)


def _size(directory: Path) -> int:
    return sum(f.stat().st_size for f in directory.rglob("*") if f.is_file())


def _mtime(path: Path) -> datetime:
    return datetime.fromtimestamp(path.stat().st_mtime, UTC)


@add_async_methods(
    returns_value=(
        "get_training_run",
        "get_training_run_by_tinker_path",
        "list_training_runs",
        "list_checkpoints",
        "list_user_checkpoints",
        "delete_checkpoint",
        "delete_checkpoint_from_tinker_path",
        "set_checkpoint_ttl_from_tinker_path",
        "publish_checkpoint_from_tinker_path",
        "unpublish_checkpoint_from_tinker_path",
        "get_external_weights_urls",
        "copy_weights",
    )
)
class LocalRestClient:
    """Training runs and checkpoints of a local service (``state_dir``), SDK-shaped."""

    def __init__(self, state_dir: str | Path) -> None:
        self.state_dir = Path(state_dir)

    # ------------------------------------------------------------ helpers

    def _checkpoint_dir(self, tinker_path: str) -> Path:
        directory = resolve_path(tinker_path)
        if not (directory / META_FILE).is_file():
            raise CheckpointError(
                f"{tinker_path}: not a local checkpoint directory (no {META_FILE}); "
                "pass a path returned by save_state or save_weights_for_sampler"
            )
        return directory

    def _checkpoint(self, directory: Path) -> types.Checkpoint | None:
        """The SDK record of one checkpoint directory; None (and deleted) once expired."""
        meta = _read_meta(directory)
        if meta.expires_at is not None and meta.expires_at <= datetime.now(UTC):
            shutil.rmtree(directory)
            return None
        kind = directory.parent.name
        return types.Checkpoint(
            checkpoint_id=f"{kind}/{directory.name}",
            checkpoint_type=KIND_DIRS.get(kind, "training" if meta.kind == "state" else "sampler"),
            time=meta.created_at or _mtime(directory / META_FILE),
            tinker_path=str(directory),
            size_bytes=_size(directory),
            public=meta.public,
            user_metadata=meta.user_metadata,
            expires_at=meta.expires_at,
        )

    def _run_checkpoints(self, run_dir: Path) -> list[types.Checkpoint]:
        found = []
        for kind in KIND_DIRS:
            for directory in sorted((run_dir / kind).glob("*")):
                if directory.is_dir() and (directory / META_FILE).is_file():
                    checkpoint = self._checkpoint(directory)
                    if checkpoint is not None:
                        found.append(checkpoint)
        return sorted(found, key=lambda c: c.time)

    def _run(self, run_dir: Path) -> types.TrainingRun:
        record_path = run_dir / RUN_FILE
        if not record_path.is_file():
            raise CheckpointError(
                f"{run_dir}: no {RUN_FILE}; not a local training run (runs appear once "
                "their training client saved a checkpoint)"
            )
        record = RunRecord.model_validate(json.loads(record_path.read_text()))
        checkpoints = self._run_checkpoints(run_dir)
        training = [c for c in checkpoints if c.checkpoint_type == "training"]
        sampler = [c for c in checkpoints if c.checkpoint_type == "sampler"]
        return types.TrainingRun(
            training_run_id=record.training_run_id,
            base_model=record.base_model,
            model_owner="local",
            is_lora=True,
            lora_rank=record.lora_rank,
            last_request_time=max([record.created_at, *(c.time for c in checkpoints)]),
            last_checkpoint=training[-1] if training else None,
            last_sampler_checkpoint=sampler[-1] if sampler else None,
            user_metadata=record.user_metadata,
        )

    def _run_dirs(self) -> list[Path]:
        if not self.state_dir.is_dir():
            return []
        return sorted(p.parent for p in self.state_dir.glob(f"*/{RUN_FILE}"))

    # ------------------------------------------------------------ training runs

    def get_training_run(
        self, training_run_id: types.ModelID, access_scope: AccessScope = "owned"
    ) -> APIFuture[types.TrainingRun]:
        """The run ``training_run_id`` (a training client's ``model_id``)."""
        del access_scope  # one local user: every run is owned
        if not training_run_id or "/" in training_run_id:
            return failed(ValueError(f"training_run_id {training_run_id!r}: not a run id"))
        try:
            return completed(self._run(self.state_dir / training_run_id))
        except CheckpointError as exc:
            return failed(exc)

    def get_training_run_by_tinker_path(
        self, tinker_path: str, access_scope: AccessScope = "owned"
    ) -> APIFuture[types.TrainingRun]:
        """The run a checkpoint path belongs to."""
        del access_scope
        try:
            directory = self._checkpoint_dir(tinker_path)
            meta = _read_meta(directory)
            run_dir = (
                self.state_dir / meta.training_run_id
                if meta.training_run_id and (self.state_dir / meta.training_run_id).is_dir()
                else directory.parent.parent
            )
            return completed(self._run(run_dir))
        except CheckpointError as exc:
            return failed(exc)

    def list_training_runs(
        self,
        limit: int = 20,
        offset: int = 0,
        access_scope: AccessScope = "owned",
        project_id: str | None = None,
    ) -> APIFuture[types.TrainingRunsResponse]:
        """Runs newest first, paginated like the SDK (``project_id`` has no local meaning)."""
        del access_scope, project_id
        runs = sorted(
            (self._run(d) for d in self._run_dirs()),
            key=lambda r: r.last_request_time,
            reverse=True,
        )
        return completed(
            types.TrainingRunsResponse(
                training_runs=runs[offset : offset + limit],
                cursor=types.Cursor(offset=offset, limit=limit, total_count=len(runs)),
            )
        )

    # ------------------------------------------------------------ checkpoints

    def list_checkpoints(self, training_run_id: types.ModelID) -> APIFuture[Any]:
        """The run's live checkpoints, oldest first."""
        run_dir = self.state_dir / training_run_id
        if not (run_dir / RUN_FILE).is_file():
            return failed(CheckpointError(f"training run {training_run_id!r}: not found"))
        return completed(types.CheckpointsListResponse(checkpoints=self._run_checkpoints(run_dir)))

    def list_user_checkpoints(
        self, limit: int = 100, offset: int = 0
    ) -> APIFuture[types.CheckpointsListResponse]:
        """Every run's checkpoints, newest first, paginated."""
        every = sorted(
            (c for d in self._run_dirs() for c in self._run_checkpoints(d)),
            key=lambda c: c.time,
            reverse=True,
        )
        return completed(
            types.CheckpointsListResponse(
                checkpoints=every[offset : offset + limit],
                cursor=types.Cursor(offset=offset, limit=limit, total_count=len(every)),
            )
        )

    def delete_checkpoint(
        self, training_run_id: types.ModelID, checkpoint_id: str
    ) -> APIFuture[None]:
        """Delete ``state_dir/<run>/<checkpoint_id>`` (``checkpoint_id`` like ``weights/0005``)."""
        kind, _, name = checkpoint_id.partition("/")
        if kind not in KIND_DIRS or not name or "/" in name:
            return failed(
                ValueError(
                    f"checkpoint_id {checkpoint_id!r}: expected '<weights|sampler_weights>/<name>'"
                )
            )
        return self.delete_checkpoint_from_tinker_path(
            str(self.state_dir / training_run_id / kind / name)
        )

    def delete_checkpoint_from_tinker_path(self, tinker_path: str) -> APIFuture[None]:
        """Delete one checkpoint directory."""
        try:
            shutil.rmtree(self._checkpoint_dir(tinker_path))
        except CheckpointError as exc:
            return failed(exc)
        return completed(None)

    def set_checkpoint_ttl_from_tinker_path(
        self, tinker_path: str, ttl_seconds: int | None
    ) -> APIFuture[None]:
        """Expire the checkpoint ``ttl_seconds`` from now (None: keep it forever)."""
        return self._update_meta(tinker_path, expires_at=expiry(ttl_seconds))

    def publish_checkpoint_from_tinker_path(self, tinker_path: str) -> APIFuture[None]:
        """Mark the checkpoint public (recorded; local files are readable as they are)."""
        return self._update_meta(tinker_path, public=True)

    def unpublish_checkpoint_from_tinker_path(self, tinker_path: str) -> APIFuture[None]:
        """Clear the checkpoint's public flag."""
        return self._update_meta(tinker_path, public=False)

    def _update_meta(self, tinker_path: str, **changes: Any) -> APIFuture[None]:
        try:
            directory = self._checkpoint_dir(tinker_path)
            _write_meta(directory, _read_meta(directory).model_copy(update=changes))
        except CheckpointError as exc:
            return failed(exc)
        return completed(None)

    def get_weights_info_by_tinker_path(
        self, tinker_path: str
    ) -> APIFuture[types.WeightsInfoResponse]:
        """What a checkpoint needs to be loaded: base model and LoRA shape."""
        try:
            meta = _read_meta(self._checkpoint_dir(tinker_path))
        except CheckpointError as exc:
            return failed(exc)
        return completed(
            types.WeightsInfoResponse(
                base_model=meta.base_model,
                is_lora=True,
                lora_rank=meta.rank,
                train_unembed=meta.train_unembed,
                train_mlp=meta.train_mlp,
                train_attn=meta.train_attn,
            )
        )

    def get_external_weights_urls(
        self, tinker_path: str
    ) -> APIFuture[types.ExternalWeightsUrlsResponse]:
        """``file://`` URLs of the checkpoint's files (a PEFT adapter dir), by relative path."""
        try:
            directory = self._checkpoint_dir(tinker_path)
        except CheckpointError as exc:
            return failed(exc)
        urls = {
            str(f.relative_to(directory)): f.as_uri()
            for f in sorted(directory.rglob("*"))
            if f.is_file()
        }
        return completed(
            types.ExternalWeightsUrlsResponse(urls=urls, expires=datetime.max.replace(tzinfo=UTC))
        )

    def copy_weights(
        self,
        path: str,
        destination_project_id: str | None = None,
        *,
        ttl_seconds: int | None = None,
        weights_access_token: str | None = None,
    ) -> APIFuture[str]:
        """Copy a checkpoint into the same run under a fresh name; the copy's path.

        ``destination_project_id`` and ``weights_access_token`` have no local meaning.
        """
        del destination_project_id, weights_access_token
        try:
            source = self._checkpoint_dir(path)
            target = source.with_name(f"{source.name}-copy-{uuid.uuid4().hex[:8]}")
            shutil.copytree(source, target)
            _write_meta(
                target,
                _read_meta(target).model_copy(
                    update={"expires_at": expiry(ttl_seconds), "created_at": datetime.now(UTC)}
                ),
            )
        except CheckpointError as exc:
            return failed(exc)
        return completed(str(target))

    def get_server_capabilities(self) -> APIFuture[types.GetServerCapabilitiesResponse]:
        """The built-in models (any local Hugging Face directory also works)."""
        return completed(server_capabilities())

    def get_telemetry(self) -> None:
        """Local runs send no telemetry."""
        return None


def server_capabilities() -> types.GetServerCapabilitiesResponse:
    """The local service's models: the built-ins (any local HF directory also loads)."""
    return types.GetServerCapabilitiesResponse(
        supported_models=[
            types.SupportedModel(model_name=name, trainable=True, sampleable=True)
            for name in MODEL_NAMES
        ]
    )
