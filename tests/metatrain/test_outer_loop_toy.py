"""The outer loops provably raise the reward where the best self-edit is known.

Toy setting (`toy.ShareScorer`): an edit's reward is the share of its tokens in a
fixed set of five byte tokens. The tiny random model at temperature 1 writes ~2% of
them; ReST-EM (keep the best of K, imitate it) and policy gradient (centred rewards,
importance-sampling loss) must both push that share up within a few iterations, with
seeds fixed. A loop that ignored the reward, flipped its sign or trained on the wrong
tokens would not.
"""

from __future__ import annotations

import pytest

from selftaught.metatrain import (
    ChapterTask,
    EditFormat,
    Loop,
    Sampling,
    pg_iteration,
    rest_em_iteration,
)
from selftaught.models import ServiceClient, get_renderer
from selftaught.types import Chapter, Exercise, Textbook

from .toy import ShareScorer, target_tokens

ITERATIONS = 4


def _task(n: int) -> ChapterTask:
    probe = Exercise(id=f"c{n}.p1", prompt="What is zu?", answer="cat")
    chapter = Chapter(id=f"c{n}", title=f"Words {n}", exposition=f"zu{n} = cat",
                      exercises=[probe.model_copy(update={"id": f"c{n}.e1"})], probes=[probe])
    book = Textbook(id=f"toy{n}", title="Toy", domain="language", chapters=[chapter])
    return ChapterTask(book=f"toy{n}", chapter=1, textbook=book)


def _run(algorithm: str, lr: float) -> list[float]:
    policy = ServiceClient().create_lora_training_client(
        base_model="tiny-random", rank=4, seed=0
    ).result()
    loop = Loop(policy=policy, renderer=get_renderer(policy.get_tokenizer()),
                tokenizer=policy.get_tokenizer(), scorer=ShareScorer(target_tokens()),
                tasks_C=[_task(1), _task(2)],
                sampling=Sampling(8, EditFormat(1, 16, 1), temperature=1.0, seed=0))
    if algorithm == "rest-em":
        return [rest_em_iteration(loop, i, sft_lr=lr, sft_steps=4).metrics["reward/mean"]
                for i in range(1, ITERATIONS + 1)]
    return [pg_iteration(loop, i, lr=lr).metrics["reward/mean"]
            for i in range(1, ITERATIONS + 1)]


@pytest.mark.parametrize(("algorithm", "lr"), [("rest-em", 1e-2), ("pg", 3e-2)])
def test_outer_loop_raises_the_reward(algorithm: str, lr: float) -> None:
    rewards = _run(algorithm, lr)
    assert 0.0 < rewards[0] < 0.1, rewards  # the untrained policy rarely writes the set
    assert rewards[-1] > rewards[0] + 0.05, rewards
    assert max(rewards[-2:]) > 2 * rewards[0], rewards


def test_without_learning_rate_the_reward_does_not_rise() -> None:
    """The same loop with a negligible step size: the rise above is the update's doing."""
    rewards = _run("pg", 1e-9)
    assert max(rewards) < rewards[0] + 0.05, rewards
