"""A rule set's sections as one compiled loop over a frame's rows (``score_frame``'s numba engine).

:func:`crs.score_frame` scores a chunk of column facts by walking
``rules.sections`` (:meth:`crs.ruleset.Factor.column`): each factor kind reads
its table with a few NumPy passes over the chunk, a few dozen passes in all.
With `numba <https://numba.pydata.org>`_ installed (the ``numba`` extra), the
same walk is instead written once per rule set as the statements of one loop
(:func:`kernel`), compiled to machine code, and run over the chunk in a single
pass: every table, threshold and cap is read from the rule set when the loop is
written, exactly as :mod:`crs.compiled` writes the scalar scorer, so a rule set
of one's own compiles like IRCC's.

* Each standard kind has its writer (:mod:`crs._kernel_source`, keyed by the
  exact class: a subclass may score differently): a
  :class:`~crs.ruleset.Group` its parts' sum and cap, a
  :class:`~crs.factors.kinds.Table` an index into its table's array, an
  :class:`~crs.factors.kinds.Abilities` four of them, a
  :class:`~crs.factors.kinds.Tiers` a matrix cell, the French points their test.
  The arrays are those the NumPy path reads (``Steps``, ``Lookup`` and
  ``Matrix`` build them once).
* A rule set with any other factor (a :class:`~crs.factors.kinds.Custom`
  function, a class of one's own, a table kind the loop does not know) has no
  kernel: ``score_frame`` walks it with NumPy, as without numba.
* The language levels are read in the loop, from the level tables and codes
  of :class:`~crs._facts.CodedLevels`; a row whose score its test's rule
  refuses (level -1 in a folded table) is marked refused, not scored.
* Rows that are not ``ok`` are skipped (the scalar path scores them), and
  every index is clipped into its array, so no value can read out of bounds.
* The loop holds no lock (``nogil``): :func:`crs.score_frame` runs it on a
  second thread while it reads the next chunk.

The loop's source depends only on the rule set's shape and numbers; it is kept
in a cache directory (``$CRS_CACHE_DIR/kernels``, else
``$XDG_CACHE_HOME/crs/kernels`` or ``~/.cache/crs/kernels``), where numba
caches its machine code too: the compilation (a second or so) is paid once a
machine for each distinct loop, not once a process.  Without a cache directory
this process may write, it is compiled in memory, for the process only.  Property tests prove
the kernel equals the NumPy walk and :func:`crs.score` on every bundled rule
set and on rule sets of one's own (``tests/test_kernels.py``).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import os
import sys
import tempfile
import threading
import weakref
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crs._facts import CodedLevels, flag_fields
from crs._kernel_source import written

if TYPE_CHECKING:
    from crs.ruleset import RuleSet

__all__ = [
    "ENGINES",
    "QUEUED",
    "Kernel",
    "available",
    "beside",
    "check_engine",
    "for_engine",
    "kernel",
    "loaded",
]

ENGINES = ("auto", "numpy", "numba")
"""The engines of :func:`crs.score_frame` (see its ``engine`` argument)."""
QUEUED = 4
"""Chunks given to the loop beside at most (their facts held): the rest wait their turn."""


class Kernel:
    """A rule set's compiled loop: :meth:`__call__` scores a chunk of column facts.

    Attributes:
        facts: The Facts fields the loop reads, in its arguments' order (a
            language result's as the parts of its :class:`~crs._facts.CodedLevels`).
        source: The loop's Python source (what numba compiles).
    """

    def __init__(self, source: str, facts: list[str], arrays: list[Any], function: Any) -> None:
        self.source, self.facts, self._arrays, self._function = source, facts, arrays, function

    def __call__(self, points: Any, facts: Any, ok: Any, refused: Any) -> None:
        """Write each ``ok`` row's total and section points into ``points`` (5 rows).

        A row whose language score its test's rule refuses (see
        :func:`crs._precheck._folds`) is marked in ``refused`` instead (the caller
        scores it by the scalar path, for its error).
        """
        import numpy as np

        # Every argument of one type whatever the frame (one signature: compiled once):
        # flags as booleans, other facts int64, a result's codes int32, each row of
        # points a contiguous array of its own.
        flags = flag_fields()
        columns: list[Any] = []
        for name in self.facts:
            value = getattr(facts, name)
            if isinstance(value, CodedLevels):
                codes = [np.asarray(c, dtype=np.int32) for c in value.codes]
                row = np.asarray(value.row, dtype=np.int64)
                columns += [np.asarray(value.present, dtype=np.bool_), row, *codes, *value.tables]
                continue
            dtype = np.bool_ if name in flags else np.int64
            columns.append(np.ascontiguousarray(value, dtype=dtype))
        rows = [points[k] for k in range(5)]  # views of a C-ordered array: contiguous
        written = [np.ascontiguousarray(row) for row in rows]
        self._function(ok, refused, *written, *columns, *self._arrays)
        for row, done in zip(rows, written, strict=True):
            if done is not row:  # a copy (points of another layout): written back
                row[...] = done


def check_engine(engine: str) -> None:
    """Refuse an engine :func:`crs.score_frame` does not have, or numba where it is missing.

    Raises:
        ValueError: If ``engine`` is not one of :data:`ENGINES`.
        ImportError: If ``engine`` is ``"numba"`` and numba is not installed.
    """
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(map(repr, ENGINES))}, not {engine!r}")
    if engine == "numba" and not available():
        raise ImportError("engine='numba' needs numba: pip install 'crs-calculator[numba]'")


def for_engine(rules: RuleSet, engine: str) -> Kernel | None:
    """The compiled loop that adds up ``rules``' points, or None: walk them with NumPy.

    ``"auto"`` takes the loop only where this process has made it already.
    """
    if engine == "numpy":
        return None
    if engine == "auto":
        return loaded(rules)
    return kernel(rules)


_BESIDE: list[tuple[int, Any]] = []


def beside() -> Any:
    """The one worker thread that runs the compiled loop beside the NumPy work.

    One a process: a process forked from this one (Dask, multiprocessing) makes its own.
    """
    pid = os.getpid()
    if not _BESIDE or _BESIDE[0][0] != pid:
        from concurrent.futures import ThreadPoolExecutor

        _BESIDE[:] = [(pid, ThreadPoolExecutor(1, thread_name_prefix="crs-kernel"))]
    return _BESIDE[0][1]


_KERNELS: weakref.WeakKeyDictionary[Any, Kernel | None] = weakref.WeakKeyDictionary()
"""Each rule set's loop (or None: it has none), while the rule set lives."""
_BY_SOURCE: dict[str, Any] = {}
"""Each compiled loop by its source: a copy of a rule set (pickled to a worker) shares it."""
_LOCK = threading.Lock()


def available() -> bool:
    """Whether numba can be imported (the ``numba`` extra)."""
    return importlib.util.find_spec("numba") is not None


def loaded(rules: RuleSet) -> Kernel | None:
    """The compiled loop of ``rules`` if this process has made it already, else None.

    A copy of a rule set whose loop was made (equal rules, pickled to a worker
    or built again) is found by the loop's source, which is written again (a
    millisecond or so) only once some loop has been made in this process.
    """
    found = _found(rules)
    if found is not _MISSING or not _BY_SOURCE:
        return None if found is _MISSING else found
    source = written(rules)
    if source is None or source[0] not in _BY_SOURCE:
        return None
    return kernel(rules)


_MISSING = object()


def _found(rules: RuleSet) -> Any:
    try:
        return _KERNELS.get(rules, _MISSING)
    except TypeError:  # not weakly referable (a subclass with slots): looked up by source
        return _MISSING


def kernel(rules: RuleSet) -> Kernel | None:
    """The compiled loop of ``rules``, made once a process; None where it has none.

    None when a factor of the rule set is not one the loop can write (see the
    module), or numba is not installed.  Each distinct loop is compiled once a
    process (and, from its cache, once a machine); a rule set with other
    numbers (a cap, a point value) is another loop.
    """
    found = _found(rules)
    if found is not _MISSING:
        return found  # type: ignore[no-any-return]
    with _LOCK:  # one thread writes and compiles a loop; the others then find it
        made: Kernel | None = None
        written_source = written(rules) if available() else None
        if written_source is not None:
            source, facts, arrays = written_source
            function = _BY_SOURCE.get(source)
            if function is None:
                function = _BY_SOURCE[source] = _compiled(source)
            made = Kernel(source, facts, arrays, function)
        with contextlib.suppress(TypeError):  # not weakly referable: made again next time
            _KERNELS[rules] = made
        return made


def _cache_dir() -> Path | None:
    """The directory the loops are kept in, or None: this process has none it may use."""
    given = os.environ.get("CRS_CACHE_DIR")
    if given:
        return Path(given) / "kernels"
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no home directory (a container's user without one)
            return None
    return Path(base) / "crs" / "kernels"


def _compiled(source: str) -> Any:
    """The ``kernel`` function of ``source``, from a module file in the cache directory.

    Kept by the hash of its source, so that numba's cache beside it serves every
    later process.  Where there is no cache directory this process may write
    (none, read-only, or numba refuses to cache there), the loop is compiled in
    memory for this process only: never from a directory shared with others.
    """
    digest = hashlib.sha256(source.encode()).hexdigest()[:24]
    name = f"crs_kernel_{digest}"
    folder = _cache_dir()
    try:
        if folder is None:
            raise OSError("no cache directory")
        folder.mkdir(parents=True, exist_ok=True)
        if not os.access(folder, os.W_OK):
            raise OSError(f"{folder} cannot be written")
        path = folder / f"{name}.py"
        if not path.exists() or path.read_text() != source:
            # A file of this writer's own, then renamed: whole or not at all.
            handle, staged = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
            with os.fdopen(handle, "w") as out:
                out.write(source)
            os.replace(staged, path)
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        sys.modules[name] = module  # numba finds its function's module by name
        return module.kernel
    except (OSError, RuntimeError):  # numba's RuntimeError: no locator to cache with
        namespace: dict[str, Any] = {}
        exec(compile(source.replace("cache=True", "cache=False"), name, "exec"), namespace)
        return namespace["kernel"]
