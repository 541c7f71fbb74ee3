"""The Tinker protocol's protobuf payloads, read and written with the SDK's own schema.

Why protobuf here: the ``tinker`` SDK sends ``forward_backward`` requests as
``application/x-protobuf`` and accepts ``ForwardBackwardOutput`` and
``SampleResponse`` results only in that form. Using the SDK's generated module
(``tinker.proto.tinker_public_pb2``) keeps the server byte-compatible with the
client it serves. These functions are the inverses of the SDK's
``tinker.proto.request_conv`` (requests) and ``response_conv`` (responses).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from tinker import types
from tinker.proto import tinker_public_pb2 as pb

_NUMPY_OF: dict[int, tuple[np.dtype, types.TensorDtype]] = {
    pb.DTYPE_FLOAT32: (np.dtype(np.float32), "float32"),
    pb.DTYPE_INT64: (np.dtype(np.int64), "int64"),
    pb.DTYPE_INT32: (np.dtype(np.int32), "int64"),
}
_STOP_REASON: dict[str, int] = {"stop": pb.STOP_REASON_STOP, "length": pb.STOP_REASON_LENGTH}


class WireError(ValueError):
    """A payload the local server cannot read; the message names the field."""


def _tensor(msg: Any, field: str) -> types.TensorData:
    if msg.dtype not in _NUMPY_OF:
        raise WireError(f"{field}: unsupported tensor dtype {msg.dtype}")
    np_dtype, dtype = _NUMPY_OF[msg.dtype]
    shape = list(msg.shape) or None
    if msg.HasField("sparse_csr"):
        csr = msg.sparse_csr
        return types.TensorData(
            data=np.frombuffer(csr.values, dtype=np_dtype).copy(),
            dtype=dtype,
            shape=shape,
            sparse_crow_indices=np.frombuffer(csr.crow_indices, dtype=np.int64).tolist(),
            sparse_col_indices=np.frombuffer(csr.col_indices, dtype=np.int64).tolist(),
        )
    data = np.frombuffer(msg.dense, dtype=np_dtype).astype(
        np.int64 if dtype == "int64" else np.float32
    )
    return types.TensorData(data=data, dtype=dtype, shape=shape)


def _chunk(msg: Any, field: str) -> types.ModelInputChunk:
    kind = msg.WhichOneof("chunk") if hasattr(msg, "WhichOneof") else None
    if kind == "encoded_text" or (kind is None and msg.HasField("encoded_text")):
        tokens = np.frombuffer(msg.encoded_text.tokens, dtype=np.int32).tolist()
        return types.EncodedTextChunk(tokens=tokens)
    raise WireError(f"{field}: only text chunks are served locally (got {kind})")


def read_forward_backward(body: bytes) -> tuple[types.ForwardBackwardRequest, bool]:
    """A ``ForwardBackwardRequest`` and its ``forward_only`` flag from the proto body."""
    msg = pb.ForwardBackwardRequest()
    msg.ParseFromString(body)
    config: dict[str, float | str] = {}
    for key, value in msg.loss_fn_config_v2.items():
        config[key] = value.text if value.WhichOneof("value") == "text" else value.number
    for key, number in msg.loss_fn_config.items():
        config.setdefault(key, number)
    data = []
    for i, datum in enumerate(msg.data):
        chunks = [_chunk(c, f"data[{i}].model_input[{j}]") for j, c in enumerate(datum.model_input)]
        inputs = {
            name: _tensor(t, f"data[{i}].loss_fn_inputs.{name}")
            for name, t in datum.loss_fn_inputs.items()
        }
        data.append(types.Datum(model_input=types.ModelInput(chunks=chunks), loss_fn_inputs=inputs))
    request = types.ForwardBackwardRequest(
        forward_backward_input=types.ForwardBackwardInput(
            data=data,
            loss_fn=msg.loss_fn,  # type: ignore[arg-type]  # the local client validates it
            loss_fn_config=config or None,
        ),
        model_id=msg.model_id,
        seq_id=msg.seq_id,
    )
    return request, bool(msg.forward_only)


def write_forward_backward_output(out: types.ForwardBackwardOutput) -> bytes:
    """``out`` as the proto the SDK decodes (one batched ``ArrayRecord``)."""
    msg = pb.ForwardBackwardOutput()
    msg.loss_fn_output_type = out.loss_fn_output_type
    for key, value in out.metrics.items():
        msg.metrics[key] = float(value)
    if out.loss_fn_outputs:
        record = msg.loss_fn_outputs.add()
        record.num_datums = len(out.loss_fn_outputs)
        for name in out.loss_fn_outputs[0]:
            arrays = [np.asarray(d[name].to_numpy()) for d in out.loss_fn_outputs]
            is_int = arrays[0].dtype.kind in "iu"
            np_dtype = np.dtype(np.int64 if is_int else np.float32)
            flat = [a.astype(np_dtype).reshape(-1) for a in arrays]
            offsets = np.cumsum([0] + [a.nbytes for a in flat]).astype(np.int64)
            batched = record.fields[name]
            batched.dtype = pb.DTYPE_INT64 if is_int else pb.DTYPE_FLOAT32
            batched.data = b"".join(a.tobytes() for a in flat)
            batched.offsets = offsets.tobytes()
            batched.trailing_shape.extend(list(arrays[0].shape[1:]))
    return msg.SerializeToString()


def _write_topk(msg: Any, topk: Any) -> None:
    msg.token_ids = np.asarray(topk.token_ids, dtype=np.int32).tobytes()
    msg.logprobs = np.asarray(topk.logprobs, dtype=np.float32).tobytes()
    msg.length, msg.k = topk.token_ids.shape


def _write_tensor(msg: Any, td: types.TensorData) -> None:
    arr = np.asarray(td.to_numpy())
    is_int = arr.dtype.kind in "iu"
    msg.dtype = pb.DTYPE_INT64 if is_int else pb.DTYPE_FLOAT32
    msg.dense = arr.astype(np.int64 if is_int else np.float32).tobytes()
    msg.shape.extend(list(arr.shape))


def write_sample_response(response: types.SampleResponse) -> bytes:
    """``response`` as the proto the SDK decodes (sequence ids travel on the promise)."""
    msg = pb.SampleResponse()
    for seq in response.sequences:
        out = msg.sequences.add()
        out.stop_reason = _STOP_REASON[seq.stop_reason]
        out.tokens = np.asarray(seq.tokens, dtype=np.int32).tobytes()
        if seq.logprobs is not None:
            out.logprobs = np.asarray(seq.logprobs, dtype=np.float32).tobytes()
        if seq.topk_logprobs_np is not None:
            _write_topk(out.topk_sampled_logprobs, seq.topk_logprobs_np)
    if response.prompt_logprobs_np is not None:
        msg.prompt_logprobs = np.asarray(response.prompt_logprobs_np, dtype=np.float32).tobytes()
    if response.topk_prompt_logprobs_np is not None:
        _write_topk(msg.topk_prompt_logprobs, response.topk_prompt_logprobs_np)
    if response.target_prompt_logprobs is not None:
        _write_tensor(msg.target_prompt_logprobs, response.target_prompt_logprobs)
    if response.prompt_alt_tokens is not None:
        _write_tensor(msg.prompt_alt_tokens.tokens, response.prompt_alt_tokens.tokens)
        _write_tensor(msg.prompt_alt_tokens.logprobs, response.prompt_alt_tokens.logprobs)
    msg.prompt_cache_hit_tokens = response.prompt_cache_hit_tokens
    return msg.SerializeToString()
