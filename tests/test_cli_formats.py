"""Spreadsheets in and out (issue 11) and the summary output (issue 10): every reader, every format.

Readers: CSV (with a byte-order mark and CRLF, as Excel saves it), a JSON array,
JSON Lines and standard input; formats: ``summary`` and ``csv`` of ``crs score``,
``jsonl`` and ``csv`` of ``crs eligible`` and ``crs rounds``.  Client ids are carried
through every output, and a bad row in the middle costs that row only.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

import crs
from crs.cli import _output, main
from crs.cli._csvin import cell_of

ON = "2026-11-25"
ROOT = Path(__file__).resolve().parent.parent
CLIENTS = ROOT / "examples" / "clients.csv"
IDS = ["C-1001", "C-1002", "C-1003", "C-1004", "C-1005", "C-1006"]
BAD_LINE = 5  # C-1004: an IELTS band of 9.5, on the fifth line of the file

Capture = pytest.CaptureFixture[str]

GOOD: dict[str, Any] = {
    "id": "A-1",
    "age": 29,
    "education": "bachelors",
    "first_language": {
        "test": "ielts",
        "listening": 8.0,
        "reading": 7.0,
        "writing": 7.0,
        "speaking": 7.0,
    },
    "foreign_work_years": 3,
}


def run(capsys: Capture, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def excel(tmp_path: Path) -> Path:
    """examples/clients.csv as Excel saves 'CSV UTF-8': a byte-order mark and CRLF."""
    text = CLIENTS.read_text(encoding="utf-8")
    path = tmp_path / "excel.csv"
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    return path


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# --------------------------------------------------------------------------- readers


@pytest.mark.parametrize("fmt", ["summary", "jsonl"])
def test_csv_rows_are_scored_with_ids_and_lines_and_a_bad_row_costs_that_row(
    capsys: Capture, fmt: str
) -> None:
    status, out, _ = run(capsys, "score", str(CLIENTS), "--on", ON, "--format", fmt)
    assert status == 1
    rows = [json.loads(x) for x in out.splitlines()]
    assert [r["id"] for r in rows] == IDS
    assert [r["line"] for r in rows] == [2, 3, 4, 5, 6, 7]
    bad = rows[BAD_LINE - 2]
    assert set(bad) == {"id", "error", "line"}
    assert bad["error"].startswith("first_language.listening: 9.5")
    assert rows[0]["total"] == 429  # V1 of crs-rules §11.3


def test_a_csv_row_scores_as_its_json_profile(capsys: Capture) -> None:
    """Every cell read by its field's spec: the same score as the profile given as JSON."""
    _, out, _ = run(capsys, "score", str(CLIENTS), "--on", ON, "--format", "summary")
    rows = {r["id"]: r for r in map(json.loads, out.splitlines()) if "total" in r}
    profile = {
        "id": "C-1002",
        "education": "masters",
        "age": 32,
        "first_language": {
            "test": "celpip",
            "listening": 10,
            "reading": 10,
            "writing": 10,
            "speaking": 10,
            "test_date": "2025-12-10",
        },
        "canadian_work_years": 2,
        "foreign_work_years": 3,
        "certificate_of_qualification": False,
        "sibling_in_canada": False,
        "provincial_nomination": False,
        "spouse": {
            "education": "bachelors",
            "first_language": {"test": "clb", "listening": 7, "reading": 7, "writing": 7,
                               "speaking": 7},
            "canadian_work_years": 1,
        },
    }  # fmt: skip
    expected = crs.score(crs.load_profile(profile), ON)
    assert rows["C-1002"]["total"] == expected.total
    assert rows["C-1002"]["core"] == expected.core


def test_an_excel_csv_with_a_bom_and_crlf_reads_as_the_plain_file(
    tmp_path: Path, capsys: Capture
) -> None:
    _, plain, _ = run(capsys, "score", str(CLIENTS), "--on", ON, "--format", "csv")
    status, out, _ = run(capsys, "score", str(excel(tmp_path)), "--on", ON, "--format", "csv")
    assert status == 1
    assert out == plain
    assert [r["id"] for r in rows_of(out)] == IDS


def test_csv_on_standard_input_with_a_bom(
    tmp_path: Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = excel(tmp_path).read_bytes()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    status, out, _ = run(capsys, "score", "-", "--on", ON, "--format", "summary")
    assert status == 1
    assert [json.loads(x)["line"] for x in out.splitlines()] == [2, 3, 4, 5, 6, 7]


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_a_json_array_is_a_batch_item_i_on_line_i_plus_1(
    tmp_path: Path, capsys: Capture, bom: bytes
) -> None:
    bad = {**GOOD, "id": "A-2", "age": 29.5}
    items = [GOOD, bad, {**GOOD, "id": "A-3"}]
    path = tmp_path / "book.json"
    path.write_bytes(bom + json.dumps(items, indent=2).encode())
    status, out, _ = run(capsys, "score", str(path), "--on", ON, "--format", "summary")
    assert status == 1
    rows = [json.loads(x) for x in out.splitlines()]
    assert [(r["id"], r["line"]) for r in rows] == [("A-1", 1), ("A-2", 2), ("A-3", 3)]
    assert "error" in rows[1]
    assert rows[1]["error"].startswith("age")


def test_a_json_array_on_standard_input(capsys: Capture, monkeypatch: pytest.MonkeyPatch) -> None:
    text = json.dumps([GOOD, {**GOOD, "id": "A-2"}], indent=2)
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    status, out, _ = run(capsys, "score", "-", "--on", ON, "--format", "csv")
    assert status == 0
    assert [(r["id"], r["line"]) for r in rows_of(out)] == [("A-1", "1"), ("A-2", "2")]


def test_one_profile_json_is_still_one_profile(tmp_path: Path, capsys: Capture) -> None:
    path = tmp_path / "p.json"
    path.write_text(json.dumps(GOOD))
    status, out, _ = run(capsys, "score", str(path), "--on", ON, "--format", "json")
    assert status == 0
    assert json.loads(out)["id"] == "A-1"


def test_bad_csv_rows_each_name_their_line_and_field(tmp_path: Path, capsys: Capture) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(
        b"id,age,education,first_language.test,first_language.listening,"
        b"first_language.reading,first_language.writing,first_language.speaking,sibling_in_canada\n"
        b"B-1,29,bachelors,ielts,8,7,7,7,TRUE\n"
        b"B-2,twenty,bachelors,ielts,8,7,7,7,false\n"
        b"\n"
        b"B-3,29,bachelors,ielts,8,7,7,7,maybe\n"
        b"B-4,29,bachelors,ielts,8,7,7,7,false,extra\n"
        b'B-5,29,"bach\xffelors",ielts,8,7,7,7,false\n'
        b",,,,,,,,\n"
        b'"B-6",29,bachelors,ielts,8,7,7,7,\n'
    )
    status, out, _ = run(capsys, "score", str(path), "--on", ON, "--format", "summary")
    assert status == 1
    rows = [json.loads(x) for x in out.splitlines()]
    assert [r["line"] for r in rows] == [2, 3, 5, 6, 7, 9]
    assert "total" in rows[0]
    assert "total" in rows[-1]
    assert rows[1]["id"] == "B-2"
    assert rows[1]["error"].startswith("age:")
    assert rows[2]["error"].startswith("sibling_in_canada:")
    assert rows[3]["error"] == "the row has 10 cells; the header names 9 columns"
    assert rows[4]["error"].startswith("not UTF-8 text (byte 0xff")


def test_cells_are_read_by_their_fields_specs() -> None:
    assert cell_of("age", "29") == 29
    assert cell_of("age", "29.0") == 29.0  # the Whole spec reads a whole float as in JSON
    assert cell_of("first_language.listening", "7.5") == 7.5
    assert cell_of("id", "1001") == "1001"
    assert cell_of("sibling_in_canada", "TRUE") is True
    assert cell_of("sibling_in_canada", "false") is False
    assert cell_of("spouse", "{}") == {}
    assert cell_of("work_history", "[]") == []
    assert cell_of("education", "  masters ") == "masters"
    assert cell_of("age", "") is None
    assert cell_of("age", "NaN") == "NaN"  # not a number a field takes: reported by the spec


def test_a_quoted_cell_over_two_lines_keeps_the_row_on_its_first_line(
    tmp_path: Path, capsys: Capture
) -> None:
    path = tmp_path / "multi.csv"
    path.write_text('id,age,education\n"Q\n1",29,bachelors\nQ-2,30,masters\n')
    _, out, _ = run(capsys, "score", str(path), "--on", ON, "--format", "summary")
    rows = [json.loads(x) for x in out.splitlines()]
    assert [r["line"] for r in rows] == [2, 4]
    assert rows[0]["error"].startswith("id:")
    assert rows[1]["id"] == "Q-2"


# --------------------------------------------------------------------------- formats


def test_score_csv_has_every_column_and_id(capsys: Capture) -> None:
    status, out, _ = run(capsys, "score", str(CLIENTS), "--on", ON, "--format", "csv")
    assert status == 1
    assert out.splitlines()[0] == (
        "id,line,total,core,spouse,skill_transferability,additional,rules,on,warnings,error"
    )
    rows = rows_of(out)
    assert [r["id"] for r in rows] == IDS
    good = rows[0]
    assert (good["total"], good["rules"], good["on"], good["error"]) == (
        "429",
        "2025-03-25",
        ON,
        "",
    )
    assert rows[BAD_LINE - 2]["total"] == ""
    assert rows[BAD_LINE - 2]["error"]


def test_summary_is_the_full_result_without_its_lines(tmp_path: Path, capsys: Capture) -> None:
    path = tmp_path / "b.jsonl"
    path.write_text(json.dumps(GOOD) + "\n\n" + json.dumps({**GOOD, "id": "A-2"}) + "\n")
    _, full, _ = run(capsys, "score", str(path), "--on", ON, "--format", "jsonl")
    _, summary, _ = run(capsys, "score", str(path), "--on", ON, "--format", "summary")
    for whole, short in zip(full.splitlines(), summary.splitlines(), strict=True):
        a, b = json.loads(whole), json.loads(short)
        assert list(b) == [
            "id",
            "line",
            "total",
            "core",
            "spouse",
            "skill_transferability",
            "additional",
            "rules",
            "on",
            "warnings",
        ]
        assert all(a[k] == b[k] for k in b)
    assert [json.loads(x)["line"] for x in summary.splitlines()] == [1, 3]


@pytest.mark.parametrize("fast", [True, False])
def test_orjson_and_the_standard_library_write_the_same_bytes(
    tmp_path: Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch, fast: bool
) -> None:
    pytest.importorskip("orjson")
    path = tmp_path / "b.jsonl"
    odd = {**GOOD, "id": 'é "q" \\ \u2028 \x1f 😀'}
    path.write_text(json.dumps(GOOD) + "\n" + json.dumps(odd) + "\n{bad\n", encoding="utf-8")
    outputs = []
    for module in (_output._fast(), None):
        monkeypatch.setattr(_output, "_ORJSON", module)
        for fmt in ("summary", "jsonl"):
            outputs.append(run(capsys, "score", str(path), "--on", ON, "--format", fmt)[1])
    half = len(outputs) // 2
    assert outputs[:half] == outputs[half:]
    assert "😀" in outputs[0]


def test_dumps_is_the_standard_librarys_text() -> None:
    data = {"id": "x\u00e9\x00\ud800", "n": [1, -2, 10**30], "w": ["a\nb", "\u2028"], "e": {}}
    assert _output.dumps(data) == _output.stdlib_dumps(data)


def test_eligible_takes_a_batch(tmp_path: Path, capsys: Capture) -> None:
    status, out, _ = run(capsys, "eligible", str(CLIENTS), "--on", ON, "--format", "csv")
    assert status == 1
    rows = rows_of(out)
    assert [r["id"] for r in rows] == IDS
    assert list(rows[0])[:5] == ["id", "line", "fsw", "cec", "fst"]
    assert {rows[0]["fsw"], rows[0]["cec"]} <= {"yes", "no"}
    assert rows[BAD_LINE - 2]["fsw"] == ""
    assert rows[BAD_LINE - 2]["error"]
    status, out, _ = run(capsys, "eligible", str(CLIENTS), "--on", ON, "--format", "jsonl")
    lines = [json.loads(x) for x in out.splitlines()]
    assert [x["id"] for x in lines] == IDS
    assert "programs" in lines[0]
    assert lines[0]["line"] == 2
    status, out, err = run(capsys, "eligible", str(CLIENTS), "--on", ON)
    assert status == 1
    assert out.count("line ") >= 5
    assert "error: line 5, id C-1004: first_language.listening" in err
    status, out, _ = run(capsys, "eligible", str(CLIENTS), "--on", ON, "--format", "json")
    assert [x["line"] for x in json.loads(out)] == [2, 3, 4, 5, 6, 7]


def test_eligible_csv_says_yes_for_a_worker_with_a_work_history(
    tmp_path: Path, capsys: Capture
) -> None:
    profile = json.loads((ROOT / "examples" / "profile.json").read_text())
    path = tmp_path / "one.json"
    path.write_text(json.dumps([profile]))
    _, out, _ = run(capsys, "eligible", str(path), "--on", ON, "--format", "jsonl")
    expected = json.loads(out)["programs"]
    _, out, _ = run(capsys, "eligible", str(path), "--on", ON, "--format", "csv")
    row = rows_of(out)[0]
    for slug in ("fsw", "cec", "fst"):
        assert row[slug] == ("yes" if expected[slug]["eligible"] else "no")
    assert "yes" in row.values()


def test_rounds_takes_a_batch(capsys: Capture, tmp_path: Path) -> None:
    since = ("--since", "2025-11-25")
    status, out, _ = run(capsys, "rounds", str(CLIENTS), "--on", ON, *since, "--format", "csv")
    assert status == 1
    rows = rows_of(out)
    assert list(rows[0]) == [
        "id",
        "line",
        "rounds",
        "eligible",
        "invited",
        "invited_in",
        "undecided_in",
        "best_margin",
        "warnings",
        "error",
    ]
    assert [r["id"] for r in rows] == IDS
    assert rows[BAD_LINE - 2]["error"]
    status, out, _ = run(capsys, "rounds", str(CLIENTS), "--on", ON, *since, "--format", "jsonl")
    lines = [json.loads(x) for x in out.splitlines()]
    assert [x["id"] for x in lines] == IDS
    assert len(lines[0]["rounds"]) == int(rows[0]["rounds"])


def test_rounds_csv_counts_the_invitations(capsys: Capture, tmp_path: Path) -> None:
    profile = json.loads((ROOT / "examples" / "profile.json").read_text())
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(profile) + "\n")
    args = ("--on", ON, "--since", "2025-01-01")
    _, out, _ = run(capsys, "rounds", str(path), *args, "--format", "jsonl")
    results = json.loads(out)["rounds"]
    _, out, _ = run(capsys, "rounds", str(path), *args, "--format", "csv")
    row = rows_of(out)[0]
    invited = [r["number"] for r in results if r["invited"]]
    margins = [r["margin"] for r in results if r["eligible"] and r["margin"] is not None]
    assert row["invited"] == str(len(invited))
    assert row["invited_in"] == " ".join(invited)
    assert row["eligible"] == str(sum(r["eligible"] for r in results))
    assert row["best_margin"] == (str(max(margins)) if margins else "")
    undecided = [r["number"] for r in results if r["eligible"] and r["invited"] is None]
    assert row["undecided_in"] == " ".join(undecided)
    assert row["warnings"] == "; ".join(results[-1]["warnings"])  # the newest round's


def test_rounds_without_a_profile_refuses_csv(capsys: Capture) -> None:
    status, _, err = run(capsys, "rounds", "--on", ON, "--format", "csv")
    assert status == 2
    assert "needs a PROFILE" in err


def test_a_text_cell_that_would_start_a_formula_stays_text() -> None:
    """An id such as =HYPERLINK(...) is written with a leading ' (no CSV injection)."""
    from crs.cli._output import csv_row

    assert csv_row(["=1+1", "+x", "@a", "-1 point", -5, "C-1", None]) == (
        "'=1+1,'+x,'@a,'-1 point,-5,C-1,\r\n"
    )
