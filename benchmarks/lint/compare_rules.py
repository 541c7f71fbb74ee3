"""The detector's rules at an older commit against the working tree's, on the same labelled items.

Why this script exists: a held-out split says how well the current rules do on new code, but
not whether a round of rule work helped there or only on the split it was tuned on. Running the
rules of the commit the round started from on the same items answers that. The older rules are
taken from git (``git archive REF selftaught``) into a scratch directory and run in a separate
process, so the two versions never share an import.

Run::

    .venv/bin/python benchmarks/lint/compare_rules.py 82bed60

Prints precision/recall of both rule versions per split of the independent set and writes
benchmarks/results/lint_rules_compare.json.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
RESULTS = HERE.parent / "results"

_VERDICTS = """
import json, sys
sys.path.insert(0, sys.argv[1])
sys.path.insert(1, sys.argv[2])
import selftaught.lint
assert selftaught.lint.__file__.startswith(sys.argv[1]), selftaught.lint.__file__
from selftaught.lint import lint_source
import bench
out = {}
for it in bench.load_independent():
    added = set(range(1, it.snippet.count("\\n") + 2)) if it.added else None
    out[it.id] = bool(lint_source(it.snippet, it.path, added_lines=added))
json.dump(out, sys.stdout)
"""


def verdicts(code_root: Path) -> dict[str, bool]:
    """Every independent item's verdict under the rules found at ``code_root``."""
    proc = subprocess.run([sys.executable, "-c", _VERDICTS, str(code_root), str(HERE)],
                          capture_output=True, text=True, check=False,
                          env={**os.environ, "PYTHONPATH": ""})
    if proc.returncode != 0:
        raise SystemExit(f"rules at {code_root} failed to run: {proc.stderr.strip()[-500:]}")
    return json.loads(proc.stdout)


def main(argv: list[str] | None = None) -> int:
    """Compare the rules at ``ref`` with the working tree's on every split."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("ref", help="git commit whose selftaught/lint rules are the baseline")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(HERE))
    import bench  # the benchmark's loader and metrics, a sibling script

    t0 = time.time()
    with tempfile.TemporaryDirectory(prefix="lint-rules-") as tmp:
        archive = Path(tmp) / "rules.tar"
        done = subprocess.run(["git", "-C", str(ROOT), "archive", "-o", str(archive), args.ref,
                               "selftaught"], capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise SystemExit(f"git archive {args.ref}: {done.stderr.strip()} (give a commit of "
                             "this repository)")
        with tarfile.open(archive) as tar:
            tar.extractall(Path(tmp) / "old", filter="data")
        old = verdicts(Path(tmp) / "old")
    new = verdicts(ROOT)
    items = bench.load_independent()
    splits = {"all": items, **{s: [i for i in items if i.split == s]
                               for s in bench.INDEPENDENT_SPLITS},
              **{o: [i for i in items if i.origin == o] for o in bench.ORIGINS}}
    report: dict[str, dict] = {}
    print(f"{'split':<18}{'n':>5}  {args.ref[:10]:>16}  {'working tree':>16}")
    for name, subset in splits.items():
        a = bench.metrics(subset, old)
        b = bench.metrics(subset, new)
        report[name] = {"baseline": a, "current": b}
        print(f"{name:<18}{len(subset):>5}  {a['precision']:>7.2f} / {a['recall']:.2f}"
              f"  {b['precision']:>7.2f} / {b['recall']:.2f}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    doc = {"baseline_ref": args.ref, "metrics": report,
           "machine": {"loadavg": os.getloadavg(), "wall_s": round(time.time() - t0, 1)}}
    (RESULTS / "lint_rules_compare.json").write_text(json.dumps(doc, indent=2) + "\n",
                                                     encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
