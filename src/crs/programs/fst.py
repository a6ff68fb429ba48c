"""The Federal Skilled Trades Program (IRPR s. 87.2).

Two years (3,120 hours) in one eligible trade within 5 years; CLB/NCLC 5
listening and speaking, 4 reading and writing, in English or French; a job offer
or a Canadian certificate of qualification; proof of funds.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from crs._spans import NEVER
from crs.conditions import LanguageChoice, min_language, work_hours
from crs.predicates import Predicate, Verdict, condition
from crs.programs.funds import FundsCheck
from crs.programs.thresholds import FST_RULES, FstRules

if TYPE_CHECKING:
    from crs.profile import Profile

__all__ = ["fst_predicate", "offer_or_certificate"]

_OFFER_KEY = "fst.offer"
_OFFER_LABEL = "a job offer or a Canadian certificate of qualification in the trade"


def offer_or_certificate(profile: Profile, on: dt.date) -> Verdict:
    """Whether ``profile`` has a job offer or a certificate of qualification (``fst.offer``)."""
    facts = {
        "arranged_employment": profile.arranged_employment,
        "certificate_of_qualification": profile.certificate_of_qualification,
    }
    if profile.arranged_employment is not None or profile.certificate_of_qualification:
        return Verdict.passed(_OFFER_KEY, _OFFER_LABEL, facts)
    message = "no job offer and no certificate of qualification"
    return Verdict.failed(_OFFER_KEY, _OFFER_LABEL, message, facts)


def _never(profile: Profile, on: dt.date) -> dt.date:
    """The offer and the certificate are not dated: the verdict never changes."""
    return NEVER


def fst_predicate(rules: FstRules = FST_RULES) -> Predicate:
    """The FST eligibility test (``programs.fst``) from ``rules``."""
    experience = work_hours(
        rules.hours,
        rules.window_years,
        key="fst.experience",
        label=(
            f"two years ({rules.hours:,} hours) in one skilled trade in the last "
            f"{rules.window_years} years"
        ),
        codes=rules.trades,
    )
    language = min_language(rules.language, LanguageChoice.EITHER, key="fst.language")
    offer = condition(_OFFER_KEY, _OFFER_LABEL, offer_or_certificate, changes=_never)
    p = experience & language & offer
    return (p & FundsCheck("fst.funds", "proof of settlement funds")).named("programs.fst", "FST")
