"""Discovery episodes on Ray: units of episodes run on workers, the driver writes the store.

Why units: an episode of a non-learning agent depends on nothing else, but the learning
agent carries what it learnt from one world of its series to the next, so a series is
one unit, run in order. Each unit becomes one Ray task; the worker runs it into a
scratch store seeded with the events the driver's store already holds for its episodes
(the episode loop resumes from its log), and returns every episode's events. The driver
appends the events it does not have yet and marks the episodes done -- the store has one
writer, as in `selftaught.study.parallel`. A worker that dies is retried by Ray; a driver
killed midway leaves a log that resumes like any other (``run_discover`` again, with or
without Ray). Episodes are seeded per step, so the events equal a serial run's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from selftaught.discover.store import DiscoverStore, Event
from selftaught.study.parallel import MAX_RETRIES, RayConfig, connect

UnitFn = Callable[[Any, list[int], list[list[Event]]], list[list[Event]]]
"""``fn(config, episode indices, their logged events) -> every episode's events``, run on a
worker (module-level, so it is shipped by reference)."""


def run_units_on_ray(
    store: DiscoverStore, config: Any, units: Sequence[list[int]], episode_ids: Sequence[int],
    unit_fn: UnitFn, ray_config: RayConfig,
) -> None:
    """Run every unit that has an unfinished episode on Ray; write their events here."""
    import ray

    connect(ray_config)
    status = {e.id: e.status for e in store.episodes()}
    remote = ray.remote(num_cpus=1, max_retries=MAX_RETRIES)(unit_fn)
    pending: dict[Any, list[int]] = {}
    for unit in units:
        if all(status[episode_ids[i]] == "done" for i in unit):
            continue
        logged = [store.events(episode_ids[i]) for i in unit]
        pending[remote.remote(config, unit, logged)] = unit
    while pending:
        ready, _ = ray.wait(list(pending), num_returns=1)
        for ref in ready:
            unit = pending.pop(ref)
            for i, events in zip(unit, ray.get(ref), strict=True):
                write_episode(store, episode_ids[i], events)


def write_episode(store: DiscoverStore, episode_id: int, events: Sequence[Event]) -> None:
    """Append the events the store lacks (a prefix is already there), then mark it done."""
    have = len(store.events(episode_id))
    for event in events[have:]:
        store.append(episode_id, event.step, event.kind, event.payload)
    store.finish(episode_id)
