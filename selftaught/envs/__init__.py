"""Textbooks as environments for the RL ecosystem: tinker-cookbook and ``verifiers``.

`selftaught.envs.chapter` is the framework-free core (an episode studies one chapter);
`selftaught.envs.cookbook` adapts it to tinker-cookbook's ``Env`` /
``EnvGroupBuilder`` / ``RLDatasetBuilder``, and `selftaught.envs.verifiers_env` to a
``verifiers`` environment with a rubric. The adapters import their framework, so they
are imported by name, not from here.
"""

from selftaught.envs.chapter import ChapterEpisode, EpisodeConfig, Outcome

__all__ = ["ChapterEpisode", "EpisodeConfig", "Outcome"]
