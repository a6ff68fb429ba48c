"""Proof of settlement funds: IRCC's yearly tables, the rules that read them, their source.

Re-exported by :mod:`crs.programs.thresholds`, their public home, with the other thresholds.
"""

from __future__ import annotations

import datetime as dt

import attrs

from crs.tables import Source

_IRCC_EE = (
    "https://www.canada.ca/en/immigration-refugees-citizenship/services/immigrate-canada/"
    "express-entry/"
)

SETTLEMENT_FUNDS = Source(
    "IRCC, Proof of funds – Express Entry (IRPR 76(1)(b)(i): half the low income cut-off)",
    _IRCC_EE + "documents/proof-funds.html",
    confidence="medium",
    note=(
        "amounts from news copies of IRCC's yearly table (2019 to 2025); the tables of "
        "2015 to 2018 (and the day the 2019 one applied) are not sourced, and a 2026 "
        "update was not verified"
    ),
)
"""The settlement-funds tables (FSW and FST)."""


# --- proof of funds ---------------------------------------------------------------------


@attrs.frozen
class FundsTable:
    """Settlement funds needed by family size, in force from a date.

    Attributes:
        start: First day the amounts apply.
        amounts: Canadian dollars for a family of 1, 2, ... 7.
        each_additional: Dollars for each family member beyond 7.
        source: Where the amounts come from.
    """

    start: dt.date
    amounts: tuple[int, ...]
    each_additional: int
    source: Source = SETTLEMENT_FUNDS

    def required(self, family: int) -> int:
        """Dollars needed for a family of ``family`` people."""
        n = len(self.amounts)
        if family <= n:
            return self.amounts[max(family, 1) - 1]
        return self.amounts[-1] + (family - n) * self.each_additional


def _funds_source(note: str, confidence: str = "medium") -> Source:
    return attrs.evolve(SETTLEMENT_FUNDS, confidence=confidence, note=note)


FUNDS: tuple[FundsTable, ...] = (
    # Each table applies from the day after IRCC's deadline to update profiles
    # ("update ... no later than D"; 2024: "May 27, the day before IRCC's update takes
    # effect"), where IRCC gave one; else from the day it was published.  2025 alone is
    # applied from its deadline day, as the issue that added it asks (see its note).
    FundsTable(
        dt.date(2019, 1, 28),
        (12669, 15772, 19390, 23542, 26701, 30114, 33528),
        3414,
        _funds_source(
            "2019 table, in force 'as of January 2019'; the exact day is not sourced, so it "
            "applies here from 2019-01-28, the date of the news copy "
            "(dfimmigration.ca/2019/01/28; immigrationxperts.com)",
            "low",
        ),
    ),
    FundsTable(
        dt.date(2020, 2, 26),
        (12960, 16135, 19836, 24083, 27315, 30806, 34299),
        3492,
        _funds_source("2020 table: profiles to be updated no later than 2020-02-25"),
    ),
    FundsTable(
        dt.date(2021, 7, 16),
        (13213, 16449, 20222, 24553, 27847, 31407, 34967),
        3560,
        _funds_source(
            "2021 table: profiles to be updated no later than 2021-07-15 (cicnews.com 2021-07)"
        ),
    ),
    FundsTable(
        dt.date(2022, 6, 9),
        (13310, 16570, 20371, 24733, 28052, 31638, 35224),
        3586,
        _funds_source(
            "2022 table (published 2022-05-11): profiles to be updated no later than 2022-06-08"
        ),
    ),
    FundsTable(
        dt.date(2023, 4, 25),
        (13757, 17127, 21055, 25564, 28994, 32700, 36407),
        3706,
        _funds_source("2023 table: in effect 2023-04-25 (announced 2023-05-02)"),
    ),
    FundsTable(
        dt.date(2024, 5, 28),
        (14690, 18288, 22483, 27297, 30690, 34917, 38875),
        3958,
        _funds_source("2024 table: 'the changes take effect on May 28, 2024' (update by May 27)"),
    ),
    FundsTable(
        dt.date(2025, 7, 28),
        (15263, 19001, 23360, 28362, 32168, 36280, 40392),
        4112,
        _funds_source(
            "2025 table: published 2025-07-07, profiles to be updated no later than "
            "2025-07-28; applied from 2025-07-28 (the issue's 'by 2025-07-28 at the latest')"
        ),
    ),
)
"""IRCC's settlement-funds tables, oldest first (FSW and FST only)."""


@attrs.frozen
class FundsRules:
    """Proof of funds: the family size counted when none is given, and the tables.

    Attributes:
        single: Family members counted without a spouse (the candidate).
        with_spouse: Family members counted with a spouse (accompanying or not,
            the spouse is a family member for proof of funds).
        tables: IRCC's tables, oldest first.
        source: Where the values come from.
    """

    single: int = 1
    with_spouse: int = 2
    tables: tuple[FundsTable, ...] = FUNDS
    source: Source = SETTLEMENT_FUNDS

    def table(self, on: dt.date) -> FundsTable | None:
        """The table in force on ``on`` (None: before the first one)."""
        found = None
        for candidate in self.tables:
            if candidate.start <= on:
                found = candidate
        return found


FUNDS_RULES = FundsRules()
"""The proof-of-funds rules in force."""


def funds_required(family: int, on: dt.date) -> tuple[int, FundsTable] | None:
    """Dollars a family of ``family`` needs on ``on``, with the table used (None: no table)."""
    table = FUNDS_RULES.table(on)
    if table is None:
        return None
    return table.required(family), table
