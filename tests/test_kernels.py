"""score_frame's numba engine (crs._kernels) scores every row as the NumPy walk and crs.score do.

The compiled loop is written from the rule set's factors and tables; these
property tests run it on every bundled rule set and on rule sets of one's own
(every table kind the loop writes, and kinds it does not, which fall back to
the NumPy walk), in chunks small enough that the loop runs beside the reading
of the next chunk, and compare every result column with ``engine="numpy"``
and each total with ``crs.score``.
"""

from __future__ import annotations

import datetime as dt
import pickle
import sys
import weakref
from pathlib import Path
from typing import Any

import attrs
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import crs
import crs.frame
from crs import _kernels
from crs.factors.kinds import Abilities, Table, Tier, Tiers
from crs.flat import rows as flat_rows
from crs.frame import RESULT_COLUMNS, score_frame, typed_frame
from crs.ruleset import Award, Group, RuleSet
from crs.tables import Lookup, Matrix, Source, Spoused, Steps
from strategies import examples, frame_totals, near_valid_dicts, profile_dicts
from test_compiled import EVERY

pytest.importorskip("numba")
pytestmark = [
    pytest.mark.filterwarnings("ignore::crs.frame.CaveatWarning"),
    pytest.mark.filterwarnings("ignore::crs.frame.RowByRowWarning"),  # own-every-kind
]

OWN = Source("A rule set of one's own (kernel tests)", confidence="low")


def _reason(value: Any, _: bool) -> str:
    return str(value)


def _described(values: tuple[Any, ...]) -> str:
    return str(values)


def _every_table_kind() -> RuleSet:
    """The standard sections and a section of one's own with every table kind the loop writes."""
    current = crs.RULE_SETS[-1]
    matrix = Matrix("a", "b", ("0", "1", "2"), ("0", "1"), ((0, 1), (2, 3), (4, 5)), OWN)
    offers = dict.fromkeys(crs.ArrangedEmployment, 11)
    own = Group(
        "own",
        "E. Own",
        (
            Table("own.offer", "Offer", Spoused(Lookup(offers, OWN), Lookup(offers, OWN)),
                  "arranged_employment", _reason),
            Table("own.sibling", "Sibling", Spoused(Award(4, OWN), Award(9, OWN)),
                  "sibling_in_canada", _reason),
            Table("own.same", "Same", Spoused(Award(5, OWN), Award(5, OWN)),
                  "certificate_of_qualification", _reason),
            Table("own.years", "Years held", Award(3, OWN), "canadian_years", _reason),
            Tiers("own.award", "Award tier", matrix, Tier("foreign_years", Award(2, OWN)),
                  Tier("with_spouse"), ("foreign_years",), _described),
            Table("own.mixed", "Mixed", Spoused(Steps(((0, 0), (3, 7)), OWN), Award(2, OWN)),
                  "foreign_years", _reason),
            Table("own.nothing", "Not scored", None, "age", _reason),
            Abilities("own.spouse", "Spouse", Spoused(Steps(((0, 0), (6, 3)), OWN),
                      Steps(((0, 0), (8, 5)), OWN)), "spouse_first", "spouse_first_result",
                      "none", "spouse_first_void"),
            Tiers("own.matrix", "Matrix", matrix, Tier("foreign_years", Steps(((0, 0), (2, 1),
                  (5, 2)), OWN)), Tier("with_spouse"), ("foreign_years",), _described),
            Tiers("own.lowest", "Lowest", matrix,
                  Tier("second", Steps(((0, 0), (6, 1)), OWN), lowest=True),
                  Tier("certificate_of_qualification"), ("second",), _described),
            Group("own.inner", "Inner", (Table("own.inner.age", "Age", "age", "age", _reason),),
                  cap=Spoused(40, 60), only_with_spouse=True),
        ),
        cap=Spoused(70, 90),
    )  # fmt: skip
    return attrs.evolve(current, name="own-table-kinds", sections=(*current.sections, own))


RULE_SETS = {**EVERY, "own-table-kinds": _every_table_kind()}


@pytest.fixture(autouse=True)
def _small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of 4 rows: a frame of a few rows runs the loop beside the reading."""
    monkeypatch.setattr(crs.frame, "_CHUNK", 4)


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    records=st.lists(profile_dicts(with_history=False) | near_valid_dicts(), min_size=1,
                     max_size=14),
    name=st.sampled_from(sorted(RULE_SETS)),
    on=st.dates(dt.date(2015, 1, 1), dt.date(2030, 12, 31)),
    typed=st.booleans(),
)  # fmt: skip
def test_the_loop_scores_every_row_as_the_numpy_walk(
    records: list[Any], name: str, on: dt.date, typed: bool
) -> None:
    rules = RULE_SETS[name]
    records = [r if isinstance(r, dict) else {"value": r} for r in records]
    frame = pd.json_normalize(records)
    if typed:
        frame = typed_frame(frame)
    columns = list(RESULT_COLUMNS)
    fast = score_frame(frame, on, rules=rules, engine="numba")[columns]
    walked = score_frame(frame, on, rules=rules, engine="numpy")[columns]
    pd.testing.assert_frame_equal(fast, walked)


@settings(max_examples=examples(30), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    records=st.lists(profile_dicts(with_history=False) | near_valid_dicts(), min_size=1,
                     max_size=10),
    name=st.sampled_from(sorted(RULE_SETS)),
    on=st.dates(dt.date(2015, 1, 1), dt.date(2030, 12, 31)),
)  # fmt: skip
def test_the_loop_gives_each_row_the_total_of_crs_score(
    records: list[Any], name: str, on: dt.date
) -> None:
    """Each row as the frame holds it (json_normalize drops an empty object) is crs.score's."""
    rules = RULE_SETS[name]
    records = [r if isinstance(r, dict) else {"value": r} for r in records]
    frame = pd.json_normalize(records)
    got = score_frame(frame, on, rules=rules, engine="numba")
    expected: list[tuple[int | None, str | None]] = []
    for row in flat_rows(frame, list(range(len(frame)))):
        try:
            expected.append((crs.score(crs.load_profile(row), on, rules=rules).total, None))
        except crs.ProfileError as exc:
            expected.append((None, "; ".join(str(p) for p in exc.problems)))
    assert frame_totals(got) == expected


def test_every_bundled_rule_set_and_every_table_kind_has_a_loop() -> None:
    """The loop writes every standard kind: only a factor it cannot read falls back."""
    for rules in (*crs.RULE_SETS, RULE_SETS["own-table-kinds"]):
        made = _kernels.kernel(rules)
        assert made is not None, rules.name
        assert "def kernel(" in made.source
    # A Custom function and a factor class of one's own: no loop; walked with NumPy.
    assert _kernels.kernel(EVERY["own-every-kind"]) is None


def test_a_tier_that_can_read_past_its_matrix_is_walked_as_numpy_walks_it() -> None:
    """Levels up to CLB 12 on a two-column matrix: no loop; both engines refuse it alike."""
    current = crs.RULE_SETS[-1]
    matrix = Matrix("a", "b", ("0", "1"), ("0", "1"), ((0, 1), (2, 3)), OWN)
    past = Tiers("own.past", "Past", matrix, Tier("certificate_of_qualification"),
                 Tier("first", lowest=True), ("first",), _described)  # fmt: skip
    own = Group("own", "E. Own", (past,))
    rules = attrs.evolve(current, name="own-past", sections=(*current.sections, own))
    assert _kernels.kernel(rules) is None
    frame = pd.json_normalize([{"age": 30, "education": "masters", "first_language": {
        "test": "celpip", "listening": 9, "reading": 9, "writing": 9, "speaking": 9}}])  # fmt: skip
    for engine in ("numba", "numpy"):
        with pytest.raises(IndexError):
            score_frame(frame, "2026-02-19", rules=rules, engine=engine)


def test_auto_takes_the_loop_only_once_this_process_has_loaded_it() -> None:
    """By the rule set, or by its loop's source: a pickled copy (a worker's) finds it too."""
    rules = attrs.evolve(crs.RULE_SETS[-1], name="a fresh copy", additional_cap=601)  # new loop
    frame = pd.json_normalize([{"age": 30, "education": "masters"}] * 9)
    assert _kernels.loaded(rules) is None
    before = score_frame(frame, "2026-02-19", rules=rules)  # auto: NumPy, nothing loaded
    assert _kernels.loaded(rules) is None
    score_frame(frame, "2026-02-19", rules=rules, engine="numba")
    assert _kernels.loaded(rules) is not None
    pd.testing.assert_frame_equal(score_frame(frame, "2026-02-19", rules=rules), before)
    copy = pickle.loads(pickle.dumps(rules))
    assert _kernels.loaded(copy) is not None
    twin, original = _kernels.loaded(attrs.evolve(rules, name="its twin")), _kernels.loaded(rules)
    assert twin is not None
    assert original is not None
    assert twin.source == original.source


def test_an_unknown_engine_and_a_missing_numba_are_said(monkeypatch: pytest.MonkeyPatch) -> None:
    frame = pd.json_normalize([{"age": 30, "education": "masters"}])
    with pytest.raises(ValueError, match="engine must be one of 'auto', 'numpy', 'numba'"):
        score_frame(frame, "2026-02-19", engine="fast")
    monkeypatch.setattr(_kernels, "available", lambda: False)
    with pytest.raises(ImportError, match=r"crs-calculator\[numba\]"):
        score_frame(frame, "2026-02-19", engine="numba")
    assert score_frame(frame, "2026-02-19", engine="numpy")["total"].tolist() == [
        crs.score(crs.load_profile({"age": 30, "education": "masters"}), "2026-02-19").total
    ]


def test_the_loop_is_kept_by_its_source_in_the_cache_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Written once under $CRS_CACHE_DIR, where numba caches its machine code beside it."""
    monkeypatch.setattr(_kernels, "_KERNELS", weakref.WeakKeyDictionary())
    monkeypatch.setattr(_kernels, "_BY_SOURCE", {})  # compiled by an earlier test: again
    monkeypatch.setenv("CRS_CACHE_DIR", str(tmp_path))
    made = _kernels.kernel(crs.RULE_SETS[-1])
    assert made is not None
    files = list((tmp_path / "kernels").glob("crs_kernel_*.py"))
    assert [f.read_text() for f in files] == [made.source]


def test_a_cache_directory_that_cannot_be_written_compiles_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file where the directory should be, or no home at all: this process only, no file."""
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    monkeypatch.setenv("CRS_CACHE_DIR", str(blocked))
    source = "def kernel(ok, out):\n    return 7\n"
    assert _kernels._compiled(source)(None, None) == 7
    monkeypatch.delenv("CRS_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)

    def homeless() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", homeless)
    assert _kernels._cache_dir() is None
    assert _kernels._compiled(source.replace("7", "8"))(None, None) == 8
    assert list(tmp_path.iterdir()) == [blocked]


def test_threads_making_one_loop_at_once_all_score(monkeypatch: pytest.MonkeyPatch) -> None:
    """Six threads meet a new rule set together: one writes and compiles it, all score."""
    from concurrent.futures import ThreadPoolExecutor

    rules = attrs.evolve(crs.RULE_SETS[-1], name="raced", additional_cap=599)
    frame = pd.json_normalize([{"age": 30, "education": "masters"}] * 9)
    expected = score_frame(frame, "2026-02-19", rules=rules, engine="numpy")
    with ThreadPoolExecutor(6) as pool:
        got = list(pool.map(
            lambda _: score_frame(frame, "2026-02-19", rules=rules, engine="numba"), range(6)
        ))  # fmt: skip
    for result in got:
        pd.testing.assert_frame_equal(result, expected)


def test_a_forked_process_gets_its_own_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    """The worker thread of the parent does not exist in a child: a new one is made."""
    first = _kernels.beside()
    assert _kernels.beside() is first
    monkeypatch.setattr("os.getpid", lambda: -1)
    assert _kernels.beside() is not first


def test_the_default_engine_never_loads_numba_unasked() -> None:
    """engine="auto" in a fresh process: NumPy, and numba not even imported."""
    import subprocess

    code = (
        "import sys, warnings, pandas as pd; warnings.simplefilter('ignore'); "
        "from crs.frame import score_frame; "
        "r = score_frame(pd.json_normalize([{'age': 30, 'education': 'masters'}] * 70000), "
        "'2026-02-19'); print(int(r['total'].iat[0]), 'numba' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    expected = crs.score(crs.load_profile({"age": 30, "education": "masters"}), "2026-02-19")
    assert result.stdout.split() == [str(expected.total), "False"]


class _OwnTier(Tier):
    """A tier class of one's own: it may read differently, so the loop does not write it."""


class _OwnMatrix(Matrix):
    """A matrix class of one's own."""


@attrs.frozen
class _Halves:
    """A table kind of one's own: half the value, rounded down."""

    source: Source = OWN

    def __call__(self, value: int) -> int:
        return value // 2

    def column(self, values: Any) -> Any:
        return values // 2


def _unwritable() -> dict[str, Any]:
    """Factors the loop does not write, each in a section of its own."""
    grid = Matrix(
        "a", "b", ("0", "1", "2"), ("0", "1", "2"), ((0, 1, 2), (3, 4, 5), (6, 7, 8)), OWN
    )
    own_grid = _OwnMatrix("a", "b", ("0", "1"), ("0", "1"), ((0, 1), (2, 3)), OWN)
    offers = dict.fromkeys(list(crs.ArrangedEmployment)[:-1], 5)  # the last member unlisted
    courses = dict.fromkeys(crs.CanadianEducation, 3)
    flag = Tier("sibling_in_canada")
    return {
        "an unlisted member": Table("own.x", "X", Lookup(offers, OWN), "arranged_employment",
                                    _reason),
        "a table of one's own": Table("own.x", "X", _Halves(), "canadian_years", _reason),
        "lookups of two enums": Table("own.x", "X", Spoused(Lookup(courses, OWN),
                                      Lookup(dict.fromkeys(crs.ArrangedEmployment, 4), OWN)),
                                      "canadian_education", _reason),
        "a tier of one's own": Tiers("own.x", "X", grid, _OwnTier("sibling_in_canada"), flag,
                                     (), _described),
        "a tier by spouse": Tiers("own.x", "X", grid, Tier("foreign_years", Spoused(
            Steps(((0, 0), (2, 1)), OWN), Steps(((0, 0), (3, 2)), OWN))), flag, (), _described),
        "a tier below zero": Tiers("own.x", "X", grid, Tier("foreign_years", Steps(
            ((0, -1), (3, 1)), OWN)), flag, (), _described),  # -1: the last row, as Python reads
        "years without a table": Tiers("own.x", "X", grid, Tier("canadian_years"), flag, (),
                                       _described),
        "a matrix of one's own": Tiers("own.x", "X", own_grid, flag, flag, (), _described),
    }  # fmt: skip


@pytest.mark.parametrize("what", sorted(_unwritable()))
def test_a_factor_the_loop_cannot_write_is_walked_with_numpy(what: str) -> None:
    """No loop for the rule set; engine="numba" gives what the NumPy walk gives (or raises).

    Two lookups of different enums are written (read apart, not stacked as one).
    """
    current = crs.RULE_SETS[-1]
    own = Group("own", "E. Own", (_unwritable()[what],), cap=200)
    rules = attrs.evolve(current, name=f"own: {what}", sections=(*current.sections, own))
    assert (_kernels.kernel(rules) is None) is (what != "lookups of two enums")
    records = [
        {"age": 30, "education": "masters", "canadian_work_years": years,
         "sibling_in_canada": years % 2 == 0, "foreign_work_years": years,
         "canadian_education": "one_or_two_year", "arranged_employment": offer}
        for years, offer in zip(range(9), ["major_group_00", None, "teer_0_1_2_3"] * 3,
                                strict=True)
    ]  # fmt: skip
    frame = pd.json_normalize(records)
    outcomes = []
    for engine in ("numba", "numpy"):
        try:
            outcomes.append(score_frame(frame, "2026-02-19", rules=rules, engine=engine))
        except Exception as exc:  # the NumPy walk's own refusal, the same with either engine
            outcomes.append(type(exc))
    if isinstance(outcomes[0], pd.DataFrame):
        pd.testing.assert_frame_equal(outcomes[0], outcomes[1])
    else:
        assert outcomes[0] is outcomes[1]


def test_a_cap_that_is_not_a_whole_number_is_walked_with_numpy() -> None:
    current = crs.RULE_SETS[-1]
    own = Group("own", "E. Own", (Table("own.x", "X", Award(3, OWN), "sibling_in_canada",
                                        _reason),), cap=2.5)  # type: ignore[arg-type]  # fmt: skip
    rules = attrs.evolve(current, name="own: a cap of a half", sections=(*current.sections, own))
    assert _kernels.kernel(rules) is None
