"""The HTTP service of ``crs serve``: the questions of ``crs`` over JSON, and a front-desk form.

Built on Starlette (an ASGI toolkit) and served by Uvicorn; both come with the
optional extra ``serve`` (``pip install 'crs-calculator[serve]'``).

* ``POST /score``, ``/eligible``, ``/rounds``, ``/couple``, ``/report`` and
  ``/what-if`` take the JSON the ``crs`` command takes (one profile or couple,
  or a batch: a JSON array of them) and answer the JSON it writes with
  ``--format json``; query parameters are the command's options (``on``,
  ``since``, ``until``, ``category``; ``format=html`` for the report page).
  A batch answers one item per input item, in order: a bad item is an error
  object with its ``index`` (from 0), ``line`` (from 1) and ``id``, the others
  are kept.
* Bad input: ``422`` with the error object of the command (every problem,
  one ``{"path", "message"}`` object each, under ``problems``); a bad query
  parameter ``400``; a body over the size limit ``413``; a defect in crs
  ``500`` with a message asking for a report.  No traceback ever reaches a
  client.
* ``GET /health``, ``GET /openapi.json`` (:func:`crs.openapi.openapi`),
  ``GET /schemas/NAME.json`` (:func:`crs.schemas.schema`), ``GET /rounds``,
  and ``GET /``: the front-desk form (plain HTML, CSS and JavaScript shipped in
  the package; nothing is fetched from elsewhere).
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.resources
import logging
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route

from crs._dates import DateError, as_date, period_end
from crs._http_answers import HTMLPage, JSONResponse, streamed
from crs._json import parse
from crs._version import __version__
from crs.caveats import rounds_data_date
from crs.cli._common import error_object
from crs.couples import compare_principal
from crs.draws import CATEGORIES, PROGRAMS, rounds
from crs.eligibility import eligibility
from crs.errors import CRSError, ProfileError
from crs.io import load_couple, load_profile
from crs.openapi import ENDPOINTS, ROUNDS_PARAMETERS, openapi
from crs.placement import place
from crs.reports import report
from crs.rules import rules_in_force
from crs.scenarios import what_if
from crs.schemas import NAMES, schema
from crs.scoring import score

__all__ = ["MAX_BODY", "create_app"]

MAX_BODY = 8 * 1024 * 1024
"""The largest request body accepted, in bytes (a batch of 1,000 profiles is about 0.3 MB)."""


ISSUES = "https://github.com/crs-calculator/crs/issues"
"""Where a defect is reported."""

_log = logging.getLogger("crs.server")


class _BadRequest(Exception):
    """A request that cannot be answered: the status and the error object to send."""

    def __init__(self, status: int, body: dict[str, Any]) -> None:
        super().__init__(body.get("error", ""))
        self.status = status
        self.body = body


def _problem_object(error: CRSError, line: int, index: int | None = None) -> dict[str, Any]:
    """The command's error object, with ``index`` (in a batch) and one object per problem."""
    found = error_object(error, line)
    if index is not None:
        found["index"] = index
    if isinstance(error, ProfileError):
        found["problems"] = [{"path": p.path, "message": p.message} for p in error.problems]
    else:
        found["problems"] = [{"path": "", "message": str(error)}]
    return found


def _bug(exc: BaseException, line: int = 1, index: int | None = None) -> dict[str, Any]:
    text = (
        f"internal error ({type(exc).__name__}): this is a defect in crs {__version__}, "
        f"not a problem of the input; please report it at {ISSUES}"
    )
    found: dict[str, Any] = {"error": text, "line": line}
    if index is not None:
        found["index"] = index
    return found


# ------------------------------------------------------------------ the questions


def _date(params: dict[str, str], name: str) -> dt.date | None:
    text = params.get(name)
    if text is None or text == "":
        return None
    try:
        return as_date(text)
    except DateError:
        raise _BadRequest(
            400, {"error": f"{name}: {text!r} is not a date (YYYY-MM-DD)", "line": 1}
        ) from None


def _options(params: dict[str, str], known: tuple[str, ...]) -> dict[str, Any]:
    unknown = sorted(set(params) - set(known))
    if unknown:  # a typo (date=, On=) would silently answer for today
        raise _BadRequest(
            400,
            {
                "error": f"{unknown[0]}: unknown query parameter; this endpoint takes: "
                f"{', '.join(known)}",
                "line": 1,
            },
        )
    if params.get("format", "json") not in ("json", "html"):
        raise _BadRequest(
            400, {"error": f"format: {params['format']!r} is not json or html", "line": 1}
        )
    on = as_date(_date(params, "on"))
    since = _date(params, "since")
    until = _date(params, "until")
    slug = params.get("category") or None
    if slug is not None and slug not in CATEGORIES and slug not in PROGRAMS:
        raise _BadRequest(
            400,
            {
                "error": f"category: unknown category {slug!r}; valid categories: "
                f"{', '.join(CATEGORIES)}; valid programs: {', '.join(PROGRAMS)}",
                "line": 1,
            },
        )
    until = period_end(until, on)  # rounds held after on are left out, as crs rounds does
    if since is not None and since > until:
        last = "on" if until == on else "until"
        raise _BadRequest(400, {"error": f"since {since} is after {last} {until}", "line": 1})
    return {"on": on, "since": since, "until": until, "category": slug}


def _score(data: Any, o: dict[str, Any]) -> Any:
    return score(load_profile(data), o["on"]).to_json()


def _eligible(data: Any, o: dict[str, Any]) -> Any:
    return eligibility(load_profile(data), o["on"]).to_json()


def _rounds(data: Any, o: dict[str, Any]) -> Any:
    return place(
        load_profile(data), since=o["since"], until=o["until"], category=o["category"]
    ).to_json()


def _couple(data: Any, o: dict[str, Any]) -> Any:
    return compare_principal(load_couple(data), on=o["on"], since=o["since"]).to_json()


def _report(data: Any, o: dict[str, Any]) -> Any:
    return report(load_profile(data), o["on"], since=o["since"]).to_json()


def _report_html(data: Any, o: dict[str, Any]) -> Any:
    return report(load_profile(data), o["on"], since=o["since"]).to_html()


def _what_if(data: Any, o: dict[str, Any]) -> Any:
    return what_if(load_profile(data), o["on"]).to_json()


Question = Callable[[Any, dict[str, Any]], Any]
Handler = Callable[[Request], Awaitable[Response]]


def _answer_one(question: Question, data: Any, o: dict[str, Any]) -> Any:
    try:
        return question(data, o)
    except CRSError as exc:
        raise _BadRequest(422, _problem_object(exc, 1)) from None


def _answers(question: Question, items: list[Any], o: dict[str, Any]) -> Iterator[Any]:
    """The answer to each item of a batch, in order: a result, or its error object."""
    for index, data in enumerate(items):
        items[index] = None  # each input let go once answered: memory follows one item
        try:
            yield question(data, o)
        except CRSError as exc:
            yield _problem_object(exc, index + 1, index)
        except Exception as exc:  # a defect: reported as one, and the batch goes on
            _log.exception("defect on item %d of a batch", index)
            yield _bug(exc, index + 1, index)


# ------------------------------------------------------------------ the application


_DRAIN_LIMIT = 64 * 1024 * 1024
"""The most of an over-large body read before answering 413 (beyond it, the connection closes)."""


class _App:
    """The request handlers, with their settings."""

    def __init__(self, max_body: int) -> None:
        self.max_body = max_body

    async def body(self, request: Request) -> Any:
        """The request's JSON, read at most :attr:`max_body` bytes.

        Raises:
            _BadRequest: 413 over the limit, 422 when it is not JSON.
        """
        too_large = _BadRequest(
            413, {"error": f"the body is over {self.max_body:,} bytes", "line": 1}
        )
        chunks: list[bytes] = []
        size = 0
        async for chunk in request.stream():
            size += len(chunk)
            if size <= self.max_body:
                chunks.append(chunk)
            elif size > _DRAIN_LIMIT:
                break
            # Over the limit, the rest is read (and dropped), up to a bound, so that
            # the client, still sending, reads the 413 rather than a reset connection.
        if size > self.max_body:
            raise too_large
        raw = b"".join(chunks)
        try:
            return parse(raw.decode("utf-8"))  # the one reader of profile text (crs._json)
        except UnicodeDecodeError:
            problem = ProfileError.single("", "not UTF-8 text")
        except ProfileError as exc:
            problem = exc
        raise _BadRequest(422, _problem_object(problem, 1))

    def post(
        self, path: str, question: Question, html: Question | None = None
    ) -> Callable[..., Any]:
        """The handler of the POST endpoint ``path``: it asks ``question`` of each input."""
        known = ENDPOINTS[path][3]

        async def handle(request: Request) -> Response:
            try:
                params = dict(request.query_params)
                options = _options(params, known)
                wants_html = html is not None and (
                    params.get("format") == "html"
                    or request.headers.get("accept", "").startswith("text/html")
                )
                data = await self.body(request)
                if isinstance(data, list):
                    if wants_html:
                        raise _BadRequest(
                            400, {"error": "format=html takes one profile, not a batch", "line": 1}
                        )
                    # Answered item by item while it is sent (in Starlette's thread pool).
                    return StreamingResponse(
                        streamed(_answers(question, data, options)),
                        media_type="application/json",
                    )
                if wants_html:
                    assert html is not None
                    page = await run_in_threadpool(_answer_one, html, data, options)
                    return HTMLPage(page)
                found = await run_in_threadpool(_answer_one, question, data, options)
                return JSONResponse(found)
            except _BadRequest as exc:
                return JSONResponse(exc.body, status_code=exc.status)

        return handle

    @staticmethod
    def either(get: Handler, post: Handler) -> Handler:
        """The handler of a path that answers GET (and HEAD) with ``get``, POST with ``post``."""

        async def handle(request: Request) -> Response:
            return await (post if request.method == "POST" else get)(request)

        return handle

    async def list_rounds(self, request: Request) -> Response:
        """``GET /rounds``: the rounds of invitations selected by the query."""
        try:
            o = _options(dict(request.query_params), ROUNDS_PARAMETERS)
        except _BadRequest as exc:
            return JSONResponse(exc.body, status_code=exc.status)
        found = rounds(since=o["since"], until=o["until"], category=o["category"])
        return JSONResponse([r.to_json() for r in found])

    async def health(self, request: Request) -> Response:
        """``GET /health``: the library version and the date of the newest bundled round."""
        return JSONResponse(
            {
                "status": "ok",
                "crs_version": __version__,
                "rounds_data": rounds_data_date(),
                "rules": rules_in_force(dt.date.today()).name,
            }
        )

    async def openapi(self, request: Request) -> Response:
        """``GET /openapi.json``."""
        return JSONResponse(_openapi())

    async def schema(self, request: Request) -> Response:
        """``GET /schemas/NAME.json`` (``NAME-batch.json`` for a batch)."""
        name = str(request.path_params["name"])
        batch = name.endswith("-batch")
        base = name.removesuffix("-batch")
        if base not in NAMES:
            return JSONResponse(
                {"error": f"no schema {name!r} (known: {', '.join(NAMES)})", "line": 1},
                status_code=404,
            )
        return JSONResponse(schema(base, batch=batch))

    async def page(self, request: Request) -> Response:
        """``GET /`` and ``GET /static/FILE``: the front-desk form and its files."""
        name = str(request.path_params.get("name", "index.html"))
        found = _static(name)
        if found is None:
            return JSONResponse({"error": f"no file {name!r}", "line": 1}, status_code=404)
        text, kind = found
        return Response(text, media_type=kind, headers={"Cache-Control": "no-cache"})


@functools.lru_cache(maxsize=1)
def _openapi() -> dict[str, Any]:
    return openapi()


_KINDS = {".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript"}


@functools.cache
def _static(name: str) -> tuple[bytes, str] | None:
    """The bytes and media type of the form's file ``name``, or None."""
    kind = next((k for ext, k in _KINDS.items() if name.endswith(ext)), None)
    if kind is None or "/" in name or name.startswith("."):
        return None
    resource = importlib.resources.files("crs") / "web" / name
    if not resource.is_file():
        return None
    return resource.read_bytes(), kind


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return JSONResponse(  # the headers Starlette gives (a 405's Allow) are kept
        {"error": str(exc.detail), "line": 1}, status_code=exc.status_code, headers=exc.headers
    )


async def _defect(request: Request, exc: Exception) -> Response:
    # Uvicorn logs the traceback on the server; the client gets a message only.
    return JSONResponse(_bug(exc), status_code=500)


def create_app(*, max_body: int = MAX_BODY) -> Starlette:
    """The ASGI application of the service.

    Args:
        max_body: The largest request body accepted, in bytes (larger: 413).
    """
    app = _App(max_body)
    # One route for both methods of /rounds, so that a 405 names both in its Allow header.
    rounds_either = app.either(app.list_rounds, app.post("/rounds", _rounds))
    routes = [
        Route("/", app.page, methods=["GET"]),
        Route("/static/{name}", app.page, methods=["GET"]),
        Route("/health", app.health, methods=["GET"]),
        Route("/openapi.json", app.openapi, methods=["GET"]),
        Route("/schemas/{name}.json", app.schema, methods=["GET"]),
        Route("/score", app.post("/score", _score), methods=["POST"]),
        Route("/eligible", app.post("/eligible", _eligible), methods=["POST"]),
        Route("/rounds", rounds_either, methods=["GET", "POST"]),
        Route("/couple", app.post("/couple", _couple), methods=["POST"]),
        Route("/report", app.post("/report", _report, _report_html), methods=["POST"]),
        Route("/what-if", app.post("/what-if", _what_if), methods=["POST"]),
    ]
    return Starlette(
        routes=routes,
        exception_handlers={HTTPException: _http_error, Exception: _defect},
    )
