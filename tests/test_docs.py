"""The documentation builds, its generated tables match the rule data, and its examples run.

Conventions for the examples in ``README.md`` and ``docs/**/*.md``:

* Every fenced ``python`` block runs, unless the line before its fence is
  ``<!-- no-run -->``.  The blocks of one page run in order in one namespace
  (like a notebook) that starts with ``profile``, the bundled example profile,
  and with the repository root as the working directory.
* A block with ``>>>`` prompts runs as a doctest instead.
* A result shown in a comment is checked: an expression statement followed by
  ``# LITERAL`` (a Python literal) must equal it, and ``print(...)  # TEXT``
  must print ``TEXT`` when it prints one line, or when every word of ``TEXT``
  is a literal (``# 429 354 75``).
* In ``console`` blocks of the pages this project's docs own (not the guides
  written with each feature), every ``$ crs ...`` command runs in-process; each
  output line shown must appear in the real output, in order, and ``$ echo $?``
  followed by a number checks the exit status.  Other commands are not run.
"""

from __future__ import annotations

import ast
import contextlib
import doctest
import importlib
import importlib.util
import io
import itertools
import json
import os
import pkgutil
import re
import shlex
import subprocess
import sys
import tokenize
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from mkdocs.config import load_config

import crs
from crs.categories import CATEGORIES
from crs.cli import main as cli_main
from crs.occupations import occupation
from crs.rules import RULE_SETS
from crs.ruleset import RuleSet
from crs.tables import Lookup, Matrix, Spoused, Steps
from rule_tables import (
    DocTable,
    categories_markdown,
    changed_fields,
    rule_set_markdown,
    rule_set_tables,
    rule_sets_markdown,
)

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = sorted([ROOT / "README.md", *DOCS.rglob("*.md")])
RUNNABLE = {
    "docs/index.md",
    "docs/concepts.md",
    "docs/cli.md",
    "docs/tutorials/consultant.md",
    "docs/tutorials/analyst.md",
    "docs/tutorials/developer.md",
}
"""Pages that must hold at least one example that runs."""
OTHERS = {"eligibility.md", "rounds.md", "scenarios.md"}
"""Guides written with their features: their console blocks are not run here."""


# (a) The site builds without a warning.


@pytest.mark.tooling
def test_mkdocs_build_strict(tmp_path: Path) -> None:
    """``mkdocs build --strict`` succeeds with no warning, and the generated pages exist."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNING" not in output, output
    for rules in RULE_SETS:
        page = (tmp_path / "rules" / rules.name / "index.html").read_text("utf-8")
        assert f"Rules in force from {rules.name}" in page
        assert "<table>" in page
    categories = (tmp_path / "categories" / "index.html").read_text("utf-8")
    assert "31102" in categories
    assert "General practitioners and family physicians" in categories
    home = (tmp_path / "index.html").read_text("utf-8")
    assert "Tutorial for consultants" in home


def test_nav_lists_every_page_and_rule_set() -> None:
    """Every Markdown page and every generated rule-set page is in the navigation."""
    config = load_config(str(ROOT / "mkdocs.yml"))

    def walk(items: Any) -> Iterator[str]:
        for item in items:
            if isinstance(item, str):
                yield item
            else:
                for value in item.values():
                    yield from walk(value) if isinstance(value, list) else [value]

    nav = set(walk(config["nav"]))
    pages = {str(p.relative_to(DOCS)) for p in DOCS.rglob("*.md")}
    generated = {f"rules/{r.name}.md" for r in RULE_SETS}
    assert pages | generated == nav


# (b) The generated tables are the rule data.


def _parse(markdown: str) -> tuple[list[str], list[list[str]]]:
    """The header and rows of the first pipe table in ``markdown``."""
    lines = [line for line in markdown.splitlines() if line.startswith("|")]
    cells = [
        [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        for line in lines
    ]
    assert set(lines[1]) <= {"|", "-"}
    return cells[0], cells[2:]


def _range(label: str) -> tuple[int, int | None]:
    match = re.fullmatch(r"(\d+)(?: to (\d+)| (or more))?", label)
    assert match, label
    low = int(match.group(1))
    if match.group(3):
        return low, None
    return low, int(match.group(2)) if match.group(2) else low


def _check_steps(table: DocTable, columns: list[Any]) -> None:
    """Every value in every range gives the points shown, ranges cover 0 upwards."""
    header, rows = _parse(table.to_markdown())
    assert len(header) >= 1 + len(columns)
    expected_low = 0
    for i, row in enumerate(rows):
        low, high = _range(row[0])
        assert low == expected_low, (table.field, row)
        assert (high is None) == (i == len(rows) - 1)
        top = high if high is not None else low + 30
        for value in range(low, top + 1):
            got = [int(cell) for cell in row[1 : 1 + len(columns)]]
            assert got == [column(value) for column in columns], (table.field, value)
        expected_low = (high or 0) + 1


def _check_lookup(table: DocTable, lookups: list[Lookup[Any]]) -> None:
    _, rows = _parse(table.to_markdown())
    seen = {}
    for row in rows:
        key = re.fullmatch(r"`(\w+)`", row[0])
        assert key, row
        seen[key.group(1)] = [int(c) for c in row[2:]]
    assert seen == {k.value: [lk(k) for lk in lookups] for k in lookups[0].values}


def _check_matrix(table: DocTable, matrix: Matrix) -> None:
    header, rows = _parse(table.to_markdown())
    assert header[1:] == list(matrix.column_names)
    assert [row[0] for row in rows] == list(matrix.row_names)
    assert [[int(c) for c in row[1:]] for row in rows] == [list(p) for p in matrix.points]


_NOT_TABLES = {"name", "effective", "summary", "sources", "sections", "experience"}
_CAP_ORDER = (
    "second_language_cap",
    "transferability_pair_cap",
    "transferability_cap",
    "additional_cap",
)
_CAPS = set(_CAP_ORDER)


@pytest.mark.parametrize("rules", RULE_SETS, ids=[r.name for r in RULE_SETS])
def test_generated_tables_match_the_rule_data(rules: RuleSet) -> None:
    """Each rendered cell of each rule-set table is what the rule set gives."""
    tables = {t.field: t for t in rule_set_tables(rules)}
    fields = {f for f in attrs.fields(RuleSet) if f.name not in _NOT_TABLES}
    not_tabled = {"language_validity_years", "expired_language_scores"}
    wanted = {f.name for f in fields} - _CAPS - not_tabled | {"caps"}
    assert set(tables) == wanted
    for name, table in tables.items():
        value = getattr(rules, name, None)
        if name == "caps":
            rows = _parse(table.to_markdown())[1]
            got = [(int(r[1]), int(r[2])) for r in rows]
            caps = [getattr(rules, c) for c in _CAP_ORDER]
            assert got == [
                (c.with_spouse, c.single) if isinstance(c, Spoused) else (c, c) for c in caps
            ]
        elif isinstance(value, Spoused) and isinstance(value.single, Steps):
            _check_steps(table, [value.with_spouse, value.single])
        elif isinstance(value, Spoused):
            _check_lookup(table, [value.with_spouse, value.single])
        elif name.endswith("_tier") and isinstance(value, Steps):
            _check_steps(table, [value])
            names = {
                "transfer_language_tier": rules.education_language.column_names,
                "transfer_canadian_tier": rules.education_canadian_work.column_names,
                "transfer_foreign_tier": rules.foreign_work_language.row_names,
                "coq_language_tier": rules.certificate_of_qualification.column_names,
            }[name]
            for row in _parse(table.to_markdown())[1]:
                assert row[2] == names[int(row[1])]
        elif isinstance(value, Steps):
            _check_steps(table, [value])
        elif isinstance(value, Lookup):
            _check_lookup(table, [value])
        elif isinstance(value, Matrix):
            _check_matrix(table, value)
        elif value is None:
            assert "not scored" in table.to_markdown(), name
        elif name == "french":
            points = [int(row[1]) for row in _parse(table.to_markdown())[1]]
            assert points == [value.french_only, value.bilingual]
            assert f"NCLC {value.min_french} or more" in table.to_markdown()
        else:
            assert name in ("provincial_nomination", "sibling"), name
            assert [row[1] for row in _parse(table.to_markdown())[1]] == [str(value.points)]


def test_the_caps_note_gives_the_1200_ceiling() -> None:
    """The maxima computed from the tables are the CRS's: 460/500 core, 40 spouse, 1,200."""
    caps = next(t for t in rule_set_tables(RULE_SETS[-1]) if t.field == "caps")
    assert "460 with a spouse and 500 without" in caps.note
    assert "at most 40" in caps.note
    assert "1,200 with a spouse and 1,200 without" in caps.note


def test_rule_set_pages_say_what_changed() -> None:
    """Each page names the tables that differ from the rule set before, and its sources."""
    assert changed_fields(RULE_SETS[1], RULE_SETS[0]) == ("experience",)
    assert changed_fields(RULE_SETS[2], RULE_SETS[1]) == (
        "arranged_employment",
        "canadian_education",
        "expired_language_scores",
    )
    assert changed_fields(RULE_SETS[3], RULE_SETS[2]) == ("french", "sibling")
    for before, rules in itertools.pairwise(RULE_SETS):
        page = rule_set_markdown(rules)
        assert f"differ from [{before.name}]({before.name}.md)" in page
        for source in rules.sources:
            assert source.title in page
    overview = rule_sets_markdown("rules/")
    assert all(f"(rules/{r.name}.md)" in overview for r in RULE_SETS)


def test_categories_page_lists_every_version_and_code() -> None:
    """Every category version is on the page with each of its NOC codes and titles."""
    page = categories_markdown()
    for cat in CATEGORIES.values():
        for version in cat.versions:
            start = page.index(f"### {version.name}\n")
            section = page[start : page.find("\n### ", start + 1)]
            for code in version.nocs:
                assert f"| {code} | {code[1]} | {occupation(code).title} |" in section
            assert (f"{len(version.nocs)} occupations:" in section) == bool(version.nocs)


# (c) The examples in the docs run.


def _blocks(path: Path) -> Iterator[tuple[str, int, str]]:
    """(language, line number, code) of each fenced block not marked no-run."""
    lines = path.read_text("utf-8").splitlines()
    i = 0
    while i < len(lines):
        match = re.fullmatch(r"```(\w+)\s*", lines[i])
        if match:
            start = i
            i += 1
            body = []
            while not lines[i].startswith("```"):
                body.append(lines[i])
                i += 1
            if not (start > 0 and lines[start - 1].strip() == "<!-- no-run -->"):
                yield match.group(1), start + 1, "\n".join(body) + "\n"
        i += 1


_LITERAL_WORDS = re.compile(r"\S+")


def _literal(text: str) -> tuple[bool, Any]:
    try:
        return True, ast.literal_eval(text)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return False, None


def _run_python(code: str, namespace: dict[str, Any], where: str) -> None:
    """Run ``code`` statement by statement, checking results shown in comments."""
    tree = ast.parse(code, where)
    lines = code.splitlines()
    for node in tree.body:
        comment = _comment(lines[node.end_lineno - 1]) if node.end_lineno else None
        module = ast.Module(body=[node], type_ignores=[])
        if comment is not None and isinstance(node, ast.Expr):
            call = node.value
            if (
                isinstance(call, ast.Call)
                and isinstance(call.func, ast.Name)
                and call.func.id == "print"
            ):
                out = io.StringIO()
                with contextlib.redirect_stdout(out):
                    exec(compile(module, where, "exec"), namespace)
                words = _LITERAL_WORDS.findall(comment)
                printed = out.getvalue().strip()
                if all(_literal(w)[0] for w in words) or "\n" not in printed:
                    assert printed == comment, f"{where}:{node.lineno}"
                continue
            ok, expected = _literal(comment)
            if ok:
                value = eval(compile(ast.Expression(node.value), where, "eval"), namespace)
                assert value == expected, f"{where}:{node.lineno}: {value!r} != {expected!r}"
                continue
        with contextlib.redirect_stdout(io.StringIO()):
            exec(compile(module, where, "exec"), namespace)


def _comment(line: str) -> str | None:
    """The trailing ``# comment`` of a source line, if any (strings are respected)."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(line).readline))
    except (tokenize.TokenError, SyntaxError):
        return None
    for token in tokens:
        if token.type == tokenize.COMMENT:
            return token.string[1:].strip()
    return None


def _run_console(code: str, where: str) -> None:
    """Run the ``$ crs ...`` commands of a console block and compare what it shows."""
    status = 0
    expected: list[str] = []
    actual: list[str] = []

    def compare() -> None:
        shown = [line for line in expected if line.strip() and "..." not in line]
        out = iter(actual)
        for line in shown:
            assert any(line.rstrip() == got.rstrip() for got in out), (
                f"{where}: {line!r} not in output"
            )

    command: list[str] | None = None
    for line in code.splitlines():
        if line.startswith("$ "):
            compare()
            expected, actual = [], []
            words = shlex.split(line[2:], comments=True)
            command = words
            if words[:1] == ["crs"]:
                status, actual = _crs(words[1:])
            elif words == ["echo", "$?"]:
                actual = [str(status)]
            else:
                command = None
        elif command is not None:
            expected.append(line)
    compare()


def _crs(argv: list[str]) -> tuple[int, list[str]]:
    stdin = None
    if "<" in argv:
        at = argv.index("<")
        stdin = (ROOT / argv[at + 1]).read_text("utf-8")
        argv = argv[:at] + argv[at + 2 :]
    out, err = io.StringIO(), io.StringIO()
    old_stdin = sys.stdin
    try:
        if stdin is not None:
            sys.stdin = io.StringIO(stdin)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                status = cli_main(argv)
            except SystemExit as exc:  # --version and --help exit through argparse
                status = exc.code if isinstance(exc.code, int) else 0
    finally:
        sys.stdin = old_stdin
    text = out.getvalue() + err.getvalue()
    if "json" in argv and argv[argv.index("json") - 1] == "--format":
        # Compare JSON documents by their keys and scalar values, with long lists elided.
        data = json.loads(out.getvalue())
        if isinstance(data, dict) and "lines" in data:
            data["lines"] = "..."
        text = json.dumps(data).replace('"..."', "[...]") + "\n" + err.getvalue()
    return status, text.splitlines()


@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(ROOT)) for p in PAGES])
def test_examples_run(page: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every runnable block of the page runs, and every result it shows is the real one."""
    monkeypatch.chdir(ROOT)
    example = json.loads((ROOT / "examples" / "profile.json").read_text("utf-8"))
    namespace: dict[str, Any] = {"__name__": "__docs__", "profile": crs.load_profile(example)}
    ran = 0
    for language, line, code in _blocks(page):
        where = f"{page.relative_to(ROOT)}:{line}"
        if language == "python" and ">>>" in code:
            parser = doctest.DocTestParser()
            test = parser.get_doctest(code, namespace, where, str(page), line)
            runner = doctest.DocTestRunner(
                optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
            )
            runner.run(test)
            assert runner.failures == 0, where
        elif language == "python":
            _run_python(code, namespace, where)
        elif language == "console" and page.name not in OTHERS:
            _run_console(code, where)
        else:
            continue
        ran += 1
    if str(page.relative_to(DOCS.parent)) in RUNNABLE:
        assert ran, f"{page} has no runnable example"


def test_shown_results_are_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    """A wrong result in a comment fails, so the docs test can catch a stale example."""
    monkeypatch.chdir(ROOT)
    with pytest.raises(AssertionError):
        _run_python("x = 2\nx + 1  # 4\n", {}, "example")
    with pytest.raises(AssertionError):
        _run_python("print(1, 2)  # 1 3\n", {}, "example")
    _run_python("print(1, 2)  # 1 2\nlen('ab')  # the length, not checked\n", {}, "example")
    with pytest.raises(AssertionError):
        _run_console("$ crs score examples/profile.json --on 2026-11-25\nCRS score: 1\n", "example")
    _run_console("$ crs score nothing.json\n$ echo $?\n2\n", "example")


# (d) The doctests of every module run.

MODULES = sorted(
    m.name
    for m in pkgutil.walk_packages(crs.__path__, "crs.")
    if not m.name.rsplit(".", 1)[-1].startswith("__")
)


@pytest.mark.parametrize("name", MODULES)
def test_module_doctests(name: str) -> None:
    """The examples in the module's docstrings give what they show."""
    module = importlib.import_module(name)
    result = doctest.testmod(
        module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False
    )
    assert result.failed == 0


def _docs_module(name: str) -> Any:
    """Import ``docs/<name>.py`` (the site's build helpers are not a package)."""
    spec = importlib.util.spec_from_file_location(f"docs_{name}", DOCS / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", ["hooks", "griffe_doctests", "rule_tables"])
def test_docs_build_helpers_doctests(name: str) -> None:
    """The site's own build helpers (docs/*.py) pass their doctests."""
    result = doctest.testmod(_docs_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def test_griffe_extension_fences_examples() -> None:
    """Doctest runs become pycon fences and Sphinx roles become inline code."""
    helpers = _docs_module("griffe_doctests")
    text = "Intro.\n\n>>> f()\n[1, 2]\n\nAfter."
    fenced = "Intro.\n\n```pycon\n>>> f()\n[1, 2]\n```\n\nAfter."
    assert helpers.fence_doctests(text) == fenced
    assert helpers.fence_doctests("```\n>>> x\n```") == "```\n>>> x\n```"
    assert helpers.plain_roles(":data:`~crs.rules.RULE_SETS`") == "`RULE_SETS`"
