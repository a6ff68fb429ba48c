"""Random, valid profiles in the flat form, for trying things out and for benchmarks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from crs.flat import _modules
from crs.language import SCALES, score_range
from crs.profile import ABILITIES, CanadianEducation, Education, LanguageTest

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["synthetic_frame"]

_SCORES = tuple(ability.value for ability in ABILITIES)


def _frame(value: Any) -> pd.DataFrame:
    return cast("pd.DataFrame", value)


# The weakest result to draw, per test and ability (L, R, W, S); the strongest is the
# top of the test's scale (crs.language.score_range).
_DRAW_FROM: dict[str, tuple[float, ...]] = {
    "ielts": (4.0,) * 4,
    "celpip": (4,) * 4,
    "pte_core": (40,) * 4,
    "clb": (4,) * 4,
    "tef_canada": (145, 121, 181, 181),  # NCLC 4 on the ancien scales
    "tcf_canada": (330, 330, 4, 4),
    "nclc": (4,) * 4,
}


def synthetic_frame(n: int, *, seed: int = 0) -> pd.DataFrame:
    """``n`` random, valid profiles in the flat form :func:`score_frame` reads.

    For trying things out and for benchmarks: ages or dates of birth, every
    education level, every kind of test (with and without a test date),
    second languages, spouses, work years and additional factors.

    >>> synthetic_frame(3, seed=1).shape[0]
    3
    """
    np, pd = _modules()
    rng = np.random.default_rng(seed)
    educations = np.array([e.value for e in Education], dtype=object)
    columns: dict[str, Any] = {}
    use_birth = rng.random(n) < 0.3
    ages = rng.integers(18, 50, n)
    columns["age"] = np.where(use_birth, np.nan, ages)
    born = np.datetime64("1976-01-01") + rng.integers(0, 30 * 365, n).astype("timedelta64[D]")
    columns["date_of_birth"] = np.where(use_birth, born.astype(str).astype(object), None)
    columns["education"] = educations[rng.integers(1, len(educations), n)]
    columns["canadian_work_years"] = rng.choice([0, 0, 0, 1, 2, 3, 5], n)
    columns["foreign_work_years"] = rng.choice([0, 1, 2, 3, 4], n)
    for name, share in (
        ("certificate_of_qualification", 0.05),
        ("sibling_in_canada", 0.1),
        ("provincial_nomination", 0.05),
    ):
        columns[name] = rng.random(n) < share
    columns["canadian_education"] = np.where(
        rng.random(n) < 0.15,
        np.array([c.value for c in CanadianEducation], dtype=object)[rng.integers(0, 2, n)],
        None,
    )
    french_first = rng.random(n) < 0.1
    english = np.array(["ielts", "celpip", "pte_core", "clb"], dtype=object)
    french = np.array(["tef_canada", "tcf_canada", "nclc"], dtype=object)
    first = np.where(
        french_first,
        french[rng.integers(0, 3, n)],
        english[rng.integers(0, 4, n)],
    )
    first[rng.random(n) < 0.03] = None
    second = np.where(french_first, english[rng.integers(0, 4, n)], french[rng.integers(0, 3, n)])
    second[(rng.random(n) < 0.7) | (first == None)] = None  # noqa: E711
    spouse = rng.random(n) < 0.4
    spouse_test = np.where(spouse & (rng.random(n) < 0.6), english[rng.integers(0, 4, n)], None)
    for prefix, tests in (
        ("first_language", first),
        ("second_language", second),
        ("spouse.first_language", spouse_test),
    ):
        columns[f"{prefix}.test"] = tests
        dated = (tests != None) & (rng.random(n) < 0.5)  # noqa: E711
        taken = np.datetime64("2018-06-01") + rng.integers(0, 8 * 365, n).astype("timedelta64[D]")
        columns[f"{prefix}.test_date"] = np.where(dated, taken.astype(str).astype(object), None)
        for a, ability in enumerate(_SCORES):
            values = np.full(n, np.nan)
            for test, lows in _DRAW_FROM.items():
                rows = tests == test
                low, high = lows[a], score_range(LanguageTest(test), ABILITIES[a], None)[1]
                if test == "ielts":
                    drawn = rng.integers(int(low * 2), int(high * 2) + 1, int(rows.sum())) / 2
                else:
                    drawn = rng.integers(int(low), int(high) + 1, int(rows.sum()))
                values[rows] = drawn
            for scale in SCALES:  # a test of an older scale: the same share of its range
                older = (tests == scale.test.value) & dated
                older &= taken < np.datetime64(scale.until.isoformat())
                now_high = score_range(scale.test, ABILITIES[a], None)[1]
                values[older] = np.floor(values[older] * scale.ranges[a][1] / now_high)
            columns[f"{prefix}.{ability}"] = values
    columns["spouse.accompanying"] = np.where(spouse, rng.random(n) < 0.9, None)
    columns["spouse.education"] = np.where(spouse, educations[rng.integers(0, 8, n)], None)
    columns["spouse.canadian_work_years"] = np.where(spouse, rng.choice([0, 0, 1, 2], n), np.nan)
    return _frame(pd.DataFrame(columns))
