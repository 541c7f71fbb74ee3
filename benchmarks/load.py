"""First (converting) vs cached load time of a model, and peak memory, each in a fresh process.

Metrics, measured inside a fresh Python subprocess so that nothing is warm:

* ``import_s``: seconds to ``import selftaught.models`` (torch, transformers, peft);
* ``load_s``: seconds of ``load_model(name)`` — the number the target bounds
  ("cached model load ≤ 5 s");
* ``process_s``: wall seconds of the whole subprocess (interpreter start to exit);
* ``peak_rss_mib``: the subprocess's peak resident memory (``getrusage`` ``ru_maxrss``).

The *first* load runs with ``SELFTAUGHT_CACHE`` pointing at an empty temporary
directory, so the embedded model's GGUF is converted (~40 s); the *cached* load
then reuses that directory. Your own cache is never touched. ``tiny-random``
has no conversion: both loads build it in-process.

Run:  .venv/bin/python benchmarks/load.py [--quick] [--model tiny-random]
(``--quick`` on the embedded model skips the conversion and times only cached
loads from your normal cache.)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Annotated, Any

import typer
from _common import RESULTS_DIR, Report, finish, load_note

DEFAULT_MODEL = "smollm2-135m-instruct"
CACHED_LOAD_TARGET_S = 5.0

_CHILD = """
import cProfile, io, json, pstats, resource, sys, time
t0 = time.perf_counter()
from selftaught.models import load_model
t1 = time.perf_counter()
modules_before = len(sys.modules)
profiler = cProfile.Profile() if "--profile" in sys.argv else None
if profiler is not None:
    profiler.enable()
loaded = load_model(sys.argv[1], device="cpu")
t2 = time.perf_counter()
if profiler is not None:
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).strip_dirs().sort_stats("cumulative").print_stats(15)
    sys.stderr.write(out.getvalue())
print(json.dumps({
    "import_s": t1 - t0,
    "load_s": t2 - t1,
    "parameters": loaded.num_parameters,
    "modules_imported": len(sys.modules) - modules_before,
    "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
"""


def load_in_subprocess(model: str, cache_dir: Path | None, profile: bool = False
                       ) -> dict[str, Any]:
    """Load ``model`` in a fresh interpreter (optionally with ``SELFTAUGHT_CACHE=cache_dir``).

    With ``profile``, the result's ``profile`` key holds cProfile's top functions.
    """
    env = dict(os.environ)
    if cache_dir is not None:
        env["SELFTAUGHT_CACHE"] = str(cache_dir)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, model, *(["--profile"] if profile else [])],
        env=env, capture_output=True, text=True,
        check=False, timeout=900,
    )
    process_s = time.perf_counter() - start
    if done.returncode != 0:
        tail = done.stderr.strip().splitlines()[-1:] or ["(no output)"]
        raise RuntimeError(f"loading {model!r} in a subprocess failed: {tail[0]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["process_s"] = process_s
    if profile:  # cProfile's table, without progress bars printed before it
        text = done.stderr
        start = text.rfind("\n", 0, max(text.find("function calls"), 0)) + 1
        result["profile"] = text[start:].strip()
    return result


def run(model: str, quick: bool, repeats: int, profile: bool = True) -> Report:
    """Time a first load into an empty cache (embedded model only), then cached loads,
    each in a fresh process; profile a cached load if it misses the target."""
    embedded = model == DEFAULT_MODEL
    rows: list[dict[str, Any]] = []
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="selftaught-load-bench-") as tmp:
        cache_dir: Path | None = Path(tmp)
        if not embedded:
            cache_dir = None
            notes.append(f"{model} has no conversion step: every load is a cached load")
        elif quick:
            cache_dir = None  # the user's cache; converted there now if it is missing
            notes.append("--quick: no conversion timed; cached loads use your normal cache")
        else:
            rows.append({"phase": "first (convert + cache)",
                         **load_in_subprocess(model, cache_dir)})
        for i in range(repeats):
            rows.append({"phase": f"cached #{i + 1}", **load_in_subprocess(model, cache_dir)})
        cached = [r for r in rows if r["phase"].startswith("cached")]
        best_cached = min(r["load_s"] for r in cached)
        met = best_cached <= CACHED_LOAD_TARGET_S
        if not met and profile:
            profiled = load_in_subprocess(model, cache_dir, profile=True)
            notes.append(f"cached load over target; cProfile of one cached load_model() "
                         f"(top 15 by cumulative time):\n```\n{profiled['profile']}\n```")
    targets = [{"target": f"cached load ≤ {CACHED_LOAD_TARGET_S:g} s", "goal": CACHED_LOAD_TARGET_S,
                "measured": best_cached, "met": met}]
    peak = max(r["peak_rss_mib"] for r in rows)
    notes += [
        f"model {model}: {rows[0]['parameters'] / 1e6:.2f}M parameters; peak RSS {peak:,.0f} MiB",
        "load_s is load_model() alone; import_s is importing torch/transformers/peft/selftaught; "
        "modules_imported counts modules load_model() imported lazily (part of load_s)",
        load_note(),
    ]
    return Report(
        name="load",
        rows=rows,
        columns=["phase", "import_s", "load_s", "modules_imported", "process_s", "peak_rss_mib"],
        targets=targets,
        notes=notes,
        summary={"cached_load_s": best_cached, "peak_rss_mib": peak,
                 **({"first_load_s": rows[0]["load_s"]} if len(rows) > len(cached) else {})},
        config={"model": model, "quick": quick, "repeats": repeats},
    )


def main(
    model: Annotated[str, typer.Option(help="Model name or HF directory.")] = DEFAULT_MODEL,
    quick: Annotated[bool, typer.Option("--quick", help="One cached load; no conversion.")
                     ] = False,
    repeats: Annotated[int | None, typer.Option(help="Cached loads to time (default 3).")
                       ] = None,
    profile: Annotated[bool, typer.Option(help="cProfile a cached load that misses the target.")
                       ] = True,
    json_path: Annotated[Path | None, typer.Option("--json", help="Write the JSON here.")
                         ] = None,
    results_dir: Annotated[Path, typer.Option(help="Where to write load.json.")] = RESULTS_DIR,
) -> None:
    """Time first vs cached model load in fresh processes and record peak memory."""
    finish(run(model, quick, repeats or (1 if quick else 3), profile), results_dir, json_path)


if __name__ == "__main__":
    typer.run(main)
