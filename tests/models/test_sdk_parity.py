"""The SDK's calling conventions on the local clients, on the tiny random model.

`test_sdk_signatures` checks the names; these check the behaviour Tinker code
relies on: SDK constructor keywords, futures that act as clients, ``*_async``
return conventions, the REST client over local checkpoints, and the
prompt-logprob options of ``sample``.
"""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from tinker import types
from tinker.lib.public_interfaces.api_future import APIFuture

from selftaught.models import LocalServiceClient, datum_from_tokens_weights
from selftaught.models.checkpoints import CheckpointError

TINY = "tiny-random"


@pytest.fixture
def service(tmp_path: Path) -> LocalServiceClient:
    return LocalServiceClient(
        user_metadata={"who": "test"},
        project_id="p",
        display_name="d",
        base_url="http://unused",
        api_key="tml-unused",
        state_dir=tmp_path / "state",
        model_aliases={"Qwen/Qwen3-8B": TINY},
    )


def _datum(tc: object, text: str) -> types.Datum:
    tokens = tc.get_tokenizer().encode(text, add_special_tokens=False)  # type: ignore[attr-defined]
    return datum_from_tokens_weights(tokens, [1.0] * len(tokens))


def test_futures_act_as_clients_and_service_is_a_context_manager(
    service: LocalServiceClient,
) -> None:
    with service as svc:
        tc = svc.create_lora_training_client("Qwen/Qwen3-8B", rank=2, seed=0)
        assert isinstance(tc, APIFuture)
        out = tc.forward([_datum(tc, "hello")], "cross_entropy").result()
        assert out.metrics["loss:sum"] > 0
        assert tc.get_info().model_name == "Qwen/Qwen3-8B"
        sc = tc.save_weights_and_get_sampling_client(record_stability_info=True)
        res = sc.sample(
            types.ModelInput.from_ints([1, 2, 3]), 1, types.SamplingParams(max_tokens=2)
        )
        assert len(res.result().sequences) == 1


def test_async_twins_follow_the_sdk_return_conventions(service: LocalServiceClient) -> None:
    async def main() -> None:
        tc = await service.create_lora_training_client_async(TINY, rank=2, seed=0)
        data = [_datum(tc, "abc")]
        fwd = await tc.forward_backward_async(data, "cross_entropy")
        assert isinstance(fwd, APIFuture)  # submit, then await the result
        step = await tc.optim_step_async(types.AdamParams(learning_rate=1e-3))
        assert (await fwd).metrics["loss:sum"] > 0
        assert "grad_norm:mean" in (await step).metrics
        info = await tc.get_info_async()
        assert info.lora_rank == 2
        saved = await (await tc.save_state_async("s0", user_metadata={"k": "v"}))
        sc = await tc.save_weights_and_get_sampling_client_async()
        prompt = types.ModelInput.from_ints([5, 6, 7])
        response = await sc.sample_async(prompt, 2, types.SamplingParams(max_tokens=2, seed=1))
        assert isinstance(response, types.SampleResponse) and len(response.sequences) == 2
        logprobs = await sc.compute_logprobs_async(prompt)
        assert logprobs[0] is None and len(logprobs) == 3
        tc2 = await service.create_training_client_from_state_with_optimizer_async(saved.path)
        assert (await tc2.get_info_async()).lora_rank == 2
        caps = await service.get_server_capabilities_async()
        assert "Qwen/Qwen3-8B" in {m.model_name for m in caps.supported_models}

    asyncio.run(main())


def test_rest_client_lists_inspects_expires_and_deletes_local_checkpoints(
    service: LocalServiceClient,
) -> None:
    tc = service.create_lora_training_client(TINY, rank=2, user_metadata={"renderer": "r"}).result()
    kept = tc.save_state("keep", user_metadata={"step": "1"}).result().path
    short = tc.save_weights_for_sampler("short", ttl_seconds=3600).result().path
    rest = service.create_rest_client()

    run = rest.get_training_run_by_tinker_path(kept).result()
    assert run.training_run_id == tc.model_id
    assert run.user_metadata == {"who": "test", "renderer": "r"}
    assert run.last_checkpoint is not None and run.last_checkpoint.tinker_path == kept
    assert run.last_sampler_checkpoint is not None
    listed = rest.list_checkpoints(tc.model_id).result().checkpoints
    assert {c.checkpoint_id for c in listed} == {"weights/keep", "sampler_weights/short"}
    by_id = {c.checkpoint_id: c for c in listed}
    assert by_id["weights/keep"].user_metadata == {"step": "1"}
    expires = by_id["sampler_weights/short"].expires_at
    assert expires is not None and expires > datetime.now(UTC) + timedelta(minutes=59)
    assert rest.list_training_runs().result().cursor.total_count == 1

    info = rest.get_weights_info_by_tinker_path(kept).result()
    assert (info.base_model, info.lora_rank) == (TINY, 2)
    urls = rest.get_external_weights_urls(kept).result().urls
    assert "adapter_model.safetensors" in urls and urls["adapter_model.safetensors"].startswith(
        "file://"
    )
    copy = rest.copy_weights(kept).result()
    assert Path(copy).is_dir() and copy != kept

    # An expired TTL: the next listing deletes the checkpoint.
    rest.set_checkpoint_ttl_from_tinker_path(short, 1).result()
    meta_file = Path(short) / "selftaught_checkpoint.json"
    meta = json.loads(meta_file.read_text())
    assert meta["expires_at"] is not None
    meta["expires_at"] = (datetime.now(UTC) - timedelta(seconds=1)).isoformat()  # time passes
    meta_file.write_text(json.dumps(meta))
    ids = {c.checkpoint_id for c in rest.list_checkpoints(tc.model_id).result().checkpoints}
    assert "sampler_weights/short" not in ids and not Path(short).exists()

    rest.delete_checkpoint(tc.model_id, "weights/keep").result()
    assert not Path(kept).exists()
    with pytest.raises(CheckpointError, match="not a local checkpoint"):
        rest.get_training_run_by_tinker_path(kept).result()


def test_prompt_logprob_options_agree_with_compute_logprobs(service: LocalServiceClient) -> None:
    sc = service.create_sampling_client(base_model=TINY).result()
    tokens = [3, 9, 27, 81, 4, 16]
    prompt = types.ModelInput.from_ints(tokens)
    want = sc.compute_logprobs(prompt).result()
    targets = np.full((len(tokens), 2), -1, dtype=np.int64)
    targets[:, 0] = tokens
    response = sc.sample(
        prompt,
        1,
        types.SamplingParams(max_tokens=3, seed=0),
        include_prompt_logprobs=True,
        topk_prompt_logprobs=4,
        topk_sample_logprobs=2,
        target_prompt_logprobs=types.TensorData.from_numpy(targets),
        prompt_alt_tokens_k=3,
        prompt_logprobs_last_n=3,
    ).result()
    got = response.prompt_logprobs
    assert got is not None and got[:3] == [None, None, None]
    np.testing.assert_allclose(got[3:], want[3:], atol=1e-5)
    topk = response.topk_prompt_logprobs
    assert topk is not None and topk[:3] == [None, None, None]
    for row, chosen in zip(topk[3:], want[3:], strict=True):
        assert len(row) == 4 and row[0][1] >= chosen - 1e-5  # the best is at least the chosen one
    target = response.target_prompt_logprobs
    assert target is not None
    np.testing.assert_allclose(target.to_numpy()[1:, 0], want[1:], atol=1e-5)
    assert np.all(target.to_numpy()[:, 1] == 0.0)  # -1 ids give 0.0
    alt = response.prompt_alt_tokens
    assert alt is not None and alt.tokens.to_numpy().shape == (len(tokens) - 1, 3)
    seq = response.sequences[0]
    assert seq.topk_logprobs is not None and len(seq.topk_logprobs) == len(seq.tokens)
    assert seq.logprobs is not None
    for row, lp in zip(seq.topk_logprobs, seq.logprobs, strict=True):
        assert row is not None and row[0][1] >= lp - 1e-4


def test_unsupported_options_say_so(service: LocalServiceClient) -> None:
    tc = service.create_lora_training_client(TINY, rank=2).result()
    with pytest.raises(ValueError, match="loss_type_input"):
        tc.forward_backward_custom([], lambda d, lp: (lp[0].sum(), {}), loss_type_input="x")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="LossHandle"):
        tc.forward_backward_custom([_datum(tc, "ab")], object())  # type: ignore[arg-type]
    sc = tc.save_weights_and_get_sampling_client().result()
    with pytest.raises(ValueError, match="prompt_logprobs_last_n"):
        sc.sample(
            types.ModelInput.from_ints([1, 2]), 1, types.SamplingParams(), prompt_logprobs_last_n=5
        )
