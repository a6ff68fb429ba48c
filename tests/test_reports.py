"""The client report: every line's points on the page, self-contained, printable; the CLI."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

import crs
from crs.cli import main
from test_worked_cases import CASES

ROOT = Path(__file__).resolve().parent.parent
ON = "2026-11-25"


class _Rows(HTMLParser):
    """The cells of every row of the table with class ``lines``, and the text of ``.total``."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.total = ""
        self._in_lines = False
        self._cell: list[str] | None = None
        self._in_total = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "table":
            self._in_lines = "lines" in classes
        elif self._in_lines and tag == "tr":
            self.rows.append([])
        elif self._in_lines and tag in ("td", "th"):
            self._cell = []
        elif tag == "span" and "num" in classes and not self.total:
            self._in_total = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._in_lines = False
        elif tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "span":
            self._in_total = False

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if self._in_total:
            self.total += data


def _parse(page: str) -> _Rows:
    parser = _Rows()
    parser.feed(page)
    return parser


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_report_of_every_golden_profile_holds_the_total_and_every_line(name: str) -> None:
    """Each line of the explained score is a row: its label and its points, in order."""
    case = CASES[name]
    found = crs.report(crs.load_profile({**case.profile, "id": f"golden {name}"}), case.on)
    assert found.score.total == case.total
    page = found.to_html()
    parsed = _parse(page)
    assert parsed.total == str(case.total)
    expected = [[line.label, str(line.points)] for top in found.score.lines for line in top.walk()]
    body = [row[:2] for row in parsed.rows[1:-1]]  # between the heading and the total
    assert body == expected
    assert parsed.rows[-1][:2] == ["Total", str(case.total)]
    assert f"golden {name}" in page


def test_the_page_is_self_contained_and_prints() -> None:
    """No script, no external resource; a print stylesheet; the charts are inline SVG."""
    profile = crs.load_profile(json.loads((ROOT / "examples" / "profile.json").read_text()))
    page = crs.report(profile, ON).to_html()
    assert "<script" not in page
    assert "<link" not in page
    assert not re.search(r"\b(src|href)=", page)
    assert "url(" not in page
    assert "@import" not in page
    urls = re.findall(r"https?://[^\"' <]+", page)
    assert urls.count("http://www.w3.org/2000/svg") == 2
    # Other addresses are words of a caveat (the docs page to read), never a resource.
    others = [u for u in urls if u != "http://www.w3.org/2000/svg"]
    assert all(u.startswith("https://crs-calculator.github.io/crs/") for u in others)
    assert page.count("<svg") == 2
    assert "@media print" in page
    assert "thead{display:table-header-group}" in page


def test_every_section_is_on_the_page() -> None:
    """Caveats, eligibility with reasons, what-ifs, the timeline and the rounds."""
    profile = crs.load_profile(
        {
            "id": "C-9 <Ana & Bo>",
            "date_of_birth": "1990-02-01",
            "education": "bachelors",
            "first_language": {
                "test": "ielts",
                "listening": 7.0,
                "reading": 6.5,
                "writing": 6.5,
                "speaking": 7.0,
                "test_date": "2024-01-10",
            },
            "work_history": [{"noc": "21231", "start": "2020-01-06", "in_canada": False}],
        }
    )
    found = crs.report(profile, ON)
    page = found.to_html()
    assert "C-9 &lt;Ana &amp; Bo&gt;" in page
    assert "<Ana" not in page
    assert "Please check" in page
    assert "expired" in page
    for verdict in found.eligibility.programs.values():
        for message in verdict.messages:
            assert message.replace("'", "&#x27;") in page
    top = found.suggestions[0]
    assert f"+{top.gain}" in page
    for change in found.timeline:
        assert f"{change.delta:+d}" in page
    assert f"IRCC held {len(found.placement)} rounds" in page


def test_a_profile_in_no_round_says_so() -> None:
    """No round open to the client: the page says why, and lists none."""
    profile = crs.load_profile({"age": 30, "education": "secondary"})
    page = crs.report(profile, ON).to_html()
    assert "you could not have taken part in any of them" in page
    assert '<table class="rounds">' not in page


def test_cli_writes_the_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``crs report PROFILE -o FILE`` writes the page; ``--format json`` its content."""
    out = tmp_path / "client.html"
    profile = str(ROOT / "examples" / "profile.json")
    assert main(["report", profile, "-o", str(out), "--on", ON]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert main(["report", profile, "--on", ON, "--format", "json"]) == 0
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    assert set(data) == {
        "on",
        "score",
        "eligibility",
        "suggestions",
        "timeline",
        "rounds",
        "standing",
    }
    assert (
        data["score"]["total"]
        == crs.score(crs.load_profile(json.loads(Path(profile).read_text())), ON).total
    )
    bad = tmp_path / "bad.json"
    bad.write_text('{"age": 300, "education": "masters", "id": "C-3"}')
    assert main(["report", str(bad), "-o", str(tmp_path / "x.html")]) == 1
    assert "age: 300 is not between 0 and 120" in capsys.readouterr().err
    assert not (tmp_path / "x.html").exists()


def test_the_json_report_says_the_data_is_old_on_standard_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The page states the notice; the JSON document has no place for it: standard error."""
    from crs.cli import main

    doctor = str(Path(__file__).parent.parent / "examples" / "doctor.json")
    assert main(["report", doctor, "--on", "2026-11-29", "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["on"] == "2026-11-29"
    assert captured.err.startswith("crs report: note: Rounds data may be out of date")
    assert main(["report", doctor, "--on", "2026-10-05", "--format", "json"]) == 0
    assert capsys.readouterr().err == ""
