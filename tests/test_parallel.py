"""The Dask and Spark recipes (crs.parallel) on 1,000,000 rows equal score_frame on the whole.

The million-row runs are marked ``slow`` (and ``tooling``, so the inner loop
``-m "not tooling"`` skips them); plain ``pytest`` runs them.  Each prints its
figures (rows, seconds) for the documentation: ``pytest -s -m slow``.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import time
from collections.abc import Iterator
from typing import Any

import attrs
import pandas as pd
import pytest

import crs
from crs.frame import score_frame, synthetic_frame
from crs.parallel import score_dask, score_spark, spark_schema

ON = dt.date(2026, 2, 19)
ROWS = 1_000_000
BASE = crs.rules_in_force(ON)
assert BASE.sibling is not None
# A custom rule set: 40 points for a sibling in Canada instead of 15.
CUSTOM = attrs.evolve(BASE, name="sibling-40", sibling=attrs.evolve(BASE.sibling, points=40))


def _population(n: int) -> pd.DataFrame:
    frame = synthetic_frame(n, seed=7)
    frame.insert(0, "id", [f"c{i:07d}" for i in range(n)])
    return frame


@pytest.fixture(scope="module")
def million() -> pd.DataFrame:
    return _population(ROWS)


@pytest.fixture(scope="module")
def expected(million: pd.DataFrame) -> pd.DataFrame:
    scored: pd.DataFrame = score_frame(million, ON, rules=CUSTOM)
    return scored


def _same(got: pd.DataFrame, want: pd.DataFrame) -> None:
    got = got.sort_values("id").reset_index(drop=True)
    want = want.sort_values("id").reset_index(drop=True)
    assert got["id"].astype(str).tolist() == want["id"].astype(str).tolist()
    for name in ("total", "core", "spouse", "skill_transferability", "additional"):
        assert got[name].astype("Int64").equals(want[name].astype("Int64")), name
    assert got["error"].isna().all()
    assert want["error"].isna().all()


def test_the_custom_rules_change_scores() -> None:
    frame = _population(20_000)
    custom = score_frame(frame, ON, rules=CUSTOM)["total"]
    plain = score_frame(frame, ON)["total"]
    siblings = frame["sibling_in_canada"].to_numpy()
    nominated = frame["provincial_nomination"].to_numpy()  # at the 600-point cap already
    assert (siblings & ~nominated).any()
    assert ((custom - plain)[siblings & ~nominated] == 25).all()
    assert ((custom - plain)[~siblings] == 0).all()


def test_dask_turns_flag_columns_into_strings_and_score_frame_reads_them() -> None:
    """The trap: without the fix, every row with a spouse.accompanying value was an error."""
    dd = pytest.importorskip("dask.dataframe")
    frame = _population(2_000)
    partition = dd.from_pandas(frame, npartitions=1).partitions[0].compute()
    assert pd.api.types.is_string_dtype(partition["spouse.accompanying"].dtype)
    assert set(partition["spouse.accompanying"].dropna()) == {"True", "False"}
    got = score_frame(partition, ON)
    assert got["error"].isna().all()
    assert got["total"].equals(score_frame(frame, ON)["total"])
    # Other strings in a true/false column are still the errors they are.
    partition["spouse.accompanying"] = partition["spouse.accompanying"].replace("True", "yes")
    assert score_frame(partition, ON)["error"].notna().any()


@pytest.mark.slow
@pytest.mark.tooling
def test_dask_local_processes_on_a_million_rows(
    million: pd.DataFrame, expected: pd.DataFrame
) -> None:
    dask = pytest.importorskip("dask")
    dd = pytest.importorskip("dask.dataframe")
    ddf = dd.from_pandas(million, npartitions=8)
    start = time.perf_counter()
    with dask.config.set(scheduler="processes", num_workers=2):
        got = score_dask(ddf, ON, rules=CUSTOM).compute()
    seconds = time.perf_counter() - start
    print(f"\nDask, local scheduler, 2 worker processes, 8 partitions: {len(got):,} rows "
          f"in {seconds:.1f} s")  # fmt: skip
    assert len(got) == ROWS
    _same(got, expected)


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip("Spark needs Java 17 or later")
    from pyspark.sql import SparkSession

    # The Python workers run this interpreter (with crs and its dependencies).
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("crs-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.driver.memory", "2g")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.mark.slow
@pytest.mark.tooling
@pytest.mark.filterwarnings("ignore::FutureWarning")
def test_spark_local_on_a_million_rows(
    spark: Any, million: pd.DataFrame, expected: pd.DataFrame
) -> None:
    sdf = spark.createDataFrame(million).repartition(8)
    start = time.perf_counter()
    got = score_spark(sdf, ON, rules=CUSTOM).toPandas()
    seconds = time.perf_counter() - start
    print(f"\nSpark local[2], mapInPandas, 8 partitions: {len(got):,} rows in {seconds:.1f} s")
    assert len(got) == ROWS
    _same(got, expected)


def test_spark_schema_names_the_kept_columns_first() -> None:
    assert spark_schema([("id", "string")]).startswith("`id` string, `total` bigint")
    assert spark_schema().endswith("`error` string")
