"""Textbook load + conformance time versus chapter count (100/200/400 chapters).

Why: validation once grew with the square of the chapter count (the near-copy check
compared every probe with every studied prompt through difflib). This measures load
(parse + validate) and `check_textbook` separately, in CPU seconds, on books built by
concatenating generated arithmetic chapters with unique ids; linear means the time per
chapter stays flat as the book doubles.

    PYTHONPATH=. python benchmarks/validate_scaling.py
    # writes benchmarks/results/validate_scaling.json
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path

from selftaught.generators import generate
from selftaught.textbook import check_textbook, load_textbook, save_textbook
from selftaught.types import Textbook

RESULT = Path(__file__).parent / "results" / "validate_scaling.json"


def big_book(n: int) -> Textbook:
    """``n`` chapters: generated arithmetic books of seeds 0, 1, ..., ids made unique."""
    chapters = []
    seed = 0
    while len(chapters) < n:
        for chapter in generate("arithmetic", seed=seed, chapters=6).chapters:
            data = chapter.model_dump()
            data["id"] = f"s{seed}{data['id']}"
            for group in ("exercises", "probes"):
                for item in data[group]:
                    item["id"] = f"s{seed}{item['id']}"
            chapters.append(data)
        seed += 1
    base = generate("arithmetic", seed=0, chapters=1).model_dump()
    return Textbook.model_validate({**base, "chapters": chapters[:n]})


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in (100, 200, 400):
            path = Path(tmp) / f"book{n}.yaml"
            save_textbook(big_book(n), path)
            start = time.process_time()
            book = load_textbook(path)
            loaded = time.process_time()
            check_textbook(book)
            checked = time.process_time()
            rows.append({"chapters": n, "bytes": path.stat().st_size,
                         "load_cpu_s": round(loaded - start, 3),
                         "check_cpu_s": round(checked - loaded, 3),
                         "cpu_ms_per_chapter": round(1000 * (checked - start) / n, 2)})
            print(rows[-1], flush=True)
    RESULT.write_text(json.dumps({"rows": rows, "loadavg": os.getloadavg()}, indent=2) + "\n")
    print(f"wrote {RESULT}")


if __name__ == "__main__":
    main()
