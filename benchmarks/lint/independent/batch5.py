"""Batch 5 of the independent set: six more repositories never used for tuning (`untouched-2`).

Built exactly as batches 3 and 4 (batch3.py) from fabric, rich, flake8, bottle,
pyserial and tenacity, after the last rule change (commit 1d62f09) was committed
and before any tool ran on it. These histories hold few fix commits of the kinds
the set needs, so the batch is mostly kept look-alikes; bench.py reports it on
its own row.

Run (appends to provenance.yaml and items/; refuses to run twice)::

    python benchmarks/lint/independent/batch5.py --mined DIR --mirrors DIR
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import batch3  # a sibling script, not a package

BATCH = 5
LICENCES = {"fabric/fabric": "BSD-2-Clause", "Textualize/rich": "MIT", "PyCQA/flake8": "MIT",
            "bottlepy/bottle": "MIT", "pyserial/pyserial": "BSD-3-Clause",
            "jd/tenacity": "Apache-2.0"}

HANDLERS = {
    ("Textualize/rich", "f6eca21a9b", "Syntax.lexer"): (
        True, "swallow", "`except ClassNotFound: return None` left markdown without a lexer; "
        "'fix markdown on light' falls back to the text lexer"),
}
SKIPS = {
    ("Textualize/rich", "dbb27d30a7", "test_spinner_update"): (
        True, "skip", "skip('Broken with Rule.__rich__measure in place') removed by 'Fix hang when "
        "Rule title greater than required space'"),
    ("Textualize/rich", "ee60bc13ba",
     "test_wrap_wrapped_word_length_greater_than_available_width"): (
        True, "skip", "bare xfail removed by 'Fix text wrapping edge case'"),
    ("PyCQA/flake8", "5d43462c9d", "test_stdin_get_value_crlf"): (
        False, "skip", "xfail(sys.version_info < (3,)): interpreter condition, removed with "
        "Python 2"),
    ("PyCQA/flake8", "40aba49d0d", "test_physical_line_file_not_ending_in_newline_trailing_ws"): (
        False, "skip", "strict xfail 'awaiting fix in pycodestyle' (upstream), removed by 'upgrade "
        "pycodestyle to 2.7.0'"),
    ("jd/tenacity", "3bf33b4409", "TestRetryTyping.test_retry_type_annotations"): (
        False, "skip", "interpreter-version skip removed by 'drop Python 3.9 support (EOL)'"),
}
VERSION_DROPS: dict = {}
REMOVED: dict = {}
TYPE_IGNORES: dict = {}
TYPE_IGNORE_LINES: dict = {}

if __name__ == "__main__":
    sys.exit(batch3.main(spec=sys.modules[__name__]))
