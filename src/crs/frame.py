"""Score a DataFrame of profiles at once (pandas, Polars or PyArrow), vectorised with NumPy.

:func:`score_frame` takes one profile a row in the flat form
(:mod:`crs.flat`: the columns :func:`crs.to_frame` writes, or those
:func:`pandas.json_normalize` makes of the profile JSON), and returns the total
and the four section subtotals of every row, index-aligned, with an ``error``
column that names what is wrong with a row that cannot be scored.

How it stays exact, with no second copy of any rule:

* Values are checked by the declared specs and rules (:mod:`crs.checks`),
  each distinct value and combination once (:class:`crs.columns.Columns`).
  Text, flag and number columns are coded once for the whole frame (text as
  categories, flags as booleans, whole numbers and floats of whole numbers or
  halves by their count of steps, other floats as categories), so that every
  chunk reads a column by codes that the whole frame shares, and the rules
  that tie coded columns together are checked once for the frame
  (:func:`crs.columns.precheck`; a score on its test's scale with the language
  levels).  Readings, verdicts and language levels are remembered by the
  values across calls (:data:`crs._distinct.BY_VALUE`).
* The points come from walking ``rules.sections`` exactly as :func:`crs.score`
  does: every factor kind and table scores a column of facts with the same
  data it scores one profile with (:meth:`crs.ruleset.Factor.column`).
* A row that the checks refuse, or that holds a work history, goes through
  :func:`crs.load_profile` and :func:`crs.score` instead, which score it or
  give its error, field path included.
* A rule set with a :class:`~crs.factors.kinds.Custom` factor that has no array
  function is scored row by row, with a warning that says so.

NumPy and pandas come with the ``batch`` extra: ``pip install 'crs-calculator[batch]'``;
Polars and PyArrow frames need those libraries too (the ``polars`` and ``arrow`` extras).
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from crs._dates import as_date
from crs._distinct import CodedRows
from crs._frames import as_pandas, kind_of, restore_flags, to_kind
from crs._precheck import _LEAVES as LEAVES
from crs.columns import FLAG_COLUMNS, Columns, Prechecked, add_sections, precheck
from crs.errors import CRSError
from crs.flat import COLUMNS, _modules, row_profile, rows
from crs.io import load_profile
from crs.rules import rules_in_force
from crs.scoring import score
from crs.synthetic import synthetic_frame

if TYPE_CHECKING:
    import pandas as pd

    from crs.ruleset import RuleSet

__all__ = [
    "COLUMNS",
    "RESULT_COLUMNS",
    "row_profile",
    "score_frame",
    "synthetic_frame",
    "typed_frame",
]

RESULT_COLUMNS: tuple[str, ...] = (
    "total",
    "core",
    "spouse",
    "skill_transferability",
    "additional",
    "error",
)
"""The columns of the frame :func:`score_frame` returns, in order."""

_CHUNK = 32768
"""Rows scored at a time: the temporaries of a chunk stay small, whatever the frame's size.

Small enough that a chunk's arrays (a quarter of a megabyte each) stay in the cache
and are reused from one chunk to the next rather than fresh pages each time, large
enough that the per-chunk Python work stays a small part (measured on 200,000 rows:
32,768 faster than 16,384 and than 65,536)."""


class RowByRowWarning(UserWarning):
    """A rule set that :func:`score_frame` can only score one row at a time."""


def score_frame(
    frame: Any,
    on: dt.date | str | None = None,
    *,
    rules: RuleSet | None = None,
    keep: Sequence[str] | None = None,
) -> Any:
    """Score every row of ``frame`` on ``on``: the totals of :func:`crs.score`, vectorised.

    Args:
        frame: One profile a row, in the flat form (see :mod:`crs.flat`);
            missing values NaN, None or null.  A pandas or Polars ``DataFrame``
            or a PyArrow ``Table`` (see :mod:`crs._frames`, the one adapter).
            The typed input (text and float columns as ``category``, flags
            as ``boolean``: :func:`typed_frame`) is read without decoding.
        on: The scoring date (a date or ``YYYY-MM-DD``; None: today).
        rules: A rule set to use instead of the one in force on ``on``.  Rule
            sets pickle, so a custom one travels to Dask or Spark workers.
        keep: Columns that are not profile fields (ids, names, regions), copied
            to the result untouched, first, and not read.  Default: ``id``
            when the frame has it.  Any other column that is not a profile field
            is reported in ``error``, as a misspelt field would be.

    Returns:
        A frame of the same library (pandas: with the index of ``frame``): the
        ``keep`` columns, then ``total``, ``core``, ``spouse``,
        ``skill_transferability``, ``additional`` (nullable integers, missing
        where the row has an error) and ``error`` (None, or the problems of the
        row, each with its field path, joined by ``"; "``).

    Raises:
        DateOutOfRangeError: If ``on`` is before 2015-01-01 and no ``rules`` are given.
        ImportError: If NumPy or pandas is not installed.
        TypeError: If ``frame`` is not a pandas, Polars or PyArrow frame.
        KeyError: If a ``keep`` column is not in the frame.

    >>> import datetime as dt, pandas as pd
    >>> frame = pd.json_normalize([
    ...     {"age": 29, "education": "bachelors", "foreign_work_years": 3,
    ...      "first_language": {"test": "ielts", "listening": 8.0, "reading": 7.0,
    ...                         "writing": 7.0, "speaking": 7.0}},
    ...     {"age": 29.5, "education": "bachelors"},
    ... ])
    >>> result = score_frame(frame, on=dt.date(2026, 2, 19))
    >>> result["total"].tolist()
    [429, <NA>]
    >>> result["error"].tolist()
    [None, 'age: 29.5 is not a whole number']
    """
    np, pandas = _modules()
    kind = kind_of(frame)
    original, frame = frame, as_pandas(frame)
    kept = _kept(frame, keep)
    # Kept columns that are not profile fields leave the profile; a kept ``id`` is
    # both checked as the profile's id and copied to the result.
    extra = [label for label in kept if str(label) not in COLUMNS]
    if extra:
        frame = frame.drop(columns=extra)
    frame = restore_flags(frame, FLAG_COLUMNS)
    on = as_date(on)
    if rules is None:
        rules = rules_in_force(on)
    n = len(frame)
    numbers = np.zeros((5, n), dtype=np.int64)
    errors = np.full(n, None, dtype=object)
    failed = np.zeros(n, dtype=bool)
    vectorised = rules.vectorised
    if not vectorised:
        warnings.warn(
            f"the rule set {rules.name!r} has a factor without an array function "
            "(a Custom factor without columns=): score_frame scores it row by row",
            RowByRowWarning,
            stacklevel=2,
        )
    # What the chunks read alike, each value and combination once.
    memo: dict[Any, Any] = {}
    if vectorised:
        # Each column's distinct values found once for the whole frame, not a chunk at a time.
        # Text and flags typed; numbers coded by _Whole (floats on the half-point grid).
        frame = _typed(frame, pandas, numbers=False)
        whole = _Whole(frame, pandas)
        checked = precheck(whole.rows(0, n), np, pandas, memo)
    for start in range(0, n, _CHUNK):
        stop = min(start + _CHUNK, n)
        if vectorised:
            refused = checked.refused
            if refused is not None:
                refused = refused[start:stop]
            part_checked = Prechecked(checked.done, refused)
            rows_of: Any = whole.rows(start, stop)  # the few things Columns asks of a frame
            columns = Columns(rows_of, np, pandas, memo, checked=part_checked)
            facts = columns.facts(on, rules)
            ok = columns.ok
            part = numbers[:, start:stop]
            add_sections(part, facts, rules)
            scalar = np.flatnonzero(~ok)
        else:
            scalar = np.arange(stop - start)
        positions = scalar.tolist()
        for i, (result, error) in zip(
            positions, _score_rows(frame, [start + i for i in positions], on, rules), strict=True
        ):
            if result is None:
                errors[start + i] = error
                failed[start + i] = True
            else:
                numbers[:, start + i] = result
    data: dict[str, Any] = {
        name: pandas.arrays.IntegerArray(numbers[i], failed.copy())
        for i, name in enumerate(RESULT_COLUMNS[:5])
    }
    data["error"] = pandas.Series(errors, index=frame.index, dtype=object, copy=False)
    result = pandas.DataFrame(data, index=frame.index, copy=False)
    return to_kind(result, kind, original, kept)


class _Whole:
    """A frame's columns taken once, so that each chunk slices them without pandas' lookups.

    A category column's chunk is its codes' slice with its dtype (all that
    :class:`~crs.columns.Columns` reads of it); any other column's is a pandas slice.
    """

    def __init__(self, frame: pd.DataFrame, pandas: Any) -> None:
        self.labels = list(frame.columns)
        # items() yields each column by position (duplicate labels included), as
        # iloc[:, i] does, without iloc's indexing machinery a column.
        self.series = dict(frame.items())
        self.codes: dict[Any, Any] = {}
        self.dtypes: dict[Any, Any] = {}
        for label, column in self.series.items():
            if str(label) not in LEAVES:
                continue
            coded = _as_codes(column, pandas)
            if coded is not None:
                self.dtypes[label], self.codes[label] = coded

    def rows(self, start: int, stop: int) -> _Rows:
        """Rows ``start`` to ``stop`` as :class:`~crs.columns.Columns` reads a frame."""
        return _Rows(self, start, stop)


class _Rows:
    """Rows of a :class:`_Whole`: the labels, the length, and a column by its label."""

    def __init__(self, whole: _Whole, start: int, stop: int) -> None:
        self.columns = whole.labels
        self._whole, self._start, self._stop = whole, start, stop

    def __len__(self) -> int:
        return self._stop - self._start

    def __getitem__(self, label: Any) -> Any:
        whole = self._whole
        codes = whole.codes.get(label)
        if codes is not None:
            return CodedRows(whole.dtypes[label], codes[self._start : self._stop])
        return whole.series[label].iloc[self._start : self._stop]


def _as_codes(column: Any, pandas: Any) -> tuple[Any, Any] | None:
    """A column's (category dtype, codes) for :class:`_Whole`, or None: read it as it is.

    Categories give theirs.  A flag column (``bool``, or ``boolean`` with missing
    cells) is the categories False and True; a column of whole numbers from 0 to
    4,095 is the categories 0 to its largest, each number its own code: every
    chunk then reads them as category columns, each value once a call, as
    :class:`~crs.columns.Columns` reads the same values from the column itself.
    """
    import numpy as np

    global _FLAGS
    if _FLAGS is None:
        _FLAGS = pandas.CategoricalDtype([False, True])
    dtype = column.dtype
    if isinstance(dtype, pandas.CategoricalDtype):
        return dtype, column.array.codes
    if isinstance(dtype, pandas.BooleanDtype):
        return _FLAGS, _flag_codes(column.array)
    if dtype == "bool":
        return _FLAGS, column.to_numpy().view(np.int8)
    if dtype == "int64" and len(column):
        values = column.to_numpy()
        high = int(values.view(np.uint64).max())  # one pass: a negative number is huge unsigned
        if high < _WHOLE_NUMBERS:
            return _grid(pandas, 0, high), values.astype(np.int16)
        return None
    if dtype == "float64":
        coded = _on_grid(column.to_numpy(), pandas)
        if coded is not None:
            return coded
        categories = _categories(column, pandas)  # off the grid: its own values, sorted
        return categories.dtype, categories.array.codes
    return None


def _on_grid(values: Any, pandas: Any) -> tuple[Any, Any] | None:
    """A float column's (category dtype, codes) on a grid of numbers, or None: off it.

    Where every cell is missing (NaN) or a number from 0 up that is whole (or,
    failing that, a whole number of halves: test scores), below
    :data:`_WHOLE_NUMBERS` steps, each number's code is its count of steps and
    the categories are the grid's numbers (floats, as the column holds them)
    up to the largest: no hashing, a few passes of NumPy.  Negative numbers,
    -0.0, infinities and anything else leave the grid (the caller factorizes
    such a column).

    The passes: one for the sign bits (negative numbers, -0.0 and negative
    NaNs), one cast to counts of steps, one comparison of each count with its
    cell (NaN, infinities, fractions and numbers too large for the cast compare
    unequal), and only where some cell is unequal, one for the missing cells,
    whose codes are then set to -1 without a branch a cell.  Halves are tried
    first only where the column's first cells hold one (whole numbers are then
    impossible); otherwise whole numbers, then halves.
    """
    import numpy as np

    n = len(values)
    if not n or values.view(np.int64).min() < 0:
        return None  # a sign bit: negative numbers, -0.0 (and negative NaNs) are off the grid
    head = values[:_HEAD]
    head = head[head == head]
    halves = bool((head != np.floor(head)).any())  # a cell not whole: whole numbers fail
    missing = -1  # not yet counted
    absent: Any = None
    for step in (2,) if halves else (1, 2):
        with np.errstate(invalid="ignore"):  # NaN, infinities, large numbers: compared below
            steps = values if step == 1 else values * step
            codes = steps.astype(np.int16)
        equal = int(np.count_nonzero(codes == steps))
        if equal != n:
            if missing < 0:
                absent = np.isnan(values)
                missing = int(np.count_nonzero(absent))
                if missing == n:
                    return _grid(pandas, 1, -1), np.full(n, -1, np.int16)
            if equal + missing != n:
                continue  # a cell that is neither missing nor a count of steps
            minus = absent.astype(np.int16)
            np.negative(minus, out=minus)  # -1 (every bit set) where missing, else 0
            np.bitwise_or(codes, minus, out=codes)
        top = int(codes.max())
        if top >= _WHOLE_NUMBERS:
            return None
        if top < 127:  # a byte a cell, as pandas keeps small categories
            codes = codes.astype(np.int8)
        return _grid(pandas, step, top), codes
    return None


def _flag_codes(array: Any) -> Any:
    """A ``boolean`` array's codes of the categories False and True: 0, 1, and -1 where missing.

    Read from the array's values and mask (pandas' masked arrays keep both as
    NumPy booleans) by two passes without a branch a cell; pandas'
    ``to_numpy(na_value=...)`` assigns the missing cells through a mask, some
    30 times slower.  An array without them is read by ``to_numpy``.
    """
    import numpy as np

    values, mask = getattr(array, "_data", None), getattr(array, "_mask", None)
    if not isinstance(values, np.ndarray) or not isinstance(mask, np.ndarray):
        return array.to_numpy(dtype=np.int8, na_value=-1)
    codes = np.negative(mask.view(np.int8))  # -1 (every bit set) where missing, else 0
    np.bitwise_or(codes, values.view(np.int8), out=codes)
    return codes


_GRIDS: dict[tuple[int, int], Any] = {}


def _grid(pandas: Any, step: int, high: int) -> Any:
    """The categories 0, 1/step, ... high/step as floats, one dtype a grid (kept: its identity).

    Step 0 is the whole numbers 0 to ``high`` as integers (a column of ``int64``).
    """
    import numpy as np

    found = _GRIDS.get((step, high))
    if found is None:
        if step:
            grid = np.arange(max(high, 0) + 1, dtype=np.float64) / step
            found = pandas.CategoricalDtype(pandas.Index(grid))
        else:
            found = pandas.CategoricalDtype(range(high + 1))
        _GRIDS[(step, high)] = found
    return found


_FLAGS: Any = None  # the categories False and True, made on first use (pandas is imported late)
_WHOLE_NUMBERS = 4096
"""Whole numbers below this are read as categories of themselves (see :func:`_as_codes`)."""
_HEAD = 256
"""The first cells of a float column looked at for a half (see :func:`_on_grid`)."""


def _kept(frame: pd.DataFrame, keep: Sequence[str] | None) -> list[Any]:
    """The labels of the ``keep`` columns (default: ``id`` when present)."""
    labels = {str(c): c for c in frame.columns}
    if keep is None:
        return [labels["id"]] if "id" in labels else []
    if isinstance(keep, str):
        keep = [keep]
    absent = [name for name in keep if name not in labels]
    if absent:
        raise KeyError(f"keep: the frame has no column {', '.join(map(repr, absent))}")
    return [labels[name] for name in keep]


def typed_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` in the typed input of :func:`score_frame`: it then skips decoding.

    The typed input is the flat form with each text column (a choice such as
    ``education`` or ``first_language.test``, a date, a NOC code, an id) and
    each column of numbers with a missing value (``float64`` with NaN: test
    scores, a spouse's years) as a pandas ``category`` column, and each
    true-or-false column as a ``boolean`` (nullable) column; whole-number
    columns with no missing value stay ``int64`` (or ``Int64``).
    :func:`score_frame` then reads each category once and each row by its
    code, and checks nothing twice.  Build such a frame directly
    (``pd.Categorical``, ``dtype="boolean"``) or convert one with this
    function; scores and errors are the same either way.  A text column of a
    choice's names (``education``, ``first_language.test``) gets every name its
    field reads as its categories, so that frames typed apart share one dtype;
    any other text column gets the values it holds, sorted.

    >>> import pandas as pd
    >>> frame = typed_frame(pd.json_normalize([{"age": 30, "education": "masters",
    ...     "sibling_in_canada": True, "first_language": {"test": "ielts",
    ...     "listening": 8.0, "reading": 7.0, "writing": 7.0, "speaking": 7.5}}]))
    >>> [str(frame[c].dtype) for c in ("age", "education", "sibling_in_canada",
    ...                                "first_language.speaking")]
    ['int64', 'category', 'boolean', 'category']
    """
    _, pandas = _modules()
    return _typed(frame, pandas, numbers=True)


def _typed(frame: pd.DataFrame, pandas: Any, *, numbers: bool) -> pd.DataFrame:
    """``frame`` with its text, flag (and, with ``numbers``, float) columns typed.

    A column is typed only where that loses nothing the checks read: text
    (strings only) and floats become categories of the same values, flags
    (True, False and missing only) become ``boolean``; any other column (mixed
    kinds, lists, objects) stays as it is.  ``frame`` itself when nothing changes.
    """
    from crs.checks import field_names
    from crs.specs import Flag, Nested

    if len(set(map(str, frame.columns))) != frame.shape[1]:
        return frame  # duplicate columns: the scalar path reports them
    specs = {path: spec for path, spec in field_names() if not isinstance(spec, Nested)}
    typed: dict[Any, Any] = {}
    for label, column in frame.items():  # each column once, without a lookup by label
        name = str(label)
        spec = specs.get(name)
        dtype = column.dtype
        if spec is None or isinstance(dtype, pandas.CategoricalDtype):
            continue
        if numbers and dtype == "float64":
            typed[label] = _categories(column, pandas)
            continue
        if dtype == "bool" and isinstance(spec, Flag):  # no missing value: no mask to find
            absent = column.isna().to_numpy()  # all False: a bool column has no missing cell
            array = pandas.arrays.BooleanArray(column.to_numpy(), absent)
            typed[label] = pandas.Series(array, index=column.index, name=column.name)
            continue
        if str(dtype) != "object" and not pandas.api.types.is_string_dtype(dtype):
            continue
        if isinstance(spec, Flag) and str(dtype) == "object":
            flags = _known_flags(column, pandas)
            if flags is None:
                flags = _booleans(column, pandas)
            if flags is not None:
                typed[label] = flags
                continue
        coded = _arrow_categories(column, pandas, _vocabulary(spec))
        if coded is not None:
            typed[label] = coded
            continue
        kind = pandas.api.types.infer_dtype(column, skipna=True)
        if kind in ("string", "empty"):
            typed[label] = _categories(column, pandas)
    if not typed:
        return frame
    columns = {label: typed.get(label, column) for label, column in frame.items()}
    result: pd.DataFrame = pandas.DataFrame(columns, index=frame.index, copy=False)
    return result


def _booleans(column: Any, pandas: Any) -> Any:
    """A column of True, False and missing cells as a ``boolean`` column, or None: not one.

    The missing cells found first (json_normalize leaves most flags missing),
    only the others are asked whether they are all true or false.
    """
    import numpy as np

    cells = column.to_numpy(dtype=object)
    absent = pandas.isna(cells)
    given = cells[~absent]
    if pandas.api.types.infer_dtype(given, skipna=False) not in ("boolean", "empty"):
        return None
    truth = np.zeros(len(cells), dtype=bool)
    truth[~absent] = given.astype(bool)
    array = pandas.arrays.BooleanArray(truth, absent)
    return pandas.Series(array, index=column.index, name=column.name, copy=False)


_DISTINCT_OBJECTS = 8
"""At most this many distinct objects besides True and False in a flag column read by identity."""


def _known_flags(column: Any, pandas: Any) -> Any:
    """:func:`_booleans` of a column by its cells' identities, or None: read it by value.

    A cell that is the object ``True`` or ``False`` is that flag; the other cells
    are a few objects (json_normalize fills a missing flag with the one
    ``numpy.nan``), each asked once whether it is missing.  The identities are
    the addresses the ``object`` array holds (read through :mod:`ctypes`, since
    NumPy gives no view of them), compared a column at a time: no call a cell.
    A column of more distinct objects, or one of them not missing (``1``,
    ``numpy.True_``, text), goes to :func:`_booleans`, which decides it as before.
    """
    import ctypes

    import numpy as np

    cells = column.to_numpy(dtype=object)
    n = len(cells)
    if not n or cells.dtype != object or not cells.flags.c_contiguous:
        return None
    if cells.itemsize != ctypes.sizeof(ctypes.c_void_p):
        return None
    address = cells.__array_interface__["data"][0]
    held = (ctypes.c_char * (n * cells.itemsize)).from_address(address)
    pointers = np.frombuffer(held, dtype=np.uintp)
    truth = pointers == id(True)
    absent = ~truth
    absent &= pointers != id(False)
    rest = absent.copy()
    for _ in range(_DISTINCT_OBJECTS):
        if not rest.any():
            break
        first = int(rest.argmax())
        if not bool(pandas.isna(cells[first : first + 1])[0]):
            return None  # not True, False or missing: decided by value
        rest &= pointers != pointers[first]
    else:
        if rest.any():
            return None
    del held, pointers  # the addresses are read; ``cells`` held the objects until here
    array = pandas.arrays.BooleanArray(truth, absent)
    return pandas.Series(array, index=column.index, name=column.name, copy=False)


def _vocabulary(spec: Any) -> tuple[str, ...] | None:
    """The names a :class:`~crs.specs.Choice` field reads, sorted (None: any other field)."""
    from crs.specs import Choice

    if not isinstance(spec, Choice):
        return None
    found = _VOCABULARIES.get(spec.kind)
    if found is None:
        found = _VOCABULARIES[spec.kind] = tuple(sorted(str(m.value) for m in spec.kind))
    return found


_VOCABULARIES: dict[Any, tuple[str, ...]] = {}
_VALUE_SETS: dict[tuple[str, ...], Any] = {}


def _arrow_categories(column: Any, pandas: Any, known: tuple[str, ...] | None = None) -> Any:
    """:func:`_categories` of a text column that Arrow holds (pandas 3's ``str``), or None.

    The same categories and codes, from Arrow's ``dictionary_encode`` with the
    missing cells found from the column's validity bits, not filled in a pass of
    Arrow's own (as ``pandas.factorize`` does); the few values found are sorted
    in Python (Arrow's text is UTF-8, whose byte order is the order of code points
    that Python sorts ``str`` by).  With ``known``, the sorted names a choice
    field reads (:func:`_vocabulary`), each cell is first looked up among them
    (Arrow's ``index_in``, a third cheaper than encoding): where every cell given
    is one of them, the names some cell holds are the categories; a column with
    any other text is encoded as above.  Any other column: None.
    """
    import numpy as np

    dtype = column.dtype
    if not (isinstance(dtype, pandas.StringDtype) and dtype.storage == "pyarrow"):
        return None
    import pyarrow as pa

    array = column.array.__arrow_array__()
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks() if array.num_chunks != 1 else array.chunk(0)
    if not (pa.types.is_string(array.type) or pa.types.is_large_string(array.type)):
        return None
    n = len(array)
    if known:
        coded = _known_categories(array, known, pandas, dtype)
        if coded is not None:
            return pandas.Series(coded, index=column.index, name=column.name, copy=False)
    encoded = array.dictionary_encode()
    found = encoded.dictionary.to_pylist()
    order = sorted(range(len(found)), key=found.__getitem__)
    # Each value's place among the sorted values, plus one: a missing cell's 0 - 1 is -1.
    place = np.empty(len(found), dtype=np.int8 if len(found) < 127 else np.int64)
    place[order] = np.arange(1, len(found) + 1)
    indices = encoded.indices  # int32; a missing cell's slot holds any number
    values = np.frombuffer(indices.buffers()[1], dtype=np.int32, count=n, offset=4 * indices.offset)
    # clip: a missing cell's number may be out of range; no value at all: every cell missing
    codes = place.take(values, mode="clip") if found else np.zeros(n, dtype=np.int8)
    if indices.null_count and found:
        bits = np.frombuffer(indices.buffers()[0], dtype=np.uint8)
        start = indices.offset
        codes *= np.unpackbits(bits, bitorder="little", count=start + n)[start:]
    codes -= 1
    categories = pandas.Index(pandas.array([found[i] for i in order], dtype=dtype), dtype=dtype)
    categorical = pandas.Categorical.from_codes(codes, categories=categories, validate=False)
    return pandas.Series(categorical, index=column.index, name=column.name, copy=False)


def _known_categories(array: Any, known: tuple[str, ...], pandas: Any, dtype: Any) -> Any:
    """The Categorical of an Arrow text array whose cells are all in ``known`` (sorted), or None.

    Each cell's place in ``known`` (Arrow's ``index_in``: missing where the cell
    is missing or not a known name) is its code: where as many cells are missing
    as the column has missing cells, every cell given is known, and the
    categories are all of ``known``, the same for every frame (so that frames
    typed apart concatenate as categories).
    """
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    value_set = _VALUE_SETS.get(known)
    if value_set is None:
        value_set = _VALUE_SETS[known] = pa.array(known, type=array.type)
    elif value_set.type != array.type:
        value_set = value_set.cast(array.type)
    places = pc.index_in(array, value_set=value_set)
    if places.null_count != array.null_count:
        return None  # a cell holds text that is not a known name
    if places.null_count:
        places = pc.fill_null(places, -1)  # a missing cell's code
    codes = np.frombuffer(
        places.buffers()[1], dtype=np.int32, count=len(array), offset=4 * places.offset
    ).astype(np.int8 if len(known) < 127 else np.int16)
    key = (known, str(dtype))
    categories = _KNOWN_DTYPES.get(key)
    if categories is None:
        names = pandas.Index(pandas.array(list(known), dtype=dtype), dtype=dtype)
        categories = _KNOWN_DTYPES[key] = pandas.CategoricalDtype(names)
    return pandas.Categorical.from_codes(codes, dtype=categories, validate=False)


_KNOWN_DTYPES: dict[tuple[tuple[str, ...], str], Any] = {}


def _categories(column: Any, pandas: Any) -> Any:
    """A column as a ``category`` column of its values, sorted.

    Sorted, so that two batches holding the same values have the same categories
    in the same order, and the second finds what the first read (see
    :data:`crs._distinct.BY_VALUE`); it costs a few per cent of the factorizing.
    """
    codes, uniques = pandas.factorize(column, sort=True, use_na_sentinel=True)
    categorical = pandas.Categorical.from_codes(codes, categories=uniques, validate=False)
    return pandas.Series(categorical, index=column.index, name=column.name, copy=False)


def _score_rows(
    frame: pd.DataFrame, positions: list[int], on: dt.date, rules: RuleSet
) -> Iterable[tuple[tuple[int, int, int, int, int] | None, str | None]]:
    """Score the rows at ``positions`` by the scalar path: (numbers, None) or (None, error)."""
    if not positions:
        return
    for data in rows(frame, positions):
        yield _score_one(data, on, rules)


def _score_one(
    data: dict[str, Any], on: dt.date, rules: RuleSet
) -> tuple[tuple[int, int, int, int, int] | None, str | None]:
    try:
        result = score(load_profile(data), on, rules=rules)
    except CRSError as exc:
        problems = getattr(exc, "problems", None)
        if problems:
            return None, "; ".join(str(problem) for problem in problems)
        return None, str(exc)
    return (
        result.total,
        result.core,
        result.spouse,
        result.skill_transferability,
        result.additional,
    ), None
