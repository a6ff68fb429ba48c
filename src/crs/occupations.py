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
    from collections.abc import Mapping


__all__ = [
    "NOC_2021",
    "NOC_PATTERN",
    "NocGroups",
    "Occupation",
    "UnknownOccupationError",
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
