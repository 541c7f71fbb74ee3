"""Benchmark of the scientist loop: the target table of docs/discover.md.

Measures, on freshly generated worlds of every family:

1. active vs random experimenter: mean standardised held-out error after 10 experiments,
   ratio per family (target <= 0.5), on ``--difficulty`` (hard) worlds with the noise of
   `NOISE`, 32 candidate experiments offered per step (the ratio after 3 is shown too);
2. law recovery of the reference (bayes) and active agents on easy, noise-free worlds
   after 10 experiments (target >= 90% of worlds);
3. the learning agent across series of 5 worlds of one universe: mean experiments to
   recovery on world 5 over world 1 (target <= 0.7), with the bayes agent (same worlds,
   no notes) as control;
4. the LLM agent (embedded SmolLM2-135M by default) on every family, beside the random
   agent on the same worlds;
5. the wall time of the whole script (target <= 10 minutes on 2 cores).

Run: ``python benchmarks/discover.py`` (JSON to benchmarks/results/discover.json).
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import RESULTS_DIR, Report, finish, load_note

from selftaught.discover.run import DiscoverConfig, run_discover

FAMILIES = ("physics", "integers", "zendo", "circuit")
NOISE = {"physics": 0.3, "integers": 0.3, "zendo": 0.0, "circuit": 0.2}
"""Noise of the active-vs-random part: at the families' default (low) noise every agent has
found the law well before 10 experiments at every level, so the comparison is made on noisy
hard worlds (Zendo stays noise-free: its difficulty is which groups to build)."""
CANDIDATES = 32


def _mean(summary, agent: str, key: str) -> float:
    value = summary.agents[agent][key]["mean"]
    return math.nan if value is None else float(value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=10, help="worlds per family")
    parser.add_argument("--difficulty", default="hard", help="level of the active/random part")
    parser.add_argument("--learn-difficulty", default="medium", help="level of the learning part")
    parser.add_argument("--series", type=int, default=4, help="learning series per family")
    parser.add_argument("--llm-seeds", type=int, default=2)
    parser.add_argument("--llm-budget", type=int, default=5)
    parser.add_argument("--model", default=None, help="llm agent model (default: embedded)")
    parser.add_argument("--results-dir", type=Path, default=RESULTS_DIR)
    args = parser.parse_args()
    start, cpu_start = time.perf_counter(), time.process_time()
    rows = []
    targets = []
    root = Path(tempfile.mkdtemp(prefix="discover-bench-"))
    ratios = {}
    for family in FAMILIES:
        s = run_discover(DiscoverConfig(target=family, agents=("random", "active", "bayes"),
                                        seeds=args.seeds, budget=10, noise=NOISE[family],
                                        candidates=CANDIDATES, difficulty=args.difficulty),
                         root / f"ar-{family}")
        easy = run_discover(DiscoverConfig(target=family, agents=("active", "bayes"),
                                           seeds=args.seeds, budget=10, noise=0.0),
                            root / f"easy-{family}")
        learn = run_discover(DiscoverConfig(target=family, agents=("learning",),
                                            seeds=args.series, budget=10,
                                            difficulty=args.learn_difficulty),
                             root / f"learn-{family}")
        e_random, e_active = _mean(s, "random", "error@10"), _mean(s, "active", "error@10")
        ratio = e_active / e_random if e_random > 0 else math.nan  # 0/0: both solved it
        e3_random, e3_active = _mean(s, "random", "error@3"), _mean(s, "active", "error@3")
        ratios[family] = ratio
        by_world = learn.agents["learning"]["experiments_to_recovery_by_world"]
        control = learn.agents["bayes (control)"]["experiments_to_recovery_by_world"]
        w1, w5 = by_world["1"]["mean"], by_world[str(len(by_world))]["mean"]
        rows.append({
            "family": family,
            "random error@10": e_random, "active error@10": e_active,
            "bayes error@10": _mean(s, "bayes", "error@10"), "active/random": ratio,
            "active/random @3": e3_active / e3_random if e3_random > 0 else math.nan,
            "EIG active/random": _mean(s, "active", "eig_vs_random"),
            "recovery bayes (easy, no noise)": _mean(easy, "bayes", "recovery"),
            "recovery active (easy, no noise)": _mean(easy, "active", "recovery"),
            "learning world1": w1, "learning world5": w5,
            "learning w5/w1": w5 / w1 if w1 else math.nan,
            "control w5/w1": (control[str(len(control))]["mean"] / control["1"]["mean"]
                              if control["1"]["mean"] else math.nan),
        })
    for family in FAMILIES:
        llm = run_discover(DiscoverConfig(target=family, agents=("llm", "random"),
                                          seeds=args.llm_seeds, budget=args.llm_budget,
                                          difficulty="easy", model=args.model),
                           root / f"llm-{family}")
        row = next(r for r in rows if r["family"] == family)
        key = f"error@{args.llm_budget}"
        row["llm error@5"] = _mean(llm, "llm", key)
        row["random error@5 (llm worlds)"] = _mean(llm, "random", key)
        row["llm recovery"] = _mean(llm, "llm", "recovery")
        row["llm EIG vs random"] = _mean(llm, "llm", "eig_vs_random")
    wall = time.perf_counter() - start
    for row in rows:
        f = row["family"]
        targets.append({"target": f"active/random error@10, {f}", "goal": "<= 0.5",
                        "measured": row["active/random"],
                        "met": bool(row["active/random"] <= 0.5)})  # NaN (0/0): not met
        best = max(row["recovery bayes (easy, no noise)"], row["recovery active (easy, no noise)"])
        targets.append({"target": f"law recovery easy noise-free, {f}", "goal": ">= 0.9",
                        "measured": best, "met": best >= 0.9})
        targets.append({"target": f"learning world5/world1, {f}", "goal": "<= 0.7",
                        "measured": row["learning w5/w1"], "met": row["learning w5/w1"] <= 0.7})
    targets.append({"target": "whole benchmark wall time (s)", "goal": "<= 600",
                    "measured": wall, "met": wall <= 600})
    report = Report(
        name="discover", rows=rows,
        columns=["family", "random error@10", "active error@10", "active/random",
                 "active/random @3",
                 "recovery bayes (easy, no noise)", "recovery active (easy, no noise)",
                 "learning world1", "learning world5", "learning w5/w1", "control w5/w1",
                 "llm error@5", "random error@5 (llm worlds)", "llm recovery"],
        targets=targets,
        notes=[load_note(), f"wall {wall:.0f} s, process CPU {time.process_time() - cpu_start:.0f}"
               f" s, SELFTAUGHT_NUM_THREADS={os.environ.get('SELFTAUGHT_NUM_THREADS')}",
               "errors are standardised held-out errors (0 perfect, 1 = best constant)",
               "learning columns: mean experiments to recovery (budget + 1 = never)"],
        config={k: v for k, v in vars(args).items() if k != "results_dir"},
        summary={"wall_seconds": wall, **{f"active_over_random/{k}": v
                                          for k, v in ratios.items()}},
    )
    finish(report, args.results_dir)


if __name__ == "__main__":
    main()
