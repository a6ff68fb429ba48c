"""Render the rule data as Markdown tables, for the documentation site.

The documentation never copies a point value by hand: its rule-set pages and its
page of draw categories are built from :data:`crs.rules.RULE_SETS` and
:data:`crs.categories.CATEGORIES` by these functions when the site is built, so
the docs cannot disagree with the scores.

Each table is a :class:`DocTable` that remembers the rule-set field it was read
from, so a test can check every rendered cell against the data.

>>> from crs.rules import rule_set
>>> age = next(t for t in rule_set_tables(rule_set("2025-03-25")) if t.field == "age")
>>> age.header
('Age (completed years)', 'With a spouse', 'Without a spouse')
>>> age.rows[3]
('20 to 29', '100', '110')
"""

from __future__ import annotations

import datetime as dt
import enum
import importlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import attrs

from crs.categories import CATEGORIES, CategoryVersion
from crs.occupations import occupation
from crs.profile import ArrangedEmployment, CanadianEducation, Education
from crs.rules import RULE_SETS
from crs.ruleset import Award, Factor, FrenchBonus, Group, RuleSet
from crs.tables import Lookup, Matrix, Source, Spoused, Steps

__all__ = [
    "DocTable",
    "categories_markdown",
    "changed_fields",
    "enum_label",
    "markdown_table",
    "rule_set_markdown",
    "rule_set_tables",
    "rule_sets_markdown",
    "step_ranges",
]

_ENUM_LABELS: Mapping[enum.Enum, str] = {
    ArrangedEmployment.MAJOR_GROUP_00: "NOC TEER 0, Major Group 00 (senior management)",
    ArrangedEmployment.TEER_0_1_2_3: "any other TEER 0, 1, 2 or 3 occupation",
    CanadianEducation.ONE_OR_TWO_YEAR: "a one- or two-year post-secondary credential",
    CanadianEducation.THREE_YEAR_OR_LONGER: (
        "a credential of three years or longer, or a master's, professional or doctoral "
        "degree of at least one academic year"
    ),
}


def enum_label(key: enum.Enum) -> str:
    """A profile key (an :class:`~crs.Education`, a job offer, a Canadian credential) in words.

    >>> enum_label(Education.DOCTORAL)
    'doctoral degree'
    """
    if isinstance(key, Education):
        return key.label
    return _ENUM_LABELS.get(key, str(key.value))


@attrs.frozen
class DocTable:
    """One rendered table: where it comes from, its header and its rows of text cells.

    Attributes:
        field: The :class:`~crs.RuleSet` field the table shows (``age``,
            ``education_language``, ``caps``...).
        title: The table's heading.
        header: The column names.
        rows: The cells, one tuple a row, as text.
        source: Where the values come from, or None.
        note: A sentence shown under the table.
    """

    field: str
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    source: Source | None = None
    note: str = ""

    def to_markdown(self) -> str:
        """The table in Markdown: heading, table, note and source."""
        parts = [f"### {self.title}", "", markdown_table(self.header, self.rows)]
        if self.note:
            parts += ["", self.note]
        if self.source is not None:
            parts += ["", f"Source: {_source_link(self.source)}."]
        return "\n".join(parts)


def markdown_table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    r"""A Markdown pipe table; pipes inside cells are escaped.

    >>> print(markdown_table(("a", "b"), [("1", "x|y")]))
    | a | b |
    |---|---|
    | 1 | x\|y |
    """

    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"

    out = [line(header), "|" + "---|" * len(header)]
    out.extend(line(row) for row in rows)
    return "\n".join(out)


def _source_link(source: Source) -> str:
    text = source.title
    if source.url:
        text = f"[{text}]({source.url})"
    if source.confidence != "high":
        text += f" (confidence: {source.confidence})"
    if source.note:
        text += f"; {source.note.rstrip('.')}"
    return text


def step_ranges(
    tables: Sequence[Callable[[int], int]], breaks: Iterable[int]
) -> list[tuple[str, ...]]:
    """Rows of ``(range, points in each table)`` over the given thresholds.

    Consecutive values that give the same points in every table are merged, so
    ages 20 to 29 make one row.  The last range is open (``45 or more``).

    >>> young = Steps(((0, 0), (18, 5), (20, 5), (30, 1)), Source("example"))
    >>> step_ranges([young], [0, 18, 20, 30])
    [('0 to 17', '0'), ('18 to 29', '5'), ('30 or more', '1')]
    """
    points = sorted({0, *breaks})
    merged: list[tuple[int, tuple[int, ...]]] = []
    for value in points:
        row = tuple(table(value) for table in tables)
        if not merged or merged[-1][1] != row:
            merged.append((value, row))
    out = []
    for i, (low, row) in enumerate(merged):
        if i + 1 == len(merged):
            label = f"{low} or more"
        else:
            high = merged[i + 1][0] - 1
            label = str(low) if high == low else f"{low} to {high}"
        out.append((label, *(str(p) for p in row)))
    return out


def _thresholds(*tables: Steps) -> list[int]:
    return [threshold for table in tables for threshold, _ in table.steps]


def _spoused_steps(
    field: str, title: str, what: str, table: Spoused[Steps], note: str = ""
) -> DocTable:
    rows = step_ranges(
        [table.with_spouse, table.single], _thresholds(table.with_spouse, table.single)
    )
    return DocTable(
        field,
        title,
        (what, "With a spouse", "Without a spouse"),
        tuple(rows),
        table.single.source,
        note,
    )


def _steps(
    field: str, title: str, what: str, column: str, table: Steps, note: str = ""
) -> DocTable:
    rows = step_ranges([table], _thresholds(table))
    return DocTable(field, title, (what, column), tuple(rows), table.source, note)


def _lookup_rows(tables: Sequence[Lookup[Any]]) -> tuple[tuple[str, ...], ...]:
    keys = list(tables[0].values)
    return tuple(
        (f"`{key.value}`", enum_label(key), *(str(t(key)) for t in tables)) for key in keys
    )


def _matrix(field: str, title: str, matrix: Matrix, note: str = "") -> DocTable:
    corner = f"{matrix.rows_label.capitalize()} \\ {matrix.columns_label}"
    rows = tuple(
        (name, *(str(p) for p in points))
        for name, points in zip(matrix.row_names, matrix.points, strict=True)
    )
    return DocTable(field, title, (corner, *matrix.column_names), rows, matrix.source, note)


def _tiers(field: str, title: str, what: str, table: Steps, names: Sequence[str]) -> DocTable:
    rows = tuple(
        (label, tier, names[int(tier)]) for label, tier in step_ranges([table], _thresholds(table))
    )
    return DocTable(field, title, (what, "Tier", "Tier in the grid"), rows, table.source)


def _cap_cells(value: int | Spoused[int]) -> tuple[str, str]:
    if isinstance(value, Spoused):
        return str(value.with_spouse), str(value.single)
    return str(value), str(value)


_CAPS = (
    ("second_language_cap", "Second official language (section A)"),
    ("transferability_pair_cap", "Each skill-transferability pair (education; foreign work)"),
    ("transferability_cap", "C. Skill transferability"),
    ("additional_cap", "D. Additional points"),
)


def rule_set_tables(rules: RuleSet) -> tuple[DocTable, ...]:
    """Every table of ``rules``, in the order of the CRS grid, as :class:`DocTable` objects.

    A factor the rule set does not score (a job offer from 2025-03-25, say) gets a
    one-row table that says so.
    """
    ed = rules.education
    out = [
        _spoused_steps("age", "Age", "Age (completed years)", rules.age),
        DocTable(
            "education",
            "Level of education",
            ("Profile key", "Level", "With a spouse", "Without a spouse"),
            _lookup_rows([ed.with_spouse, ed.single]),
            ed.single.source,
        ),
        _spoused_steps(
            "first_language",
            "First official language, per ability",
            "CLB / NCLC level",
            rules.first_language,
            "Points are given for each of the four abilities (listening, reading, writing, "
            "speaking) and added up.",
        ),
        _spoused_steps(
            "second_language",
            "Second official language, per ability",
            "CLB / NCLC level",
            rules.second_language,
            "The second language adds at most {} points with a spouse, {} without.".format(
                *_cap_cells(rules.second_language_cap)
            ),
        ),
        _spoused_steps(
            "canadian_work",
            "Canadian work experience",
            "Years",
            rules.canadian_work,
        ),
        DocTable(
            "spouse_education",
            "Spouse's level of education",
            ("Profile key", "Level", "Points"),
            _lookup_rows([rules.spouse_education]),
            rules.spouse_education.source,
        ),
        _steps(
            "spouse_language",
            "Spouse's first official language, per ability",
            "CLB / NCLC level",
            "Points",
            rules.spouse_language,
        ),
        _steps(
            "spouse_canadian_work",
            "Spouse's Canadian work experience",
            "Years",
            "Points",
            rules.spouse_canadian_work,
        ),
        _tiers(
            "transfer_language_tier",
            "Language tier (lowest of the four first-language levels)",
            "Lowest CLB / NCLC level",
            rules.transfer_language_tier,
            rules.education_language.column_names,
        ),
        DocTable(
            "transfer_education_tier",
            "Education tier",
            ("Profile key", "Level", "Tier"),
            _lookup_rows([rules.transfer_education_tier]),
            rules.transfer_education_tier.source,
        ),
        _tiers(
            "transfer_canadian_tier",
            "Canadian work tier",
            "Years of Canadian work",
            rules.transfer_canadian_tier,
            rules.education_canadian_work.column_names,
        ),
        _tiers(
            "transfer_foreign_tier",
            "Foreign work tier",
            "Years of foreign work",
            rules.transfer_foreign_tier,
            rules.foreign_work_language.row_names,
        ),
        _matrix("education_language", "Education and official language", rules.education_language),
        _matrix(
            "education_canadian_work",
            "Education and Canadian work experience",
            rules.education_canadian_work,
        ),
        _matrix(
            "foreign_work_language",
            "Foreign work experience and official language",
            rules.foreign_work_language,
        ),
        _matrix(
            "foreign_work_canadian_work",
            "Foreign and Canadian work experience",
            rules.foreign_work_canadian_work,
        ),
        _tiers(
            "coq_language_tier",
            "Language tier for the certificate of qualification",
            "Lowest CLB / NCLC level",
            rules.coq_language_tier,
            rules.certificate_of_qualification.column_names,
        ),
        _matrix(
            "certificate_of_qualification",
            "Certificate of qualification and official language",
            rules.certificate_of_qualification,
        ),
        *_additional(rules),
        DocTable(
            "caps",
            "Caps",
            ("What is capped", "With a spouse", "Without a spouse"),
            tuple((label, *_cap_cells(getattr(rules, name))) for name, label in _CAPS),
            note=_maxima(rules),
        ),
    ]
    return tuple(out)


def _maxima(rules: RuleSet) -> str:
    """The most each of sections A and B, and the total, can give, from the tables."""

    def core(with_spouse: bool) -> int:
        second = rules.second_language_cap.pick(with_spouse)
        return (
            rules.age.pick(with_spouse).maximum
            + rules.education.pick(with_spouse).maximum
            + 4 * rules.first_language.pick(with_spouse).maximum
            + min(second, 4 * rules.second_language.pick(with_spouse).maximum)
            + rules.canadian_work.pick(with_spouse).maximum
        )

    spouse = (
        rules.spouse_education.maximum
        + 4 * rules.spouse_language.maximum
        + rules.spouse_canadian_work.maximum
    )
    rest = rules.transferability_cap + rules.additional_cap
    return (
        f"From these tables, section A gives at most {core(True)} with a spouse and "
        f"{core(False)} without, section B at most {spouse}; the most a profile can score is "
        f"{core(True) + spouse + rest:,} with a spouse and {core(False) + rest:,} without."
    )


def _not_scored(field: str, title: str, rules: RuleSet) -> DocTable:
    return DocTable(
        field,
        title,
        ("Condition", "Points"),
        (("any", f"not scored by the rules in force from {rules.name}"),),
    )


def _award(field: str, title: str, condition: str, award: Award | None, rules: RuleSet) -> DocTable:
    if award is None:
        return _not_scored(field, title, rules)
    return DocTable(
        field, title, ("Condition", "Points"), ((condition, str(award.points)),), award.source
    )


def _additional(rules: RuleSet) -> list[DocTable]:
    out = [
        _award(
            "provincial_nomination",
            "Provincial or territorial nomination",
            "a valid nomination (`provincial_nomination`)",
            rules.provincial_nomination,
            rules,
        )
    ]
    job = rules.arranged_employment
    out.append(
        _not_scored("arranged_employment", "Arranged employment (a job offer)", rules)
        if job is None
        else DocTable(
            "arranged_employment",
            "Arranged employment (a job offer)",
            ("Profile key", "Occupation offered", "Points"),
            _lookup_rows([job]),
            job.source,
        )
    )
    study = rules.canadian_education
    out.append(
        _not_scored("canadian_education", "Post-secondary education in Canada", rules)
        if study is None
        else DocTable(
            "canadian_education",
            "Post-secondary education in Canada",
            ("Profile key", "Credential", "Points"),
            _lookup_rows([study]),
            study.source,
        )
    )
    out.append(_french(rules.french, rules))
    out.append(
        _award(
            "sibling",
            "Brother or sister in Canada",
            "a brother or sister in Canada, citizen or permanent resident, 18 or older "
            "(`sibling_in_canada`)",
            rules.sibling,
            rules,
        )
    )
    return out


def _french(bonus: FrenchBonus | None, rules: RuleSet) -> DocTable:
    title = "French-language skills"
    if bonus is None:
        return _not_scored("french", title, rules)
    strong = f"NCLC {bonus.min_french} or more on all four French abilities"
    return DocTable(
        "french",
        title,
        ("Condition", "Points"),
        (
            (
                f"{strong}, and CLB {bonus.min_english - 1} or less on any English ability "
                "(or no English result)",
                str(bonus.french_only),
            ),
            (
                f"{strong}, and CLB {bonus.min_english} or more on all four English abilities",
                str(bonus.bilingual),
            ),
        ),
        bonus.source,
    )


_NOT_TABLES = frozenset({"name", "effective", "summary", "sources", "sections"})


def changed_fields(rules: RuleSet, previous: RuleSet | None) -> tuple[str, ...]:
    """The fields of ``rules`` whose value differs from ``previous`` (all, when None).

    >>> from crs.rules import rule_set
    >>> changed_fields(rule_set("2025-03-25"), rule_set("2020-10-20"))
    ('arranged_employment',)
    """
    names = [f.name for f in attrs.fields(RuleSet) if f.name not in _NOT_TABLES]
    if previous is None:
        return tuple(names)
    return tuple(n for n in names if getattr(rules, n) != getattr(previous, n))


def _cap_text(group: Group, rules: RuleSet) -> str:
    if group.cap is None:
        return ""
    cap = getattr(rules, group.cap) if isinstance(group.cap, str) else group.cap
    with_spouse, single = _cap_cells(cap)
    if with_spouse == single:
        return f", at most {single}"
    return f", at most {with_spouse} with a spouse, {single} without"


def _outline(parts: Sequence[Factor], rules: RuleSet, depth: int) -> list[str]:
    out = []
    for part in parts:
        indent = "    " * depth
        if isinstance(part, Group):
            extra = " (only when the spouse counts)" if part.only_with_spouse else ""
            out.append(f"{indent}- **{part.label}** `{part.key}`{_cap_text(part, rules)}{extra}")
            out.extend(_outline(part.parts, rules, depth + 1))
        else:
            out.append(f"{indent}- {part.label} `{part.key}`")
    return out


def _module_doc(rules: RuleSet) -> str:
    name = "crs.rules.v" + rules.name.replace("-", "_")
    try:
        module = importlib.import_module(name)
    except ImportError:
        return ""
    if getattr(module, "RULES", None) is not rules:
        return ""
    # The first line repeats the page title ("Rules in force from ..."): leave it out.
    _, _, rest = (module.__doc__ or "").strip().partition("\n")
    return rest.strip()


def _until(rules: RuleSet) -> str:
    later = [r for r in RULE_SETS if r.effective > rules.effective]
    if not later:
        return "still in force"
    last = min(later, key=lambda r: r.effective)
    return f"until the day before [{last.name}]({last.name}.md)"


def rule_set_markdown(rules: RuleSet) -> str:
    """The body of a rule set's page: what changed, the sections, every table, the sources.

    Links point at sibling pages named after each rule set (``2017-06-06.md``).
    """
    index = next((i for i, r in enumerate(RULE_SETS) if r is rules), None)
    previous = RULE_SETS[index - 1] if index else None
    lines = [f"**In force from {rules.effective.isoformat()}, {_until(rules)}.** {rules.summary}"]
    doc = _module_doc(rules)
    if doc:
        lines += ["", "## What the rule module says", "", doc]
    if previous is not None:
        changed = changed_fields(rules, previous)
        names = ", ".join(f"`{n}`" for n in changed) or "none"
        lines += [
            "",
            f"Tables that differ from [{previous.name}]({previous.name}.md): {names}.",
        ]
    lines += ["", "## Sources", ""]
    lines += [f"- {_source_link(s)}" for s in rules.sources]
    lines += ["", "## Sections and caps", ""]
    lines += _outline(rules.sections, rules, 0)
    lines += ["", "## Tables", ""]
    for table in rule_set_tables(rules):
        lines += [table.to_markdown(), ""]
    exp = rules.experience
    lines += [
        "## Counting experience and results",
        "",
        markdown_table(
            ("Rule", "Value"),
            (
                ("Full time (hours a week; more never counts)", str(exp.full_time_hours_per_week)),
                ("Hours that make one year of experience", f"{exp.hours_per_year:,}"),
                ("Experience counted in the last ... years", str(exp.window_years)),
                ("Skilled TEER categories", ", ".join(str(t) for t in sorted(exp.skilled_teers))),
                (
                    "Canadian work that counts",
                    "continuous full-time work only, each year in one unbroken run"
                    if exp.canadian_continuous_full_time
                    else "full time, or its part-time equivalent, with one or more employers",
                ),
                (
                    "Foreign work counted in",
                    "one occupation (the one with the most hours)"
                    if exp.foreign_one_occupation
                    else "every skilled occupation",
                ),
                ("Years a language result stays valid", str(rules.language_validity_years)),
                (
                    "An expired result still earns points",
                    "yes" if rules.expired_language_scores else "no (from its second anniversary)",
                ),
            ),
        ),
        "",
        f"Source: {_source_link(exp.source)}.",
    ]
    return "\n".join(lines) + "\n"


def rule_sets_markdown(base: str = "") -> str:
    """A table of every rule set: its dates, what changed, and a link to its page.

    Args:
        base: The path from the page to the directory of the rule-set pages
            (``""`` from ``rules/index.md``, ``"rules/"`` from the top).
    """
    rows = []
    for i, rules in enumerate(RULE_SETS):
        until = (RULE_SETS[i + 1].effective.toordinal() - 1) if i + 1 < len(RULE_SETS) else None
        end = "still in force" if until is None else _iso(until)
        rows.append((f"[{rules.name}]({base}{rules.name}.md)", end, rules.summary))
    return markdown_table(("In force from", "Until", "What changed"), rows) + "\n"


def _iso(ordinal: int) -> str:
    return dt.date.fromordinal(ordinal).isoformat()


def _version_rows(version: CategoryVersion) -> list[tuple[str, str]]:
    start = version.start.isoformat()
    if version.end is None:
        span = f"from {start}, still in force"
    else:
        span = f"{start} to {_iso(version.end.toordinal() - 1)}"
    rows = [("Version", version.version), ("In force", span)]
    if version.french is not None:
        rows.append(("French", f"NCLC {version.french} or more on all four abilities"))
    if version.experience is not None:
        rows.append(("Work experience", version.experience.description))
    for extra in version.extra:
        rows.append(("Also", extra.label))
    rows.append(("And", "eligible for at least one program (FSW, CEC or FST)"))
    if version.aliases:
        rows.append(("Also named", "; ".join(version.aliases)))
    if not version.name_verified:
        rows.append(("Name", "no round held yet under this version: the name is ours, not IRCC's"))
    rows.append(("Confidence", version.confidence))
    rows.append(("Source", _source_link(version.source)))
    return rows


def _noc_rows(version: CategoryVersion) -> list[tuple[str, str, str]]:
    rows = []
    for code in version.nocs:
        job = occupation(code)
        rows.append((code, str(job.teer), job.title))
    return rows


def categories_markdown(base: str = "") -> str:
    """Every draw category, every version, with its conditions and its full NOC list.

    Args:
        base: Unused (the page links only within itself); the same signature as
            :func:`rule_sets_markdown`.
    """
    overview = []
    for slug, cat in CATEGORIES.items():
        for version in cat.versions:
            until = "now" if version.end is None else _iso(version.end.toordinal() - 1)
            count = str(len(version.nocs)) if version.nocs else "-"
            overview.append(
                (
                    f"[`{slug}`](#{slug.replace('_', '-')})",
                    version.name,
                    f"{version.start.isoformat()} to {until}",
                    count,
                )
            )
    lines = [
        "## All versions",
        "",
        markdown_table(("Category", "Version (official name)", "In force", "NOCs"), overview),
        "",
    ]
    for slug, cat in CATEGORIES.items():
        lines += [f"## {cat.title} {{#{slug.replace('_', '-')}}}", "", f"Slug: `{slug}`.", ""]
        for version in cat.versions:
            lines += [
                f"### {version.name}",
                "",
                markdown_table(("Fact", "Value"), _version_rows(version)),
                "",
            ]
            if version.nocs:
                lines += [
                    f"{len(version.nocs)} occupations:",
                    "",
                    markdown_table(("NOC 2021", "TEER", "Title"), _noc_rows(version)),
                    "",
                ]
    return "\n".join(lines)
