"""What would raise a score: suggestions, each scored for real.

:func:`what_if` tries the changes a consultant would suggest, scores each
changed profile with :func:`crs.score`, and keeps those that gain points,
largest gain first.  Each :class:`Suggestion` holds the changed profile, the
exact points gained and a sentence a client understands.

Raw test scores stay on their test: raising an IELTS reading band says which
band is needed.  A changed result keeps its test date.  A profile with a work history gets its "one
more year of Canadian work" as the same profile with one more year counted
(``canadian_work_years``) on the same day, and the sentence says on which day
the history reaches it if the ongoing jobs go on.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs

from crs._dates import as_date
from crs._show import count
from crs._suggestions import Suggestion, Suggestions
from crs._targets import describe, evolve, level_unit, result_at, score_for, score_text, with_result
from crs.dated import nominated
from crs.errors import ProfileError
from crs.experience import WorkYears, work_years
from crs.language import add_years, chart_for, expires_on, levels
from crs.profile import (
    ABILITIES,
    Education,
    LanguageResult,
    LanguageTest,
    OfficialLanguage,
    a_profile,
)
from crs.rules import a_rule_set, rules_in_force
from crs.scoring import score
from crs.timelines import experience_change_days

if TYPE_CHECKING:
    from crs.profile import Profile
    from crs.ruleset import RuleSet

__all__ = ["Suggestion", "Suggestions", "what_if"]

_HORIZON_YEARS = 10


def what_if(
    profile: Profile, on: dt.date | str | None = None, *, rules: RuleSet | None = None
) -> Suggestions:
    """What would raise the score of ``profile`` on ``on``, each change scored for real.

    Tries: each language ability raised to the next level that pays (first,
    second and the spouse's language), a French result at the level the French
    points need, a language test for a spouse who has none, the next education
    level, one more year of Canadian work, a certificate of qualification and a
    provincial nomination.  Only changes that gain points are kept.

    Args:
        profile: The profile.
        on: The scoring date (a date or ``YYYY-MM-DD``; default: today).
        rules: A rule set to use instead of the one in force on ``on``.

    Raises:
        DateError: If ``on`` is not a date.

    >>> import datetime as dt, crs
    >>> p = crs.load_profile({"age": 29, "education": "bachelors", "foreign_work_years": 3,
    ...     "first_language": {"test": "ielts", "listening": 8.0, "reading": 7.0,
    ...                        "writing": 7.0, "speaking": 7.0}})
    >>> top = what_if(p, on=dt.date(2026, 2, 19))[0]
    >>> top.gain, top.total
    (600, 1029)
    """
    profile = a_profile(profile, "what_if")
    on = as_date(on)
    if rules is not None:
        rules = a_rule_set(rules, "what_if")
    in_force = rules if rules is not None else rules_in_force(on)
    base = score(profile, on, rules=rules)
    finder = _Finder(profile, on, rules, base.total)
    candidates: list[Suggestion | None] = []
    for path in ("first_language", "second_language"):
        result = getattr(profile, path)
        if result is not None:
            candidates.append(finder.retake(path, result, "your", in_force))
            candidates.extend(finder.abilities(path, result, "your"))
    if profile.first_language is None:
        candidates.append(finder.first_test(in_force))
    candidates.append(finder.french(in_force))
    spouse = profile.spouse
    if spouse is not None and spouse.counts:
        if spouse.first_language is not None:
            candidates.append(
                finder.retake(
                    "spouse.first_language", spouse.first_language, "your spouse's", in_force
                )
            )
            candidates.extend(
                finder.abilities("spouse.first_language", spouse.first_language, "your spouse's")
            )
        else:
            candidates.extend(finder.spouse_test(in_force))
    candidates.append(finder.education())
    candidates.append(finder.canadian_work(in_force))
    if not profile.certificate_of_qualification:
        candidates.append(
            finder.make(
                "certificate_of_qualification",
                "Certificate of qualification",
                "Get a Canadian certificate of qualification in your trade",
                attrs.evolve(profile, certificate_of_qualification=True),
            )
        )
    if not profile.provincial_nomination:
        candidates.append(
            finder.make(
                "provincial_nomination",
                "Provincial nomination",
                "Get a provincial or territorial nomination",
                attrs.evolve(profile, provincial_nomination=True),
            )
        )
    elif not nominated(profile, on):
        # Nominated after ``on`` (crs.dated): on ``on`` the nomination did not exist yet.
        day = profile.nominated_on
        candidates.append(
            finder.make(
                "provincial_nomination",
                "Provincial nomination",
                f"The provincial nomination of {day} counts from that day",
                attrs.evolve(profile, nominated_on=on),
                reached_on=day,
            )
        )
    kept = [c for c in candidates if c is not None]
    kept.sort(key=lambda s: -s.gain)
    return Suggestions(profile, on, base, tuple(kept))


@attrs.define
class _Finder:
    profile: Profile
    on: dt.date
    rules: RuleSet | None
    base: int

    def make(
        self,
        key: str,
        title: str,
        text: str,
        changed: Profile,
        reached_on: dt.date | None = None,
        note: str = "",
    ) -> Suggestion | None:
        total = score(changed, self.on, rules=self.rules).total
        gain = total - self.base
        if gain <= 0:
            return None
        sentence = f"{text}: +{count(gain, 'point')} (total {total})." + (
            f" {note}" if note else ""
        )
        return Suggestion(key, title, sentence, changed, gain, total, reached_on)

    def abilities(self, path: str, result: LanguageResult, whose: str) -> list[Suggestion | None]:
        out: list[Suggestion | None] = []
        current = levels(result)
        unit = level_unit(result)
        direct = chart_for(result.test, result.test_date) is None
        language = "French" if unit == "NCLC" else "English"
        for a, ability in enumerate(ABILITIES):
            for level in range(current[a] + 1, 11):
                value = score_for(result.test, a, level, result.test_date)
                if value is None:  # below the chart's first level (CLB 4 on IELTS): the next
                    continue
                changed = with_result(self.profile, path, evolve(result, ability.value, value))
                if direct:
                    text = (
                        f"Raise {whose} {language} {ability.value} from {unit} {current[a]} "
                        f"to {unit} {level}"
                    )
                else:
                    old = score_text(result.test, result.scores()[a])
                    text = (
                        f"Raise {whose} {result.test.label} {ability.value} score from {old} "
                        f"({unit} {current[a]}) to {score_text(result.test, value)} "
                        f"({unit} {level})"
                    )
                found = self.make(
                    f"{path}.{ability.value}",
                    f"{whose.capitalize()} {ability.value} to {unit} {level}",
                    text,
                    changed,
                )
                if found is not None:
                    out.append(found)
                    break
        return out

    def retake(
        self, path: str, result: LanguageResult, whose: str, rules: RuleSet
    ) -> Suggestion | None:
        """The same results on a new test, for a result that has expired on the date."""
        expiry = expires_on(result, rules.language_validity_years)
        if expiry is None or expiry > self.on or rules.expired_language_scores:
            return None  # it counts (or, under the launch rules, an expired one still does)
        same = "the same results"
        if chart_for(result.test, result.test_date) is chart_for(result.test, self.on):
            new = attrs.evolve(result, test_date=self.on)
        else:  # a chart changed since (none of IRCC's does today): the same levels on today's
            found = [
                score_for(result.test, a, lvl, self.on) for a, lvl in enumerate(levels(result))
            ]
            wanted = [score for score in found if score is not None]
            if len(wanted) != len(found):
                return None  # a level today's scale has no score for
            listening, reading, writing, speaking = wanted
            new = attrs.evolve(
                result,
                listening=listening,
                reading=reading,
                writing=writing,
                speaking=speaking,
                test_date=self.on,
            )
            same = f"the same levels on today's scale ({describe(new)})"
        return self.make(
            path,
            f"New {result.test.label} result",
            f"Take a language test again: {whose} {result.test.label} of {result.test_date} "
            f"expired on {expiry} and earns nothing; {same} on a new test",
            with_result(self.profile, path, new),
        )

    def first_test(self, rules: RuleSet) -> Suggestion | None:
        level = rules.transfer_language_tier.steps[0][0]
        result = result_at(LanguageTest.IELTS, level)
        if result is None:
            return None
        return self.make(
            "first_language",
            f"English test at CLB {level}",
            f"Take an English test and reach CLB {level} in all four abilities "
            f"({describe(result)})",
            attrs.evolve(self.profile, first_language=result),
        )

    def french(self, rules: RuleSet) -> Suggestion | None:
        bonus = rules.french
        if bonus is None:
            return None
        profile = self.profile
        need = bonus.min_french
        french_path = None
        for path in ("first_language", "second_language"):
            result = getattr(profile, path)
            if result is not None and result.language is OfficialLanguage.FRENCH:
                french_path = path
        if french_path is None:
            new = result_at(LanguageTest.TEF_CANADA, need)
            if new is None:
                return None
            path = "first_language" if profile.first_language is None else "second_language"
            changed = evolve(profile, path, new)
            text = (
                f"Take a French test and reach NCLC {need} in all four abilities ({describe(new)})"
            )
        else:
            result = getattr(profile, french_path)
            current = levels(result)
            if min(current) >= need:
                return None
            scores = list(result.scores())
            for a in range(4):
                if current[a] < need:
                    value = score_for(result.test, a, need, result.test_date)
                    if value is None:
                        return None
                    scores[a] = value
            new = attrs.evolve(
                result,
                listening=scores[0],
                reading=scores[1],
                writing=scores[2],
                speaking=scores[3],
            )
            changed = evolve(profile, french_path, new)
            text = f"Raise your French to NCLC {need} in all four abilities ({describe(new)})"
        # Which French points the changed profile earns, as its own score says (an English
        # result that does not count on the date, expired or taken later, earns no bilingual).
        earned = score(changed, self.on, rules=self.rules).line("additional.french").points
        if earned == bonus.bilingual:
            note = (
                f"This includes {bonus.bilingual} points for French with English "
                f"at CLB {bonus.min_english}+."
            )
        else:
            note = (
                f"This includes {bonus.french_only} French-language points; with English at "
                f"CLB {bonus.min_english} or more in all four abilities they would be "
                f"{bonus.bilingual}."
            )
        return self.make("french", f"French at NCLC {need}", text, changed, note=note)

    def spouse_test(self, rules: RuleSet) -> list[Suggestion | None]:
        spouse = self.profile.spouse
        assert spouse is not None
        thresholds = [t for t, points in rules.spouse_language.steps if points > 0]
        out: list[Suggestion | None] = []
        for level in sorted({thresholds[0], thresholds[-1]}) if thresholds else []:
            result = result_at(LanguageTest.IELTS, level)
            if result is None:
                continue
            out.append(
                self.make(
                    f"spouse.first_language.clb_{level}",
                    f"Spouse's test at CLB {level}",
                    f"Your spouse takes an English test and reaches CLB {level} in all four "
                    f"abilities ({describe(result)})",
                    attrs.evolve(self.profile, spouse=attrs.evolve(spouse, first_language=result)),
                )
            )
        return out

    def education(self) -> Suggestion | None:
        current = self.profile.education
        for level in Education:
            if level.rank <= current.rank:
                continue
            found = self.make(
                "education",
                f"Education: {level.value}",
                f"Reach the education level: {level.label} (with an ECA if earned abroad)",
                attrs.evolve(self.profile, education=level),
            )
            if found is not None:
                return found
        return None

    def canadian_work(self, rules: RuleSet) -> Suggestion | None:
        profile = self.profile
        canadian, foreign = work_years(profile, self.on, rules.experience)
        target = canadian + 1
        try:
            changed = attrs.evolve(
                profile, work_history=(), canadian_work_years=target, foreign_work_years=foreign
            )
        except ProfileError:  # one more year is past what the field takes (100): none to suggest
            return None
        reached = None
        note = ""
        if profile.work_history:
            end = add_years(self.on.replace(day=28), _HORIZON_YEARS)  # held at 9999-12-31
            counters: dict[int, WorkYears] = {}
            for day in experience_change_days(profile, self.on, end, rules=self.rules):
                experience = (self.rules or rules_in_force(day)).experience
                counter = counters.get(id(experience))
                if counter is None:
                    counter = counters[id(experience)] = WorkYears(profile, experience)
                if counter(day)[0] >= target:
                    reached = day
                    break
            note = (
                f"With your current jobs you reach it on {reached.isoformat()}."
                if reached is not None
                else "Your work history has no ongoing skilled job in Canada that gets you there."
            )
        years = count(target, "year")
        return self.make(
            "canadian_work",
            f"{years} of Canadian work",
            f"Complete one more year of skilled work in Canada ({years} in total)",
            changed,
            reached,
            note,
        )
