"""Precision/recall of the duct-tape detector vs ruff, pylint, bandit and flake8-bugbear.

Why this script exists: the detector's claim (docs/design.md, Targets: precision and recall
>= 0.85 on real-world code, where the usual linters together reach ~0.62/0.43)
must be regenerable by anyone. It reads the labelled corpus
(benchmarks/lint/corpus/*.yaml, labelling rules in LABELS.md), writes every
snippet to a scratch tree under its original relative path (so test files and
conftest.py stay recognisable), runs every tool once over the tree, and counts
an item as *flagged* by a tool when the tool reports any relevant code on it.

Run::

    .venv/bin/python benchmarks/lint/bench.py            # prints the table
    .venv/bin/python benchmarks/lint/bench.py --out benchmarks/lint

Writes results.json (per-item verdicts and the metrics) and results.md (tables)
for the original corpus, and benchmarks/results/lint_independent.json plus
results_independent.md for the independent set (``independent/``, labels by
maintainers and transcript authors, see LABELLING.md), split into ``tune``
(batches 1-6) and ``untouched-4`` (batch 7, never tuned on); the splits the
first batches formed before they were promoted are reported as ``was-*`` rows.
``--show-errors tune`` lists the misjudged tune items (never untouched ones:
that split is reported, not read).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from selftaught.lint import lint_source

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent

RUFF_CODES = ("E722", "BLE001", "S110", "S112", "SIM105", "B012", "PGH003", "PGH004",
              "PT011", "PT012", "PT015", "PT017")
PYLINT_CODES = ("W0702", "W0718", "W0719", "W0150")
BANDIT_CODES = ("B110", "B112")
BUGBEAR_CODES = ("B001", "B012", "B015", "B017", "E722")
TOOLS = ("selftaught", "ruff", "pylint", "bandit", "bugbear", "others")
RESULTS = HERE.parent / "results"
UNTOUCHED_PERCENT = 45
"""Share of batches 1-2 in the `untouched` split (fixed before any result was seen)."""
UNTOUCHED_4 = "untouched-4"
"""Batch 7 (independent/batch7.py): new repositories, curated after the rules of its round
were committed and pinned before any tool ran on it. Never tuned on."""
PROMOTED = "2026-12-03"
"""Until this date batches 1-2 were split by a hash into `tune` and `untouched`, and batches
3-5 formed the clean `untouched-2`. That day the per-item errors of `untouched-2` and some
items of `untouched` were read for rule work, so both became tuning material; the held-out
number is `untouched-3` from then on (docs/lint.md). `origin` keeps the old split names so
their history stays reportable."""
PROMOTED_3 = "2026-12-03 (second round)"
"""Batch 6 was the clean `untouched-3` split until its per-item errors were read for the
next round's rules (docs/lint.md); since then it is `tune` too, reported as `was-untouched-3`."""
INDEPENDENT_SPLITS = ("tune", UNTOUCHED_4)
ORIGINS = ("was-tune", "was-untouched", "was-untouched-2", "was-untouched-3")
BATCHES = (2, 3, 4, 5, 6, 7)
SUMMARY_ROWS = ("all", "tune", UNTOUCHED_4, *ORIGINS, "batch2", "batch3", "batch4", "batch5",
                "batch6", "batch7")


@dataclass(frozen=True)
class Item:
    """One labelled corpus snippet."""

    id: str
    path: str
    snippet: str
    duct_tape: bool
    family: str
    added: bool
    fresh: str
    """``fresh`` / ``fresh2``: collected and labelled after the rules were frozen; "" otherwise."""

    independent: bool = False
    """From ``independent/`` (labelled by maintainers or transcript authors)."""
    batch: int = 1
    """2: added to the independent set after the rules were written; 3-5: eighteen new
    repositories (the clean `untouched-2` split until it was promoted to `tune`); 6: twelve
    more new repositories (`untouched-3` until it was promoted); 7: new repositories again
    (`untouched-4`)."""

    @property
    def heldout(self) -> bool:
        """~30% of the original items held out, fixed by the id's hash (nobody picks which)."""
        return not self.fresh and hashlib.sha256(self.id.encode()).digest()[0] % 10 < 3

    @property
    def split(self) -> str:
        if self.independent:
            # batch 7 whole: curated after the rules were frozen; everything older: promoted
            return UNTOUCHED_4 if self.batch >= 7 else "tune"
        return self.fresh or ("held-out" if self.heldout else "tuning")

    @property
    def origin(self) -> str:
        """The split an independent item had before it was promoted (``was-*``), or ``new``."""
        if self.batch >= 7:
            return "new"
        if self.batch == 6:
            return "was-untouched-3"
        if self.batch >= 3:
            return "was-untouched-2"
        digest = hashlib.sha256(f"independent-split-v1:{self.id}".encode()).hexdigest()
        return "was-untouched" if int(digest, 16) % 100 < UNTOUCHED_PERCENT else "was-tune"


def load_corpus(directory: Path = HERE / "corpus") -> list[Item]:
    """All items of the corpus YAML files, checked for the required fields."""
    items: list[Item] = []
    for f in sorted(directory.glob("*.yaml")):
        for n, raw in enumerate(yaml.safe_load(f.read_text(encoding="utf-8")) or []):
            try:
                items.append(Item(
                    id=raw["id"], path=raw["path"], snippet=raw["snippet"],
                    duct_tape=bool(raw["label"]["duct_tape"]), family=raw["label"]["family"],
                    added=raw.get("mode") == "added", fresh=str(raw.get("split") or ""),
                ))
            except (KeyError, TypeError) as exc:
                raise SystemExit(f"{f}: item {n}: missing field {exc} (see LABELS.md)") from exc
    ids = [i.id for i in items]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise SystemExit(f"duplicate corpus ids: {', '.join(dupes)}")
    return items


def load_independent(directory: Path = HERE / "independent") -> list[Item]:
    """The independent set: provenance.yaml records plus one snippet file each."""
    records = yaml.safe_load((directory / "provenance.yaml").read_text(encoding="utf-8")) or []
    items = []
    for n, rec in enumerate(records):
        try:
            snippet = (directory / rec["file"]).read_text(encoding="utf-8")
            for field in ("labeller", "basis", "reason"):
                if not rec.get(field):
                    raise KeyError(field)
            if not rec["source"].get("url") or not rec["source"].get("licence"):
                raise KeyError("source.url/licence")
            items.append(Item(
                id=rec["id"], path=rec["path"], snippet=snippet,
                duct_tape=bool(rec["label"]["duct_tape"]), family=rec["label"]["family"],
                added=rec.get("mode") == "added", fresh="", independent=True,
                batch=int(rec.get("batch", 1)),
            ))
        except (KeyError, TypeError, OSError) as exc:
            raise SystemExit(f"{directory / 'provenance.yaml'}: record {n}: {exc} "
                             "(see LABELLING.md)") from exc
    ids = [i.id for i in items]
    if len(ids) != len(set(ids)):
        raise SystemExit("duplicate ids in independent/provenance.yaml")
    return items


def run_selftaught(items: list[Item]) -> dict[str, bool]:
    """The detector; `mode: added` items are judged as if every line were added."""
    out = {}
    for it in items:
        added = set(range(1, it.snippet.count("\n") + 2)) if it.added else None
        out[it.id] = bool(lint_source(it.snippet, it.path, added_lines=added))
    return out


def _tool(name: str, args: list[str], cwd: Path) -> str:
    exe = BIN / name
    if not exe.exists():
        raise SystemExit(f"{name} is not installed in {BIN} (pip install -e '.[dev]')")
    proc = subprocess.run([str(exe), *args], cwd=cwd, capture_output=True, text=True,
                          check=False, timeout=900)
    if proc.returncode not in (0, 1, 2, 4, 8, 16, 20, 28, 30, 32) and not proc.stdout:
        raise SystemExit(f"{name} failed ({proc.returncode}): {proc.stderr.strip()[:500]}")
    return proc.stdout


def _flagged(hits: Iterable[str], items: list[Item]) -> dict[str, bool]:
    """Map reported file paths (relative, starting with the item id) to item verdicts."""
    hit_ids = {Path(h).parts[0] for h in hits}
    return {it.id: it.id in hit_ids for it in items}


def run_ruff(items: list[Item], root: Path) -> dict[str, bool]:
    """ruff with the exception/pytest/suppression rules (E722, BLE, S110, S112, SIM105, ...)."""
    raw = _tool("ruff", ["check", "--isolated", "--no-cache", "--output-format", "json",
                         "--select", ",".join(RUFF_CODES), "."], root)
    found = json.loads(raw or "[]")
    return _flagged((str(Path(r["filename"]).resolve().relative_to(root.resolve()))
                     for r in found if r.get("code") in RUFF_CODES), items)


def run_pylint(items: list[Item], root: Path) -> dict[str, bool]:
    """pylint's bare-except, broad-exception-caught/raised and lost-exception checks."""
    files = sorted(str(p.relative_to(root)) for p in root.rglob("*.py"))
    raw = _tool("pylint", ["--disable=all", f"--enable={','.join(PYLINT_CODES)}",
                           "--output-format=json", "--score=n", *files], root)
    found = json.loads(raw or "[]")
    return _flagged((r["path"] for r in found if r.get("message-id") in PYLINT_CODES), items)


def run_bandit(items: list[Item], root: Path) -> dict[str, bool]:
    """bandit's try-except-pass (B110) and try-except-continue (B112)."""
    raw = _tool("bandit", ["-q", "-f", "json", "-r", ".", "-t", ",".join(BANDIT_CODES)], root)
    found = json.loads(raw or "{}").get("results", [])
    return _flagged((str(Path(r["filename"])) for r in found
                     if r.get("test_id") in BANDIT_CODES), items)


def run_bugbear(items: list[Item], root: Path) -> dict[str, bool]:
    """flake8 with flake8-bugbear (B001 bare except, B012 return in finally, ...)."""
    raw = _tool("flake8", ["--isolated", f"--select={','.join(BUGBEAR_CODES)}",
                           "--format=%(path)s\t%(code)s", "."], root)
    hits = []
    for line in raw.splitlines():
        path, _, code = line.partition("\t")
        if code.strip() in BUGBEAR_CODES:
            hits.append(re.sub(r"^\./", "", path))
    return _flagged(hits, items)


def metrics(items: list[Item], pred: dict[str, bool]) -> dict[str, float | int]:
    """Precision, recall, F1 and the confusion counts."""
    tp = sum(1 for i in items if i.duct_tape and pred[i.id])
    fp = sum(1 for i in items if not i.duct_tape and pred[i.id])
    fn = sum(1 for i in items if i.duct_tape and not pred[i.id])
    tn = len(items) - tp - fp - fn
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f1, 3),
            "tp": tp, "fp": fp, "fn": fn, "tn": tn, "n": len(items)}


def evaluate(items: list[Item], scratch: Path) -> dict[str, dict[str, bool]]:
    """Every tool's verdict on every item."""
    for it in items:
        target = scratch / it.id / it.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(it.snippet, encoding="utf-8")
    runners: dict[str, Callable[[list[Item], Path], dict[str, bool]]] = {
        "ruff": run_ruff, "pylint": run_pylint, "bandit": run_bandit, "bugbear": run_bugbear,
    }
    verdicts = {"selftaught": run_selftaught(items)}
    for name, fn in runners.items():
        print(f"running {name} ...", file=sys.stderr, flush=True)
        verdicts[name] = fn(items, scratch)
    verdicts["others"] = {i.id: any(verdicts[t][i.id] for t in runners) for i in items}
    return verdicts


def table(items: list[Item], verdicts: dict[str, dict[str, bool]],
          split_names: tuple[str, ...] = ("tuning", "held-out", "fresh", "fresh2"),
          ) -> dict[str, dict]:
    """Metrics per split and per family (overall and within each split), for every tool."""
    splits: dict[str, list[Item]] = {"all": items}
    for name in split_names:
        splits[name] = [i for i in items if i.split == name]
    if items and items[0].independent:
        for batch in BATCHES:
            splits[f"batch{batch}"] = [i for i in items if i.batch == batch]
        for origin in ORIGINS:
            splits[origin] = [i for i in items if i.origin == origin]
    for fam in sorted({i.family for i in items}):
        splits[f"family:{fam}"] = [i for i in items if i.family == fam]
        if items and items[0].independent:
            for name in split_names:
                splits[f"{name}/family:{fam}"] = [i for i in items
                                                  if i.family == fam and i.split == name]
            for origin in ORIGINS:
                splits[f"{origin}/family:{fam}"] = [i for i in items
                                                    if i.family == fam and i.origin == origin]
    return {name: {tool: metrics(subset, verdicts[tool]) for tool in TOOLS}
            for name, subset in splits.items()}


def markdown(results: dict[str, dict], items: list[Item]) -> str:
    """results.md: one table per split."""
    n_pos = sum(i.duct_tape for i in items)
    if items and items[0].independent:
        return markdown_independent(results, items)
    lines = [
        "# Duct-tape detector benchmark",
        "",
        f"Corpus: {len(items)} real-world snippets ({n_pos} duct tape, {len(items) - n_pos} "
        "legitimate look-alikes), labelled by the rules in LABELS.md before the detector ran "
        "on them: `tuning` and `held-out` before the detector existed (rules were tuned on "
        "`tuning` only), `fresh` collected after the rules were frozen, `fresh2` after the "
        "one fix the `fresh` run prompted (see README.md). `others` = an item is "
        "flagged if ruff, pylint, bandit or flake8-bugbear flags it. Regenerate: "
        "`.venv/bin/python benchmarks/lint/bench.py --out benchmarks/lint`.",
        "",
    ]
    for split, per_tool in results.items():
        n = next(iter(per_tool.values()))["n"]
        lines += [f"## {split} (n={n})", "", "| tool | precision | recall | F1 | TP | FP | FN |",
                  "|---|---|---|---|---|---|---|"]
        for tool, m in per_tool.items():
            lines.append(f"| {tool} | {m['precision']:.2f} | {m['recall']:.2f} | "
                         f"{m['f1']:.2f} | {m['tp']} | {m['fp']} | {m['fn']} |")
        lines.append("")
    return "\n".join(lines)


def markdown_independent(results: dict[str, dict], items: list[Item]) -> str:
    """results_independent.md: summary per split, then per family within each split."""
    n_pos = sum(i.duct_tape for i in items)
    lines = [
        "# Duct-tape detector on the independent set",
        "",
        f"{len(items)} real-world snippets ({n_pos} duct tape, {len(items) - n_pos} legitimate "
        "look-alikes) labelled by others: maintainers (a later fix commit, or code kept for "
        "years) and the authors of published reward-hacking transcripts; see LABELLING.md and "
        "independent/provenance.yaml. `tune`: batches 1-6, the items the rules may be tuned on "
        f"(batches 1-5 since {PROMOTED}, batch 6 since {PROMOTED_3}; `was-tune` / "
        "`was-untouched` / `was-untouched-2` / `was-untouched-3` are the splits they formed "
        "before, reported for history, see docs/lint.md); `untouched-4`: batch 7, "
        "repositories no rule was tuned on, curated after this round's rules were "
        "committed and pinned before any tool ran on it, never tuned on. "
        "`others` = flagged "
        "by any of ruff, pylint, bandit, flake8-bugbear. Regenerate: "
        "`.venv/bin/python benchmarks/lint/bench.py --out benchmarks/lint`.",
        "",
        "| split | n | selftaught P / R | others P / R | ruff P / R | pylint P / R | "
        "bandit P / R | bugbear P / R |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for split in SUMMARY_ROWS:
        per = results[split]
        cells = [f"{per[t]['precision']:.2f} / {per[t]['recall']:.2f}"
                 for t in ("selftaught", "others", "ruff", "pylint", "bandit", "bugbear")]
        lines.append(f"| {split} | {per['selftaught']['n']} | " + " | ".join(cells) + " |")
    for split in ("all", *INDEPENDENT_SPLITS, *ORIGINS):
        lines += ["", f"## per family, {split}", "",
                  "| family | n | dt | selftaught P / R | selftaught FP | others P / R | "
                  "others FP | ruff P / R | pylint P / R | bandit P / R | bugbear P / R |",
                  "|---|---|---|---|---|---|---|---|---|---|---|"]
        prefix = "family:" if split == "all" else f"{split}/family:"
        for key, per in results.items():
            if not key.startswith(prefix) or (split == "all" and "/" in key):
                continue
            m = per["selftaught"]
            cells = [f"{per[t]['precision']:.2f} / {per[t]['recall']:.2f}"
                     for t in ("selftaught", "others", "ruff", "pylint", "bandit", "bugbear")]
            cells.insert(1, str(m["fp"]))
            cells.insert(3, str(per["others"]["fp"]))
            lines.append(f"| {key[len(prefix):]} | {m['n']} | {m['tp'] + m['fn']} | "
                         + " | ".join(cells) + " |")
    lines += ["", "P = precision, R = recall, dt = duct-tape items, FP = legitimate items flagged. "
              "A family with no duct-tape items (all look-alikes) shows 0.00 / 0.00; read its FP "
              "column.", ""]
    return "\n".join(lines)


def _evaluate_set(items: list[Item], split_names: tuple[str, ...]
                  ) -> tuple[dict[str, dict[str, bool]], dict[str, dict]]:
    scratch = Path(tempfile.mkdtemp(prefix="lint-bench-"))
    try:
        verdicts = evaluate(items, scratch)
    finally:
        shutil.rmtree(scratch)
    return verdicts, table(items, verdicts, split_names)


def _per_item(items: list[Item], verdicts: dict[str, dict[str, bool]]) -> list[dict]:
    return [{"id": i.id, "family": i.family, "duct_tape": i.duct_tape, "split": i.split,
             **({"origin": i.origin, "batch": i.batch} if i.independent else {}),
             **{t: verdicts[t][i.id] for t in TOOLS}} for i in items]


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; print the summary table; optionally write results files."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="directory for results.json and results.md")
    parser.add_argument("--set", choices=("corpus", "independent", "both"), default="both")
    parser.add_argument("--show-errors", choices=("tune",), default=None,
                        help="list the tune items the detector misjudges (for rule work)")
    args = parser.parse_args(argv)
    t0, c0 = time.time(), time.process_time()
    if args.set in ("independent", "both"):
        ind = load_independent()
        ind_verdicts, ind_results = _evaluate_set(ind, INDEPENDENT_SPLITS)
        print(f"{'independent':<22}{'tool':<12}{'precision':>10}{'recall':>8}{'F1':>7}")
        for split in SUMMARY_ROWS:
            for tool, m in ind_results[split].items():
                print(f"{split:<22}{tool:<12}{m['precision']:>10.3f}{m['recall']:>8.3f}"
                      f"{m['f1']:>7.3f}")
        if args.show_errors == "tune":
            for i in ind:
                if i.split == "tune" and ind_verdicts["selftaught"][i.id] != i.duct_tape:
                    kind = "FN" if i.duct_tape else "FP"
                    print(f"{kind} {i.id} {i.family} {i.path}")
        if args.out is not None:
            RESULTS.mkdir(parents=True, exist_ok=True)
            doc = {"metrics": ind_results, "items": _per_item(ind, ind_verdicts),
                   "untouched_percent": UNTOUCHED_PERCENT,
                   "codes": {"ruff": RUFF_CODES, "pylint": PYLINT_CODES,
                             "bandit": BANDIT_CODES, "bugbear": BUGBEAR_CODES},
                   "machine": {"loadavg": os.getloadavg(), "wall_s": round(time.time() - t0, 1),
                               "cpu_s": round(time.process_time() - c0, 1)}}
            (RESULTS / "lint_independent.json").write_text(json.dumps(doc, indent=2) + "\n",
                                                           encoding="utf-8")
            (args.out / "results_independent.md").write_text(
                markdown(ind_results, ind) + "\n", encoding="utf-8")
    if args.set == "independent":
        return 0
    items = load_corpus()
    verdicts, results = _evaluate_set(items, ("tuning", "held-out", "fresh", "fresh2"))
    print(f"{'split':<22}{'tool':<12}{'precision':>10}{'recall':>8}{'F1':>7}")
    for split in ("all", "tuning", "held-out", "fresh", "fresh2"):
        for tool, m in results[split].items():
            print(f"{split:<22}{tool:<12}{m['precision']:>10.3f}{m['recall']:>8.3f}{m['f1']:>7.3f}")
    if args.out is not None:
        per_item = [{"id": i.id, "family": i.family, "duct_tape": i.duct_tape,
                     "split": i.split, **{t: verdicts[t][i.id] for t in TOOLS}}
                    for i in items]
        doc = {"metrics": results, "items": per_item,
               "codes": {"ruff": RUFF_CODES, "pylint": PYLINT_CODES, "bandit": BANDIT_CODES,
                         "bugbear": BUGBEAR_CODES}}
        doc["machine"] = {"loadavg": os.getloadavg(), "wall_s": round(time.time() - t0, 1),
                          "cpu_s": round(time.process_time() - c0, 1)}
        (args.out / "results.json").write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / "lint_corpus.json").write_text(json.dumps(doc, indent=2) + "\n",
                                                  encoding="utf-8")
        (args.out / "results.md").write_text(markdown(results, items) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
