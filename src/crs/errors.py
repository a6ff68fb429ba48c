"""The exception hierarchy of crs.

Every error that bad input can cause is a :class:`CRSError`, and every one of
those is also a :class:`ValueError`, so callers can catch either.  Programming
errors (calling a function with the wrong Python type) stay ``TypeError``.

A name that crs does not know (a rule set, a program, a draw category or a
round) is an :class:`UnknownNameError` wherever it is looked up; it is also a
:class:`KeyError`, as a lookup in a mapping would raise.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

import attrs

__all__ = [
    "CRSError",
    "DateOutOfRangeError",
    "Problem",
    "ProfileError",
    "UnknownCategoryError",
    "UnknownNameError",
]

_E = TypeVar("_E", bound="UnknownNameError")


class CRSError(ValueError):
    """Base class of every error crs raises for bad input."""


@attrs.frozen
class Problem:
    """One thing wrong with an input, and where it is.

    Attributes:
        path: The field path, dotted from the top of the profile
            (``first_language.reading``, ``work_history[2].end``); empty for the
            profile as a whole.
        message: What is wrong, in words a user understands.
    """

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class ProfileError(CRSError):
    """A profile that cannot be scored, with every problem found in it.

    Attributes:
        problems: Each problem with its field path; never empty.
        id: The client id the input gave (when it gave a valid one), so that an
            error in a batch names its client; None otherwise.
    """

    problems: tuple[Problem, ...]
    id: str | None

    def __init__(self, problems: Iterable[Problem], *, id: str | None = None) -> None:
        self.problems = tuple(problems)
        self.id = id
        if not self.problems:
            raise ValueError("a ProfileError needs at least one problem")
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled (a worker process, ``copy.deepcopy``) as its problems and id, rebuilt alike."""
        return (_rebuilt, (type(self), self.problems, self.id), self.__dict__)

    @classmethod
    def single(cls, path: str, message: str, *, id: str | None = None) -> ProfileError:
        """Build the error for one problem."""
        return cls([Problem(path, message)], id=id)

    def prefixed(self, prefix: str) -> ProfileError:
        """Return the same problems with ``prefix`` put before every path (the id is kept)."""
        return ProfileError(
            (Problem(_join(prefix, p.path), p.message) for p in self.problems), id=self.id
        )


def _rebuilt(
    cls: type[ProfileError], problems: tuple[Problem, ...], id: str | None
) -> ProfileError:
    return cls(problems, id=id)


def _join(prefix: str, path: str) -> str:
    if not prefix:
        return path
    if not path:
        return prefix
    return f"{prefix}{path}" if path.startswith("[") else f"{prefix}.{path}"


class DateOutOfRangeError(CRSError):
    """A date for which no rule set, table or data is in force."""


class UnknownNameError(CRSError, KeyError):
    """A rule set, program, category or round that crs does not know.

    It is a :class:`CRSError` (so a :class:`ValueError`) and a :class:`KeyError`
    (so a :class:`LookupError`); its message is the plain text, not quoted as a
    bare ``KeyError``'s is.

    Attributes:
        kind: What was looked up (``"rule set"``, ``"program"``, ``"draw
            category"``, ``"round"``); empty when not given.
        name: The name that was not found, as given; empty when not given.
        known: The names that would have been found (may be empty).

    >>> raise UnknownNameError.of("program", "pnp", ["fsw", "cec", "fst"])
    Traceback (most recent call last):
    ...
    crs.errors.UnknownNameError: no program 'pnp' (known: fsw, cec, fst)
    """

    kind: str
    name: str
    known: tuple[str, ...]

    def __init__(
        self, message: str, *, kind: str = "", name: str = "", known: Iterable[str] = ()
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.name = name
        self.known = tuple(known)

    @classmethod
    def of(cls: type[_E], kind: str, name: object, known: Iterable[str] = (), note: str = "") -> _E:
        """Build the error for the ``kind`` of thing named ``name``, and the names known.

        Args:
            kind: What was looked up, e.g. ``"rule set"``.
            name: The name asked for.
            known: The names that exist, listed in the message in this order.
            note: A sentence to add instead of the list of known names (for a
                long list, e.g. ``"rounds 1 to 447"``).

        Returns:
            The error, with the message ``no <kind> <name!r> (known: a, b, c)``.
        """
        names = tuple(known)
        text = f"no {kind} {name!r}"
        if note:
            text += f" ({note})"
        elif names:
            text += f" (known: {', '.join(names)})"
        return cls(text, kind=kind, name=str(name), known=names)

    def __str__(self) -> str:
        return str(self.args[0])


class UnknownCategoryError(UnknownNameError):
    """A draw category or version that the registry does not know.

    Kept for compatibility: catch :class:`UnknownNameError` for any unknown name.
    """
