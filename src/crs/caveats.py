"""What the results cannot know, said in the results: known unmodelled changes and provenance.

* :data:`UNMODELLED`: changes to the rules that were reported but could not be
  modelled (no official values), each with the first day it would apply and the
  documentation page that explains it.  :func:`caveats` gives the warning of
  each one in force on a date: a score, verdict or placement on or after that
  day carries it, in text, JSON and notebook views; earlier dates do not.
* :func:`provenance`: what every JSON result carries so that it can be traced
  later: the library version, the rule set, and the date of the newest round
  in the bundled rounds data.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from crs._version import __version__
from crs.tables import Source

__all__ = ["UNMODELLED", "KnownChange", "caveats", "provenance", "rounds_data_date"]

DOCS = "https://crs-calculator.github.io/crs/"
"""Where the documentation is published."""


@attrs.frozen
class KnownChange:
    """A reported change to the rules that ``crs`` does not model, and why.

    Attributes:
        start: The first day the change would apply.
        title: What changed, in a few words.
        why: Why it is not modelled.
        page: The documentation page (relative to the site) that explains it and
            shows how to try it with a rule set of one's own.
        source: Where the change was reported.
    """

    start: dt.date
    title: str
    why: str
    page: str
    source: Source

    def warning(self) -> str:
        """The warning a result on or after :attr:`start` carries."""
        return (
            f"not modelled: {self.title}, reported in force from {self.start.isoformat()}; "
            f"{self.why}. See {DOCS}{self.page} to try it with a rule set of your own."
        )


UNMODELLED: tuple[KnownChange, ...] = (
    KnownChange(
        dt.date(2026, 11, 3),
        "IRCC's high-wage occupation factor (and job-offer points in listed occupations)",
        "no official point values, caps or list were published, so the rules in force "
        "from 2025-03-25 are used and may no longer be IRCC's",
        "modelled/#known-not-modelled-the-change-reported-for-2026-11-03",
        Source(
            "Third-party reports of new Express Entry rules in force 2026-11-03 "
            "(IRCC high-wage occupation list of 186 NOC 2021 codes)",
            "https://raw.githubusercontent.com/BryceYuuu/RUN/master/docs/global/canada.md",
            confidence="low",
            note="crs-rules §10 (S24); no Ministerial Instructions text found",
        ),
    ),
)
"""Known changes that are not modelled, oldest first."""


def caveats(on: dt.date) -> tuple[str, ...]:
    """The warnings of the :data:`UNMODELLED` changes in force on ``on`` (none before them).

    >>> caveats(dt.date(2026, 11, 2))
    ()
    >>> caveats(dt.date(2026, 11, 3))[0].startswith("not modelled: IRCC's high-wage")
    True
    """
    return tuple(change.warning() for change in UNMODELLED if change.start <= on)


def rounds_data_date() -> str | None:
    """The date of the newest round in the bundled rounds data (ISO), or None without rounds."""
    from crs.draws import _all_rounds

    found = _all_rounds()
    return found[-1].date.isoformat() if found else None


def provenance(rules: str | None) -> dict[str, Any]:
    """``{"crs_version", "rules", "rounds_data"}``: what a JSON result was computed with.

    Args:
        rules: The name of the rule set used (None: several, or none).
    """
    return {"crs_version": __version__, "rules": rules, "rounds_data": rounds_data_date()}
