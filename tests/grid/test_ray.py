"""Tracks on Ray (local Ray started inside the test): same results as serial, a killed worker
retried, a killed driver resumed with no lost or duplicate events.

Scripted learners keep this fast; one local Ray instance (2 CPUs) serves the in-process
tests, the driver-kill test starts its own in a subprocess.
"""

from __future__ import annotations

import functools
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import ray
from helpers_grid import logs, open_grid, small_grid, statuses
from typer.testing import CliRunner

from selftaught.cli.main import app
from selftaught.learners import Learner, make_learner
from selftaught.study import GridTrack, RayConfig, RunStore, run_grid
from selftaught.types import Chapter, Costs, Exercise, Grade

HERE = Path(__file__).parent
REPO = HERE.parents[1]
ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])  # workers cannot import tests/


@pytest.fixture(scope="module")
def local_ray() -> Iterator[str]:
    """A local Ray instance for this module's tests; yields its address (for ``--ray ADDRESS``)."""
    context = ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False,
                       runtime_env={"env_vars": {"PYTHONPATH": str(REPO)}})
    yield str(context.address_info["gcs_address"])  # type: ignore[attr-defined]
    ray.shutdown()


def test_ray_run_equals_serial_run(tmp_path: Path, local_ray: str) -> None:
    grid = small_grid()
    for name, on_ray in (("serial", None), ("ray", RayConfig(workers=2))):
        store, tracks = open_grid(tmp_path / name / "run.sqlite", grid)
        with store:
            run_grid(store, tracks, ray=on_ray)
    serial, parallel = (logs(tmp_path / n / "run.sqlite") for n in ("serial", "ray"))
    assert parallel == serial and all(serial)
    assert statuses(tmp_path / "ray" / "run.sqlite") == ["done"] * 6


class DiesOnce:
    """A learner that kills its own process (SIGKILL) the first time it studies chapter 2 --
    a worker killed mid-track; the marker file makes it die only once across retries."""

    def __init__(self, inner: Learner, marker: Path) -> None:
        self.inner, self.marker, self.name = inner, marker, inner.name
        self.studied = 0

    def study(self, chapter: Chapter) -> str | None:
        self.studied += 1
        if self.studied == 2 and not self.marker.exists():
            self.marker.write_text(str(os.getpid()))
            os.kill(os.getpid(), signal.SIGKILL)
        return self.inner.study(chapter)

    def answer(self, prompts: list[str]) -> list[str]:
        return self.inner.answer(prompts)

    def feedback(self, item: Exercise, response: str, grade: Grade) -> None:
        self.inner.feedback(item, response, grade)

    def costs(self) -> Costs:
        return self.inner.costs()

    def save(self, directory: Path) -> None:
        self.inner.save(directory)

    def load(self, directory: Path) -> None:
        self.inner.load(directory)


def dies_once(marker: Path, track: GridTrack) -> Learner:
    inner = make_learner(track.arm.learner, book=track.book, seed=track.config.seed)
    return DiesOnce(inner, marker) if track.id == 2 else inner


def test_a_killed_worker_is_retried(tmp_path: Path, local_ray: str) -> None:
    grid = small_grid(books=1, chapters=3)
    marker = tmp_path / "died"
    store, tracks = open_grid(tmp_path / "ray" / "run.sqlite", grid)
    with store:
        run_grid(store, tracks, ray=RayConfig(workers=2),
                 build=functools.partial(dies_once, marker))
    assert marker.exists(), "the worker never died: the test tested nothing"
    store, tracks = open_grid(tmp_path / "serial" / "run.sqlite", grid)
    with store:
        run_grid(store, tracks)
    assert logs(tmp_path / "ray" / "run.sqlite") == logs(tmp_path / "serial" / "run.sqlite")


def test_a_killed_driver_is_resumed(tmp_path: Path, local_ray: str) -> None:
    """The driver is a second process joining the test's Ray (``--ray ADDRESS``), killed -9
    mid-step; ``--resume`` (on Ray again) completes the run exactly as a serial run."""
    args = ["study", "arithmetic", "--learner", "random", "--seeds", "2", "--chapters", "2",
            "--curve-every", "2"]
    killed = subprocess.run(
        [sys.executable, str(HERE / "ray_driver.py"), "4", *args, "--ray", local_ray,
         "--run-dir", str(tmp_path / "ray")],
        env={**os.environ, "PYTHONPATH": str(REPO)}, capture_output=True, text=True,
        timeout=120, check=False,
    )
    assert killed.returncode == -9, killed.stdout + killed.stderr
    path = tmp_path / "ray" / "run.sqlite"
    with RunStore(path) as store:
        events = store.event_count()
        complete = sum(1 for t in store.tracks() if store.last_checkpoint(t.id) is not None)
    assert events > 0 and "running" in statuses(path) and complete >= 1
    runner = CliRunner()
    resumed = runner.invoke(app, [*args, "--run-dir", str(tmp_path / "ray"), "--resume",
                                  "--ray", local_ray])
    assert resumed.exit_code == 0, resumed.output
    reference = runner.invoke(app, [*args, "--run-dir", str(tmp_path / "serial")])
    assert reference.exit_code == 0, reference.output
    assert logs(path) == logs(tmp_path / "serial" / "run.sqlite")
    assert statuses(path) == ["done"] * 4


def test_edit_scoring_on_ray_equals_the_inner_loop(tmp_path: Path, local_ray: str) -> None:
    """Meta-training's fan-out: a group's edits scored on two actors score as in-process."""
    from selftaught.metatrain import ChapterTask, LearnerScorer, Rollout, learner_settings
    from selftaught.metatrain import MetaTrainConfig as Config
    from selftaught.metatrain.parallel import RayScorer
    from selftaught.models import LocalServiceClient
    from selftaught.types import Exercise as Item
    from selftaught.types import Textbook

    probes = [Item(id="c1.p1", prompt="What is zu?", answer="cat"),
              Item(id="c1.p2", prompt="What is ka?", answer="dog")]
    chapter = Chapter(id="c1", title="Words", exposition="zu = cat\nka = dog",
                      exercises=[probes[0].model_copy(update={"id": "c1.e1"})], probes=probes)
    book = Textbook(id="toy", title="Toy", domain="language", chapters=[chapter])
    task = ChapterTask(book="toy", chapter=1, textbook=book)
    edits = [Rollout(prompt_T=(1,), tokens_T=(2, 3), logprobs_T=(0.0, 0.0), text=text)
             for text in ("Q: What is zu? A: cat", "Q: What is ka? A: dog", "nothing")]
    config = Config.quick(model="tiny-random", study_steps=4, lora_lr=1e-2)
    learner = learner_settings(config)
    serial = LearnerScorer(LocalServiceClient(state_dir=tmp_path / "a"), learner,
                           reward=config.reward, measure="answer_logprob", seed=0)
    expected = serial.score(task, edits)
    got = RayScorer(learner, reward=config.reward, measure="answer_logprob", seed=0,
                    ray_config=RayConfig(workers=2), state_dir=tmp_path / "b").score(task, edits)
    assert [s.n_pairs for s in got] == [s.n_pairs for s in expected] == [1, 1, 0]
    assert [s.reward for s in got] == pytest.approx([s.reward for s in expected], abs=1e-6)
    assert expected[0].reward != 0.0  # the edits changed something: the comparison means something


def test_discover_on_ray_equals_serial(tmp_path: Path, local_ray: str) -> None:
    """`selftaught discover --ray`: episodes (and a learning agent's series, as one unit) run
    on workers; the stored events equal a serial run's, and a half-logged episode resumes."""
    from selftaught.discover.run import DiscoverConfig, run_discover
    from selftaught.discover.store import DiscoverStore

    config = DiscoverConfig(target="integers", agents=("random", "learning"), seeds=1,
                            budget=3)
    run_discover(config, tmp_path / "serial")
    # a driver killed midway: the first episode's first events are logged, nothing else
    with DiscoverStore(tmp_path / "serial" / "discover.sqlite") as done, \
            DiscoverStore(tmp_path / "ray" / "discover.sqlite") as partial:
        partial.set_meta("run_config", done.meta("run_config") or "")
        first = done.episodes()[0]
        row = partial.episode(world_id=first.world_id, noise=first.noise, agent=first.agent,
                              seed=first.seed, budget=first.budget, series=first.series,
                              position=first.position)
        for event in done.events(first.id)[:2]:
            partial.append(row.id, event.step, event.kind, event.payload)
    result = CliRunner().invoke(app, ["discover", "integers", "--agent", "random", "--agent",
                                      "learning", "--seeds", "1", "--budget", "3", "--run-dir",
                                      str(tmp_path / "ray"), "--ray", local_ray, "--json"])
    assert result.exit_code == 0, result.output

    def logged(path: Path) -> list[tuple[str, str, list[tuple[int, str, str]]]]:
        import json

        with DiscoverStore(path) as store:
            return [(e.agent, e.world_id, [(v.step, v.kind, json.dumps(v.payload, sort_keys=True))
                                           for v in store.events(e.id)])
                    for e in store.episodes()]

    serial, parallel = (logged(tmp_path / n / "discover.sqlite") for n in ("serial", "ray"))
    assert sorted(parallel) == sorted(serial) and len(serial) >= 3
