"""How a couple becomes one candidate with a spouse: the arrangement IRCC scores.

:func:`arrangement` is the one place the spouse part of an application is derived
from the accompanying partner's own full profile; :mod:`crs.couples` compares the
two arrangements of a couple.
"""

from __future__ import annotations

import datetime as dt

import attrs

from crs._dates import as_date
from crs.draws import rounds
from crs.experience import work_years
from crs.placement import Placement, RoundResult, place
from crs.profile import Profile, Spouse
from crs.rules import rules_in_force

__all__ = ["arrangement", "place_arrangement"]


def arrangement(principal: Profile, partner: Profile, on: dt.date | str | None = None) -> Profile:
    """The profile IRCC scores when ``principal`` applies and ``partner`` accompanies them.

    The one place a couple becomes a candidate with a spouse.  The spouse part
    is derived from the partner's own full profile:

    * ``education``: the partner's highest level of education;
    * ``first_language``: the partner's first official language result (only
      a spouse's first official language scores);
    * ``canadian_work_years``: the partner's completed years of skilled
      Canadian work on ``on``: their ``canadian_work_years``, or the years
      counted from their ``work_history`` with the rules in force on ``on``,
      exactly as the partner's own score counts them;
    * ``studied_in_canada``: the partner's (the FSW adaptability factor);
    * accompanying, and not a Canadian citizen or permanent resident (a
      partner who is one cannot be the principal applicant: compare only
      partners who can both apply).

    What the couple shares: ``sibling_in_canada`` and ``relative_in_canada``
    hold when either partner's does (a brother or sister of the principal *or
    of the accompanying spouse* earns the sibling points); ``settlement_funds``
    and ``family_members`` are the value either gives (a :class:`~crs.Couple`
    checks that both agree).  Everything else is the principal's own: age,
    education, languages, work, Canadian education, certificate, nomination,
    job offer, submission time, and ``id``.

    Args:
        principal: The partner who applies.
        partner: The partner who accompanies.
        on: The date the partner's Canadian work is counted on (a date or
            ``YYYY-MM-DD``; None: today).

    Raises:
        DateOutOfRangeError: If ``on`` is before the first rule set and the
            partner has a work history to count.
    """
    on = as_date(on)
    if partner.work_history:
        canadian, _ = work_years(partner, on, rules_in_force(on).experience)
    else:
        canadian = partner.canadian_work_years or 0
    spouse = Spouse(
        accompanying=True,
        canadian_citizen_or_pr=False,
        education=partner.education,
        first_language=partner.first_language,
        canadian_work_years=canadian,
        studied_in_canada=partner.studied_in_canada,
    )
    return attrs.evolve(
        principal,
        spouse=spouse,
        sibling_in_canada=principal.sibling_in_canada or partner.sibling_in_canada,
        relative_in_canada=principal.relative_in_canada or partner.relative_in_canada,
        settlement_funds=_either(principal.settlement_funds, partner.settlement_funds),
        family_members=_either(principal.family_members, partner.family_members),
    )


def _either(mine: int | None, theirs: int | None) -> int | None:
    return theirs if mine is None else mine


def place_arrangement(
    principal: Profile, partner: Profile, since: dt.date | None, until: dt.date
) -> Placement:
    """``principal`` with ``partner`` placed on each round, the partner's work counted that day.

    Rounds up to the next change of the partner's Canadian years share one profile.
    """
    selected = rounds(since=since, until=until)
    results: list[RoundResult] = []
    start = 0
    while start < len(selected):
        day = selected[start].date
        # The rounds up to the next change of the partner's Canadian years share one profile.
        profile = arrangement(principal, partner, day)
        years = _years(profile)
        end = start + 1
        while end < len(selected) and (
            selected[end].date == day
            or _years(arrangement(principal, partner, selected[end].date)) == years
        ):
            end += 1
        found = place(profile, since=day, until=selected[end - 1].date)
        results.extend(found.results)
        start = end
    return Placement(tuple(results), since, until, None, id=principal.id)


def _years(profile: Profile) -> int:
    assert profile.spouse is not None
    return profile.spouse.canadian_work_years
