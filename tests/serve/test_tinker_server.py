"""``selftaught serve --tinker``: the official ``tinker`` SDK, unchanged, against a local model.

The contract suite (``tests/models/test_contract.py``, backend ``served``) checks the
numerics through the SDK; these check the wire codecs against the SDK's own
decoders, the command as a real process, and tinker-cookbook's ``sl_loop`` run with
only ``base_url`` pointing at the server (no swap of any class). Loopback only.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from serve_process import serve_process
from tinker import types
from tinker.proto import response_conv

from selftaught.serve.tinker import wire
from selftaught.serve.tinker.cli import parse_aliases

TINY_BOOK = Path(__file__).parents[1] / "study" / "data" / "tiny_book.json"
ALIAS = "meta-llama/Llama-3.2-1B"
"""A name tinker-cookbook knows (renderer ``role_colon``); the server maps it to tiny-random."""


def test_forward_backward_output_round_trips_through_the_sdk_decoder() -> None:
    out = types.ForwardBackwardOutput(
        loss_fn_output_type="TensorData",
        loss_fn_outputs=[
            {"logprobs": types.TensorData.from_numpy(np.array([-1.0, -2.5], np.float32))},
            {"logprobs": types.TensorData.from_numpy(np.array([-0.5], np.float32))},
        ],
        metrics={"loss:sum": 4.0},
    )
    back = response_conv.deserialize_forward_backward_output(
        wire.write_forward_backward_output(out)
    )
    assert back.metrics == {"loss:sum": 4.0}
    got = [d["logprobs"].to_numpy().tolist() for d in back.loss_fn_outputs]
    assert got == [[-1.0, -2.5], [-0.5]]


def test_sample_response_round_trips_through_the_sdk_decoder() -> None:
    seq = types.SampledSequence(
        stop_reason="length",
        sequence_id="x",
        tokens_np=np.array([5, 6], np.int32),
        logprobs_np=np.array([-0.25, -1.5], np.float32),
    )
    response = types.SampleResponse(
        sequences=[seq], prompt_logprobs_np=np.array([np.nan, -2.0], np.float32)
    )
    back = response_conv.deserialize_sample_response(wire.write_sample_response(response))
    assert back.sequences[0].tokens == [5, 6] and back.sequences[0].logprobs == [-0.25, -1.5]
    assert back.sequences[0].stop_reason == "length"
    assert back.prompt_logprobs == [None, -2.0]


def test_forward_backward_request_is_read_back() -> None:
    from tinker.proto.request_conv import forward_backward_request_to_proto

    datum = types.Datum(
        model_input=types.ModelInput.from_ints([1, 2, 3]),
        loss_fn_inputs={"target_tokens": [2, 3, 4], "weights": [0.0, 1.0, 0.5]},
    )
    request = types.ForwardBackwardRequest(
        forward_backward_input=types.ForwardBackwardInput(
            data=[datum], loss_fn="ppo", loss_fn_config={"clip_low_threshold": 0.8}
        ),
        model_id="s:train:0",
        seq_id=3,
    )
    proto = forward_backward_request_to_proto(request)
    proto.forward_only = True
    parsed, forward_only = wire.read_forward_backward(proto.SerializeToString())
    assert forward_only and parsed.model_id == "s:train:0"
    fb = parsed.forward_backward_input
    assert fb.loss_fn == "ppo" and fb.loss_fn_config == {"clip_low_threshold": pytest.approx(0.8)}
    got = fb.data[0]
    assert got.model_input.to_ints() == [1, 2, 3]
    assert got.loss_fn_inputs["target_tokens"].to_numpy().tolist() == [2, 3, 4]
    assert got.loss_fn_inputs["weights"].to_numpy().tolist() == [0.0, 1.0, 0.5]


def test_alias_option_is_checked() -> None:
    assert parse_aliases([f"{ALIAS}=tiny-random"]) == {ALIAS: "tiny-random"}
    with pytest.raises(ValueError, match="NAME=MODEL"):
        parse_aliases(["tiny-random"])


OFFLINE = {"HF_HUB_OFFLINE": "1", "TINKER_TELEMETRY": "0", "OMP_NUM_THREADS": "1",
           "SELFTAUGHT_NUM_THREADS": "1"}
"""Every process here: no hub, no telemetry, one thread."""


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The server's Hugging Face hub cache: empty at the start, never the user's."""
    return tmp_path_factory.mktemp("hf-hub")


@pytest.fixture(scope="module")
def served(
    tmp_path_factory: pytest.TempPathFactory, hub: Path
) -> Iterator[tuple[str, str, list[str]]]:
    """``serve --tinker`` as a real process: (url, offline model name, its output so far)."""
    state = tmp_path_factory.mktemp("tinker-state")
    with serve_process(
        ["--tinker", "--model", "tiny-random", "--alias", f"{ALIAS}=tiny-random", "--port", "0",
         "--device", "cpu", "--state-dir", str(state)],
        url_pattern=r"Tinker protocol at (http://127\.0\.0\.1:\d+)",
        env={**OFFLINE, "HF_HUB_CACHE": str(hub)},
    ) as server:  # fmt: skip
        offline = re.search(r"offline model name for the SDK: (\S+)", server.output)
        assert offline is not None, server.output
        yield server.url, offline.group(1), server.lines


def test_official_sdk_trains_samples_and_lists_checkpoints(
    served: tuple[str, str, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    import tinker

    from selftaught.models import datum_from_tokens_weights

    monkeypatch.setenv("TINKER_TELEMETRY", "0")
    url, offline, _ = served
    service = tinker.ServiceClient(base_url=url, api_key="tml-local")
    tc = service.create_lora_training_client(offline, rank=2, seed=0).result()
    tokens = tc.get_tokenizer().encode("two plus two is four", add_special_tokens=False)
    datum = datum_from_tokens_weights(tokens, [1.0] * len(tokens))
    before = tc.forward([datum], "cross_entropy").result().metrics["loss:sum"]
    for _ in range(3):
        tc.forward_backward([datum], "cross_entropy")
        tc.optim_step(types.AdamParams(learning_rate=5e-2))
    after = tc.forward([datum], "cross_entropy").result().metrics["loss:sum"]
    assert after < before
    saved = tc.save_state("step3", user_metadata={"note": "test"}).result()
    assert saved.path == f"tinker://{tc.model_id}/weights/step3"
    sampler = tc.save_weights_and_get_sampling_client().result()
    sample = sampler.sample(types.ModelInput.from_ints(tokens[:3]), 2,
                            types.SamplingParams(max_tokens=3, seed=1)).result()  # fmt: skip
    assert len(sample.sequences) == 2 and all(len(s.tokens) <= 3 for s in sample.sequences)
    assert all(s.sequence_id for s in sample.sequences)
    rest = tinker.RestClient(base_url=url, api_key="tml-local")
    run = rest.get_training_run_by_tinker_path(saved.path).result()
    assert run.training_run_id == tc.model_id and run.last_checkpoint is not None
    assert run.last_checkpoint.tinker_path == saved.path
    listed = rest.list_checkpoints(tc.model_id).result().checkpoints
    assert [c.checkpoint_id for c in listed] == ["weights/step3"]
    resumed = service.create_training_client_from_state_with_optimizer(saved.path).result()
    resumed_loss = resumed.forward([datum], "cross_entropy").result().metrics["loss:sum"]
    assert resumed_loss == pytest.approx(after, rel=1e-5)


def test_cookbook_sl_loop_runs_against_the_server_with_only_base_url(
    served: tuple[str, str, list[str]], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """No class swapped: the cookbook's own ``tinker.ServiceClient`` talks to the server."""
    pytest.importorskip("tinker_cookbook")
    import datasets
    from tinker_cookbook import tokenizer_utils
    from tinker_cookbook.recipes import sl_loop

    from selftaught.models import load_model

    url, _, _ = served
    monkeypatch.setenv("TINKER_API_KEY", "tml-local")
    monkeypatch.setenv("TINKER_TELEMETRY", "0")
    tokenizer_utils.register_tokenizer(ALIAS, lambda: load_model("tiny-random").tokenizer)
    rows: list[dict[str, Any]] = [
        {"messages": [{"role": "user", "content": f"{i}+{i}?"},
                      {"role": "assistant", "content": str(2 * i)}]}
        for i in range(4)
    ]  # fmt: skip
    monkeypatch.setattr(
        datasets,
        "load_dataset",
        lambda *a, **k: datasets.DatasetDict({"train": datasets.Dataset.from_list(rows)}),
    )
    log = tmp_path / "sl"
    sl_loop.main(sl_loop.Config(base_url=url, log_path=str(log), model_name=ALIAS,
                                batch_size=2, lora_rank=2, max_length=32))  # fmt: skip
    final = (log / "checkpoints.jsonl").read_text().splitlines()[-1]
    assert '"name": "final"' in final and "tinker://" in final


def _on_the_server(
    served: tuple[str, str, list[str]], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> list[str]:
    """Offline, an empty Hugging Face cache in this process, no key: the flags that put a
    command on the server."""
    from huggingface_hub import constants

    monkeypatch.delenv("TINKER_API_KEY", raising=False)
    monkeypatch.setenv("TINKER_TELEMETRY", "0")
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", True)
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(tmp_path / "empty-hub"))
    return ["--backend", "tinker", "--base-url", served[0]]


def _invoke(command: list[str]) -> Any:
    from typer.testing import CliRunner

    from selftaught.cli.main import app
    from selftaught.models.backend import BackendChoice, use_backend

    try:
        return CliRunner().invoke(app, command)
    finally:
        use_backend(BackendChoice())


def test_selftaught_run_end_to_end_through_the_sdk(
    served: tuple[str, str, list[str]], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """``selftaught run --backend tinker --base-url URL --model tiny-random --quick``: every
    learner via the SDK, offline, with an empty Hugging Face cache in this process."""
    on = _on_the_server(served, monkeypatch, tmp_path)
    result = _invoke(["run", *on, "--model", "tiny-random", "--quick",
                      "--run-dir", str(tmp_path / "run")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "run" / "report.html").is_file()
    assert "lora" in result.output and "notes" in result.output


_SDK_USER = """
import json, sys, tinker
from selftaught.learners import make_learner
from selftaught.models.loading import build_byte_tokenizer
from selftaught.textbook import load_textbook

url, book_path = sys.argv[1:]
svc = tinker.ServiceClient(base_url=url, api_key="tml-local")
sampler = svc.create_sampling_client(base_model="tiny-random").result()
tokenizer = sampler.get_tokenizer()  # the SDK's own: AutoTokenizer.from_pretrained("tiny-random")
text = "Habari? <|im_end|> 2+2=4"
book = load_textbook(book_path)
learner = make_learner("notes", book=book, seed=0, model="tiny-random", service=svc)
learner.study(book.chapters[0])
answers = learner.answer([book.chapters[0].probes[0].prompt])
print(json.dumps({
    "same_ids": tokenizer.encode(text) == build_byte_tokenizer().encode(text),
    "chat_template": tokenizer.chat_template == build_byte_tokenizer().chat_template,
    "answers": answers, "notes": len(learner.notes.notebook.notes),
}))
"""


def test_sdk_sampling_client_tokenizer_and_a_notes_learner_work_offline(
    served: tuple[str, str, list[str]], hub: Path
) -> None:
    """The bug: the SDK's ``SamplingClient.get_tokenizer()`` loads ``tiny-random`` from the
    hub. A fresh process, offline, gets it from the cache the server wrote, and a sampling-only
    learner (``notes``) studies and answers through the official SDK."""
    url, _, seen = served
    assert any("finds 'tiny-random' offline" in line for line in seen), seen
    assert (hub / "models--tiny-random" / "refs" / "main").is_file()
    done = subprocess.run(
        [sys.executable, "-c", _SDK_USER, url, str(TINY_BOOK)],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, **OFFLINE, "HF_HUB_CACHE": str(hub)},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out["same_ids"] and out["chat_template"], out
    assert len(out["answers"]) == 1 and isinstance(out["answers"][0], str)
    assert out["notes"] > 0, "the notes learner kept nothing from the chapter"


def test_every_other_command_runs_through_the_sdk(
    served: tuple[str, str, list[str]], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """``learner new`` + ``study`` (a sampling-only learner) and ``discover`` (the llm agent)
    on ``--backend tinker --base-url URL --model tiny-random``, offline."""
    on = _on_the_server(served, monkeypatch, tmp_path)
    home = str(tmp_path / "home")
    commands = [
        ["learner", "new", "bob", "--kind", "notes", "--model", "tiny-random", "--home", home],
        ["study", str(TINY_BOOK), "--learner", "bob", "--home", home, "--chapters", "1"],
        ["discover", "integers", "--agent", "llm", "--model", "tiny-random", "--seeds", "1",
         "--budget", "2", "--run-dir", str(tmp_path / "discover")],
    ]  # fmt: skip
    for command in commands:
        result = _invoke([*command, *on])
        assert result.exit_code == 0, f"{command}: {result.output}"
    assert (tmp_path / "home" / "bob" / "days" / "1").is_dir()
    assert (tmp_path / "discover" / "summary.json").is_file()


def test_train_runs_through_the_sdk(
    served: tuple[str, str, list[str]], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """``train --backend tinker`` trains on the service and names the ``tinker://`` policy;
    the evaluation (which needs the weights here) and the weight-space algorithms are
    refused up front, before any run directory exists."""
    on = _on_the_server(served, monkeypatch, tmp_path)
    result = _invoke(["train", "--quick", "--no-eval", "--model", "tiny-random", "--run-dir",
                      str(tmp_path / "train"), *on])
    assert result.exit_code == 0, result.output
    assert "trained policy on the service at tinker://" in " ".join(result.output.split())
    for extra in (["--algorithm", "rest-em"], ["--algorithm", "icl", "--no-eval"]):
        refused = _invoke(["train", "--quick", "--model", "tiny-random", "--run-dir",
                           str(tmp_path / "refused"), *extra, *on])
        assert refused.exit_code == 2, refused.output
        assert not (tmp_path / "refused").exists()
