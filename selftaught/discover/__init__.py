"""The scientist loop: agents experiment on worlds with hidden laws and state theories.

``loop.py`` is the loop (read it first); ``agents.py`` the built-in agents and ``llm.py``
the language-model agent; ``theory.py`` turns theory text into predictions and judges law
recovery; ``scores.py`` holds the pure scores; ``store.py`` the SQLite event log;
``run.py`` runs agents x worlds x seeds into a run directory (``selftaught discover``);
``lab.py`` turns a world into a textbook chapter.
"""

from __future__ import annotations

from selftaught.discover.agents import AGENTS, Agent, Notes
from selftaught.discover.loop import run_episode, score_episode
from selftaught.discover.registry import agent_names, make_agent
from selftaught.discover.run import DiscoverConfig, DiscoverError, Summary, run_discover
from selftaught.discover.store import DiscoverStore, DiscoverStoreError
from selftaught.discover.theory import Theory, law_recovered

__all__ = [
    "AGENTS",
    "Agent",
    "DiscoverConfig",
    "DiscoverError",
    "DiscoverStore",
    "DiscoverStoreError",
    "Notes",
    "Summary",
    "Theory",
    "agent_names",
    "law_recovered",
    "make_agent",
    "run_discover",
    "run_episode",
    "score_episode",
]

