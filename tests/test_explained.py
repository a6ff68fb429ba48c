"""The explained lines of a batch, each distinct case explained once (crs.cli._explained).

``crs score FILE.jsonl --format jsonl`` explains a chunk of rows by the values
each factor's line reads (``Factor.line_reads``).  These properties prove that
those reads are all a line reads, that the compiled scorer reads nothing else,
and that a chunk's text is byte for byte :meth:`crs.Score.to_json_text` (with
the input line number) on every bundled rule set and on rule sets of one's
own; ``tests/test_cli_chunks.py`` proves the whole command's output equal.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import tempfile
from pathlib import Path
from typing import Any

import attrs
import numpy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import crs
from crs.cli import _chunks, main
from crs.cli._explained import plan
from crs.compiled import Code
from crs.factors.kinds import Custom
from crs.ruleset import Factor, Group, RuleSet
from crs.scoring import resolve
from strategies import examples, profile_dicts
from test_cli_chunks import scalar_lines
from test_compiled import EVERY, _Doubler

EXPLAINED = {
    **EVERY,
    # The rule set of one's own that uses every factor kind, without the two that
    # cannot say what their line reads (a Custom function, a class of one's own).
    "own-explained": attrs.evolve(
        EVERY["own-every-kind"],
        name="own-explained",
        sections=tuple(
            attrs.evolve(
                section,
                parts=tuple(p for p in section.parts if not isinstance(p, (Custom, _Doubler))),
            )
            for section in EVERY["own-every-kind"].sections
        ),
    ),
}
NAMES = sorted(EXPLAINED)


def _leaves(factor: Factor, with_spouse: bool = True) -> list[Factor]:
    """The factors below ``factor`` whose lines are read (a spouse group's: with a spouse)."""
    if type(factor) is Group:
        if factor.only_with_spouse and not with_spouse:
            return []
        return [leaf for part in factor.parts for leaf in _leaves(part, with_spouse)]
    return [factor]


def test_every_bundled_rule_set_is_explained_in_chunks() -> None:
    """Only a factor that cannot say what its line reads sends a batch the scalar way."""
    for rules in crs.RULE_SETS:
        assert plan(rules), rules.name
    assert plan(EXPLAINED["own-explained"])
    assert not plan(EXPLAINED["own-every-kind"])  # a Custom function and a class of one's own


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    one=profile_dicts(),
    other=profile_dicts(),
    name=st.sampled_from(NAMES),
    on=st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2030, 12, 31)),
)
def test_a_line_reads_only_its_line_reads(
    one: dict[str, Any], other: dict[str, Any], name: str, on: dt.date
) -> None:
    """Facts that agree on a factor's ``line_reads`` get the same line from it."""
    rules = EXPLAINED[name]
    try:
        first = resolve(crs.load_profile(one), on, rules)
        second = resolve(crs.load_profile(other), on, rules)
    except crs.ProfileError:
        return  # a date of birth after the date
    for section in rules.sections:
        for leaf in _leaves(section, first.with_spouse):
            reads = leaf.line_reads
            if reads is None:
                continue
            mixed = second._replace(**{field: getattr(first, field) for field in reads})
            assert leaf.line(mixed, rules) == leaf.line(first, rules), leaf.key


def test_the_compiled_scorer_reads_only_line_reads() -> None:
    """What a factor compiles to reads no Facts field its line does not declare."""
    for rules in EXPLAINED.values():
        for section in rules.sections:
            for leaf in _leaves(section):
                if leaf.line_reads is None:
                    continue
                code = Code(rules)
                if leaf.compile(rules, code) is not None:
                    assert set(code.facts_read) <= set(leaf.line_reads), leaf.key


def _scalar_text(data: dict[str, Any], number: int, on: dt.date, rules: RuleSet) -> str:
    text = crs.score(crs.load_profile(data), on, rules=rules).to_json_text()
    return f'{text[:-1]},"line":{number}}}\n'


@settings(max_examples=examples(80), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    batch=st.lists(profile_dicts(with_history=False), min_size=1, max_size=30),
    name=st.sampled_from(NAMES),
    on=st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2030, 12, 31)),
)
def test_a_chunk_explained_is_the_scalar_text(
    batch: list[dict[str, Any]], name: str, on: dt.date
) -> None:
    """Every row the chunk explains reads byte for byte as the scalar path writes it."""
    rules = EXPLAINED[name]
    if not plan(rules):
        return
    texts = [json.dumps(data, ensure_ascii=False) for data in batch]
    objects = [json.loads(text) for text in texts]
    numbers = [i + 3 for i in range(len(batch))]
    colons = [text.count(":") for text in texts]
    found = _chunks._score(objects, numbers, colons, on, "jsonl", rules, numpy)
    for data, number, text in zip(batch, numbers, found, strict=True):
        if text is None:  # not plain (a colon in a text, a check refused): the scalar way
            continue
        assert "".join(text) == _scalar_text(data, number, on, rules)


def test_rows_of_every_kind_are_explained_in_chunks(monkeypatch: Any) -> None:
    """A spouse, French, results that no longer count, a late nomination: all in columns."""
    read_alone = scalar_lines(monkeypatch)
    monkeypatch.setattr(_chunks, "STRICT", True)
    clb = {"test": "clb", "listening": 9, "reading": 8, "writing": 7, "speaking": 10}
    tef = {"test": "tef_canada", "listening": 300, "reading": 250, "writing": 380, "speaking": 360}
    base = {"age": 31, "education": "masters", "first_language": clb}
    rows = [
        base,
        {**base, "id": "C-2", "second_language": tef, "foreign_work_years": 3},
        {**base, "first_language": tef, "second_language": clb},
        {**base, "first_language": {**clb, "test_date": "2020-01-01"}},  # expired
        {**base, "first_language": {**clb, "test_date": "2027-01-01"}},  # after the date
        {**base, "provincial_nomination": True, "nominated_on": "2026-01-01"},  # after it
        {**base, "provincial_nomination": True, "nominated_on": "2024-01-01"},
        {**base, "spouse": {"education": "bachelors", "first_language": clb}},
        {**base, "spouse": {"accompanying": False, "education": "doctoral"}},
        {**base, "spouse": {}, "canadian_work_years": 2, "certificate_of_qualification": True},
        {**base, "sibling_in_canada": True, "canadian_education": "three_year_or_longer"},
        {"age": 44, "education": "secondary"},
    ]
    folder = Path(tempfile.mkdtemp())
    path = folder / "batch.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    on = dt.date(2025, 6, 1)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = main(["score", str(path), "--on", on.isoformat(), "--format", "jsonl"])
    assert status == 0
    assert read_alone == []  # every row explained in the chunk
    rules = crs.rules_in_force(on)
    expected = "".join(_scalar_text(row, i, on, rules) for i, row in enumerate(rows, start=1))
    assert out.getvalue() == expected
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert lines[1]["id"] == "C-2"
    assert lines[8]["lines"] == lines[0]["lines"]  # a spouse who is not coming: as single
    assert len({json.dumps(line["lines"]) for line in lines}) == len(rows) - 1


def _run_into_bytes(path: Path, on: str, encoding: str) -> tuple[int, bytes]:
    """``crs score`` writing to a byte stream of ``encoding``, as to a file or a terminal."""
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding=encoding)
    with contextlib.redirect_stdout(stream), contextlib.redirect_stderr(io.StringIO()):
        status = main(["score", str(path), "--on", on, "--format", "jsonl"])
    stream.flush()
    return status, raw.getvalue()


def test_explained_lines_written_as_bytes_are_the_text_written(monkeypatch: Any) -> None:
    """On a UTF-8 output the chunk writes UTF-8 bytes: the bytes the text gives, escapes too."""
    monkeypatch.setattr(_chunks, "STRICT", True)
    monkeypatch.setattr(_chunks, "_modules", lambda: (numpy, _chunks.stdlib_loads()))
    rows = [
        {"id": "é \u2028 😀", "age": 29, "education": "bachelors"},
        {"id": "lone \ud800 surrogate", "age": 30, "education": "masters"},
        {"id": "C-3", "age": 31, "education": "doctoral", "sibling_in_canada": True},
    ]
    text = "".join(json.dumps(row) + "\n" for row in rows)
    path = Path(tempfile.mkdtemp()) / "batch.jsonl"
    path.write_bytes(text.encode("utf-8"))
    binary: list[bool] = []
    real = _chunks.rows

    def seen(*args: Any, **kwargs: Any) -> Any:
        binary.append(kwargs.get("binary", False))
        return real(*args, **kwargs)

    monkeypatch.setattr(_chunks, "rows", seen)
    for encoding in ("utf-8", "ascii"):
        chunked = _run_into_bytes(path, "2026-11-25", encoding)
        monkeypatch.setattr(_chunks, "ENABLED", False)
        scalar = _run_into_bytes(path, "2026-11-25", encoding)
        monkeypatch.setattr(_chunks, "ENABLED", True)
        assert chunked == scalar
        assert b"\\ud800" in chunked[1]  # the lone surrogate, escaped as the text path does
    assert binary[0] is True  # UTF-8: bytes
    assert binary[-1] is False  # ASCII: text, each character it cannot hold escaped


def _odd_words(values: tuple[Any, ...]) -> str:
    """Words with what JSON escapes, non-ASCII, and (for an odd age) a template's mark."""
    age = values[0]
    return f'"{age}" \\ \t é' + ("\ue000" if age % 2 else "")


def _odd_age(age: int) -> str:
    return f'"{age}" \\ \t é' + ("\ue000" if age % 2 else "")


def _odd_pair(education: Any, years: int) -> str:
    return f"{education.label if education else 'none'} / {years} \u2028"


def _rules_with_odd_words() -> RuleSet:
    from crs.factors.kinds import Tier, Tiers, Words
    from crs.tables import Matrix, Source

    own = Source("A rule set of one's own (explained tests)", confidence="low")
    names = ('no "sibling"', "sibling \ue000")  # a mark in the line's other words
    marked = Matrix("a", "b", names, ("é", "\\"), ((0, 1), (2, 3)), own)
    matrix = Matrix("a", "b", ('no "sibling"', "sibling"), ("é", "\\"), ((0, 1), (2, 3)), own)
    sibling, spouse = Tier("sibling_in_canada"), Tier("with_spouse")
    parts = Words((((0,), _odd_age), ((1, 2), _odd_pair), ((0,), _odd_age)), sep=' "&" ')
    one = Words((((0,), _odd_age),))
    factors = (
        Tiers("own.words", "Words \"quoted\"", marked, sibling, spouse, ("age",), _odd_words),
        Tiers("own.parts", "Parts", matrix, sibling, spouse, ("age", "education", "canadian_years"),
              parts),
        Tiers("own.one", "One part", matrix, spouse, sibling, ("age",), one),
        Tiers("own.marked", "Marked", marked, sibling, spouse, ("age",), one),
    )  # fmt: skip
    current = crs.RULE_SETS[-1]
    return attrs.evolve(
        current,
        name="own-words",
        sections=(*current.sections, Group("own", "E. Own", factors, cap=10)),
    )


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batch=st.lists(profile_dicts(with_history=False), min_size=1, max_size=30))
def test_a_tiers_line_from_its_template_is_the_scalar_text(batch: list[dict[str, Any]]) -> None:
    """A matrix line's text, its words put in a template, is the text of the line in full.

    Words with quotes, a backslash, a tab and non-ASCII go in escaped as the
    full text escapes them, and so do words that hold the template's mark; a
    line whose tier name holds the mark is built in full.  A reason in
    :class:`~crs.factors.kinds.Words` (one part, or three with a separator
    JSON escapes) is said part by part.
    """
    from crs.cli import _explained

    rules = _rules_with_odd_words()
    assert plan(rules)
    _explained._LINES.clear()
    _explained._SAID.clear()
    on = dt.date(2026, 11, 25)
    texts = [json.dumps(data, ensure_ascii=False) for data in batch]
    objects = [json.loads(text) for text in texts]
    numbers = list(range(1, len(batch) + 1))
    colons = [text.count(":") for text in texts]
    found = _chunks._score(objects, numbers, colons, on, "jsonl", rules, numpy)
    for data, number, text in zip(batch, numbers, found, strict=True):
        if text is not None:
            assert "".join(text) == _scalar_text(data, number, on, rules)
    words = rules.sections[-1].parts[0]
    cases = [
        cases
        for key, (factor, _, cases, _) in _explained._LINES.items()
        if factor is words and key[-1] == "said"
    ]
    # A row the chunk explains is read by its template and said in parts.  (A chunk may
    # build a case and still send its row the scalar way, e.g. for a colon in a text.)
    taken = any(text is not None for text in found)
    said = {say for say, _ in _explained._SAID}
    assert not taken or bool(cases)  # read by its template
    assert not taken or {_odd_age, _odd_pair} <= said  # in parts
