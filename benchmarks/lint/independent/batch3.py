"""Batch 3 of the independent set: six repositories never used for tuning, split `untouched-2`.

Why this script exists: the first `untouched` split was partly contaminated (see
docs/lint.md), so batch 3 gives a held-out number that is clean by construction.
Its items come from six repositories whose code and history no rule was ever
tuned or tested on (gunicorn, invoke, werkzeug, attrs, dateutil, tox); the rules
were frozen (committed) before any candidate was read; every item is in the
`untouched-2` split, which no rule change may be tuned on; and the set was
written and committed before any tool ran on it.

How: `mine.py` lists candidates from each repository's git mirror into
``--mined`` (one ``<owner>+<name>.<kind>.jsonl`` per repository and kind). The
curator read each fix candidate's commit subject and diff and kept or dropped it
by the rules of ../LABELLING.md; the decisions are the tables below (a label
quotes the maintainers' commit, never the curator's opinion of the code). Kept
look-alikes are not chosen by anyone: a seeded hash of ``repo|path|line`` orders
each repository's candidates of one kind and the first K enter the set. At most
two items come from one commit (ordered by a seeded hash), so that one sweeping
commit cannot fill a family.

Run (appends to provenance.yaml and items/; refuses to run twice)::

    python benchmarks/lint/independent/batch3.py --mined DIR
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import json
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import yaml

HERE = Path(__file__).resolve().parent
BATCH = 3
SPLIT = "untouched-2"
LICENCES = {"benoitc/gunicorn": "MIT", "pyinvoke/invoke": "BSD-2-Clause",
            "pallets/werkzeug": "BSD-3-Clause", "python-attrs/attrs": "MIT",
            "dateutil/dateutil": "Apache-2.0 AND BSD-3-Clause", "tox-dev/tox": "MIT"}
PER_COMMIT = 2
"""At most this many items from one commit."""

# (repo, commit prefix, function) -> (duct_tape, family, reason). Fix commits that replaced a
# silent handler with real handling, read from their subject and diff.
HANDLERS = {
    ("benoitc/gunicorn", "52efd777ce", "ChunkedReader.parse_chunk_size"): (
        True, "swallow", "`except NoMoreData: pass` around parse_trailers accepted truncated "
        "chunked bodies; 'fix: reject chunked bodies missing the final CRLF (#3382)' lets it "
        "raise"),
    ("benoitc/gunicorn", "4861595d65", "BodyReceiver._wait_for_disconnect"): (
        True, "swallow", "`except asyncio.CancelledError: pass` turned a cancellation into a fake "
        "disconnect; 'fix: propagate CancelledError in ASGI receive() instead of returning "
        "http.disconnect (#3627)' (leaked DB connections)"),
    ("benoitc/gunicorn", "e90b1c2c1e", "BodyReceiver._wait_for_data"): (
        True, "swallow", "`except asyncio.TimeoutError: pass` produced a fake terminal request; "
        "the fix ('address six WSGI/ASGI parser and protocol findings') marks the receiver closed"),
    ("benoitc/gunicorn", "be27ed4036", "CommandHandlers._query_dirty_workers"): (
        True, "swallow", "`except Exception: pass` hid the status encoding bug fixed by 'fix(ctl): "
        "properly encode/decode MSG_TYPE_STATUS'; the handler now logs the error"),
    ("benoitc/gunicorn", "f4842a5ab8", "Arbiter.spawn_worker"): (
        True, "swallow", "bare `except: pass` around the worker_exit hook replaced by a warning "
        "with the traceback ('Log exception occurring during worker exit')"),
    ("benoitc/gunicorn", "410bcfa6e1", "Statsd.log"): (
        True, "swallow", "`except Exception: pass` hid that statsd logging was broken on Python 3; "
        "'Fix statsd logging to work on Python 3' logs a warning with exc_info"),
    ("benoitc/gunicorn", "410bcfa6e1", "Statsd.gauge"): (
        True, "swallow", "`except Exception: pass` hid that statsd metrics were broken on "
        "Python 3; 'Fix statsd logging to work on Python 3' logs a warning with exc_info"),
    ("benoitc/gunicorn", "410bcfa6e1", "Statsd.increment"): (
        True, "swallow", "`except Exception: pass` hid that statsd metrics were broken on "
        "Python 3; 'Fix statsd logging to work on Python 3' logs a warning with exc_info"),
    ("benoitc/gunicorn", "410bcfa6e1", "Statsd.decrement"): (
        True, "swallow", "`except Exception: pass` hid that statsd metrics were broken on "
        "Python 3; 'Fix statsd logging to work on Python 3' logs a warning with exc_info"),
    ("benoitc/gunicorn", "410bcfa6e1", "Statsd.histogram"): (
        True, "swallow", "`except Exception: pass` hid that statsd metrics were broken on "
        "Python 3; 'Fix statsd logging to work on Python 3' logs a warning with exc_info"),
    ("pallets/werkzeug", "1b72072ce5", "FileSystemCache._prune"): (
        True, "swallow", "`except Exception: pass` around pickle.load; commit 'Fix swallowing of "
        "PickleError in FileSystemCache'"),
    ("pallets/werkzeug", "8a937b3e0d", "_safe_urlsplit"): (
        True, "swallow", "`except UnicodeError: pass  # oh well, we most likely will break later "
        "again` replaced by the real fix ('Don't quote URLs twice in certain code paths. This "
        "fixes #61')"),
    ("tox-dev/tox", "0b8f66f259", "_locate_source"): (
        True, "swallow", "`except ValueError: pass` skipped a config file that failed to load; "
        "'fix: provide clear messaging about config file loading (#3578)' raises HandledError"),
    ("tox-dev/tox", "40aa59be94", "replace_reference"): (
        True, "swallow", "commit 'replace: re-raise exception when load is not KeyError': the old "
        "handler swallowed every load error"),
}

# Skips and xfails removed by a fix (duct tape) or only with their external condition (not).
SKIPS = {
    ("pallets/werkzeug", "50b8216add", "TestAccept.test_accept_wildcard_specificity"): (
        True, "skip", "skipif(True, 'Werkzeug doesn't respect specificity.') removed by 'add "
        "specificity sorting to Accept datastructures'"),
    ("pallets/werkzeug", "3d17d9abaf", "test_reloader_broken_imports"): (
        True, "skip", "skipif(True, reason='Locks up :-/') removed by 'Fixed serving and test with "
        "reloader.'"),
    ("dateutil/dateutil", "31e8c66d76", "ParserTest.test_includes_timestr"): (
        True, "skip", "bare xfail removed by 'Wrap ValueError in ParserError'"),
    ("dateutil/dateutil", "d0404c685d", "TestTzinfoInputTypes.test_invalid_tzinfo_input"): (
        True, "skip", "xfail('Incorrect error raised with bad tzinfo') removed by 'Fix error "
        "condition when invalid tzinfos is passed'"),
    ("dateutil/dateutil", "844f43ba28", "RRuleTest.testStrSetExDateWithTZID"): (
        True, "skip", "xfail removed by 'Add EXDATE parameter parsing to rrulestr'"),
    ("dateutil/dateutil", "844f43ba28", "RRuleTest.testStrSetExDateValueDateTimeWithTZID"): (
        True, "skip", "xfail removed by 'Add EXDATE parameter parsing to rrulestr'"),
    ("dateutil/dateutil", "844f43ba28", "RRuleTest.testStrSetExDateValueDate"): (
        True, "skip", "xfail removed by 'Add EXDATE parameter parsing to rrulestr'"),
    ("dateutil/dateutil", "82fc863aa6", "test_gettz_badzone_unicode"): (
        True, "skip", "xfail(IS_WIN and PY2, 'tzwin fails with non-unicode characters on 2.7') "
        "removed by 'Catch UnicodeEncodeError for Windows in tz.gettz'"),
    ("dateutil/dateutil", "07360b51b9", "test_samoa_transition"): (
        True, "skip", "xfail ('utcoffset() is erroneously returning +14:00 an hour early (GH "
        "#812)') removed by 'Improve handling of base offset shifts'"),
    ("dateutil/dateutil", "2e6138c75d", "test_gettz_badzone"): (
        True, "skip", "xfail removed by 'Stop trying to store None in weakref cache'"),
    ("dateutil/dateutil", "ceb748d1b1", "TzLocalNixTest.testTimeOnlyOffsetLocalUTC"): (
        True, "skip", "skip('Known failure') removed when tzlocal() was fixed for time() objects"),
    ("dateutil/dateutil", "ceb748d1b1", "TzLocalNixTest.testTimeOnlyDSTLocalUTC"): (
        True, "skip", "skip('Known failure') removed when tzlocal() was fixed for time() objects"),
    ("dateutil/dateutil", "ceb748d1b1", "TzLocalNixTest.testTimeOnlyDSTLocalDST"): (
        True, "skip", "skip('Known failure') removed when tzlocal() was fixed for time() objects"),
    ("dateutil/dateutil", "4704a151ad", "ParserTest.test_31_ad"): (
        True, "skip", "skip('Known failure') removed by 'handle pre 0031 dates'"),
    ("python-attrs/attrs", "000c563473",
     "TestClassBuilder.test_no_references_to_original_when_using_cached_property"): (
        True, "skip", "xfail(PY_3_14_PLUS, 'Currently broken on nightly.') removed by 'Fix slotted "
        "reference cycles on 3.14 (#1446)'"),
    ("tox-dev/tox", "559e89cd50", "test_provision_requires_ok"): (
        True, "skip", "skipif(win32, 'Windows subprocess deadlocks during provision recreate') "
        "removed by 'fix(test): resolve Windows CI flake in provision integration tests (#3732)'"),
    ("pallets/werkzeug", "5944de46ad", "test_watchdog_reloader_ignores_closed_no_write"): (
        False, "skip", "skipif(watchdog < 5): dependency version, removed when watchdog was "
        "upgraded"),
    ("pallets/werkzeug", "51926a7a88", "test_scrypt"): (
        False, "skip", "xfail on PyPy ('scrypt unavailable on pypy'): interpreter condition, "
        "removed with the supported versions"),
}
for _fn in ("test_basic_local_asyncio", "test_local_stack_asyncio", "test_chunked_encoding"):
    SKIPS[("pallets/werkzeug", "97e5c11ba6", _fn)] = (
        False, "skip", "interpreter-version skip removed by 'drop Python 3.6'")
for _fn in ("TestFileStorage.test_proxy_can_access_stream_attrs",
            "TestDebugHelpers.test_exc_divider_found_on_chained_exception",
            "test_chained_exception_cycle"):
    SKIPS[("pallets/werkzeug", "9777c0821e", _fn)] = (
        False, "skip", "skipif(PY2): interpreter condition, removed by 'Drop _compat for Python 2'")
SKIPS[("pallets/werkzeug", "ad0ef8c51a", "TestFileStorage.test_save_to_pathlib_dst")] = (
    False, "skip", "skipif(PY2, 'Test only needed in PY3'): interpreter condition")
SKIPS[("benoitc/gunicorn", "e974f30517", "test_ciphers")] = (
    False, "skip", "skipif(sys.version_info < (2, 7)): removed by 'Drop support for Python 2'")
VERSION_DROPS = {("python-attrs/attrs", "a8e24b0186"): "Drop Python 3.7 (#1340)",
                 ("python-attrs/attrs", "08f8319efe"): "Drop Python 3.5 (#988)",
                 ("python-attrs/attrs", "980c8b04f5"): "Drop Python 2.7 (#936)"}
"""Every removed skip of these commits is an interpreter-version skip (read: all of them)."""

# (repo, commit prefix, line in the parent) -> label: other removed lines.
REMOVED = {
    ("benoitc/gunicorn", "c6387b3031", None): (
        True, "assertion-catch", "`except AssertionError: self.alive = False; break` used the "
        "AssertionError eventlet raised for a blocking call in the wrong place as a stop signal; "
        "commit '[eventlet] handle QUIT in a new coroutine' says it 'can be removed, since it was "
        "there to catch the exception raised by the sleep'"),
}
TYPE_IGNORES = {  # fix commits that removed the ignore by fixing the annotation
    ("pallets/werkzeug", "acdf7faf21"): "`type(rv)  # type: ignore[call-arg]` removed by fixing "
    "the annotation of `type` ('TypeConversionDict.get type can be a callable')",
    ("pallets/werkzeug", "c3c82f4576"): "ignore removed by typing the AST helper "
    "('Improve types for AST handling (#2905)')",
    ("pallets/werkzeug", "7080b55acd"): "the annotation was wrong: 'endpoint type is Any' "
    "(`self.endpoint: str = endpoint  # type: ignore` became `t.Any`)",
    ("pallets/werkzeug", "af893ea8ad"): "ignore[misc] on an annotated CallbackDict assignment "
    "removed in 'fix mypy findings'",
}
TYPE_IGNORE_LINES = {("pallets/werkzeug", "f5b71d82b8", 185): (
    "`def application(*args):  # type: ignore` replaced by a real annotation in 'address mypy "
    "strict mode findings'")}

KEPT_K = {"kept-handler": 4, "kept-skip": 2, "kept-eq": 1, "kept-exit": 2, "kept-warnings": 2,
          "kept-assertion": 1, "kept-type-ignore": 2}
KEPT_FAMILY = {"kept-handler": "swallow", "kept-skip": "skip", "kept-eq": "comparison",
               "kept-exit": "exit-tamper", "kept-warnings": "global-silence",
               "kept-assertion": "assertion-catch", "kept-type-ignore": "type-ignore"}


def item_id(*parts: object) -> str:
    return "ind-" + hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:10]


def order(*parts: object) -> str:
    return hashlib.sha256(("batch3-v1|" + "|".join(map(str, parts))).encode()).hexdigest()


def enclosing_function(mirror: Path, rev: str, path: str, line: int) -> str | None:
    """The smallest function around ``line`` in ``rev:path`` (any size), dedented; None when
    the file is not Python 3 (such candidates are left out: every item must parse)."""
    text = subprocess.run(["git", "-C", str(mirror), "show", f"{rev}:{path}"],
                          capture_output=True, text=True, check=True).stdout
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return None
    best = None
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and \
                node.lineno <= line <= (node.end_lineno or 0) and \
                (best is None or node.lineno > best.lineno):
            best = node
    if best is None:
        raise SystemExit(f"no function at {rev}:{path}:{line}")
    lines = text.splitlines()
    start = min([best.lineno, *[d.lineno for d in best.decorator_list]])
    return textwrap.dedent("\n".join(lines[start - 1:best.end_lineno])) + "\n"


def parses(code: str) -> bool:
    try:
        ast.parse(textwrap.dedent(code))
    except SyntaxError:
        return False
    return True


def record(spec: ModuleType, iid: str, repo: str, path: str, snippet: str, duct_tape: bool,
           family: str, reason: str, basis: str, commits: dict, url: str,
           mode: str | None = None) -> dict:
    rec = {"id": iid, "path": path, "label": {"duct_tape": duct_tape, "family": family},
           "reason": reason, "labeller": f"maintainers of {repo}", "basis": basis,
           "source": {"repo": repo, "commits": commits, "url": url,
                      "licence": spec.LICENCES[repo]},
           "batch": spec.BATCH, "split": getattr(spec, "SPLIT", SPLIT),
           "snippet": textwrap.dedent(snippet)}
    if mode:
        rec["mode"] = mode
    return rec


def rows(mined: Path, repo: str, kind: str) -> list[dict]:
    f = mined / f"{repo.replace('/', '+')}.{kind}.jsonl"
    return [json.loads(line) for line in f.read_text().splitlines()] if f.exists() else []


def collect(mined: Path, mirrors: Path, spec: ModuleType) -> list[dict]:
    """Every candidate the decision tables of ``spec`` accept, plus the hash-sampled kept
    look-alikes of ``spec.LICENCES``' repositories."""
    out: list[dict] = []
    for repo in spec.LICENCES:
        mirror = mirrors / repo.replace("/", "+") / "repo"
        for kind, table in (("fixed-handler", spec.HANDLERS), ("removed-skip", spec.SKIPS)):
            for r in rows(mined, repo, kind):
                key = (repo, r["commit"][:10], r["function"])
                label = table.get(key)
                drop = spec.VERSION_DROPS.get((repo, r["commit"][:10]))
                if label is None and kind == "removed-skip" and drop:
                    label = (False, "skip", f"interpreter-version skip removed by '{drop}'")
                fix = getattr(spec, "SKIP_FIXES", {}).get((repo, r["commit"][:10]))
                if label is None and kind == "removed-skip" and fix:  # batch 6 on
                    label = (True, "skip", f"skip/xfail removed by the fix '{fix}'")
                gone = getattr(spec, "CONDITION_GONE", {}).get((repo, r["commit"][:10]))
                if label is None and kind == "removed-skip" and gone:
                    label = (False, "skip", gone)
                if label is None:
                    continue
                dt, fam, reason = label
                out.append(record(
                    spec, item_id(repo, r["commit"], r["path"], r["function"]), repo, r["path"],
                    r["before"], dt, fam, reason,
                    "fix commit (parent version shown)" if dt else
                    "removed only when the external condition went away",
                    {"before": r["commit"] + "^", "fix" if dt else "change": r["commit"]},
                    f"https://github.com/{repo}/commit/{r['commit']}"))
        for r in rows(mined, repo, "removed-assertion"):
            label = spec.REMOVED.get((repo, r["commit"][:10], None))
            if label is None:
                continue
            dt, fam, reason = label
            before = r["before"] if parses(r["before"]) else enclosing_function(
                mirror, r["commit"] + "^", r["path"], r["line"])
            if before is None:
                continue
            out.append(record(spec, item_id(repo, r["commit"], r["path"], r["line"]), repo,
                              r["path"],
                              before, dt, fam, reason, "fix commit (parent version shown)",
                              {"before": r["commit"] + "^", "fix": r["commit"]},
                              f"https://github.com/{repo}/commit/{r['commit']}"))
        for r in rows(mined, repo, "removed-type-ignore"):
            reason = spec.TYPE_IGNORES.get((repo, r["commit"][:10])) or \
                spec.TYPE_IGNORE_LINES.get((repo, r["commit"][:10], r["line"]))
            if reason is None:
                continue
            before = r["before"] if parses(r["before"]) else enclosing_function(
                mirror, r["commit"] + "^", r["path"], r["line"])
            if before is None:
                continue
            out.append(record(spec, item_id(repo, r["commit"], r["path"], r["line"]), repo,
                              r["path"],
                              before, True, "type-ignore", reason,
                              "fix commit (parent version shown)",
                              {"before": r["commit"] + "^", "fix": r["commit"]},
                              f"https://github.com/{repo}/commit/{r['commit']}", mode="added"))
        by_kind: dict[str, list[dict]] = {}
        for r in rows(mined, repo, "kept"):
            by_kind.setdefault(r["kind"], []).append(r)
        for kind, rs in sorted(by_kind.items()):
            rs.sort(key=lambda r: order("kept", repo, r["path"], r["line"]))
            seen: set[tuple] = set()
            for r in rs:
                if len(seen) >= KEPT_K[kind]:
                    break
                if (r["path"], r["function"], r["before"]) in seen or not parses(r["before"]):
                    continue
                seen.add((r["path"], r["function"], r["before"]))
                out.append(record(
                    spec, item_id(repo, r["commit"], r["path"], r["line"]), repo, r["path"],
                    r["before"], False, KEPT_FAMILY[kind],
                    f"{kind[5:]} look-alike at line {r['line']} unchanged since "
                    f"{r['introduced_date']} ({r['introduced'][:10]}) through "
                    f"{r['later_commits_to_file']} later commits to the file",
                    "kept through years of maintenance",
                    {"introduced": r["introduced"], "head": r["commit"]},
                    f"https://github.com/{repo}/blob/{r['commit']}/{r['path']}#L{r['line']}",
                    mode="added" if kind == "kept-type-ignore" else None))
    return out


EXTRA_COLLECTORS: list[Callable[[Path], list[dict]]] = []
"""Further candidate kinds a later batch reads (batch 4: removed success exits)."""


def cap_per_commit(items: list[dict]) -> list[dict]:
    """At most PER_COMMIT items per fix/change commit, chosen by a seeded hash of the id."""
    by_commit: dict[str, list[dict]] = {}
    kept = []
    for it in items:
        commits = it["source"]["commits"]
        change = commits.get("fix") or commits.get("change")
        if change is None:
            kept.append(it)
            continue
        by_commit.setdefault(change, []).append(it)
    for group in by_commit.values():
        group.sort(key=lambda it: order("commit", it["id"]))
        kept += group[:PER_COMMIT]
    return kept


def main(argv: list[str] | None = None, spec: ModuleType | None = None) -> int:
    """Append ``spec``'s batch (this module's batch 3 by default) to the set, once."""
    spec = spec or sys.modules[__name__]
    ap = argparse.ArgumentParser(description=(spec.__doc__ or "").splitlines()[0])
    ap.add_argument("--mined", type=Path, required=True, help="mine.py output directory")
    ap.add_argument("--mirrors", type=Path, required=True,
                    help="directory holding <owner>+<name>/repo git mirrors")
    args = ap.parse_args(argv)
    prov_path = HERE / "provenance.yaml"
    existing = yaml.safe_load(prov_path.read_text(encoding="utf-8")) or []
    if any(r.get("batch") == spec.BATCH for r in existing):
        raise SystemExit(f"{prov_path}: batch {spec.BATCH} is already in the set "
                         "(pinned; not redone)")
    found = collect(args.mined, args.mirrors, spec)
    found += [it for extra in EXTRA_COLLECTORS for it in extra(args.mined)]
    items = cap_per_commit(found)
    ids = [i["id"] for i in items] + [r["id"] for r in existing]
    if len(ids) != len(set(ids)):
        raise SystemExit("duplicate item ids")
    items = [i for i in items if parses(i["snippet"])]
    new = []
    for it in sorted(items, key=lambda i: i["id"]):
        (HERE / "items" / f"{it['id']}.py").write_text(it.pop("snippet"), encoding="utf-8")
        it["file"] = f"items/{it['id']}.py"
        new.append(it)
    with prov_path.open("a", encoding="utf-8") as f:
        f.write(yaml.safe_dump(new, sort_keys=False, width=100, allow_unicode=True))
    fams: dict[tuple[str, bool], int] = {}
    for it in new:
        key = (it["label"]["family"], it["label"]["duct_tape"])
        fams[key] = fams.get(key, 0) + 1
    print(f"batch {spec.BATCH}: {len(new)} items", sorted(fams.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
