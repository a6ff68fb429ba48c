"""The one adapter between crs and frame libraries: pandas, Polars and PyArrow.

:func:`crs.score_frame` reads its columns with pandas and NumPy
(:class:`crs.columns.Columns`).  A frame of another library is converted at the
edge, here, and the result is given back in the caller's library:

* **pandas** ``DataFrame``: used as it is; the result is a pandas frame.
* **Polars** ``DataFrame``: read through ``to_pandas()``; the result is a
  Polars frame (a ``LazyFrame`` is refused: ``collect()`` it first).
* **PyArrow** ``Table`` or ``RecordBatch``: read through ``to_pandas()``; the
  result is a ``Table``.

The columns kept with ``keep=`` (an ``id`` column by default) are taken from
the caller's own frame, never round-tripped through pandas, so they come back
untouched: same values, same types.

Why not Narwhals: it exists for exactly this, and was considered.  crs's core
reads columns with pandas' ``factorize`` and NumPy dtypes, so all Narwhals
would do here is the two conversions at the edge, which are one call each in
every supported library; a run-time dependency for two calls was not worth it.
Were the core to read frames natively (no pandas at all), Narwhals would be the
way to do it.

The one column fix-up done on input is for Dask and Arrow-backed strings: a
column of a true/false field whose values are the strings ``"True"`` and
``"False"`` (what Dask's string conversion makes of a pandas ``object`` column
of True, False and None) is read as the booleans it was.  Any other string in
such a column is left alone and reported as the error it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from crs.flat import _modules

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["as_pandas", "kind_of", "records_frame", "restore_flags", "to_kind"]

_KINDS = ("pandas", "polars", "pyarrow")


def kind_of(frame: object) -> str:
    """The library of ``frame``: ``"pandas"``, ``"polars"`` or ``"pyarrow"``.

    Raises:
        TypeError: For anything else, saying what is accepted (and, for a Dask,
            Spark or lazy Polars frame, how to score it).
    """
    module = type(frame).__module__.split(".")[0]
    name = type(frame).__name__
    if module == "pandas" and name == "DataFrame":
        return "pandas"
    if module == "polars" and name == "DataFrame":
        return "polars"
    if module == "pyarrow" and name in ("Table", "RecordBatch"):
        return "pyarrow"
    hint = {
        "LazyFrame": "collect() the Polars LazyFrame first",
        "dask": "score a Dask frame partition by partition: "
        "ddf.map_partitions(score_frame, on=..., meta=...) (see the recipes)",
        "pyspark": "score a Spark frame batch by batch with mapInPandas (see the recipes)",
    }.get(name if name == "LazyFrame" else module, "")
    raise TypeError(
        f"score_frame takes a pandas or Polars DataFrame or a PyArrow Table, not {module}.{name}"
        + (f": {hint}" if hint else "")
    )


def as_pandas(frame: Any) -> pd.DataFrame:
    """``frame`` as a pandas DataFrame (itself for pandas)."""
    kind = kind_of(frame)
    if kind == "pandas":
        return frame  # type: ignore[no-any-return]
    converted: pd.DataFrame = frame.to_pandas()
    return converted


def restore_flags(frame: pd.DataFrame, flags: Iterable[str]) -> pd.DataFrame:
    """Read string columns of true/false fields that hold only "True"/"False" as booleans.

    Args:
        frame: A pandas frame.
        flags: The names of the columns of true/false fields.

    Returns:
        ``frame`` itself when nothing needed it, else a shallow copy with those
        columns as ``object`` columns of True, False and None.
    """
    _, pandas = _modules()
    fixed: dict[Any, Any] = {}
    names = {str(c): c for c in frame.columns}
    for name in flags:
        label = names.get(name)
        if label is None:
            continue
        column = frame[label]
        if column.dtype == object or not pandas.api.types.is_string_dtype(column.dtype):
            continue
        present = column.dropna()
        if not present.isin(["True", "False"]).all():
            continue
        fixed[label] = pandas.Series(
            [None if pandas.isna(v) else v == "True" for v in column.tolist()],
            index=frame.index,
            dtype=object,
        )
    if not fixed:
        return frame
    out: pd.DataFrame = frame.copy(deep=False)
    for label, series in fixed.items():
        out[label] = series
    return out


def to_kind(result: pd.DataFrame, kind: str, original: Any, keep: Sequence[Any]) -> Any:
    """The result in the caller's library, with the ``keep`` columns of ``original`` first.

    Args:
        result: The pandas result (index aligned with the input for pandas).
        kind: ``"pandas"``, ``"polars"`` or ``"pyarrow"`` (see :func:`kind_of`).
        original: The caller's frame, whose ``keep`` columns are copied as they are.
        keep: The column labels to copy.

    Returns:
        A frame of the caller's library.
    """
    _, pandas = _modules()
    if kind == "pandas":
        if not keep:
            return result
        return pandas.concat([original[list(keep)], result], axis=1)
    if kind == "polars":
        import polars

        scored = polars.from_pandas(result.reset_index(drop=True))
        return original.select(list(keep)).hstack(scored) if keep else scored
    import pyarrow

    table = pyarrow.Table.from_pandas(result, preserve_index=False)
    if "error" in table.column_names:  # all None: a null column; it is a column of text
        where = table.column_names.index("error")
        table = table.set_column(where, "error", table.column("error").cast(pyarrow.string()))
    if isinstance(original, pyarrow.RecordBatch):
        original = pyarrow.Table.from_batches([original])
    if not keep:
        return table
    kept = original.select(list(keep))
    return pyarrow.Table.from_arrays(
        [*kept.columns, *table.columns], names=[*kept.column_names, *table.column_names]
    )


def records_frame(
    records: Iterable[Mapping[str, Any]],
    columns: Sequence[str],
    *,
    dates: Sequence[str] = (),
    moments: Sequence[str] = (),
    integers: Sequence[str] = (),
    numbers: Mapping[str, str] | None = None,
    convert: Callable[[Mapping[str, Any]], Mapping[str, Any]] | None = None,
) -> pd.DataFrame:
    """A pandas frame of records, with typed date, time and integer columns.

    Args:
        records: One mapping a row.
        columns: The columns, in order (a missing key is a missing value).
        dates: Columns of ``datetime.date`` or ISO dates: ``datetime64[s]``.
        moments: Columns of aware datetimes or ISO times: UTC ``datetime64``.
        integers: Columns of whole numbers that may be missing: ``Int64``.
        numbers: Columns of numbers never missing, with their dtype (``int64``),
            so that a frame with no row has the dtypes a frame with rows has.
        convert: A function applied to each record first.

    Returns:
        The frame, with a default index.
    """
    _, pandas = _modules()
    rows = [dict(convert(r) if convert else r) for r in records]
    frame: pd.DataFrame = pandas.DataFrame.from_records(
        [[row.get(c) for c in columns] for row in rows], columns=list(columns)
    )
    for name in dates:
        frame[name] = pandas.to_datetime(
            frame[name].map(lambda d: d.isoformat() if isinstance(d, dt.date) else d)
        ).astype("datetime64[s]")
    for name in moments:  # one unit, whatever the times hold (or an empty frame)
        frame[name] = pandas.to_datetime(frame[name], utc=True).astype("datetime64[us, UTC]")
    for name in integers:
        frame[name] = frame[name].astype("Int64")
    if numbers:
        frame = frame.astype(dict(numbers))
    if not rows:  # no values to infer from: text columns are text, as with values
        typed = set(dates) | set(moments) | set(integers) | set(numbers or ())
        text = [c for c in frame.columns if c not in typed and frame[c].dtype == object]
        frame = frame.astype(dict.fromkeys(text, pandas.StringDtype(na_value=float("nan"))))
    return frame
