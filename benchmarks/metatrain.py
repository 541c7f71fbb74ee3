"""Meta-training demonstration: does the meta-trained model make the learner learn unseen books
better than the frozen base model, with identical budgets?

Run (the numbers in docs/metatrain.md and the README):

    SELFTAUGHT_NUM_THREADS=1 python benchmarks/metatrain.py

trains with ``--algorithm`` (default ``rest-em``) on generated ``language`` books, exports
the model to ``<run dir>/model``, and evaluates it (`honest_evaluation`): the untrained
policy's edit parse rate, the controlled gain of the same learner on the trained model vs
the frozen base on unseen seeds, a held-out domain and the hand-written books of
``examples/textbooks/`` (not ``dev/``), paired bootstrap CIs over books, the ratios,
reward-to-evaluation agreement and the ordinary-questions check. ``--trained-model DIR``
evaluates any algorithm's model directory instead of training; ``--quick`` runs the whole
pipeline on ``tiny-random`` in seconds (the tests do). Results: ``benchmarks/results/
metatrain.json`` (with load average and CPU time: the machine is shared).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from pathlib import Path
from typing import Any

from _common import RESULTS_DIR, Report, finish

REPO = Path(__file__).resolve().parent.parent
HAND_WRITTEN = tuple(str(p) for p in sorted((REPO / "examples" / "textbooks").glob("*.md")))
"""The hand-written books (``dev/`` is development material, never evaluated on)."""

DEMO: dict[str, Any] = {
    "algorithm": "rest-em", "iterations": 1, "edits_per_chapter": 8, "train_seeds": [100],
    "eval_seeds": [0], "chapters": 2, "items": 2, "pairs": 3, "question_tokens": 24,
    "edit_answer_tokens": 8, "study_steps": 2, "feedback_steps": 1, "batch_size": 4,
    "answer_tokens": 24, "sft_steps": 8, "sft_lr": 5e-4, "eval_books": list(HAND_WRITTEN),
}
"""The demonstration's scale: what fits in well under an hour on 2 shared CPU cores."""
ICL_DEMO: dict[str, Any] = {
    **DEMO, "algorithm": "icl", "train_seeds": list(range(100, 124)), "eval_seeds": [0, 1],
    "chapters": 1, "items": 8, "meta_steps": 48,
}
"""``--algorithm icl``'s scale, fixed before its run: 24 seeds of each training domain
(``language``, ``discovery``) with 8 probes each = 384 episodes, 48 LoRA steps of 8 (one
pass; the last round's rule), learning rate 5e-4, rank 16 (unchanged); evaluation on the
first chapter (8 probes) of 2 unseen ``language`` seeds, 2 ``arithmetic`` books (held out:
never trained on) and the 4 hand-written books."""
QUICK: dict[str, Any] = {"model": "tiny-random", "eval_books": list(HAND_WRITTEN[:1])}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny-random, tiny settings")
    parser.add_argument("--algorithm", default=None, help="training algorithm (rest-em, pg)")
    parser.add_argument("--trained-model", type=Path, default=None,
                        help="evaluate this model directory instead of training one")
    parser.add_argument("--run-dir", type=Path, default=None,
                        help="training run directory (default runs/train-metatrain-bench)")
    parser.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE",
                        help="override a MetaTrainConfig field (VALUE as JSON)")
    parser.add_argument("--agreement-edits", type=int, default=8)
    parser.add_argument("--agreement-only", type=Path, default=None, metavar="JSON",
                        help="only measure reward-to-evaluation agreement on the run's edits "
                             "and write it here (run beside the evaluation: another process)")
    parser.add_argument("--agreement-result", type=Path, default=None, metavar="JSON",
                        help="take the agreement from this --agreement-only output instead "
                             "of measuring it after the evaluation")
    parser.add_argument("--train-only", action="store_true",
                        help="only train (or resume training) and export the model")
    parser.add_argument("--results-dir", type=Path, default=RESULTS_DIR)
    parser.add_argument("--json", type=Path, default=None, help="result path override")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    logging.getLogger("bm25s").setLevel(logging.WARNING)  # one line per recall otherwise

    from selftaught.metatrain import MetaTrainConfig, local_service
    from selftaught.metatrain.algorithms import run_algorithm
    from selftaught.metatrain.report import honest_evaluation

    base = MetaTrainConfig.quick(**QUICK) if args.quick else MetaTrainConfig()
    overrides: dict[str, Any] = {} if args.quick else dict(
        ICL_DEMO if args.algorithm == "icl" else DEMO)
    if args.algorithm:
        overrides["algorithm"] = args.algorithm
    for pair in args.set:
        key, _, raw = pair.partition("=")
        try:
            overrides[key] = json.loads(raw)
        except json.JSONDecodeError:
            overrides[key] = raw
    config = base.with_overrides(overrides)
    run_dir = args.run_dir or REPO / "runs" / ("train-metatrain-quick" if args.quick
                                               else "train-metatrain-bench")
    if args.agreement_only is not None:
        return agreement_only(config, run_dir, args.agreement_only, args.agreement_edits)
    started, cpu0, load0 = time.perf_counter(), time.process_time(), os.getloadavg()
    phases: dict[str, float] = {}
    if args.trained_model is None:
        resume = (run_dir / "train.sqlite").exists()
        model_dir = run_algorithm(config, run_dir, resume=resume)
        phases["train_s"] = time.perf_counter() - started
        trained_from = str(run_dir)
        if args.train_only:
            print(f"model: {model_dir}; train wall {phases['train_s']:.0f} s, process CPU "
                  f"{time.process_time() - cpu0:.0f} s, load average {load0[0]:.2f} -> "
                  f"{os.getloadavg()[0]:.2f}", flush=True)
            return 0
    else:
        model_dir = args.trained_model
        trained_from = "given"
    t_eval = time.perf_counter()

    def write_partial(comparison: Any) -> None:
        """After each finished book: the result so far, so a stopped run keeps it."""
        details = {"parse_rate": None, "parse_samples": 0,
                   "comparison": json.loads(comparison.to_json()), "agreement": None,
                   "behaviour": None}
        build_report(config, details, str(model_dir), trained_from,
                     {**phases, "evaluate_s": time.perf_counter() - t_eval},
                     wall=time.perf_counter() - started, cpu=time.process_time() - cpu0,
                     load_start=load0).write(args.results_dir, args.json)
        print(f"book {len(comparison.books)}/{comparison.books_planned} done: "
              f"{comparison.per_book[-1]}", flush=True)

    result = honest_evaluation(
        config, str(model_dir), run_dir / "honest", service=local_service(run_dir),
        run_dir=run_dir if args.trained_model is None else None,
        n_agreement=0 if args.agreement_result else args.agreement_edits,
        on_book=write_partial)
    phases["evaluate_s"] = time.perf_counter() - t_eval
    details = result.to_dict()
    if args.agreement_result is not None:
        details["agreement"] = (json.loads(args.agreement_result.read_text())["agreement"]
                                if args.agreement_result.exists() else None)
    report = build_report(config, details, str(model_dir), trained_from, phases,
                          wall=time.perf_counter() - started, cpu=time.process_time() - cpu0,
                          load_start=load0)
    finish(report, args.results_dir, args.json)
    return 0


def agreement_only(config: Any, run_dir: Path, out: Path, n: int) -> int:
    """Reward-to-evaluation agreement of the run's first-iteration edits, as JSON."""
    from dataclasses import asdict

    from selftaught.metatrain import local_service
    from selftaught.metatrain.report import measure_agreement

    started, cpu0, load0 = time.perf_counter(), time.process_time(), os.getloadavg()
    scratch = run_dir / "agreement"
    scratch.mkdir(parents=True, exist_ok=True)
    agreement = measure_agreement(config, run_dir, local_service(run_dir), scratch, n)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({
        "agreement": asdict(agreement), "wall_s": round(time.perf_counter() - started, 1),
        "cpu_s": round(time.process_time() - cpu0, 1), "loadavg_start": load0[0],
        "loadavg_end": os.getloadavg()[0]}, indent=2) + "\n")
    print(json.dumps(asdict(agreement))[:2000])
    return 0


def _fmt_ratio(r: float | None) -> str:
    return "undefined (base gain <= 0)" if r is None else f"{r:.2f}x"


def _fmt_ci(lo: float | None, hi: float | None) -> str:
    """An interval, or why there is none (one book: no spread to resample)."""
    if lo is None or hi is None or lo != lo or hi != hi:
        return "[no interval: 1 book]"
    return f"[{lo:.3f}, {hi:.3f}]"


def _excludes_zero(p: dict[str, Any]) -> bool:
    lo, hi = p["lo"], p["hi"]
    return not (lo is None or hi is None or lo != lo or lo <= 0.0 <= hi)


def _fmt_paired(p: dict[str, Any]) -> str:
    return (f"{p['trained_mean']:+.3f} vs {p['base_mean']:+.3f}, ratio "
            f"{_fmt_ratio(p['ratio'])}, diff {p['difference']:+.3f} "
            f"{_fmt_ci(p['lo'], p['hi'])}, n={p['n']}")


def build_report(config: Any, result: dict[str, Any], model_dir: str, trained_from: str,
                 phases: dict[str, float], *, wall: float, cpu: float,
                 load_start: tuple[float, float, float]) -> Report:
    """The result as a `Report`; parts not measured yet (a partial result written after each
    book: parse rate, behaviour) read "not run". Strict JSON: no NaN anywhere."""
    from selftaught.metatrain.config import SELF_EDIT_ALGORITHMS
    from selftaught.metatrain.evaluate import json_ready

    result = json_ready(result)
    comparison = result["comparison"]
    gain, dense = comparison["gain"], comparison["dense_gain"]
    hand = comparison["by_group"].get("hand-written")
    agreement, behaviour = result["agreement"], result["behaviour"]
    self_edits = config.algorithm in SELF_EDIT_ALGORITHMS
    rho = None if agreement is None else agreement["spearman_dense"
                                                   if config.reward_measure == "answer_logprob"
                                                   else "spearman_accuracy"]
    parse = result["parse_rate"]
    targets = [
        {"target": "controlled gain, trained vs frozen base (all unseen books)",
         "goal": ">= 1.5x and paired 95% CI excludes 0", "measured": _fmt_paired(gain),
         "met": bool(gain["ratio"] is not None and gain["ratio"] >= 1.5
                     and _excludes_zero(gain))},
        {"target": "same, hand-written books only", "goal": ">= 1.5x",
         "measured": "not run" if hand is None else _fmt_paired(hand),
         "met": bool(hand is not None and hand["ratio"] is not None and hand["ratio"] >= 1.5)},
        {"target": "edit parse rate, untrained policy", "goal": ">= 95%",
         "measured": "not run" if parse is None else
         f"{parse:.1%} of {result['parse_samples']}",
         "met": bool(parse is not None and parse >= 0.95)},
        {"target": "reward-to-evaluation agreement (Spearman)", "goal": ">= 0.5",
         "measured": ("not run" if self_edits else
                      f"not applicable: {config.algorithm} scores no self-edits")
         if rho is None else f"{rho:.2f} (n={agreement['n']})",
         "met": bool(rho is not None and rho >= 0.5)},
    ]
    rows = [{"book": r["book"], "group": r["group"], "base_gain": r["base_gain"],
             "trained_gain": r["trained_gain"], "base_logprob_gain": r["base_dense_gain"],
             "trained_logprob_gain": r["trained_dense_gain"]} for r in comparison["per_book"]]
    load_end = os.getloadavg()
    done, planned = len(comparison["books"]), comparison.get("books_planned") or 0
    notes = [
        f"trained model: {model_dir} (from {trained_from}); algorithm {config.algorithm}",
        f"books finished: {done} of {planned}" + ("" if done >= planned else
                                                   " (partial: the evaluation is running)"),
        f"answer-logprob gain: {_fmt_paired(dense)}",
        "ordinary questions: not run" if behaviour is None else
        f"ordinary questions ({behaviour['n']}): base accuracy {behaviour['base_accuracy']:.2f}, "
        f"trained {behaviour['trained_accuracy']:.2f}, identical answers "
        f"{behaviour['agreement']:.2f}, trained answers in self-edit form "
        f"{behaviour['trained_edit_like']:.2f}",
        f"wall {wall:.0f} s, process CPU {cpu:.0f} s, load average at start "
        f"{load_start[0]:.2f} and end {load_end[0]:.2f} (2 shared cores)",
    ]
    summary = {
        "complete": done >= planned and behaviour is not None,
        "ratio": gain["ratio"], "difference": gain["difference"], "ci_lo": gain["lo"],
        "ci_hi": gain["hi"], "hand_written_ratio": None if hand is None else hand["ratio"],
        "parse_rate": parse, "agreement_spearman": rho,
        "dense_difference": dense["difference"],
        "behaviour_base_accuracy": None if behaviour is None else behaviour["base_accuracy"],
        "behaviour_trained_accuracy": None if behaviour is None else
        behaviour["trained_accuracy"],
        "wall_s": round(wall, 1), "cpu_s": round(cpu, 1),
        "loadavg_start": round(load_start[0], 2), "loadavg_end": round(load_end[0], 2),
        **{k: round(v, 1) for k, v in phases.items()},
    }
    return Report(
        name="metatrain", rows=rows,
        columns=["book", "group", "base_gain", "trained_gain", "base_logprob_gain",
                 "trained_logprob_gain"],
        targets=targets, notes=notes, config=json.loads(config.to_json()),
        summary={**summary, "details": result},  # type: ignore[dict-item]
    )


if __name__ == "__main__":
    sys.exit(main())
