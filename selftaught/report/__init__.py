"""The run report: one self-contained HTML page rebuilt from a run's SQLite store.

``data.py`` reads the store and computes every number with `selftaught.metrics`;
``plots.py`` draws matplotlib figures as inline SVG; ``build.py`` renders the
jinja2 template in ``templates/`` into ``runs/<id>/report.html``. Used by
``selftaught report RUN`` and at the end of ``selftaught run``.
"""

from selftaught.report.build import REPORT_FILE, build_report, render_html
from selftaught.report.data import (
    STORE_FILE,
    LearnerReport,
    Pairing,
    ReportError,
    RunReport,
    chapters_of,
    load_run,
    pair_tracks,
)

__all__ = [
    "REPORT_FILE",
    "STORE_FILE",
    "LearnerReport",
    "Pairing",
    "ReportError",
    "RunReport",
    "build_report",
    "chapters_of",
    "load_run",
    "pair_tracks",
    "render_html",
]
