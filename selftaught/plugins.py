"""Plugins: other packages add learners, textbook domains, checker kinds, worlds and backends.

Why entry points: a user's learner or textbook domain lives in the user's own package,
and ``pip install`` is how Python code arrives on a machine (a Ray worker's included).
A package declares what it adds in its ``pyproject.toml``::

    [project.entry-points."selftaught.learners"]
    parrot = "my_pkg.learners:make_parrot"        # a LearnerFactory

    [project.entry-points."selftaught.generators"]
    colours = "my_pkg.books:generate_colours"     # fn(*, seed, chapters=4, **options)

    [project.entry-points."selftaught.checkers"]
    reversed = "my_pkg.checks:check_reversed"      # fn(response, item) -> Grade

and every registry (`selftaught.learners.make_learner`, `selftaught.generators.generate`,
`selftaught.checkers.grade`, `selftaught.models.remote.make_service`, the worlds'
registry) sees the name at once: listed without importing the plugin, loaded the
first time it is used. Nothing in this module imports the rest of selftaught, so
every registry -- ``types.py`` included -- can use it.

A plugin that fails to load is an error naming the distribution, the entry point
and the fix, never a silently missing name. Each extension point has a public
conformance check a plugin runs in its own tests (docs/plugins.md).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, MutableMapping
from importlib.metadata import EntryPoint, entry_points
from typing import Any, Generic, TypeVar

GROUPS: dict[str, str] = {
    "learners": "selftaught.learners",
    "generators": "selftaught.generators",
    "checkers": "selftaught.checkers",
    "worlds": "selftaught.worlds",
    "backends": "selftaught.backends",
}
"""Extension point -> entry-point group."""

T = TypeVar("T")


class PluginError(RuntimeError):
    """An installed plugin's entry point cannot be loaded (or loads something unusable)."""


_SCANS: dict[tuple[str, tuple[str, ...]], dict[str, EntryPoint]] = {}
"""Scans of installed entry points by (group, sys.path): reading every distribution's
metadata takes tens of milliseconds, and checker kinds are looked up per exercise."""


def plugin_entry_points(group: str) -> dict[str, EntryPoint]:
    """The entry points installed in ``group``, by name. Scanned once per ``sys.path`` (a
    directory put on the path is seen at once; a package installed into a directory already
    scanned, from the next process on). Two distributions claiming one name is an error."""
    key = (group, tuple(sys.path))
    if key not in _SCANS:
        _SCANS[key] = _scan(group)
    return dict(_SCANS[key])


def _scan(group: str) -> dict[str, EntryPoint]:
    found: dict[str, EntryPoint] = {}
    for point in entry_points(group=group):
        if point.name in found and found[point.name].value != point.value:
            raise PluginError(
                f"entry point {point.name!r} of group {group} is declared twice "
                f"({_origin(found[point.name])} and {_origin(point)}); uninstall one"
            )
        found[point.name] = point
    return found


def load_plugin(group: str, name: str) -> object:
    """Import and return the object the entry point ``name`` of ``group`` names."""
    point = plugin_entry_points(group).get(name)
    if point is None:
        raise KeyError(name)
    try:
        return point.load()
    except (ImportError, AttributeError) as error:
        raise PluginError(
            f"plugin {name!r} ({group} = {point.value!r}, from {_origin(point)}) failed to "
            f"load: {error}; fix or uninstall that package"
        ) from error


def plugin_origin(group: str, name: str) -> str | None:
    """``distribution version`` of the plugin that provides ``name`` in ``group`` (None: none)."""
    point = plugin_entry_points(group).get(name)
    return None if point is None else _origin(point)


def _origin(point: EntryPoint) -> str:
    dist = point.dist
    return "an unknown distribution" if dist is None else f"{dist.name} {dist.version}"


class Registry(MutableMapping[str, T], Generic[T]):
    """A name -> object registry that also holds the plugins of one entry-point group.

    Names registered in this process (``registry[name] = obj``) and names of installed
    entry points are both "in" it; an entry point is loaded (and checked with
    ``check``) the first time its name is looked up, then kept. A name registered here
    wins over a plugin of the same name.
    """

    def __init__(self, group: str, what: str, check: Callable[[str, object], T]) -> None:
        self.group = group
        self.what = what
        """What the names are, for messages (``learner``, ``textbook domain``)."""
        self._check = check
        self._own: dict[str, T] = {}

    def __getitem__(self, name: str) -> T:
        if name in self._own:
            return self._own[name]
        loaded = load_plugin(self.group, name)  # KeyError if there is no such plugin
        self._own[name] = self._check(name, loaded)
        return self._own[name]

    def __setitem__(self, name: str, value: T) -> None:
        self._own[name] = value

    def __delitem__(self, name: str) -> None:
        del self._own[name]

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and (
            name in self._own or name in plugin_entry_points(self.group))

    def __iter__(self) -> Iterator[str]:
        return iter(sorted({*self._own, *plugin_entry_points(self.group)}))

    def __len__(self) -> int:
        return len({*self._own, *plugin_entry_points(self.group)})

    def registered(self) -> dict[str, T]:
        """The names registered in this process (built-ins, ``register`` calls, plugins loaded
        so far), without loading any plugin."""
        return dict(self._own)

    def origin(self, name: str) -> str:
        """Where ``name`` comes from: ``selftaught`` for a built-in, else the distribution."""
        if name in self._own:
            module = getattr(self._own[name], "__module__", "") or ""
            return "selftaught" if module.startswith("selftaught") else module or "registered"
        return plugin_origin(self.group, name) or "unknown"


def callable_plugin(what: str) -> Callable[[str, object], Any]:
    """A ``check`` for `Registry`: the entry point must name a callable."""

    def check(name: str, loaded: object) -> Any:
        if not callable(loaded):
            raise PluginError(f"{what} plugin {name!r} is a {type(loaded).__name__}, "
                              "not a callable; point the entry point at a function or class")
        return loaded

    return check
