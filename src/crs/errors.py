"""The exception hierarchy of crs.

Every error that bad input can cause is a :class:`CRSError`, and every one of
those is also a :class:`ValueError`, so callers can catch either.  Programming
errors (calling a function with the wrong Python type) stay ``TypeError``.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

__all__ = ["CRSError", "DateOutOfRangeError", "Problem", "ProfileError", "UnknownCategoryError"]


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
    """

    problems: tuple[Problem, ...]

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        if not self.problems:
            raise ValueError("a ProfileError needs at least one problem")
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def single(cls, path: str, message: str) -> ProfileError:
        """Build the error for one problem."""
        return cls([Problem(path, message)])

    def prefixed(self, prefix: str) -> ProfileError:
        """Return the same problems with ``prefix`` put before every path."""
        return ProfileError(Problem(_join(prefix, p.path), p.message) for p in self.problems)


def _join(prefix: str, path: str) -> str:
    if not prefix:
        return path
    if not path:
        return prefix
    return f"{prefix}{path}" if path.startswith("[") else f"{prefix}.{path}"


class DateOutOfRangeError(CRSError):
    """A date for which no rule set, table or data is in force."""


class UnknownCategoryError(CRSError, LookupError):
    """A draw category or version that the registry does not know."""
