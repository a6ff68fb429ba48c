"""How :func:`crs.score_frame` types a frame's columns before it scores them.

Each column a field reads becomes codes that the whole frame shares, so that the
chunks read it by code and each distinct value is checked once
(:mod:`crs.columns`): text as categories (a choice's names looked up among the
names its field reads), flags as booleans, whole numbers and floats of whole
numbers or halves by their count of steps, any other float as categories.  Every
route is exact for any input: a column that a fast route cannot take exactly
falls back to the plain reading, which gives the same codes.  The same typing
serves :func:`crs.frame.typed_frame`, the documented typed input.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd


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
    (Arrow's ``index_in``, cheaper than encoding): where every cell given is one
    of them, all of them are the categories (:func:`_known_categories`); a column
    with any other text is encoded as above.  Any other column: None.
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
    n = len(array)
    codes = np.frombuffer(
        places.buffers()[1], dtype=np.int32, count=n, offset=4 * places.offset
    ).astype(np.int8 if len(known) < 127 else np.int16)
    if places.null_count:  # a missing cell's code is -1: its slot holds any number
        bits = np.frombuffer(places.buffers()[0], dtype=np.uint8)
        given = np.unpackbits(bits, bitorder="little", count=places.offset + n)[places.offset :]
        codes += 1  # (code + 1) * given - 1, in place: Arrow's fill_null is a pass of its own
        codes *= given
        codes -= 1
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
