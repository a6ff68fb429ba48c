"""The front-desk form in a real headless Chromium, filled in as a consultant would.

Playwright drives the system's Chromium (``/usr/bin/chromium``, from the
distribution's packages; Playwright's own browsers are never downloaded).  The
test skips, saying why, only when that browser or Playwright is missing.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("uvicorn", reason="the 'serve' extra is not installed")
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

from servers import running  # noqa: E402

pytestmark = pytest.mark.tooling

CHROMIUM = os.environ.get("CRS_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = Path(os.environ.get("CRS_SCREENSHOTS", "")) if os.environ.get("CRS_SCREENSHOTS") else None

ON = "2026-06-01"
PHYSICIAN: dict[str, Any] = {
    "id": "Dr. A. Okafor",
    "date_of_birth": "1989-07-14",
    "education": "masters",
    "first_language": {
        "test": "ielts",
        "listening": 8.0,
        "reading": 7.5,
        "writing": 7.0,
        "speaking": 7.5,
        "test_date": "2025-09-20",
    },
    "work_history": [
        {
            "noc": "31102",
            "start": "2016-09-01",
            "end": "2024-12-31",
            "hours_per_week": 45,
            "in_canada": False,
        },
        {"noc": "31102", "start": "2025-03-03", "hours_per_week": 40, "in_canada": True},
    ],
}
"""The seed's physician: NOC 31102, 12 months and more in Canada within 3 years of the date."""


@pytest.fixture(scope="module")
def page() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: apt-get install -y chromium")
    with running() as base, sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = browser.new_context(
            viewport={"width": 1400, "height": 1000}, accept_downloads=True
        )
        page = context.new_page()
        page.set_default_timeout(30_000)
        page.goto(f"{base}/")
        page.wait_for_selector("body[data-ready=true]")
        yield page
        browser.close()


def shot(page: Any, name: str) -> None:
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def crs_score(profile: dict[str, Any], tmp_path: Path) -> int:
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(profile), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "crs", "score", str(path), "--on", ON, "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    total: int = json.loads(out)["total"]
    return total


def test_the_physician_typed_into_the_form_gets_the_score_of_crs_score(
    page: Any, tmp_path: Path
) -> None:
    p = PHYSICIAN
    page.fill("#client-id", p["id"])
    page.fill("#on", ON)
    page.fill("#date_of_birth", p["date_of_birth"])
    page.select_option("#education", label="master's or entry-to-practice professional degree")
    page.select_option("#first_language-test", label="IELTS General Training")
    for ability in ("listening", "reading", "writing", "speaking"):
        page.fill(f"#first_language-{ability}", str(p["first_language"][ability]))
    page.fill("#first_language-test_date", p["first_language"]["test_date"])
    page.click("#add-job")
    rows = page.locator("#jobs tr")
    assert rows.count() == 2
    for i, job in enumerate(p["work_history"]):
        row = rows.nth(i)
        row.locator(".noc").fill(job["noc"])
        row.locator(".start").fill(job["start"])
        if "end" in job:
            row.locator(".end").fill(job["end"])
        row.locator(".hours").fill(str(job["hours_per_week"]))
        # A new row's box is ticked (in_canada defaults to true); work abroad unticks it.
        assert row.locator(".in_canada").is_checked()
        row.locator(".in_canada").set_checked(job.get("in_canada", True))
    shot(page, "form-filled")
    page.click("#calculate")
    page.wait_for_selector("#answer:not([hidden])")
    shown = int(page.inner_text("#total"))
    assert shown == crs_score(p, tmp_path)
    # The eligibility the page shows is the one of the service: CEC and the physicians' category.
    table = page.inner_text("#eligibility")
    assert "Canadian Experience Class (CEC)\tyes" in table
    assert page.locator("#what-if li").count() >= 1
    shot(page, "answer")
    with page.expect_download() as download:
        page.click("#download")
    saved = tmp_path / "report.html"
    download.value.save_as(saved)
    assert download.value.suggested_filename == f"crs-report-Dr-A-Okafor-{ON}.html"
    assert f">{shown}<" in saved.read_text(encoding="utf-8")


def test_pasted_json_with_mistakes_shows_each_problem_by_field(page: Any) -> None:
    page.click("#json-box summary")
    bad = {
        **PHYSICIAN,
        "education": "md",
        "first_language": {**PHYSICIAN["first_language"], "reading": 9.7},
    }
    page.fill("#json", json.dumps(bad))
    page.click("#use-json")
    page.wait_for_selector("#problems:not([hidden])")
    text = page.inner_text("#problems")
    assert "education" in text
    assert "first_language.reading" in text
    assert page.is_hidden("#answer")
    shot(page, "problems")


def test_a_pasted_batch_is_told_to_go_to_the_service(page: Any) -> None:
    """An array pasted into the one-client form gets a sentence, not a JavaScript error."""
    if page.is_hidden("#json"):
        page.click("#json-box summary")
    page.fill("#json", json.dumps([PHYSICIAN, PHYSICIAN]))
    page.click("#use-json")
    page.wait_for_selector("#problems:not([hidden])")
    text = page.inner_text("#problems")
    assert "The form takes one profile" in text
    assert "this is a batch of 2" in text
    assert "undefined" not in text
