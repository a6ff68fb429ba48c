"""``crs serve``: the real service over HTTP, answering what the commands answer."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette", reason="the 'serve' extra is not installed")
pytest.importorskip("uvicorn", reason="the 'serve' extra is not installed")

from jsonschema import Draft202012Validator

import crs
from crs.cli import main
from crs.schemas import schema
from servers import call, call_json, running

ROOT = Path(__file__).parent.parent
PROFILE = json.loads((ROOT / "examples" / "profile.json").read_text(encoding="utf-8"))
COUPLE = json.loads((ROOT / "examples" / "couple.json").read_text(encoding="utf-8"))
ON = "2026-06-01"


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    with running(max_body=200_000) as url:
        yield url


def cli_json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    capsys.readouterr()
    main(list(argv))
    return json.loads(capsys.readouterr().out)


def valid(name: str, data: object, *, batch: bool = False) -> None:
    validator = Draft202012Validator(
        schema(name, batch=batch), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    errors = [e.message for e in validator.iter_errors(data)]
    assert not errors, errors[:3]


@pytest.mark.parametrize(
    ("path", "command", "name", "document"),
    [
        ("/score", "score", "score", "examples/profile.json"),
        ("/eligible", "eligible", "eligibility", "examples/profile.json"),
        ("/rounds", "rounds", "placement", "examples/profile.json"),
        ("/couple", "couple", "comparison", "examples/couple.json"),
        ("/report", "report", "report", "examples/profile.json"),
    ],
)
def test_each_endpoint_answers_what_the_command_writes(
    base: str, capsys: pytest.CaptureFixture[str], path: str, command: str, name: str, document: str
) -> None:
    data = json.loads((ROOT / document).read_text(encoding="utf-8"))
    status, found = call_json(f"{base}{path}?on={ON}", data)
    assert status == 200
    assert found == cli_json(capsys, command, str(ROOT / document), "--on", ON, "--format", "json")
    valid(name, found)


def test_a_batch_keeps_the_good_items_and_names_the_bad_ones(base: str) -> None:
    bad = {"id": "C-2", "age": 200, "education": "phd"}
    status, found = call_json(f"{base}/score?on={ON}", [PROFILE, bad, "not a profile", PROFILE])
    assert status == 200
    assert len(found) == 4
    assert found[0] == found[3] == crs.score(crs.load_profile(PROFILE), ON).to_json()
    assert found[1]["id"] == "C-2"
    assert found[1]["index"] == 1
    assert found[1]["line"] == 2
    assert {p["path"] for p in found[1]["problems"]} == {"age", "education"}
    assert found[2]["index"] == 2
    assert "id" not in found[2]
    valid("score", found, batch=True)


def test_bad_input_gets_422_with_every_problem_as_the_command_reports_it(
    base: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = {**PROFILE, "education": "phd", "spouse": {**PROFILE["spouse"], "education": 3}}
    status, found = call_json(f"{base}/eligible?on={ON}", bad)
    assert status == 422
    assert [p["path"] for p in found["problems"]] == ["education", "spouse.education"]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    capsys.readouterr()
    assert main(["eligible", str(path), "--on", ON]) == 1
    printed = capsys.readouterr().err.splitlines()
    assert printed == [f"error: {p['path']}: {p['message']}" for p in found["problems"]]
    valid("error", found)


@pytest.mark.parametrize(
    ("raw", "message"),
    [(b"{nope", "not valid JSON"), (b"\xff\xfe", "not UTF-8"), (b"", "not valid JSON")],
)
def test_a_body_that_is_not_json_gets_422(base: str, raw: bytes, message: str) -> None:
    status, found = call_json(f"{base}/score", raw=raw)
    assert status == 422
    assert message in found["error"]
    valid("error", found)


def test_a_body_over_the_limit_gets_413(base: str) -> None:
    status, found = call_json(f"{base}/score", [PROFILE] * 1000)  # about 500 KB
    assert status == 413
    assert "200,000 bytes" in found["error"]


def test_a_bad_query_parameter_gets_400(base: str) -> None:
    assert call_json(f"{base}/score?on=2026-13-01", PROFILE)[0] == 400
    status, found = call_json(f"{base}/rounds?category=nope", PROFILE)
    assert status == 400
    assert "unknown category" in found["error"]


def test_a_defect_gets_500_asking_for_a_report_and_no_traceback(
    base: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("a defect planted by the test")

    monkeypatch.setattr("crs.server.score", broken)
    status, kind, body = call(f"{base}/score?on={ON}", PROFILE)
    assert status == 500
    assert kind.startswith("application/json")
    text = body.decode()
    assert "please report it" in text
    assert "Traceback" not in text
    assert "planted" not in text
    status, found = call_json(f"{base}/score?on={ON}", [PROFILE, {"age": 1}])
    assert status == 200
    assert "please report it" in found[0]["error"]
    assert found[0]["index"] == 0
    assert found[1]["problems"] == [{"path": "education", "message": "is required"}]


def test_health_gives_the_version_and_the_data_date(base: str) -> None:
    status, found = call_json(f"{base}/health")
    assert status == 200
    assert found["crs_version"] == crs.__version__
    assert found["rounds_data"] == crs.rounds()[-1].date.isoformat()
    valid("health", found)


def test_the_openapi_document_is_served_and_refers_to_the_schemas(base: str) -> None:
    status, found = call_json(f"{base}/openapi.json")
    assert status == 200
    assert found["openapi"].startswith("3.1")
    assert set(found["paths"]) >= {"/score", "/eligible", "/rounds", "/couple", "/report"}
    components = found["components"]["schemas"]
    profile = schema("profile")
    assert components["Profile"]["properties"].keys() == profile["properties"].keys()
    text = json.dumps(found)
    assert "#/$defs/" not in text
    for ref in {r.split('"')[0] for r in text.split('"$ref": "#/components/schemas/')[1:]}:
        assert ref in components
    # The whole document, its components resolved, is valid JSON Schema where it is one.
    for part in components.values():
        Draft202012Validator.check_schema(part)


def test_what_if_report_html_and_the_round_list(base: str) -> None:
    status, found = call_json(f"{base}/what-if?on={ON}", PROFILE)
    assert status == 200
    assert found["total"] == crs.score(crs.load_profile(PROFILE), ON).total
    valid("what-if", found)
    status, kind, body = call(f"{base}/report?on={ON}&format=html", PROFILE)
    assert status == 200
    assert kind.startswith("text/html")
    assert body.startswith(b"<!DOCTYPE html>")
    status, rounds = call_json(f"{base}/rounds?since=2026-01-01&until=2026-03-01")
    assert status == 200
    assert rounds
    assert all("2026-01" <= r["date"] <= "2026-03-01" for r in rounds)
    valid("rounds", rounds)


def test_the_form_and_its_files_are_served_from_the_package(base: str) -> None:
    status, kind, page = call(f"{base}/")
    assert status == 200
    assert kind.startswith("text/html")
    for name in ("app.js", "app.css"):
        assert f"/static/{name}".encode() in page
        assert call(f"{base}/static/{name}")[0] == 200
    assert b"http://" not in page
    assert b"https://" not in page
    assert call(f"{base}/static/..%2Fserver.py")[0] == 404


def test_crs_serve_binds_to_127_0_0_1_by_default() -> None:
    from crs.cli import build_parser

    args = build_parser().parse_args(["serve"])
    assert args.host == "127.0.0.1"


@pytest.mark.tooling
def test_crs_serve_starts_as_a_command(tmp_path: Path) -> None:
    from servers import free_port

    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "crs", "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        import time

        deadline = time.monotonic() + 30
        while True:
            try:
                status, found = call_json(f"http://127.0.0.1:{port}/health")
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.1)
        assert status == 200
        assert found["status"] == "ok"
    finally:
        process.terminate()
        process.wait(10)


def test_a_lone_surrogate_id_costs_nothing_and_is_written_escaped(base: str) -> None:
    r"""An id cut inside an emoji (``"B\ud83d"``) is answered, with the escape in the JSON text."""
    raw = b'[{"id": "A", "age": 30, "education": "masters"}, ' + (
        b'{"id": "B\\ud83d", "age": 30, "education": "masters"}]'
    )
    status, _, body = call(f"{base}/score?on={ON}", raw=raw)
    assert status == 200
    assert b'"id":"B\\ud83d"' in body
    found = json.loads(body)
    assert [item["total"] for item in found] == [found[0]["total"]] * 2


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "not valid JSON: nested too deeply"),
        (b'{"age": NaN, "education": "masters"}', "age: NaN is not a whole number"),
    ],
    ids=["deep", "nan"],
)
def test_bodies_are_read_as_the_command_reads_them(base: str, raw: bytes, message: str) -> None:
    """The one reader of profile text: deep nesting is an input error, NaN a value reported."""
    status, found = call_json(f"{base}/score?on={ON}", raw=raw)
    assert status == 422
    assert message in found["error"]


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["--max-body", "0"], "--max-body 0 is not a size in bytes (1 or more)"),
        (["--max-body", "-5"], "--max-body -5 is not a size in bytes (1 or more)"),
        (["--host", "999.1.1.1"], "--host 999.1.1.1: "),
    ],
)
def test_crs_serve_refuses_what_it_cannot_serve_with_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], said: str
) -> None:
    assert main(["serve", *argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"crs serve: error: {said}")
    assert len(err.splitlines()) == 1


def test_crs_serve_on_a_port_in_use_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert err == f"crs serve: error: cannot listen on 127.0.0.1:{port}: Address already in use\n"


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("/score?date=2019-06-01", "date: unknown query parameter; this endpoint takes: on"),
        ("/score?On=2019-06-01", "On: unknown query parameter; this endpoint takes: on"),
        ("/report?format=pdf", "format: 'pdf' is not json or html"),
    ],
)
def test_a_query_parameter_the_endpoint_does_not_take_gets_400(
    base: str, url: str, said: str
) -> None:
    """A typo in a parameter would answer for today without a word: it is refused, named."""
    status, found = call_json(base + url, PROFILE)
    assert (status, found["error"]) == (400, said)


def test_a_method_not_allowed_says_which_are(base: str) -> None:
    import urllib.error
    import urllib.request

    request = urllib.request.Request(f"{base}/score", data=b"{}", method="PUT")
    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.urlopen(request, timeout=30)
    assert raised.value.code == 405
    assert raised.value.headers["Allow"] == "POST"
    assert json.loads(raised.value.read())["error"] == "Method Not Allowed"
    # /rounds answers GET (a list of rounds) and POST (a placement): a 405 names both.
    request = urllib.request.Request(f"{base}/rounds", data=b"{}", method="DELETE")
    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.urlopen(request, timeout=30)
    assert raised.value.code == 405
    assert set(raised.value.headers["Allow"].replace(" ", "").split(",")) >= {"GET", "POST"}


def test_rounds_after_on_are_left_out_over_http_as_on_the_command_line(
    base: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """An until after on reads as on; a since after on is refused (crs rounds does both)."""
    query = "on=2025-06-01&until=2026-01-01"
    _, listed = call_json(f"{base}/rounds?{query}")
    assert listed == cli_json(capsys, "rounds", "--on", "2025-06-01", "--until", "2026-01-01",
                              "--format", "json")  # fmt: skip
    assert listed[-1]["date"] <= "2025-06-01"
    doctor = json.loads((ROOT / "examples" / "doctor.json").read_text("utf-8"))
    _, placed = call_json(f"{base}/rounds?{query}", doctor)
    assert all(r["date"] <= "2025-06-01" for r in placed)
    status, found = call_json(f"{base}/rounds?on=2025-06-01&since=2025-09-01")
    assert (status, found["error"]) == (400, "since 2025-09-01 is after on 2025-06-01")


def test_an_empty_batch_and_an_empty_placement_both_fit_the_openapi_answer(base: str) -> None:
    """``[]`` is an empty batch and an empty placement: the answer schema takes it either way."""
    from crs.openapi import openapi

    document = openapi()
    answer = document["paths"]["/rounds"]["post"]["responses"]["200"]["content"]
    shape = answer["application/json"]["schema"]
    checker = Draft202012Validator({**shape, "components": document["components"]})
    status, found = call_json(f"{base}/rounds?on=2015-01-01", PROFILE)
    assert (status, found) == (200, [])
    assert checker.is_valid(found)


def test_a_batch_is_answered_as_it_is_written(base: str) -> None:
    """The answer to a batch is streamed (chunked), never held whole: its items as a list's."""
    body = json.dumps([PROFILE, {"age": 300}, PROFILE]).encode()
    import urllib.request

    request = urllib.request.Request(f"{base}/score?on={ON}", data=body)
    with urllib.request.urlopen(request, timeout=60) as response:
        assert response.headers["Transfer-Encoding"] == "chunked"
        assert response.headers["Content-Type"] == "application/json"
        found = json.loads(response.read())
    assert [("error" in item) for item in found] == [False, True, False]
    assert found[0]["total"] == found[2]["total"]


def test_the_streamed_array_is_written_piece_by_piece() -> None:
    """Pieces leave before the batch is done: memory follows a piece, not the whole answer."""
    from crs._http_answers import streamed

    taken = 0

    def answers() -> Iterator[dict[str, str]]:
        nonlocal taken
        for i in range(20_000):
            taken += 1
            yield {"id": str(i), "text": "x" * 50}

    pieces = streamed(answers())
    first = next(pieces)
    assert first.startswith(b'[{"id":"0"')
    assert taken < 20_000
    whole = first + b"".join(pieces)
    assert [item["id"] for item in json.loads(whole)] == [str(i) for i in range(20_000)]
    assert json.loads(b"".join(streamed(iter([])))) == []
