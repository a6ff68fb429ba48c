"""``crs score FILE.jsonl`` in summary, csv and jsonl, scored in vectorised chunks.

The chunked path must write exactly what the scalar path writes, byte for byte,
with the same exit status: for random batches of valid profiles, near-valid
ones, hostile lines and blank lines, on random dates (so every rule set),
across chunk boundaries.  The scalar path is the one taken with the switch off
(``_chunks.ENABLED``), or without NumPy.
"""

from __future__ import annotations

import contextlib
import io
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crs.cli import _batch, _chunks, main
from strategies import examples, near_valid_dicts, profile_dicts, scoring_dates

FORMATS = ("summary", "csv", "jsonl")


@pytest.fixture(autouse=True)
def _strict(monkeypatch: pytest.MonkeyPatch) -> None:
    """A defect of the vectorised path fails the test instead of falling back quietly."""
    monkeypatch.setattr(_chunks, "STRICT", True)


def scalar_lines(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """From now on, the number of each line the chunks hand to the one-at-a-time reader."""
    seen: list[int] = []
    real = _batch.entry_of

    def counted(number: int, raw: Any) -> Any:
        seen.append(number)
        return real(number, raw)

    monkeypatch.setattr(_chunks, "entry_of", counted)
    return seen


def _run(path: Path, on: str, fmt: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        status = main(["score", str(path), "--on", on, "--format", fmt])
    return status, out.getvalue()


def _both(path: Path, on: str, fmt: str) -> tuple[tuple[int, str], tuple[int, str]]:
    """The output of the chunked path and of the scalar path."""
    chunked = _run(path, on, fmt)
    _chunks.ENABLED = False
    try:
        scalar = _run(path, on, fmt)
    finally:
        _chunks.ENABLED = True
    return chunked, scalar


def _write(lines: list[bytes]) -> Path:
    folder = Path(tempfile.mkdtemp())
    path = folder / "batch.jsonl"
    path.write_bytes(b"".join(line + b"\n" for line in lines))
    return path


def _text(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass")


HOSTILE = [
    b"",
    b"   ",
    b"not json",
    b"[1, 2]",
    b"42",
    b"null",
    b"\xff\xfe{}",
    b'\xef\xbb\xbf{"age": 30, "education": "masters"}',
    b'{"age": 30, "age": 31, "education": "masters"}',
    b'{"age": 30, "education": "masters", "id": "a:b"}',
    b'{"age": 30, "education": "masters", "id": "\\u001f"}',
    b'{"age": 30, "education": "masters", "id": "=1+2"}',
    b'{"age": 30, "education": "masters", "id": "\xc3\xa9 \\"q\\" \\u2028 \xf0\x9f\x98\x80"}',
    b'{"age": 30 , "education": "masters"}',
    b'{"age": 30, "education": null}',
    b'{"age": 30.0, "education": "masters"}',
    b'{"age": true, "education": "masters"}',
    b'{"age": 30, "education": "masters", "spouse": {}}',
    b'{"age": 30, "education": "masters", "spouse": []}',
    b'{"age": 30, "education": "masters", "spouse": {"education": "phd"}}',
    b'{"age": 30, "education": "masters", "first_language": {}}',
    b'{"age": 30, "education": "masters", "first_language": 7}',
    b'{"age": 30, "education": "masters", "agee": 3}',
    b'{"age": 30, "education": "masters", "spouse": {"agee": 3}}',
    b'{"age": NaN, "education": "masters"}',
    b'{"age": 1e400, "education": "masters"}',
    b'{"age": 123456789012345678901234567890, "education": "masters"}',
    b'{"age": 30, "education": "masters", "work_history": []}',
    b'{"age": 30, "education": "masters", "first_language": {"test": "ielts", '
    b'"listening": 8, "reading": 7.0, "writing": true, "speaking": 7}}',
    b'{"age": 30, "education": "masters", "first_language": {"test": "celpip", '
    b'"listening": 8.0, "reading": 7, "writing": 7, "speaking": 7, "test_date": "2099-01-01"}}',
]

lines = st.one_of(
    profile_dicts().map(_text),
    profile_dicts(with_history=False, with_dob=False).map(_text),
    near_valid_dicts().map(_text),
    st.sampled_from(HOSTILE),
)


@given(
    batch=st.lists(lines, min_size=1, max_size=40),
    on=scoring_dates,
    fmt=st.sampled_from(FORMATS),
    size=st.sampled_from([1, 3, 8, 8192]),
)
@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_chunked_output_is_the_scalar_output(
    batch: list[bytes], on: Any, fmt: str, size: int
) -> None:
    path = _write(batch)
    chunk = _chunks.CHUNK
    _chunks.CHUNK = size
    try:
        chunked, scalar = _both(path, on.isoformat(), fmt)
    finally:
        _chunks.CHUNK = chunk
    assert chunked == scalar


@pytest.mark.parametrize("fmt", FORMATS)
def test_hostile_lines_each_cost_their_line_only(fmt: str) -> None:
    good = _text({"id": "C-1", "age": 29, "education": "bachelors"})
    path = _write([good, *HOSTILE, good])
    chunked, scalar = _both(path, "2026-11-25", fmt)
    assert chunked == scalar
    assert chunked[0] == 1  # some lines are bad
    assert chunked[1].count("C-1") == 2


def test_the_vectorised_path_scores_plain_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    """Valid plain profiles never reach the scalar reader (else the test above proves little)."""
    seen = scalar_lines(monkeypatch)
    good = [
        _text({"id": f"C-{i}", "age": 20 + i, "education": "masters", "foreign_work_years": i})
        for i in range(10)
    ]
    bad = b'{"age": 30, "education": "phd"}'
    path = _write([*good, bad])
    status, out = _run(path, "2025-06-01", "summary")
    assert status == 1
    assert seen == [11]
    first = json.loads(out.splitlines()[0])
    assert (first["id"], first["line"]) == ("C-0", 1)
    assert first["total"] > 0


def test_without_numpy_the_batch_is_scored_the_scalar_way(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = _write([_text({"age": 30, "education": "masters"}), b"oops"])
    with_numpy = _run(path, "2025-06-01", "csv")
    monkeypatch.setattr(_chunks, "_modules", lambda: None)
    assert _chunks.rows(io.BytesIO(b""), _batch_date(), "csv") is None
    assert _run(path, "2025-06-01", "csv") == with_numpy


def _batch_date() -> Any:
    import datetime as dt

    return dt.date(2025, 6, 1)


def test_mixed_kinds_in_one_column_are_told_apart() -> None:
    """1, 1.0 and True are equal in Python: the column keeps each with its kind."""
    rows = [
        {"age": 30, "education": "masters"},
        {"age": 30.0, "education": "masters"},
        {"age": True, "education": "masters"},
        {"age": 1, "education": "masters"},
    ]
    path = _write([_text(r) for r in rows])
    for fmt in FORMATS:
        chunked, scalar = _both(path, "2025-06-01", fmt)
        assert chunked == scalar


def test_each_row_gets_its_own_warnings(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows alike but for a test date or a field the rules no longer score warn apart."""
    base = {"age": 30, "education": "masters"}
    result = {"test": "clb", "listening": 9, "reading": 9, "writing": 9, "speaking": 9}
    pte = {"test": "pte_core", "listening": 60, "reading": 60, "writing": 60, "speaking": 60}
    rows = [
        {**base, "first_language": {**result, "test_date": "2020-01-01"}},  # expired
        {**base, "first_language": {**result, "test_date": "2025-01-01"}},
        {**base, "first_language": {**result, "test_date": "2027-01-01"}},  # after the date
        {**base, "first_language": result, "arranged_employment": "major_group_00"},
        {**base, "first_language": {**pte, "test_date": "2023-06-01"}},  # before PTE Core
    ]
    read_alone = scalar_lines(monkeypatch)
    path = _write([_text(row) for row in rows])
    chunked, scalar = _both(path, "2025-06-01", "summary")
    assert chunked == scalar
    assert read_alone == []  # every row was scored in columns
    warnings = [json.dumps(json.loads(line)["warnings"]) for line in chunked[1].splitlines()]
    assert len(set(warnings)) == 5


@pytest.mark.parametrize("on", ["2014-12-31", "2015-01-01", "2030-12-31"])
def test_the_ends_of_the_calendar(on: str) -> None:
    """Before Express Entry every line says so, as in the scalar path."""
    path = _write([_text({"age": 30, "education": "masters"}), b"{}"])
    for fmt in FORMATS:
        chunked, scalar = _both(path, on, fmt)
        assert chunked == scalar


def test_the_standard_library_parser_gives_the_same_output(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without orjson, lines are parsed by the standard library, with the same output."""
    import numpy

    good = [_text({"id": f"C-{i}", "age": 20 + i, "education": "masters"}) for i in range(5)]
    path = _write([*good, *HOSTILE])
    expected = {fmt: _both(path, "2026-11-25", fmt) for fmt in FORMATS}
    monkeypatch.setattr(_chunks, "_modules", lambda: (numpy, _chunks.stdlib_loads()))
    read_alone = scalar_lines(monkeypatch)
    for fmt in FORMATS:
        assert _both(path, "2026-11-25", fmt) == expected[fmt]
    assert not {1, 2, 3, 4, 5} & set(read_alone)  # the good lines were scored in columns


@pytest.mark.parametrize("name", ["clients.csv", "clients.jsonl"])
def test_the_examples_read_the_same_either_way(name: str) -> None:
    """CSV input keeps its reader; the example JSON Lines batch reads the same in chunks."""
    path = Path(__file__).resolve().parent.parent / "examples" / name
    for fmt in FORMATS:
        chunked, scalar = _both(path, "2026-11-25", fmt)
        assert chunked == scalar
        assert chunked[1].count("2025-03-25") >= 4
