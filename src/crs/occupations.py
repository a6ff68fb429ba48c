"""NOC 2021 occupations: codes, their TEER category, titles, and groups of codes.

The National Occupational Classification 2021 gives every occupation a five-digit
unit-group code.  Its first digit is the broad occupational category, its second
the TEER category (0 to 5: training, education, experience and responsibilities);
the first two digits are the major group, three the sub-major group, four the
minor group.

crs bundles the title of every unit group that a draw category or a program
names (``crs/data/noc2021.csv``, read once, lazily).  Programs that name whole
groups of occupations (the Federal Skilled Trades) use :class:`NocGroups`.

A code that is not five digits, or whose TEER digit is not 0 to 5, is malformed;
asking for the title of a code that is not bundled is an unknown occupation.
Both are input errors (:class:`UnknownOccupationError`, a
:class:`~crs.CRSError`).
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import re
from importlib import resources
from typing import TYPE_CHECKING

import attrs

from crs._show import show
from crs.errors import CRSError
from crs.tables import Source

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping


__all__ = [
    "NOC_2021",
    "NOC_2021_SWITCH",
    "NOC_PATTERN",
    "NocGroups",
    "NocSwitch",
    "Occupation",
    "UnknownOccupationError",
    "noc_2016_notes",
    "noc_problem",
    "occupation",
    "occupations",
    "parse_noc",
    "teer",
]

NOC_2021 = Source(
    "Statistics Canada, National Occupational Classification (NOC) 2021 Version 1.0",
    "https://noc.esdc.gc.ca/",
    note="titles of the codes that the draw categories name, as the category lists give them",
)
"""Where the codes and titles come from."""

_CODE = re.compile(r"[0-9][0-9][0-9]{3}")
_TEERS = range(6)
NOC_PATTERN = f"^[0-9][{_TEERS[0]}-{_TEERS[-1]}][0-9]{{3}}$"
"""A well-formed NOC 2021 code as a regular expression (for JSON Schema): the TEER 0 to 5."""


class UnknownOccupationError(CRSError, LookupError):
    """A NOC code that is malformed, or that crs does not know."""


@attrs.frozen
class Occupation:
    """One NOC 2021 unit group.

    Attributes:
        code: The five-digit code, e.g. ``"31102"``.
        title: The unit group's title.
    """

    code: str
    title: str

    @property
    def teer(self) -> int:
        """The TEER category (0-5), the code's second digit."""
        return int(self.code[1])

    @property
    def major_group(self) -> str:
        """The two-digit major group."""
        return self.code[:2]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


def noc_problem(code: object) -> str | None:
    """Why ``code`` is not a well-formed NOC 2021 unit-group code, or None.

    The one check of a NOC code: profiles, frames and eligibility all read it.

    >>> noc_problem("19999")
    '"19999" is not a NOC 2021 code: its second digit (the TEER) must be 0 to 5'
    """
    if not isinstance(code, str):
        return f"{show(code)} is not a string: a NOC 2021 code is five digits in quotes"
    if not _CODE.fullmatch(code):
        return f"{show(code)} is not a five-digit NOC 2021 code"
    if int(code[1]) not in _TEERS:
        return f'"{code}" is not a NOC 2021 code: its second digit (the TEER) must be 0 to 5'
    return None


def parse_noc(code: object) -> str:
    """Return ``code`` if it is a well-formed NOC 2021 unit-group code.

    Raises:
        UnknownOccupationError: If it is not five digits with a TEER digit of 0 to 5.

    >>> parse_noc("31102")
    '31102'
    """
    problem = noc_problem(code)
    if problem is not None:
        raise UnknownOccupationError(problem)
    assert isinstance(code, str)
    return code


def teer(code: str) -> int:
    """The TEER category of a well-formed NOC 2021 code.

    Raises:
        UnknownOccupationError: If the code is malformed.

    >>> teer("21231")
    1
    """
    return int(parse_noc(code)[1])


@functools.lru_cache(maxsize=1)
def occupations() -> Mapping[str, Occupation]:
    """Every bundled occupation by code (read once from the package data)."""
    text = (resources.files("crs") / "data" / "noc2021.csv").read_text(encoding="utf-8")
    table = {}
    for row in csv.DictReader(io.StringIO(text)):
        found = Occupation(parse_noc(row["code"]), row["title"])
        if found.teer != int(row["teer"]):
            raise AssertionError(f"noc2021.csv: TEER of {found.code} is {found.teer}")
        table[found.code] = found
    return table


def occupation(code: str) -> Occupation:
    """The bundled occupation with ``code``.

    Raises:
        UnknownOccupationError: If the code is malformed or not bundled.

    >>> occupation("31102").title
    'General practitioners and family physicians'
    """
    try:
        return occupations()[parse_noc(code)]
    except KeyError:
        raise UnknownOccupationError(
            f"NOC {code} is not one of the occupations that crs knows "
            "(those that a draw category or program names)"
        ) from None


def title(code: str) -> str:
    """The title of ``code`` if crs knows it, else an empty string."""
    found = occupations().get(code)
    return found.title if found else ""


def describe(code: str) -> str:
    """``code`` with its title when known, e.g. ``"31102 General practitioners ..."``."""
    name = title(code)
    return f"{code} {name}" if name else code


@attrs.frozen
class NocGroups:
    """A set of NOC 2021 codes named by groups: prefixes of the code, with exceptions.

    Attributes:
        include: Prefixes (major group ``"72"``, minor group ``"6320"``, unit
            group ``"62200"``) whose codes are in the set.
        exclude: Prefixes whose codes are not, even inside an included group.
        titles: The title of each group prefix.
        source: Where the list comes from.
    """

    include: tuple[str, ...]
    exclude: tuple[str, ...]
    titles: Mapping[str, str]
    source: Source

    def __contains__(self, code: object) -> bool:
        if not isinstance(code, str):
            return False
        return code.startswith(self.include) and not code.startswith(self.exclude)

    def describe(self) -> str:
        """The groups in words."""
        inside = ", ".join(f"{p} {self.titles.get(p, '')}".strip() for p in self.include)
        outside = ", ".join(f"{p} {self.titles.get(p, '')}".strip() for p in self.exclude)
        return f"{inside}; except {outside}" if outside else inside


@attrs.frozen
class NocSwitch:
    """The day IRCC moved from NOC 2016 to NOC 2021 (skill levels to TEER), and who moved.

    Attributes:
        day: The first day jobs were read by their NOC 2021 TEER.
        became_skilled: NOC 2021 codes skilled (TEER 0-3) from that day that NOC 2016
            did not count as skilled work (skill level C).
        stopped_being_skilled: NOC 2021 codes not skilled (TEER 4-5) from that day
            that NOC 2016 counted as skilled work (skill level B).
        source: Where the lists come from.
    """

    day: dt.date
    became_skilled: frozenset[str]
    stopped_being_skilled: frozenset[str]
    source: Source

    def changed(self, noc: str) -> bool:
        """Whether ``noc`` was read differently before :attr:`day`."""
        return noc in self.became_skilled or noc in self.stopped_being_skilled

    def teer_before(self, noc: str) -> int:
        """The TEER ``noc`` is read as before :attr:`day`: its NOC 2016 skill, as a TEER.

        Skill level C (not skilled) reads as TEER 4, skill level B (skilled, the CEC's
        lower language level) as TEER 3; any other code as its own TEER.
        """
        if noc in self.became_skilled:
            return 4
        if noc in self.stopped_being_skilled:
            return 3
        return int(noc[1])


NOC_2021_SWITCH = NocSwitch(
    dt.date(2022, 11, 16),
    frozenset(
        [
            "13102",
            "33100",
            "33102",
            "33103",
            "43100",
            "43200",
            "43201",
            "43202",
            "63211",
            "73200",
            "73202",
            "73209",
            "73300",
            "73301",
            "73400",
            "93200",
        ]
    ),
    frozenset({"55109", "54100", "64200"}),
    Source(
        "NOC 2021 adopted for Express Entry on 2022-11-16: 16 occupations became eligible, "
        "3 ineligible",
        "https://holthelaw.com/blog/new-2021-noc-to-teer-transition",
        confidence="medium",
        note="lists as crs-rules 8.4 gives them (holthelaw.com, moving2canada.com, "
        "texasreview.in, canpathways.ca); before the switch crs reads these codes by their "
        "NOC 2016 skill (crs.policies.as_covered), and says so (noc_2016_notes)",
    ),
)
"""The NOC 2021 switch: on a date before it, these codes are read by their NOC 2016 skill
(:meth:`NocSwitch.teer_before`, applied by :func:`crs.policies.as_covered`)."""


def noc_2016_notes(nocs: Iterable[str], on: dt.date) -> tuple[str, ...]:
    """What a job whose skill changed with NOC 2021 counts as, on a date before the switch.

    Before 2022-11-16 IRCC read jobs by NOC 2016, under which these codes were
    (or were not) skilled work, and ``crs`` reads them so; the note says why such a
    job counts differently from the same job on a later date.

    >>> noc_2016_notes(["73300", "21231"], dt.date(2021, 2, 13))[0][:66]
    'NOC 73300 is read as not skilled work, as IRCC read it by NOC 2016'
    >>> noc_2016_notes(["73300"], dt.date(2022, 11, 16))
    ()
    """
    switch = NOC_2021_SWITCH
    if on >= switch.day:
        return ()
    out = []
    for noc in sorted(set(nocs)):
        if switch.changed(noc):
            was = "not skilled" if noc in switch.became_skilled else "skilled"
            now = "skilled" if noc in switch.became_skilled else "not skilled"
            out.append(
                f"NOC {noc} is read as {was} work, as IRCC read it by NOC 2016 before "
                f"{switch.day}; from that day it is {now} work (NOC 2021 TEER {noc[1]})"
            )
    return tuple(out)
