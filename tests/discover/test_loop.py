"""The loop: events logged, resumable after a real kill -9, agents, CLI."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from selftaught.cli.main import app
from selftaught.discover import make_agent
from selftaught.discover.agents import ActiveAgent, LearningAgent, Notes
from selftaught.discover.loop import run_episode, score_episode
from selftaught.discover.run import DiscoverConfig, DiscoverError, run_discover
from selftaught.discover.store import DiscoverStore
from selftaught.worlds import Observation, make_world

ROOT = Path(__file__).resolve().parents[2]


def test_episode_logs_every_step_and_scores(tmp_path: Path) -> None:
    world = make_world("integers", seed=2, difficulty="hard")
    with DiscoverStore(tmp_path / "d.sqlite") as store:
        episode = store.episode(world_id=world.id, noise=world.noise, agent="bayes", seed=0,
                                budget=5, series="", position=0)
        events = run_episode(world, make_agent("bayes"), store, episode)
        assert [e.kind for e in events].count("experiment") == 5
        assert {e.step for e in events if e.kind == "theory"} == {0, 1, 3, 5}
        again = run_episode(world, make_agent("bayes"), store, episode)  # done: nothing new
        assert len(again) == len(events)
    scores = score_episode(world, events, 5)
    assert set(scores["errors"]) == {"0", "1", "3", "5"}
    assert scores["eig_vs_optimal"] <= 1.0 + 1e-9


def test_active_agent_picks_the_discriminating_experiment() -> None:
    world = make_world("integers", seed=0, difficulty="easy")
    history = [world.run({"n": 0}, np.random.default_rng(0))]
    # after f(0) only the slope is unknown: any n > 0 discriminates, n = 0 again does not
    pick = ActiveAgent().choose(world, history, [{"n": 0}, {"n": 7}], np.random.default_rng(0))
    assert pick == 1


def test_notes_concentrate_the_prior_on_seen_features() -> None:
    world = make_world("physics", seed=0, difficulty="easy")
    notes = Notes()
    law = world.hypotheses.features(world.law_index)
    notes.add("physics", law)
    prior = notes.log_prior(world)
    assert int(np.argmax(prior)) == world.law_index
    agent = LearningAgent(notes=notes)
    theory = agent.theorize(world, [])
    assert theory is not None and theory.hypothesis == world.law_index


def test_llm_agent_runs_on_tiny_random(tmp_path: Path) -> None:
    summary = run_discover(DiscoverConfig(target="zendo", agents=("llm",), seeds=1, budget=2,
                                          model="tiny-random"), tmp_path / "run")
    entry = summary.agents["llm"]
    assert entry["episodes"] == 1 and entry["error@2"]["mean"] is not None


def test_learning_agent_needs_a_family(tmp_path: Path) -> None:
    with pytest.raises(DiscoverError, match="family target"):
        run_discover(DiscoverConfig(target="physics-easy-s0", agents=("learning",), seeds=1),
                     tmp_path / "x")


def _events(path: Path) -> int:
    if not path.exists():
        return 0
    with sqlite3.connect(path) as db:
        try:
            return int(db.execute("SELECT COUNT(*) FROM events").fetchone()[0])
        except sqlite3.OperationalError:  # tables not created yet
            return 0


def test_resume_after_kill_minus_9_matches_an_uninterrupted_run(tmp_path: Path) -> None:
    args = ["discover", "physics", "--agent", "bayes", "--agent", "random", "--seeds", "2",
            "--budget", "8"]
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    killed = tmp_path / "killed"
    proc = subprocess.Popen([sys.executable, "-m", "selftaught.cli.main", *args, "--run-dir",
                             str(killed)], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while _events(killed / "discover.sqlite") < 10 and proc.poll() is None:
        assert time.monotonic() < deadline, "the run logged nothing within 120 s"
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the run finished before it could be killed"
    assert not (killed / "summary.json").exists()
    runner = CliRunner()
    resumed = runner.invoke(app, [*args, "--run-dir", str(killed), "--json"])
    assert resumed.exit_code == 0, resumed.output
    fresh = runner.invoke(app, [*args, "--run-dir", str(tmp_path / "fresh"), "--json"])
    assert fresh.exit_code == 0, fresh.output
    a = json.loads((killed / "summary.json").read_text())
    b = json.loads((tmp_path / "fresh" / "summary.json").read_text())
    assert a["agents"] == b["agents"]
    assert [e["theories"] for e in a["episodes"]] == [e["theories"] for e in b["episodes"]]
    with DiscoverStore(killed / "discover.sqlite") as store:
        for episode in store.episodes():
            steps = [e.step for e in store.events(episode.id) if e.kind == "experiment"]
            assert steps == list(range(8))  # no duplicate, no lost step


def test_cli_prints_scores_and_writes_report(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["discover", "circuit-easy-s1", "--agent", "active",
                                      "--seeds", "2", "--budget", "3", "--run-dir",
                                      str(tmp_path / "r")])
    assert result.exit_code == 0, result.output
    assert "active" in result.output and "recovery" in result.output
    html = (tmp_path / "r" / "report.html").read_text()
    assert "hidden law" in html and "<svg" in html


@pytest.mark.parametrize("args, message", [
    (["alchemy"], "neither a world family"),
    (["physics", "--agent", "oracle"], "unknown agent"),
    (["physics", "--difficulty", "extreme"], "difficulty must be"),
])
def test_cli_bad_input_is_one_line_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(app, ["discover", *args, "--budget", "1", "--seeds", "1",
                                      "--run-dir", str(tmp_path / "r")])
    assert result.exit_code == 2
    assert message in result.output


def test_history_is_plain_observations() -> None:
    world = make_world("zendo", seed=0)
    obs = world.run(world.sample_experiment(np.random.default_rng(0)), np.random.default_rng(0))
    assert isinstance(obs, Observation) and obs.value in (0.0, 1.0)


@pytest.mark.slow
def test_llm_agent_on_the_embedded_model(tmp_path: Path) -> None:
    summary = run_discover(DiscoverConfig(target="integers", agents=("llm",), seeds=1, budget=2),
                           tmp_path / "run")
    episode = summary.episodes[0]
    assert episode["agent"] == "llm" and len(episode["theories"]) == 2  # after 1 and 2
