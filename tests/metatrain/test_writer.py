"""A model learner with ``writer=`` writes its self-edits with the meta-trained policy.

The policy here is trained (plain SFT) to answer the learner's own Q/A request for
one chapter with one fixed pair; the learner that is given the policy's sampler
checkpoint as its writer must then study that pair, and the same learner without
a writer must not.
"""

from __future__ import annotations

from pathlib import Path

from tinker import types

from selftaught.learners.model import QA_REQUEST, ModelLearner, ModelLearnerConfig
from selftaught.models import LocalServiceClient, Message, get_renderer
from selftaught.types import Chapter, Exercise

PAIR = "Q: What is zu? A: cat"


def test_learner_writes_with_the_meta_trained_writer(tmp_path: Path) -> None:
    probe = Exercise(id="c1.p1", prompt="What is zu?", answer="cat")
    chapter = Chapter(id="c1", title="Words", exposition="zu is a cat.",
                      exercises=[probe.model_copy(update={"id": "c1.e1"})], probes=[probe])
    service = LocalServiceClient(state_dir=tmp_path)
    policy = service.create_lora_training_client(base_model="tiny-random", rank=8,
                                                 seed=0).result()
    renderer = get_renderer(policy.get_tokenizer())
    request = QA_REQUEST.format(title=chapter.title, exposition=chapter.exposition)
    datum = renderer.build_supervised_datum([Message(role="user", content=request),
                                             Message(role="assistant", content=PAIR)])
    for _ in range(60):
        policy.forward_backward([datum], "cross_entropy").result()
        policy.optim_step(types.AdamParams(learning_rate=3e-3)).result()
    writer = policy.save_weights_for_sampler("writer").result().path

    def derived(writer_path: str | None) -> str:
        config = ModelLearnerConfig(model="tiny-random", rank=2, study_steps=0,
                                    flashcards=False, model_written=True, max_write_tokens=32,
                                    writer=writer_path)
        learner = ModelLearner(kind="lora", seed=0, config=config, service=service)
        return learner.study(chapter) or ""

    assert "self-edit: What is zu? -> Answer: cat" in derived(writer)
    assert "What is zu? -> Answer: cat" not in derived(None)
