"""Every lookup of an unknown name raises UnknownNameError, naming the kind and what is known."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import crs
from crs.errors import UnknownNameError


def test_it_is_a_crs_error_and_a_key_error() -> None:
    assert issubclass(crs.UnknownNameError, crs.CRSError)
    assert issubclass(crs.UnknownNameError, ValueError)
    assert issubclass(crs.UnknownNameError, KeyError)
    assert issubclass(crs.UnknownNameError, LookupError)
    assert issubclass(crs.UnknownCategoryError, crs.UnknownNameError)


def test_of_builds_the_message_and_keeps_the_parts() -> None:
    error = UnknownNameError.of("program", "pnp", ["fsw", "cec", "fst"])
    assert str(error) == "no program 'pnp' (known: fsw, cec, fst)"
    assert (error.kind, error.name, error.known) == ("program", "pnp", ("fsw", "cec", "fst"))
    noted = UnknownNameError.of("round", 999, ["1", "2"], note="rounds 1 to 2")
    assert str(noted) == "no round 999 (rounds 1 to 2)"
    assert noted.name == "999"
    assert str(UnknownNameError.of("thing", "x")) == "no thing 'x'"


def test_its_message_is_not_quoted_like_a_bare_key_error() -> None:
    assert str(UnknownNameError("plain words")) == "plain words"
    assert repr(UnknownNameError("plain words")) == "UnknownNameError('plain words')"


ON_397 = crs.get_round(397).date
LOOKUPS: dict[str, tuple[Callable[[], object], str, str | None]] = {
    "rule set": (lambda: crs.rule_set("2099-01-01"), "rule set", "2025-03-25"),
    "program": (lambda: crs.program("pnp"), "program", "fsw, cec, fst"),
    "category": (
        lambda: crs.category("doctors", crs.get_round(397).date),
        "draw category",
        "physicians",
    ),
    "category version": (lambda: crs.by_name("Doctors (2026)"), "draw category version", None),
    "round": (lambda: crs.get_round(999999), "round", "rounds 1 to"),
    "split round": (lambda: crs.get_round(91), "round", "91a, 91b"),
    "pool of a round": (lambda: crs.pool_distribution("12x"), "round", None),
    "round category": (lambda: crs.rounds(category="doctors"), "round category", "physicians"),
    "placement category": (
        lambda: crs.place(crs.load_profile({"age": 30, "education": "bachelors"}), category="x"),
        "round category",
        "valid programs",
    ),
}


@pytest.mark.parametrize("case", LOOKUPS, ids=list(LOOKUPS))
def test_every_unknown_name_raises_unknown_name_error(case: str) -> None:
    call, kind, text = LOOKUPS[case]
    with pytest.raises(crs.UnknownNameError, match=text) as caught:
        call()
    assert caught.value.kind == kind
    with pytest.raises(KeyError):
        call()


def test_categories_still_raise_unknown_category_error() -> None:
    with pytest.raises(crs.UnknownCategoryError):
        crs.category("doctors", ON_397)
    with pytest.raises(crs.UnknownCategoryError):
        crs.rounds(category="doctors")
