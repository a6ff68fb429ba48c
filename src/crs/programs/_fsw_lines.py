"""The lines of the FSW grid: language, experience and adaptability, each explained.

:func:`crs.programs.fsw.fsw_grid` adds them up; :func:`skilled` (re-exported by
:mod:`crs.programs.fsw`, its public home) says which work counts.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from crs._dates import day_before
from crs._show import shown_hours
from crs._work_conditions import covered, hours_of, work_of
from crs.breakdown import Line
from crs.conditions import language_validity_years
from crs.experience import (
    ExperienceRules,
    Window,
    canadian_work,
    full_time_runs,
)
from crs.language import levels, not_counted
from crs.profile import ABILITIES, OfficialLanguage
from crs.programs.thresholds import FswGridRules

if TYPE_CHECKING:
    from crs.profile import Job, LanguageResult, Profile


_EXPERIENCE = ExperienceRules()


ADAPTABILITY_LABELS = {
    "spouse_language": "accompanying spouse at CLB/NCLC {spouse} or more on all four abilities",
    "studied_in_canada": "two or more years of full-time study in Canada",
    "spouse_studied_in_canada": "spouse's two or more years of full-time study in Canada",
    "worked_in_canada": "one year or more of full-time skilled work in Canada",
    "spouse_worked_in_canada": "spouse's one year or more of full-time work in Canada",
    "arranged_employment": "a qualifying job offer in Canada",
    "relative_in_canada": "a relative 18 or older, citizen or PR, living in Canada",
}
"""Each adaptability element in words."""


_SKILLED = _EXPERIENCE.skilled_teers


def skilled(job: Job) -> bool:
    """Whether ``job`` is skilled work (TEER 0-3)."""
    return job.teer in _SKILLED  # as read on the date (crs.policies.ReadByNoc2016)


def cec_counts(job: Job) -> bool:
    """Whether ``job`` can be CEC experience: skilled, not self-employed, not during study.

    Re-exported by :mod:`crs.programs.cec`, its public home.  Of a job in Canada,
    the same test as :func:`crs.experience.is_canadian` under the default rules.
    """
    return job.teer in _SKILLED and not job.self_employed and not job.during_full_time_study


def _valid(result: LanguageResult | None, on: dt.date) -> LanguageResult | None:
    if result is None or _why_not(result, on):
        return None
    return result


def _why_not(result: LanguageResult | None, on: dt.date) -> str:
    """Why a result gives no FSW points on ``on`` (no result, taken later, expired)."""
    if result is None:
        return "no result"
    reason = not_counted(result, on, language_validity_years(on))
    return "" if reason is None else f"{result.test.label} result {reason}"


def _scale(result: LanguageResult) -> str:
    return "NCLC" if result.language is OfficialLanguage.FRENCH else "CLB"


def _language_line(profile: Profile, on: dt.date, rules: FswGridRules) -> Line:
    first, second = profile.first_language, profile.second_language
    if (first is None or first.test_date is None) and (second is None or second.test_date is None):
        # Undated results count on every date: the line is the same on every date,
        # and depends on the results' values only (kept by them and the rules).
        memo_key = (first, second, id(rules))
        found = _LANGUAGE_LINES.get(memo_key)
        if found is not None and found[0] is rules:
            return found[1]
        line = _language_line_on(profile, on, rules)
        if len(_LANGUAGE_LINES) >= 4096:
            _LANGUAGE_LINES.clear()
        _LANGUAGE_LINES[memo_key] = (rules, line)
        return line
    return _language_line_on(profile, on, rules)


_LANGUAGE_LINES: dict[tuple[object, object, int], tuple[FswGridRules, Line]] = {}


def _language_line_on(profile: Profile, on: dt.date, rules: FswGridRules) -> Line:
    source = rules.source
    first = _valid(profile.first_language, on)
    if first is None:
        why = _why_not(profile.first_language, on)
        first_line = Line("fsw.language.first", "first official language", 0, why)
    else:
        scale = _scale(first)
        abilities = tuple(
            Line(
                f"fsw.language.first.{a.value}",
                a.value,
                rules.first_language(level),
                f"{scale} {level}",
                source=source,
            )
            for a, level in zip(ABILITIES, levels(first), strict=True)
        )
        total = sum(line.points for line in abilities)
        first_line = Line(
            "fsw.language.first", "first official language", total, first.test.label, abilities
        )
    second = _valid(profile.second_language, on)
    minimum = rules.second_language_minimum
    points = 0
    if second is None:
        why = _why_not(profile.second_language, on)
    else:
        found = levels(second)
        scale = _scale(second)
        shown = "/".join(str(level) for level in found)
        if min(found) >= minimum:
            points = rules.second_language_points
            why = f"{scale} {shown}: {minimum} or more on all four"
        else:
            why = f"{scale} {shown}: below {minimum} on an ability"
    second_line = Line(
        "fsw.language.second",
        "second official language",
        points,
        why,
        cap=rules.second_language_points,
        source=source,
    )
    return Line(
        "fsw.language",
        "official languages",
        first_line.points + points,
        "",
        (first_line, second_line),
        rules.language_maximum,
    )


def _experience_years(
    profile: Profile, on: dt.date, rules: FswGridRules
) -> tuple[int, float, Window | None]:
    """Years of experience the grid counts on ``on``, the hours and window (None: given years)."""
    if profile.work_history:
        window = Window.years_before(on, rules.experience_window_years)
        jobs = work_of(profile, on, keep=skilled)  # fsw.experience's jobs
        hours = hours_of(profile, jobs, window, _EXPERIENCE.full_time_hours_per_week)
        return _EXPERIENCE.years(hours), hours, window
    years = (profile.canadian_work_years or 0) + (profile.foreign_work_years or 0)
    return years, 0.0, None


def _experience_line(profile: Profile, on: dt.date, rules: FswGridRules) -> Line:
    years, hours, window = _experience_years(profile, on, rules)
    if window is None:
        how = "canadian_work_years + foreign_work_years"
    else:
        span = f"{window.start} to {day_before(window.end)}"
        how = f"{shown_hours(hours)} hours of skilled work from {span}"
    return Line(
        "fsw.experience",
        "work experience",
        rules.experience(years),
        f"{years} year{'' if years == 1 else 's'} ({how})",
        cap=rules.experience.maximum,
        source=rules.source,
    )


def _worked_in_canada(profile: Profile, on: dt.date, rules: FswGridRules) -> tuple[bool, str]:
    """Whether the candidate has the year of work in Canada, and how it was counted."""
    needed = rules.canadian_work_hours
    if profile.work_history:
        window = Window(dt.date(1900, 1, 1), on)
        if rules.canadian_work_full_time:
            # is_canadian(_EXPERIENCE): the jobs cec.experience counts, without policies
            # (read as on the date: by NOC 2016 before the switch).
            jobs = work_of(profile, on, in_canada=True, keep=cec_counts)
            runs = full_time_runs(jobs, window, _EXPERIENCE.full_time_hours_per_week)
            hours = sum(h for _, h in runs)
            kind = "full-time skilled work in Canada (part-time weeks do not count)"
        else:
            # The history as on the date (by NOC 2016 before the switch), without policies.
            hours = canadian_work(covered(profile, on, None), window, _EXPERIENCE)
            kind = "skilled work in Canada"
        met = hours + 1e-6 >= needed
        return (
            met,
            f"{'yes' if met else 'no'}: {shown_hours(hours)} hours of {kind}; needs {needed:,}",
        )
    years = profile.canadian_work_years or 0
    met = years * _EXPERIENCE.hours_per_year >= needed
    if not years:
        return met, "no"
    return met, f"{'yes' if met else 'no'}: canadian_work_years {years}, taken as full-time years"


def _adaptability_elements(
    profile: Profile, on: dt.date, rules: FswGridRules
) -> dict[str, tuple[bool, str]]:
    """Each adaptability element: whether it is met, and the reason shown."""
    spouse = profile.spouse if profile.spouse is not None and profile.spouse.counts else None
    spouse_language = _valid(spouse.first_language, on) if spouse else None
    spouse_years = spouse.canadian_work_years if spouse is not None else 0
    spouse_worked = spouse_years >= rules.spouse_canadian_work_years
    spouse_why = "yes" if spouse_worked else "no"
    if spouse_years:
        spouse_why += f": spouse.canadian_work_years {spouse_years}, taken as full-time years"
    flags = {
        "spouse_language": spouse_language is not None
        and min(levels(spouse_language)) >= rules.spouse_language_minimum,
        "studied_in_canada": profile.studied_in_canada,
        "spouse_studied_in_canada": spouse is not None and spouse.studied_in_canada,
        "arranged_employment": profile.arranged_employment is not None,
        "relative_in_canada": profile.relative_in_canada,
    }
    out = {key: (met, "yes" if met else "no") for key, met in flags.items()}
    out["worked_in_canada"] = _worked_in_canada(profile, on, rules)
    out["spouse_worked_in_canada"] = (spouse_worked, spouse_why)
    return {key: out[key] for key in ADAPTABILITY_LABELS}


_WORK_ELEMENTS = frozenset({"worked_in_canada", "spouse_worked_in_canada"})


def _adaptability_line(profile: Profile, on: dt.date, rules: FswGridRules) -> Line:
    children = tuple(
        Line(
            f"fsw.adaptability.{element}",
            ADAPTABILITY_LABELS[element].format(spouse=rules.spouse_language_minimum),
            rules.adaptability[element] if met else 0,
            why,
            source=rules.canadian_work_source if element in _WORK_ELEMENTS else rules.source,
        )
        for element, (met, why) in _adaptability_elements(profile, on, rules).items()
    )
    earned = sum(line.points for line in children)
    cap = rules.adaptability_cap
    points = min(earned, cap)
    uncapped = earned if earned > cap else None
    return Line("fsw.adaptability", "adaptability", points, "", children, cap, uncapped)


# --- the program's leaves -----------------------------------------------------------------
