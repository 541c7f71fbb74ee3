"""The LLM agent: a language model on the Tinker-shaped clients, acting by choosing options.

Why options, not free text: a 135M model cannot reliably write a valid experiment or a
formula, but it can compare a handful of short options. At every step the agent is shown
the world's description, its observations so far and `OPTIONS` lettered candidate
experiments; its choice is the letter with the highest log-probability after the
assistant turn is prefilled with ``Choice:`` (one scoring pass per option, no sampling, so
it is deterministic and needs no parsing). Theories work the same way: the options are
the best-fitting hypothesis and `OPTIONS` - 1 others drawn at random from the world's
hypothesis space, shuffled; the agent picks one and its explanation says which and why.

Honest reading: because the best fit is always among the theory options, the theory
scores measure whether the model can *recognise* the law that fits its data; the
experiment choices are entirely its own. Compare with the ``random`` agent (chance at
choosing experiments) in the same run.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import numpy as np
from tinker import types

from selftaught.discover.agents import explain, map_theory
from selftaught.discover.theory import Theory
from selftaught.models import DEFAULT_MODEL, Message, get_renderer
from selftaught.models.backend import sampling_tokenizer
from selftaught.worlds import Experiment, Observation, World

OPTIONS = 4
LETTERS = "ABCDEFGH"
SHOWN_OBSERVATIONS = 8
"""Most recent observations put in the prompt (the context of a small model is short)."""


def _fmt(experiment: Experiment) -> str:
    parts = []
    for key, value in experiment.items():
        if isinstance(value, float):
            parts.append(f"{key}={value:.3g}")
        elif key == "pieces":
            parts.append(" + ".join("-".join(p) for p in value))
        else:
            parts.append(f"{key}={json.dumps(value)}")
    return ", ".join(parts)


class LLMAgent:
    """Chooses experiments and theories among offered options by log-probability."""

    def __init__(self, *, model: str = DEFAULT_MODEL, service: Any | None = None) -> None:
        if service is None:  # the command's --backend (local unless it said otherwise)
            from selftaught.models.backend import default_service

            service = default_service()
        self.name = "llm"
        self.model = model
        self.sampler = service.create_sampling_client(base_model=model).result()
        self.tokenizer = sampling_tokenizer(self.sampler)  # the SDK's would ask the hub
        self.renderer = get_renderer(self.tokenizer)

    def _context(self, world: World, history: Sequence[Observation]) -> str:
        lines = [world.description, "Observations so far:"]
        shown = history[-SHOWN_OBSERVATIONS:]
        lines += [f"- {_fmt(o.experiment)} -> {world.output.name}={o.value:.4g}" for o in shown]
        if not shown:
            lines.append("- none yet")
        return "\n".join(lines)

    def _pick(self, question: str, options: Sequence[str]) -> int:
        """Index of the option whose letter the model finds most likely."""
        body = question + "\n" + "\n".join(f"{LETTERS[k]}) {o}" for k, o in enumerate(options))
        prompt = self.renderer.build_generation_prompt(
            [Message(role="user", content=body + "\nAnswer with one letter.")], prefill="Choice:")
        base = prompt.to_ints()
        futures = []
        for k in range(len(options)):
            letter = self.tokenizer.encode(f" {LETTERS[k]}", add_special_tokens=False)
            futures.append((len(letter), self.sampler.compute_logprobs(
                types.ModelInput.from_ints(base + letter))))
        scores = [sum(x for x in f.result()[-n:] if x is not None) for n, f in futures]
        return int(np.argmax(scores))

    def choose(self, world: World, history: Sequence[Observation],
               candidates: Sequence[Experiment], rng: np.random.Generator) -> int:
        offered = list(candidates[:OPTIONS])
        question = (self._context(world, history) +
                    "\nWhich experiment tells you most about the hidden law?")
        return self._pick(question, [_fmt(e) for e in offered])

    def theorize(self, world: World, history: Sequence[Observation]) -> Theory | None:
        if not history:
            return None
        best = map_theory(world, history)
        assert best.hypothesis is not None
        space = world.hypotheses
        rng = np.random.default_rng([len(history), space.size])
        others = [int(i) for i in rng.choice(space.size, size=min(OPTIONS, space.size),
                                             replace=False) if int(i) != best.hypothesis]
        indices = [best.hypothesis, *others][:OPTIONS]
        order = rng.permutation(len(indices))
        indices = [indices[k] for k in order]
        texts = [space.theory(i, history) for i in indices]
        question = (self._context(world, history) +
                    f"\nWhich law fits the observations of {world.output.name}?")
        k = self._pick(question, texts)
        return Theory(text=texts[k], explanation=explain(world, texts[k]),
                      kind=world.theory_kind, hypothesis=indices[k])

