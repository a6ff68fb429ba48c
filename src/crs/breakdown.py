"""Explained scores: a tree of :class:`Line` objects, and the :class:`Score` that holds them.

Every line has a stable dotted key (``core.age``,
``transferability.education.language``), a label, its points, the reason in
words (the facts that earned the points), the cap that applies to it and
whether it bit, and the source of the table it was read from.  The text,
JSON, Markdown and notebook views all render the same tree.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs

from crs._shapes import DATE, INT, STR, arr, obj, ref
from crs.caveats import provenance_schema

if TYPE_CHECKING:
    from crs.ruleset import Facts, RuleSet
    from crs.tables import Source

__all__ = ["Line", "Score"]


class Line(NamedTuple):
    """One line of an explained score.

    Attributes:
        key: Stable dotted key, e.g. ``core.first_language.reading``.
        label: What the line is, in words.
        points: Points the line adds to its parent (after its cap).
        reason: The facts that earned the points.
        children: The lines this one adds up (empty for a single factor).
        cap: The most points the line can add, where a cap applies.
        uncapped: The sum of the children before the cap, when the cap bit.
        source: The rule table the points were read from.
    """

    key: str
    label: str
    points: int
    reason: str = ""
    children: tuple[Line, ...] = ()
    cap: int | None = None
    uncapped: int | None = None
    source: Source | None = None

    def walk(self) -> Iterator[Line]:
        """This line and every line below it, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()

    def to_json(self) -> dict[str, Any]:
        """The line as a JSON-ready dict.

        Always ``key``, ``label``, ``points`` and ``reason``; ``cap`` where a cap
        applies, ``uncapped`` where it bit, ``source`` (the table's source title)
        where the points come from a table, ``children`` where the line adds up
        others.
        """
        data = _head(self)
        if self.children:
            data["children"] = [child.to_json() for child in self.children]
        return data

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        """The JSON Schema of :meth:`to_json` (its children refer to ``#/$defs/Line``)."""
        return obj(
            {"key": STR, "label": STR, "points": INT, "reason": STR},
            {"cap": INT, "uncapped": INT, "source": STR, "children": arr(ref("Line"))},
            description="one line of an explained score",
        )


@attrs.frozen(slots=False)  # a dict, so the compiled scorer sets every field at once
class Score:
    """A CRS score: the total, its four sections, and why.

    Attributes:
        total: The CRS score (at most 1,200).
        core: Section A, core / human capital factors.
        spouse: Section B, spouse or common-law partner factors.
        skill_transferability: Section C, skill transferability factors.
        additional: Section D, additional points.
        rules: The rule set the score was computed with.
        on: The date the score was computed for.
        warnings: Things the user should know (an expired test result, a factor
            given that this rule set does not score).
        facts: The resolved profile the score was computed from.
        id: The client id of the profile scored (None: none given); the JSON
            gives it first, and only when given.

    The explained breakdown, :attr:`lines`, is built from the same tables the
    first time it is asked for, so scoring many profiles costs only the points.
    """

    total: int
    core: int
    spouse: int
    skill_transferability: int
    additional: int
    rules: RuleSet
    on: dt.date
    warnings: tuple[str, ...] = ()
    facts: Facts | None = attrs.field(default=None, eq=False, repr=False)
    _lines: tuple[Line, ...] | None = attrs.field(default=None, eq=False, repr=False, alias="lines")
    _sections: Mapping[str, int] | None = attrs.field(
        factory=dict, eq=False, repr=False, kw_only=True, alias="sections"
    )
    id: str | None = attrs.field(default=None, kw_only=True)

    @property
    def sections(self) -> Mapping[str, int]:
        """Every section's subtotal by its key.

        ``core``, ``spouse``, ``transferability``, ``additional``, and any section
        a rule set of one's own adds.
        """
        sections = self._sections
        if sections is None:  # the four standard sections, as the compiled scorer leaves them
            return {
                "core": self.core,
                "spouse": self.spouse,
                "transferability": self.skill_transferability,
                "additional": self.additional,
            }
        return sections

    @property
    def lines(self) -> tuple[Line, ...]:
        """The explained breakdown: one line per section, each a tree of lines."""
        lines = self._lines
        if lines is None:
            if self.facts is None:
                raise ValueError("this Score was built without facts or lines to explain it")
            lines = tuple(section.line(self.facts, self.rules) for section in self.rules.sections)
            object.__setattr__(self, "_lines", lines)
        return lines

    def line(self, key: str) -> Line:
        """The line with dotted ``key`` anywhere in the breakdown.

        Raises:
            KeyError: If no line has that key.
        """
        for top in self.lines:
            for line in top.walk():
                if line.key == key:
                    return line
        raise KeyError(key)

    def points(self) -> dict[str, int]:
        """Every line's points by its key (sections, groups and factors)."""
        return {line.key: line.points for top in self.lines for line in top.walk()}

    def to_json(self) -> dict[str, Any]:
        """The score as the JSON object of the public contract (interfaces.md §2).

        Besides the contract's keys, ``crs_version`` (the library's version) and
        ``rounds_data`` (the date of the newest bundled round), so that a
        result can be traced.  ``id`` comes first when the profile gave one,
        and is left out otherwise.
        """
        return {
            **_id(self.id),
            "total": self.total,
            "core": self.core,
            "spouse": self.spouse,
            "skill_transferability": self.skill_transferability,
            "additional": self.additional,
            "rules": self.rules.name,
            "on": self.on.isoformat(),
            **_provenance(),
            "lines": [line.to_json() for line in self.lines],
            "warnings": list(self.warnings),
        }

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        """The JSON Schema of :meth:`to_json` (``crs score --format json``)."""
        return obj(
            {
                "total": {"type": "integer", "minimum": 0},
                "core": INT,
                "spouse": INT,
                "skill_transferability": INT,
                "additional": INT,
                "rules": STR,
                "on": DATE,
                **provenance_schema(),
                "lines": arr(ref("Line")),
                "warnings": arr(STR),
            },
            {"id": STR},
            description="an explained CRS score",
        )

    def to_json_text(self) -> str:
        """:meth:`to_json` as compact JSON text, on one line (what ``--format jsonl`` writes).

        The same text as ``json.dumps(score.to_json(), separators=(",", ":"),
        ensure_ascii=False)``, made faster for batches by reusing the text of
        lines shared between scores.
        """
        head = _dumps(
            {
                **_id(self.id),
                "total": self.total,
                "core": self.core,
                "spouse": self.spouse,
                "skill_transferability": self.skill_transferability,
                "additional": self.additional,
                "rules": self.rules.name,
                "on": self.on.isoformat(),
                **_provenance(),
            }
        )
        lines = ",".join(_line_text(line) for line in self.lines)
        return f'{head[:-1]},"lines":[{lines}],"warnings":{_dumps(list(self.warnings))}}}'

    def to_text(self) -> str:
        """A readable report: the total, then every line indented under its section."""
        out = [
            f"CRS score{_of(self.id)}: {self.total} on {self.on.isoformat()} "
            f"(rules in force from {self.rules.name})"
        ]
        for top in self.lines:
            _text_lines(top, 1, out)
        out.extend(f"warning: {w}" for w in self.warnings)
        return "\n".join(out)

    def to_markdown(self) -> str:
        """A Markdown table of every line, for reports and notebooks."""
        out = [
            f"**CRS score{_md(_of(self.id))}: {self.total}** on {self.on.isoformat()} "
            f"(rules in force from {self.rules.name})",
            "",
            "| key | factor | points | why |",
            "|---|---|---:|---|",
        ]
        for top in self.lines:
            for line in top.walk():
                depth = line.key.count(".")
                label = "&nbsp;&nbsp;" * depth + _md(line.label)
                points = f"**{line.points}**" if depth == 0 else str(line.points)
                out.append(f"| `{line.key}` | {label} | {points} | {_md(_why(line))} |")
        out.extend(["", *(f"> warning: {_md(w)}" for w in self.warnings)])
        return "\n".join(out).rstrip() + "\n"

    def _repr_html_(self) -> str:
        rows = []
        for top in self.lines:
            for line in top.walk():
                depth = line.key.count(".")
                weight = "bold" if depth == 0 else "normal"
                rows.append(
                    f'<tr style="font-weight:{weight}"><td style="padding-left:{depth * 1.2}em">'
                    f"{html.escape(line.label)}</td><td style='text-align:right'>{line.points}"
                    f"</td><td>{html.escape(_why(line))}</td></tr>"
                )
        warnings = "".join(f"<p>&#9888; {html.escape(w)}</p>" for w in self.warnings)
        return (
            f"<div><h4>CRS score{html.escape(_of(self.id))}: {self.total}</h4>"
            f"<p>on {self.on.isoformat()}, rules in force from {html.escape(self.rules.name)}"
            f"</p><table><thead><tr><th>factor</th><th>points</th><th>why</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>{warnings}</div>"
        )

    def __str__(self) -> str:
        return self.to_text()


def _facts(self: Score) -> Facts | None:
    """The facts the score was computed from (:attr:`Score.facts`).

    The compiled scorer (:mod:`crs.compiled`) stores the plain tuple it read;
    it becomes a :class:`~crs.ruleset.Facts` the first time it is asked for,
    so scoring many profiles does not copy every one.
    """
    held = self.__dict__
    facts = held["facts"]
    if type(facts) is tuple:
        from crs.ruleset import Facts

        facts = held["facts"] = tuple.__new__(Facts, facts)
    return facts  # type: ignore[no-any-return]


# Score.facts reads the stored tuple through _facts (a property takes precedence
# over the instance dict, where attrs' __init__ and the compiled scorer put it).
setattr(Score, "facts", property(_facts, doc=_facts.__doc__))  # noqa: B010
# Class-level defaults of the fields the compiled scorer leaves out of the
# instance dict when they keep their default (None): one key less to build each.
for _name in ("_lines", "_sections", "id"):
    setattr(Score, _name, None)


def _id(id: str | None) -> dict[str, str]:
    """``{"id": id}`` when a client id is given, else nothing: what results put first."""
    return {} if id is None else {"id": id}


def _of(id: str | None) -> str:
    """`` of ID`` for a heading when a client id is given, else nothing."""
    return "" if id is None else f" of {id}"


_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
_string: Any = getattr(json.encoder, "c_encode_basestring", None) or json.encoder.encode_basestring
"""A str as JSON text, as :data:`_dumps` writes it (``ensure_ascii=False``)."""
_TEXTS: dict[int, tuple[Line, str]] = {}
_HEADS: dict[tuple[Any, ...], str] = {}
_TEXTS_LIMIT = 20_000  # bounded: a long batch keeps memory flat (docs/guarantees.md)


def _provenance() -> dict[str, Any]:
    """``crs_version`` and ``rounds_data`` (:func:`crs.caveats.provenance`)."""
    from crs.caveats import provenance

    found = provenance(None)
    return {"crs_version": found["crs_version"], "rounds_data": found["rounds_data"]}


def _line_text(line: Line) -> str:
    """The compact JSON text of ``line``, reusing the text of a line seen before."""
    found = _TEXTS.get(id(line))
    if found is not None and found[0] is line:
        return found[1]
    key, label, points, reason, children, cap, uncapped, source = line
    if children:
        # A parent is new for every score, but its head repeats: reuse that text.
        text = _remembered((key, label, points, reason, cap, uncapped, source), line)
        return _joined_text(text, [_line_text(child) for child in children])
    # A leaf built anew (not from a factor's memo) repeats by value: reuse that text.
    text = _remembered((key, label, points, reason, cap, uncapped, source, type(points)), line)
    if len(_TEXTS) >= _TEXTS_LIMIT:
        _TEXTS.clear()
    _TEXTS[id(line)] = (line, text)
    return text


def _joined_text(head: str, children: Sequence[str]) -> str:
    """A parent line's text from its head's text and its children's texts."""
    return f'{head[:-1]},"children":[{",".join(children)}]}}'


def _head_of(line: Line) -> str:
    """The text of ``line`` without its children (remembered, as :func:`_line_text` does)."""
    key, label, points, reason, _, cap, uncapped, source = line
    return _remembered((key, label, points, reason, cap, uncapped, source), line)


def _remembered(head_key: tuple[Any, ...], line: Line) -> str:
    """The text of ``line``'s head, remembered by ``head_key`` (the values it is made of)."""
    text = _HEADS.get(head_key)
    if text is None:
        text = _head_text(line)
        if len(_HEADS) >= _TEXTS_LIMIT:
            _HEADS.clear()
        _HEADS[head_key] = text
    return text


def _head(line: Line) -> dict[str, Any]:
    """The line's JSON fields other than its children."""
    key, label, points, reason, _, cap, uncapped, source = line
    head: dict[str, Any] = {"key": key, "label": label, "points": points, "reason": reason}
    if cap is not None:
        head["cap"] = cap
        if uncapped is not None:
            head["uncapped"] = uncapped
    if source is not None:
        head["source"] = source.title
    return head


def _head_text(line: Line) -> str:
    """``_dumps(_head(line))``, written directly where every field is a plain str or int."""
    key, label, points, reason, _, cap, uncapped, source = line
    title = None if source is None else source.title
    if (
        type(key) is str
        and type(label) is str
        and type(points) is int
        and type(reason) is str
        and (cap is None or type(cap) is int)
        and (uncapped is None or type(uncapped) is int)
        and (title is None or type(title) is str)
    ):
        text = (
            f'{{"key":{_string(key)},"label":{_string(label)},"points":{points},'
            f'"reason":{_string(reason)}'
        )
        if cap is not None:
            text += f',"cap":{cap}' if uncapped is None else f',"cap":{cap},"uncapped":{uncapped}'
        return text + "}" if title is None else f'{text},"source":{_string(title)}}}'
    return _dumps(_head(line))


def _why(line: Line) -> str:
    parts = [line.reason] if line.reason else []
    if line.uncapped is not None:
        parts.append(f"capped at {line.cap} (from {line.uncapped})")
    elif line.cap is not None and line.children:
        parts.append(f"at most {line.cap}")
    return "; ".join(parts)


def _text_lines(line: Line, depth: int, out: list[str]) -> None:
    indent = "  " * depth
    head = f"{indent}{line.label}"
    why = _why(line)
    out.append(f"{head:<58} {line.points:>4}" + (f"  {why}" if why else ""))
    for child in line.children:
        _text_lines(child, depth + 1, out)


def _md(text: str) -> str:
    """``text`` as Markdown text: never HTML (an id holding ``<script>``), never a table cell's end.

    ``&``, ``<`` and ``>`` become entities, which Markdown shows as the characters.
    """
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")
