"""Verdicts reused across dates while what decides them does not change (placement).

:func:`crs.place` asks the same conditions of one profile on hundreds of round
dates.  A leaf whose verdict depends on the date only through a few inputs (the
age, whether a language result is still valid, the funds table in force, ...)
names them in a *date key*: two dates with the same key give the same
eligibility and the same messages, so inside :func:`reusing` the leaf runs once
per key, not once per date.  A leaf without a date key runs on every date.

Only :func:`crs.place` opens the block: it reads each verdict's eligibility and
messages, never its facts, which name the first date the key was met on (the
FSW grid kept in a grid verdict's facts, for instance).  Outside the block, and
so in :func:`crs.eligible`, every leaf runs on its own date, as before.

The block lasts one call: nothing is kept from one placement to the next.

:func:`sharing` is the other block, one date's: inside it (``crs.eligible``), a
program runs once per profile and date however many draw categories ask for it
(:func:`shared`), and what many leaves read of one profile on the date (the
skilled jobs, the Canadian work, the hours they give in a window) is read once
(:func:`in_call`).  It too lasts one call.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Hashable, Iterator
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from crs.predicates import Verdict
    from crs.profile import Profile

__all__ = ["combined", "in_call", "kept", "reused", "reusing", "shared", "sharing"]

T = TypeVar("T")
_Memo = dict[tuple[int, int, Hashable], tuple[object, object, Any]]
_MEMO: ContextVar[_Memo | None] = ContextVar("crs_reuse_memo", default=None)
_SharedMemo = dict[tuple[int, int, Hashable], tuple[object, object, Any]]
_SHARED: ContextVar[_SharedMemo | None] = ContextVar("crs_programs_memo", default=None)


@contextlib.contextmanager
def sharing() -> Iterator[None]:
    """Inside the block, each program runs once per profile and date, and the FSW grid too.

    The verdicts are kept for the block only (per thread and task), with the
    profiles they are for; nested blocks share the outer one's.  Re-exported by
    :mod:`crs.programs`, its public home.

    >>> from crs.profile import Education, Profile
    >>> from crs.programs import CEC
    >>> p, on = Profile(Education.BACHELORS, age=30), dt.date(2026, 2, 19)
    >>> with sharing():
    ...     CEC(p, on) is CEC(p, on)
    True
    """
    if _SHARED.get() is not None:
        yield
        return
    token = _SHARED.set({})
    try:
        yield
    finally:
        _SHARED.reset(token)


def shared(compute: Callable[[Profile, dt.date], T], profile: Profile, on: dt.date) -> T:
    """``compute(profile, on)``, computed once per profile and date inside :func:`sharing`."""
    memo = _SHARED.get()
    if memo is None:
        return compute(profile, on)
    return _once(memo, compute, profile, on, lambda: compute(profile, on))


def in_call(owner: object, profile: Profile, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, once per ``owner``, profile and ``key`` inside :func:`sharing`.

    What several leaves read of one profile on the block's date (the jobs of
    one kind, the hours of a list of jobs in a window).  ``key`` names the date
    and whatever else the value depends on; objects it names by ``id`` must be
    kept alive by ``owner`` or by the value.  Outside the block, always
    ``compute()``.
    """
    memo = _SHARED.get()
    if memo is None:
        return compute()
    return _once(memo, owner, profile, key, compute)


def _once(
    memo: dict[Any, Any], owner: object, profile: Profile, key: Hashable, compute: Callable[[], T]
) -> T:
    """``compute()``, once per ``owner``, profile and ``key`` while ``memo`` lives."""
    found_key = (id(owner), id(profile), key)
    found = memo.get(found_key)
    # The memo keeps the owner and the profile, so their ids are not reused while it lives.
    if found is not None and found[0] is owner and found[1] is profile:
        return found[2]  # type: ignore[no-any-return]
    value = compute()
    memo[found_key] = (owner, profile, value)
    return value


@contextlib.contextmanager
def reusing() -> Iterator[None]:
    """Inside the block, a leaf with a date key runs once per profile and key."""
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def active() -> bool:
    """Whether a :func:`reusing` block is open (a leaf computes its date key only then)."""
    return _MEMO.get() is not None


def reused(
    leaf: object,
    profile: Profile,
    on: dt.date,
    key: Callable[[], Hashable],
    compute: Callable[[Profile, dt.date], T],
) -> T:
    """``compute(profile, on)``, or the verdict of an earlier date with the same ``key()``.

    Outside :func:`reusing`, always ``compute(profile, on)`` (``key`` is not called).
    """
    memo = _MEMO.get()
    if memo is None:
        return compute(profile, on)
    return _once(memo, leaf, profile, key(), lambda: compute(profile, on))


def kept(owner: object, profile: Profile, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, once per ``owner``, profile and ``key`` inside :func:`reusing`.

    What a leaf reads of a profile on every date of a span (the jobs it counts
    while the same public policies are in force, say).  Outside the block,
    always ``compute()``.
    """
    memo = _MEMO.get()
    if memo is None:
        return compute()
    return _once(memo, owner, profile, ("kept", key), compute)


def combined(
    owner: object, profile: Profile, parts: tuple[Verdict, ...], build: Callable[[], Verdict]
) -> Verdict:
    """``build()``, or the verdict built last for ``owner`` when its ``parts`` are the same.

    A combination (:class:`crs.predicates.All`) whose parts' verdicts are the
    very objects it was last built from gives the same verdict again: inside
    :func:`reusing`, where the parts are reused across dates, the combination
    is too.  Outside the block, always ``build()``.
    """
    memo = _MEMO.get()
    if memo is None:
        return build()
    found_key = (id(owner), id(profile), "combined")
    found = memo.get(found_key)
    if found is not None and found[0] is owner and found[1] is profile:
        last, verdict = found[2]
        if len(last) == len(parts) and all(a is b for a, b in zip(last, parts, strict=True)):
            return verdict  # type: ignore[no-any-return]
    verdict = build()
    memo[found_key] = (owner, profile, (parts, verdict))
    return verdict
