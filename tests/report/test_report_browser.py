"""The report in a real browser: headless Chromium renders it, plots and text, with no errors.

Chromium is the Debian package at /usr/bin/chromium (``bash .ci/chromium.sh``).
If it is missing the test FAILS with that hint: a report nobody checked in a
browser is not a tested report, so this is never skipped.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from chromium_cdp import CHROMIUM, INSTALL_HINT, Chromium

FACTS = """(() => {
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 50 && r.height > 50;
  };
  const svgs = [...document.querySelectorAll('body svg')]
    .filter(s => !s.parentElement.closest('svg'));
  return {
    svg: svgs.length,
    svg_visible: svgs.filter(visible).length,
    svg_with_content: svgs.filter(s => s.querySelectorAll('path, image, text').length > 10).length,
    img: document.querySelectorAll('img').length,
    text: document.body.innerText,
    title: document.title,
    sections: [...document.querySelectorAll('section')].map(s => s.id),
  };
})()"""


def _chromium() -> Chromium:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: {INSTALL_HINT}")
    return Chromium()


def test_report_renders_in_headless_chromium_without_errors(
    run_dir: Path, report_path: Path
) -> None:
    report = report_path
    with _chromium() as browser:
        page = browser.load(report.as_uri(), FACTS)
    assert page.errors() == [], page.errors()
    facts = page.facts
    assert facts["svg"] + facts["img"] > 0
    assert facts["svg"] == 6  # gains, gain vs cost, and per learner a curve and a heatmap
    assert facts["svg_visible"] == 6 and facts["svg_with_content"] == 6
    assert facts["title"] == f"selftaught report: {run_dir.name}"
    assert facts["sections"] == ["summary", "gains", "gain-cost", "learner-diligent",
                                 "learner-memoriser"]
    for text in ("Run summary", "Gains beyond the control", "Learner: diligent",
                 "Metric card (vs control)", "gain/controlled", "Accuracy matrix",
                 "Answers before and after study", "NOTE ch1"):
        assert text in facts["text"], text
    # self-contained: the page and its inline (data:) images are all it loaded
    external = [url for url in page.requests
                if not url.startswith(("data:", report.as_uri()))]
    assert external == []


def test_chromium_missing_is_reported_with_the_install_hint() -> None:
    with pytest.raises(FileNotFoundError, match=r"\.ci/chromium\.sh"):
        Chromium(Path("/nonexistent/chromium"))


def test_the_browser_check_catches_errors_and_external_loads(tmp_path: Path) -> None:
    """The check above can fail: a broken page is caught on every count."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        "<!DOCTYPE html><html><head><title>bad</title></head><body><p>hi</p>"
        "<script>console.error('boom'); notDefined();</script>"
        "<img src='https://example.invalid/x.png'></body></html>",
        encoding="utf-8",
    )
    with _chromium() as browser:
        page = browser.load(bad.as_uri(), FACTS)
    errors = page.errors()
    assert any("boom" in e for e in errors)
    assert any("notDefined" in e for e in errors)
    assert "https://example.invalid/x.png" in page.requests
    assert page.facts["svg"] == 0 and page.facts["img"] == 1


def test_coding_report_with_duct_tape_renders_in_headless_chromium(
    coding_report_path: Path,
) -> None:
    with _chromium() as browser:
        page = browser.load(coding_report_path.as_uri(), FACTS)
    assert page.errors() == [], page.errors()
    facts = page.facts
    assert facts["svg_visible"] == facts["svg"] == 4  # gains, gain vs cost, curve, heatmap
    text = facts["text"]
    for expected in ("Duct tape in code answers", "Duct-tape rate (mean over seeds): 1",
                     "progress reward after the penalty: -0.5", "DT101 × 3",
                     "broad exception handler swallows every error", "except Exception:",
                     "ducttape/rate", "reward/duct_tape_penalty"):
        assert expected in text, expected
    external = [url for url in page.requests
                if not url.startswith(("data:", coding_report_path.as_uri()))]
    assert external == []
