"""The inner loop: apply ONE self-edit to a scratch copy of the model and score it.

This is SEAL's inner loop, and the reward is the (docs/design.md) progress reward for a
single edit (`selftaught.metrics.reward.edit_reward`):

* **apply** -- LoRA memory: reset a scratch LoRA to its initial (zero-effect) state,
  take ``inner_steps`` AdamW steps on the edit's Q/A pairs, each rendered exactly as
  the lora learner renders its self-edits; notes memory: put the edit's notes in
  context, retrieved per question as the notes learner does;
* **score** -- answer the TRAINING chapter's probes (and its book's earlier probes,
  for forgetting) as the learner answers them (prefilled ``Answer:``, greedy, one
  line) and compare with the same model without the edit ("before", computed once
  per chapter). The probes of evaluation books never reach this module.

One scratch training client is reused for every edit (``load_state`` of its initial
checkpoint resets weights and optimizer), so the inner loop allocates nothing per
edit and uses only Tinker-SDK calls. An edit with nothing parseable in it changes
nothing: it is scored as "after = before" without a training pass.

`Scorer` is the extension point: the outer loops take any object with
``score(task, rollouts_G)``, which is how the tests use a scorer whose best edit is
known.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from tinker import types

from selftaught.checkers import grade
from selftaught.learners.model import SYSTEM_PROMPT, ModelLearnerConfig
from selftaught.learners.notebook import Note, Notebook
from selftaught.metatrain.config import MetaTrainConfig
from selftaught.metatrain.selfedit import ChapterTask, Rollout, parse_notes, parse_pairs
from selftaught.metrics.reward import RewardBreakdown, edit_reward
from selftaught.models import Message, get_renderer, sample_many
from selftaught.models.backend import sampling_tokenizer
from selftaught.types import Costs, Exercise


@dataclass(frozen=True)
class Scored:
    """A self-edit's reward with its terms, and how much of the edit could be applied."""

    breakdown: RewardBreakdown
    n_pairs: int
    """Q/A pairs (lora) or notes (notes) parsed out of the edit and applied."""

    @property
    def reward(self) -> float:
        return self.breakdown.reward


class Scorer(Protocol):
    """Scores a group of self-edits written for one training chapter."""

    def score(self, task: ChapterTask, rollouts_G: Sequence[Rollout]) -> list[Scored]:
        """One `Scored` per rollout, in order."""
        ...


class InnerLoopScorer:
    """SEAL's inner loop on a Tinker-shaped service: apply each edit, score the probes."""

    def __init__(self, service: Any, config: MetaTrainConfig) -> None:
        self.config = config
        self.base = service.create_sampling_client(base_model=config.model).result()
        self.tokenizer = sampling_tokenizer(self.base)  # the SDK's would ask the hub
        self.renderer = get_renderer(self.tokenizer)
        self.learner_defaults = ModelLearnerConfig(model=config.model)
        self.costs = Costs()
        """Inner-loop cost so far: tokens trained and sampled, gradient steps."""
        self.scratch: Any = None
        self._init_path = ""
        if config.memory == "lora":
            self.scratch = service.create_lora_training_client(
                base_model=config.model, rank=config.inner_rank, seed=config.seed
            ).result()
            self._init_path = self.scratch.save_state("scratch-init").result().path
        self._before: dict[str, tuple[list[float], list[float]]] = {}

    def score(self, task: ChapterTask, rollouts_G: Sequence[Rollout]) -> list[Scored]:
        """Apply each edit on a fresh scratch copy; reward = progress on the chapter's probes."""
        before_P, earlier_before_P = self._before_scores(task)
        scored: list[Scored] = []
        for rollout in rollouts_G:
            after_P, earlier_after_P, n_pairs = self._apply_and_measure(task, rollout)
            breakdown = edit_reward(
                before_P, after_P,
                earlier_before_P=earlier_before_P, earlier_after_P=earlier_after_P,
                config=self.config.reward, tokens_written=len(rollout.tokens_T),
            )
            scored.append(Scored(breakdown, n_pairs))
        return scored

    # ------------------------------------------------------------------ apply

    def _before_scores(self, task: ChapterTask) -> tuple[list[float], list[float]]:
        if task.key not in self._before:
            self._before[task.key] = (
                self._measure(self.base, task.content.probes, None),
                self._measure(self.base, task.earlier_probes_P, None),
            )
        return self._before[task.key]

    def _apply_and_measure(
        self, task: ChapterTask, rollout: Rollout
    ) -> tuple[list[float], list[float], int]:
        probes, earlier = task.content.probes, task.earlier_probes_P
        if self.config.memory == "notes":
            notes = parse_notes(rollout.text)[: self.config.max_pairs]
            if not notes:
                return (*self._before_scores(task), 0)
            notebook = Notebook()
            for text in notes:
                notebook.add(Note(text, f"model:{task.key}", task.chapter))
            return (self._measure(self.base, probes, notebook),
                    self._measure(self.base, earlier, notebook), len(notes))
        pairs = parse_pairs(rollout.text)[: self.config.max_pairs]
        if not pairs:
            return (*self._before_scores(task), 0)
        sampler = self._train_scratch(pairs)
        return (self._measure(sampler, probes, None),
                self._measure(sampler, earlier, None), len(pairs))

    def _train_scratch(self, pairs: list[tuple[str, str]]) -> Any:
        """Reset the scratch LoRA, take ``inner_steps`` full-batch steps on the pairs."""
        self.scratch.load_state(self._init_path).result()
        data = [
            self.renderer.build_supervised_datum([
                Message(role="system", content=SYSTEM_PROMPT),
                Message(role="user", content=question.strip()),
                Message(role="assistant", content=reply),
            ])
            for question, reply in pairs
        ]
        for _ in range(self.config.inner_steps):
            self.scratch.forward_backward(data, "cross_entropy").result()
            self.scratch.optim_step(
                types.AdamParams(learning_rate=self.config.inner_lr)
            ).result()
            self._add(tokens_trained=sum(d.model_input.length for d in data), grad_steps=1)
        return self.scratch.save_weights_and_get_sampling_client().result()

    # ------------------------------------------------------------------ measure

    def _question(self, prompt: str, notebook: Notebook | None) -> types.ModelInput:
        """The learner's answering prompt: system (+ retrieved notes), question, ``Answer:``."""
        system = SYSTEM_PROMPT
        if notebook is not None:
            defaults = self.learner_defaults
            notes = notebook.retrieve(prompt, defaults.note_budget_tokens, self._count)
            if notes[: defaults.max_notes]:
                system += "\n\nYour notes:\n" + "\n".join(
                    f"- {n.text}" for n in notes[: defaults.max_notes]
                )
        messages = [Message(role="system", content=system),
                    Message(role="user", content=prompt.strip())]
        return self.renderer.build_generation_prompt(messages, prefill="Answer:")

    def _measure(
        self, sampler: Any, probes_P: Sequence[Exercise], notebook: Notebook | None
    ) -> list[float]:
        """Per-probe score in [0, 1]: graded correctness, or the reference answer's probability."""
        if not probes_P:
            return []
        prompts_P = [self._question(p.prompt, notebook) for p in probes_P]
        if self.config.reward_measure == "answer_prob":
            return [self._answer_prob(sampler, prompt, probe.answer)
                    for prompt, probe in zip(prompts_P, probes_P, strict=True)]
        params = types.SamplingParams(
            max_tokens=self.config.answer_tokens, temperature=0.0,
            stop=self.renderer.get_stop_sequences(),
        )
        responses = sample_many(sampler, prompts_P, 1, params)
        scores_P: list[float] = []
        for probe, response in zip(probes_P, responses, strict=True):
            tokens = response.sequences[0].tokens
            self._add(tokens_sampled=len(tokens))
            text = self.renderer.parse_response(tokens)[0]["content"]
            answer = "Answer: " + text.strip().split("\n", 1)[0].strip()
            scores_P.append(1.0 if grade(answer, probe).correct else 0.0)
        return scores_P

    def _answer_prob(self, sampler: Any, prompt: types.ModelInput, reference: str) -> float:
        """exp(mean logprob) of `` <reference><end of turn>`` after the prompt, in (0, 1]."""
        answer_T = [int(t) for t in self.tokenizer.encode(" " + reference.strip(),
                                                          add_special_tokens=False)]
        answer_T.append(self.renderer.get_stop_sequences()[0])
        full = types.ModelInput.from_ints([*prompt.to_ints(), *answer_T])
        logprobs = sampler.compute_logprobs(full).result()[-len(answer_T):]
        values = [float(x) for x in logprobs if x is not None]
        return min(1.0, math.exp(sum(values) / len(values)))

    def _count(self, text: str) -> int:
        return len(self.tokenizer.encode(text, add_special_tokens=False))

    def _add(self, **delta: Any) -> None:
        self.costs = self.costs + Costs(**delta)
