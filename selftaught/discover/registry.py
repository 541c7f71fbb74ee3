"""`make_agent`: any agent of the scientist loop by name, the ``llm`` one imported on use."""

from __future__ import annotations

from typing import Any

from selftaught.discover.agents import AGENTS


def agent_names() -> list[str]:
    """Every agent `make_agent` can build."""
    return sorted({*AGENTS, "llm"})


def make_agent(name: str, **options: Any) -> Any:
    """Build the agent ``name`` (``random``, ``active``, ``bayes``, ``learning``, ``llm``).

    ``llm`` is imported on use, since it loads a model. Raises `KeyError` naming the known
    agents.
    """
    if name == "llm":
        from selftaught.discover.llm import LLMAgent

        return LLMAgent(**options)
    if name not in AGENTS:
        raise KeyError(f"unknown agent {name!r} (known: {', '.join(agent_names())})")
    return AGENTS[name](**options)
