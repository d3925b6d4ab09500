r"""Parameter sweeps with serial, process-pool and Dask backends, and results that do not depend on the backend.

:func:`sweep` evaluates a model over a grid of parameters (the Cartesian product of a few sequences, or the rows of
a :class:`pandas.DataFrame`), repeated over independent random streams when the model is stochastic, and returns a
tidy :class:`pandas.DataFrame`: one row per grid point and repeat, parameter columns first, then the outputs, with
the seed, backend and library version in ``DataFrame.attrs``.

The same call runs on one core (``backend="serial"``), on the standard library's process pool
(``backend="processes"``) or on a Dask cluster (``backend="dask"``, a :class:`dask.distributed.Client`, or a scheduler
address). Each (grid point, repeat) pair gets its own random stream derived from its index alone, so the result is
identical on every backend, for every chunk size and worker count. Closed forms written with
:func:`clustergames.symbolic.formula` are recognised and evaluated over the whole grid in one vectorised call.

Examples
--------
>>> import clustergames as cg
>>> frame = cg.sweep(cg.trust.expulsion_delta, {"T": [4, 5], "R": [3], "outside": [0, 1]})
>>> frame
   T  R  outside     value
0  4  3        0  0.250000
1  4  3        1  0.333333
2  5  3        0  0.400000
3  5  3        1  0.500000
>>> frame.attrs["vectorised"], frame.attrs["backend"]
(True, 'serial')
"""

from __future__ import annotations

import inspect
import math
import numbers
import os
import pickle
import sys
import traceback
import types
import uuid
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from . import _validation as _v

__all__ = ["sweep", "SweepError"]

_BACKENDS = ("serial", "processes", "dask")
_DASK_HINT = 'backend="dask" needs dask.distributed: pip install "clustergames[distributed]"'


class SweepError(RuntimeError):
    """``func`` raised at a grid point: the message names the point (its parameters) and the repeat.

    The original exception is chained as ``__cause__``; ``point``, ``repeat`` and ``index`` hold the failing
    parameters, the repeat number and the grid point's position.

    Examples
    --------
    >>> err = SweepError("func failed", point={"T": 2}, repeat=0, index=1)
    >>> err.point, err.repeat, err.index
    ({'T': 2}, 0, 1)
    """

    def __init__(self, message: str, *, point: dict | None = None, repeat: int | None = None,
                 index: int | None = None):
        super().__init__(message)
        self.point = point
        self.repeat = repeat
        self.index = index

    def __reduce__(self):
        return (_rebuild_sweep_error, (self.args[0], self.point, self.repeat, self.index))


def _rebuild_sweep_error(message, point, repeat, index):
    return SweepError(message, point=point, repeat=repeat, index=index)


# ----------------------------------------------------------------------------------------------------------------
# the grid
# ----------------------------------------------------------------------------------------------------------------
class _Grid:
    """Parameter names, the number of points, point ``i`` as a dict, and whole columns (for the frame)."""

    def __init__(self, names: list[str], values: list[list], shape: tuple[int, ...] | None):
        self.names = names
        self.values = values          # per parameter: the axis values (product) or the column (rows)
        self.shape = shape            # product grid shape, None for a frame of rows
        self.n = math.prod(shape) if shape is not None else len(values[0])

    def point(self, i: int) -> dict[str, Any]:
        if self.shape is None:
            return {name: vals[i] for name, vals in zip(self.names, self.values)}
        idx = np.unravel_index(i, self.shape)
        return {name: vals[int(k)] for name, vals, k in zip(self.names, self.values, idx)}

    def column(self, k: int, point_index: np.ndarray | None, repeats: int) -> np.ndarray:
        """Values of parameter ``k`` at ``point_index``; None means every point, each ``repeats`` times."""
        vals = _as_column(self.values[k])
        if point_index is not None:
            if self.shape is None:
                return vals[point_index]
            return vals[np.unravel_index(point_index, self.shape)[k]]
        if self.shape is not None:
            inner, outer = math.prod(self.shape[k + 1:]), math.prod(self.shape[:k])
            vals = np.tile(np.repeat(vals, inner), outer)
        return np.repeat(vals, repeats) if repeats > 1 else vals

    def broadcast_arrays(self) -> dict[str, np.ndarray] | None:
        """Float arrays that broadcast to the grid (product) or flat columns (rows); None when not numeric."""
        out = {}
        for k, (name, vals) in enumerate(zip(self.names, self.values)):
            try:
                arr = np.asarray(vals, dtype=float)
            except (TypeError, ValueError):
                return None
            if arr.ndim != 1 or np.isnan(arr).any():
                return None
            if self.shape is not None:
                shape = [1] * len(self.shape)
                shape[k] = len(arr)
                arr = arr.reshape(shape)
            out[name] = arr
        return out


def _as_column(vals: list) -> np.ndarray:
    arr = np.empty(len(vals), dtype=object)
    arr[:] = vals
    try:
        typed = np.asarray(vals)
    except (TypeError, ValueError):
        return arr
    return typed if typed.ndim == 1 and typed.dtype != object else arr


def _normalise_grid(grid: Any) -> _Grid:
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - pandas is a dependency
        pd = None
    if pd is not None and isinstance(grid, pd.DataFrame):
        if grid.shape[1] == 0:
            raise ValueError("grid must name at least one parameter (got a DataFrame without columns)")
        if len(grid) == 0:
            raise ValueError("grid must contain at least one row (got an empty DataFrame)")
        names = list(grid.columns)
        for name in names:
            if not isinstance(name, str) or not name.isidentifier():
                raise TypeError(f"grid column names must be parameter names (identifiers) (got {name!r})")
        return _Grid(names, [grid[name].tolist() for name in names], None)
    if not isinstance(grid, Mapping):
        raise TypeError("grid must be a mapping of parameter names to sequences of values, or a pandas DataFrame "
                        f"of rows (got {type(grid).__name__})")
    if len(grid) == 0:
        raise ValueError("grid must name at least one parameter (got an empty mapping)")
    names, values = [], []
    for name, vals in grid.items():
        if not isinstance(name, str) or not name.isidentifier():
            raise TypeError(f"grid keys must be parameter names (identifiers) (got {name!r})")
        if isinstance(vals, str | bytes) or not _is_sequence(vals):
            raise TypeError(f"grid[{name!r}] must be a sequence of values, e.g. a list, range or 1-d array "
                            f"(got {vals!r}); wrap a single value in a list: [{vals!r}]")
        vals = vals.tolist() if isinstance(vals, np.ndarray) else list(vals)
        if len(vals) == 0:
            raise ValueError(f"grid[{name!r}] must contain at least one value (got an empty sequence)")
        names.append(name)
        values.append(vals)
    return _Grid(names, values, tuple(len(v) for v in values))


def _is_sequence(vals: Any) -> bool:
    if isinstance(vals, np.ndarray):
        return vals.ndim == 1
    if isinstance(vals, Sequence):
        return True
    # pandas Series / Index and other 1-d containers
    return hasattr(vals, "__len__") and hasattr(vals, "__iter__") and not isinstance(vals, Mapping | set)


# ----------------------------------------------------------------------------------------------------------------
# seeding
# ----------------------------------------------------------------------------------------------------------------
def _root_seed(rng: Any) -> np.random.SeedSequence:
    if rng is None:
        return np.random.SeedSequence()
    if isinstance(rng, np.random.SeedSequence):
        return rng
    if isinstance(rng, bool | np.bool_):
        _v.as_rng(rng)                      # raises the one TypeError of _validation
    if isinstance(rng, numbers.Integral):
        _v.as_rng(rng)                      # a negative seed raises there
        return np.random.SeedSequence(int(rng))
    if isinstance(rng, np.random.Generator | np.random.BitGenerator):
        gen = rng if isinstance(rng, np.random.Generator) else np.random.Generator(rng)
        return np.random.SeedSequence(int.from_bytes(gen.bytes(16), "little"))
    _v.as_rng(rng)                          # raises a TypeError naming rng
    raise AssertionError("unreachable")


def _child_seed(seed: tuple, point_index: int, repeat: int) -> np.random.SeedSequence:
    entropy, spawn_key, pool_size = seed
    return np.random.SeedSequence(entropy, spawn_key=tuple(spawn_key) + (point_index, repeat), pool_size=pool_size)


# ----------------------------------------------------------------------------------------------------------------
# running points (also in worker processes: keep these module-level and picklable)
# ----------------------------------------------------------------------------------------------------------------
def _output_rows(out: Any) -> list[dict]:
    """One dict per output row: scalars become ``value``, mappings their keys, results their ``to_frame()``."""
    import pandas as pd

    if isinstance(out, pd.Series):
        return [dict(out)]
    if isinstance(out, Mapping):
        return [dict(out)]
    if isinstance(out, pd.DataFrame):
        frame = out
    elif hasattr(out, "to_frame") and callable(out.to_frame):
        frame = out.to_frame()
        if not isinstance(frame, pd.DataFrame):
            raise TypeError(f"{type(out).__name__}.to_frame() must return a DataFrame (got {type(frame).__name__})")
    elif isinstance(out, numbers.Number | np.generic | str | bool) or (isinstance(out, np.ndarray) and out.ndim == 0):
        return [{"value": out.item() if isinstance(out, np.ndarray) else out}]
    else:
        shape = f" of shape {out.shape}" if hasattr(out, "shape") else ""
        raise TypeError("func must return a scalar, a mapping of scalars or a result with to_frame() "
                        f"(got {type(out).__name__}{shape})")
    if not isinstance(frame.index, pd.RangeIndex):
        frame = frame.reset_index()
    records = frame.to_dict("records")
    if len(records) > 1:
        records = [{"row": k, **rec} for k, rec in enumerate(records)]
    return records


def _run_chunk(func: Callable, tasks: list, seed: tuple, accepts_rng: bool) -> list:
    """Evaluate ``func`` on ``tasks`` = [(point_index, repeat, params), ...]; stop at the first failure."""
    out = []
    for point_index, repeat, params in tasks:
        try:
            kwargs = dict(params)
            if accepts_rng:
                kwargs["rng"] = np.random.default_rng(_child_seed(seed, point_index, repeat))
            rows = _output_rows(func(**kwargs))
        except Exception as exc:  # reported to the caller with the grid point
            out.append(("error", point_index, repeat, params, _portable(exc), traceback.format_exc()))
            return out
        out.append(("ok", point_index, repeat, rows))
    return out


def _portable(exc: BaseException) -> BaseException:
    """The exception itself when it survives pickling (to cross process boundaries), else a RuntimeError copy."""
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:
        return RuntimeError(f"{type(exc).__name__}: {exc}")


def _fmt_point(params: Mapping) -> str:
    return ", ".join(f"{k}={v!r}" for k, v in params.items())


def _raise_failure(record: tuple, *, remote: bool) -> None:
    _, point_index, repeat, params, exc, tb = record
    message = (f"func failed at grid point {point_index} ({_fmt_point(params)}), repeat {repeat}: "
               f"{type(exc).__name__}: {exc}")
    err = SweepError(message, point=dict(params), repeat=repeat, index=point_index)
    if remote:
        err.add_note("Traceback in the worker:\n" + tb)
    raise err from exc


# ----------------------------------------------------------------------------------------------------------------
# backends
# ----------------------------------------------------------------------------------------------------------------
def _resolve_backend(backend: Any) -> tuple[str, Any]:
    """Return (kind, detail): kind in serial / processes / dask-new / dask-client / dask-address."""
    if isinstance(backend, str):
        if backend in ("serial", "processes"):
            return backend, None
        if backend == "dask":
            _import_distributed()
            return "dask-new", None
        if "://" in backend or _looks_like_address(backend):
            _import_distributed()
            return "dask-address", backend
        raise ValueError(f"backend must be one of {', '.join(map(repr, _BACKENDS))}, a dask.distributed.Client or "
                         f"a scheduler address such as 'tcp://10.0.0.1:8786' (got backend={backend!r})")
    if hasattr(backend, "submit") and hasattr(backend, "scheduler"):
        return "dask-client", backend
    raise TypeError(f"backend must be a string or a dask.distributed.Client (got {type(backend).__name__})")


def _looks_like_address(text: str) -> bool:
    host, sep, port = text.rpartition(":")
    return bool(sep and host and port.isdigit())


def _import_distributed():
    try:
        import distributed
    except ImportError as exc:
        raise ImportError(_DASK_HINT) from exc
    return distributed


class _Progress:
    def __init__(self, total: int, enabled: bool):
        self.bar = None
        if enabled:
            import warnings

            with warnings.catch_warnings():  # without ipywidgets, Jupyter gets a text bar instead of a widget
                warnings.simplefilter("ignore")
                from tqdm.auto import tqdm

            self.bar = tqdm(total=total, desc="sweep", unit="run")

    def update(self, n: int) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _chunks(tasks: list, size: int) -> list[list]:
    return [tasks[k:k + size] for k in range(0, len(tasks), size)]


def _run_serial(func, tasks, seed, accepts_rng, chunksize, progress):
    results = []
    for chunk in _chunks(tasks, chunksize):
        records = _run_chunk(func, chunk, seed, accepts_rng)
        if records and records[-1][0] == "error":
            _raise_failure(records[-1], remote=False)
        results.extend(records)
        progress.update(len(records))
    return results


def _check_picklable(func: Callable) -> None:
    hint = ("backend='processes' sends func to worker processes with pickle, so func must be picklable: a function "
            "defined at the top level of an importable module (not a lambda, a local function or a function defined "
            "in a notebook). Use backend='serial', or backend='dask', which also ships lambdas and notebook "
            "functions")
    try:
        pickle.dumps(func)
    except Exception as exc:
        raise TypeError(f"{hint} (cannot pickle {func!r}: {exc})") from None
    module = sys.modules.get(getattr(func, "__module__", None) or "")
    if getattr(func, "__module__", None) == "__main__" and not getattr(module, "__file__", None):
        raise TypeError(f"{hint} ({func!r} is defined interactively, in __main__)")


def _mp_context():
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _run_processes(func, tasks, seed, accepts_rng, chunksize, progress, workers):
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    chunks = _chunks(tasks, chunksize)
    results, failures = [], {}
    with ProcessPoolExecutor(max_workers=min(workers, len(chunks)), mp_context=_mp_context()) as pool:
        pending = {pool.submit(_run_chunk, func, chunk, seed, accepts_rng): k for k, chunk in enumerate(chunks)}
        try:
            while pending:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for fut in done:
                    k = pending.pop(fut)
                    try:
                        records = fut.result()
                    except Exception as exc:
                        raise RuntimeError(
                            "a worker process of backend='processes' failed outside func (could func or its "
                            f"arguments not be loaded there?): {type(exc).__name__}: {exc}") from exc
                    _collect(records, k, results, failures, progress)
                if failures:  # only earlier chunks can still hold an earlier failure
                    for fut in [f for f, k in pending.items() if k > min(failures)]:
                        fut.cancel()
                        del pending[fut]
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    if failures:
        _raise_failure(failures[min(failures)], remote=True)
    return results


def _collect(records: list, k: int, results: list, failures: dict, progress: _Progress) -> None:
    """File a finished chunk: its runs, or its failure (the first failing run of the chunk)."""
    if records and records[-1][0] == "error":
        failures[k] = records[-1]
    else:
        results.extend(records)
        progress.update(len(records))


def _run_dask(client, func, tasks, seed, accepts_rng, chunksize, progress):
    distributed = _import_distributed()

    chunks = _chunks(tasks, chunksize)
    token = uuid.uuid4().hex[:12]
    futures = [client.submit(_run_chunk, func, chunk, seed, accepts_rng, key=f"clustergames-sweep-{token}-{k}",
                             pure=False) for k, chunk in enumerate(chunks)]
    index = {fut.key: k for k, fut in enumerate(futures)}
    outstanding = set(range(len(futures)))
    results, failures = [], {}
    try:
        for fut in distributed.as_completed(futures, loop=client.loop):
            k = index[fut.key]
            outstanding.discard(k)
            try:
                records = fut.result()
            except Exception as exc:
                raise RuntimeError("a Dask task of the sweep failed outside func (could func or its arguments not be "
                                   f"loaded on the workers?): {type(exc).__name__}: {exc}") from exc
            _collect(records, k, results, failures, progress)
            if failures and not any(j < min(failures) for j in outstanding):
                break
    finally:
        client.cancel(futures)
    if failures:
        _raise_failure(failures[min(failures)], remote=True)
    return results


def _dask_client(kind: str, detail: Any, workers: int | None):
    """Return (client, cleanup callables) for the Dask backends."""
    distributed = _import_distributed()
    if kind == "dask-client":
        return detail, []
    if kind == "dask-address":
        client = distributed.Client(detail, set_as_default=False)
        return client, [client.close]
    if workers is None:
        try:
            return distributed.default_client(), []
        except ValueError:
            pass
    cluster = distributed.LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                                       processes=True, dashboard_address=None)
    client = distributed.Client(cluster, set_as_default=False)
    return client, [client.close, cluster.close]


# ----------------------------------------------------------------------------------------------------------------
# formulas
# ----------------------------------------------------------------------------------------------------------------
def _formula_of(func: Callable):
    from .symbolic import Formula

    if isinstance(func, Formula):
        return func
    form = getattr(func, "formula", None)
    return form if isinstance(form, Formula) else None


def _vectorised(func: Callable, grid: _Grid, accepts_rng: bool) -> np.ndarray | None:
    """Values of a formula over the whole grid in one call, flattened in grid order.

    Returns None when the grid is not numeric or the output has the wrong shape (sweep then runs point by point).
    When the formula rejects some point (its validation), the failing point is located by evaluating blocks and then
    points, and reported as a :class:`SweepError` naming it.
    """
    if accepts_rng:
        return None
    arrays = grid.broadcast_arrays()
    if arrays is None:
        return None
    shape = grid.shape if grid.shape is not None else (grid.n,)
    try:
        return _evaluate(func, arrays, shape)
    except Exception:  # located below, point by point, and reported with the grid point
        pass
    flat = {name: np.broadcast_to(arr, shape).reshape(-1) for name, arr in arrays.items()}
    block = 4096
    for start in range(0, grid.n, block):
        stop = min(start + block, grid.n)
        try:
            _evaluate(func, {name: arr[start:stop] for name, arr in flat.items()}, (stop - start,))
        except Exception:
            for i in range(start, stop):
                records = _run_chunk(func, [(i, 0, grid.point(i))], (0, (), 4), False)
                if records[-1][0] == "error":
                    _raise_failure(records[-1], remote=False)
    return None


def _evaluate(func: Callable, arrays: dict[str, np.ndarray], shape: tuple[int, ...]) -> np.ndarray:
    with np.errstate(all="ignore"):
        out = np.asarray(func(**arrays), dtype=float)
    return np.broadcast_to(out, shape).reshape(-1)


# ----------------------------------------------------------------------------------------------------------------
# the sweep
# ----------------------------------------------------------------------------------------------------------------
def _signature_info(func: Callable, names: list[str], form) -> bool:
    """Check the grid's names against func's parameters (before computing); return whether func takes ``rng``."""
    if "rng" in names:
        raise ValueError("grid must not contain 'rng': sweep passes each run its own random generator")
    try:
        params = inspect.signature(func).parameters
    except (TypeError, ValueError):
        params = None
    if form is not None and (params is None or any(p.kind is p.VAR_KEYWORD for p in params.values())):
        unknown = [n for n in names if n not in form.params]
        if unknown:
            raise TypeError(f"grid parameter {unknown[0]!r} is not an argument of {form.name} "
                            f"(its parameters: {', '.join(form.params)})")
        return False
    if params is None:
        return False
    has_var_kw = any(p.kind is p.VAR_KEYWORD for p in params.values())
    accepts_rng = "rng" in params and params["rng"].kind not in (inspect.Parameter.VAR_POSITIONAL,
                                                                 inspect.Parameter.POSITIONAL_ONLY)
    if not has_var_kw:
        named = {k for k, p in params.items() if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)}
        unknown = [n for n in names if n not in named]
        if unknown:
            raise TypeError(f"grid parameter {unknown[0]!r} is not an argument of func "
                            f"(its parameters: {', '.join(params)})")
    missing = [k for k, p in params.items()
               if p.default is p.empty and p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)
               and k not in names and k != "rng"]
    if missing:
        raise TypeError(f"func requires parameter {missing[0]!r}, which the grid does not provide "
                        f"(grid parameters: {', '.join(names)})")
    return accepts_rng


def _check_int(value: Any, name: str, allow_none: bool) -> None:
    if value is None and allow_none:
        return
    _v.check_positive_int(value, name)


def _func_name(func: Callable) -> str:
    mod = getattr(func, "__module__", None)
    name = getattr(func, "__qualname__", None) or getattr(func, "name", None) or type(func).__name__
    return f"{mod}.{name}" if mod else str(name)


@_v.renamed(repeats="repetitions")
def sweep(func: Callable, grid: Mapping[str, Sequence] | Any, *, backend: Any = "serial", rng: Any = None,
          repetitions: int = 1, progress: bool = False, chunksize: int | None = None, workers: int | None = None):
    r"""Evaluate ``func`` over a parameter grid, repeated over independent random streams, on any backend.

    The grid is the Cartesian product :math:`\mathcal{G} = V_1 \times \dots \times V_k` of the sequences in
    ``grid`` (the last parameter varies fastest), or the rows of a DataFrame. Point :math:`i` and repeat
    :math:`r` run with the random stream

    .. math::

        s_{i,r} = \mathrm{SeedSequence}\bigl(e,\ (\kappa, i, r)\bigr),

    where :math:`e` is the entropy of the root seed made from ``rng`` and :math:`\kappa` its own spawn key (the
    child's spawn key is :math:`\kappa` followed by :math:`i` and :math:`r`). A
    stream depends on nothing but :math:`(e, i, r)`, never on the order, chunk or worker that ran it, so the result
    is the same on every backend, for every ``chunksize`` and worker count.

    Parameters
    ----------
    func : callable
        Takes the grid's parameters as keywords (and a keyword ``rng``, a :class:`numpy.random.Generator`, when its
        signature has one). Returns a scalar (column ``value``), a mapping of scalars (one column per key), or a
        result object with ``to_frame()`` (its columns; a frame with several rows adds a ``row`` column). A closed
        form written with :func:`clustergames.symbolic.formula` (or a function carrying its ``.formula``) is
        evaluated over the whole grid in one vectorised call.
    grid : mapping of str to sequence, or pandas.DataFrame
        Parameter names mapped to sequences of values (their Cartesian product), or a DataFrame whose rows are the
        points.
    backend : {"serial", "processes", "dask"}, dask.distributed.Client or str, default "serial"
        ``"processes"``: :class:`concurrent.futures.ProcessPoolExecutor` (forkserver or spawn start; ``func``
        must be picklable, i.e. defined at the top level of a module). ``"dask"``: the default Dask client when one
        exists and ``workers`` is not given, otherwise a :class:`~dask.distributed.LocalCluster` started (and
        closed) for this sweep. A ``Client`` is used as is; a string such as ``"tcp://10.0.0.1:8786"`` connects
        to that scheduler. Dask comes with ``pip install "clustergames[distributed]"``.
    rng : None, int, numpy.random.SeedSequence or numpy.random.Generator, optional
        Source of the root seed; its entropy is recorded in ``attrs["seed"]``.
    repetitions : int, default 1
        Runs per grid point, each with its own stream; adds a ``repeat`` column when above 1.
    progress : bool, default False
        Show a progress bar (``tqdm.auto``: a widget in Jupyter, text elsewhere).
    chunksize : int, optional
        Runs sent to a worker at once (default: about four chunks per worker). Does not change the result.
    workers : int, optional
        Worker processes of ``"processes"`` or of the ``LocalCluster`` started for ``"dask"`` (default: the number
        of cores). Not allowed with a given client or scheduler address.

    Returns
    -------
    pandas.DataFrame
        One row per grid point and repeat (point-major), parameter columns first, then ``repeat`` (when
        ``repetitions > 1``), then the outputs. ``attrs`` holds ``seed`` (entropy), ``spawn_key``, ``backend``,
        ``workers``, ``chunksize``, ``repetitions``, ``n_points``, ``parameters``, ``outputs``, ``vectorised``,
        ``func`` and ``clustergames_version``.

    Raises
    ------
    SweepError
        When ``func`` raises; the message names the grid point (its parameters) and the repeat, and the original
        exception is its ``__cause__``. When several runs fail, the first in grid order is reported, on every
        backend.
    ValueError, TypeError
        For a bad grid, backend, ``repetitions``, ``chunksize`` or ``workers``, before anything is computed.
    ImportError
        When a Dask backend is asked for and dask.distributed is not installed.

    References
    ----------
    Rocklin, M. (2015). Dask: parallel computation with blocked algorithms and task scheduling. *Proceedings of the
    14th Python in Science Conference*, 130–136.

    O'Neill, M. E. (2014). PCG: a family of simple fast space-efficient statistically good algorithms for random
    number generation. *Harvey Mudd College Technical Report* HMC-CS-2014-0905.

    Examples
    --------
    A closed form over a grid (one vectorised call):

    >>> import clustergames as cg
    >>> cg.sweep(cg.trust.grim_trigger_delta, {"T": [4, 6], "R": [3], "P": [1]})
       T  R  P     value
    0  4  3  1  0.333333
    1  6  3  1  0.600000

    A stochastic model, three repetitions per point; the same seed gives the same frame on any backend:

    >>> import numpy as np
    >>> def detected(detection, rng):
    ...     return {"caught": int(rng.binomial(100, detection))}
    >>> frame = cg.sweep(detected, {"detection": [0.2, 0.8]}, rng=7, repetitions=3)
    >>> frame.columns.tolist(), len(frame), frame.attrs["seed"]
    (['detection', 'repeat', 'caught'], 6, 7)
    >>> frame.equals(cg.sweep(detected, {"detection": [0.2, 0.8]}, rng=7, repetitions=3, chunksize=1))
    True
    >>> cg.sweep(detected, {"detection": [0.2, 0.8]}, rng=7, repetitions=3, backend="dask")  # doctest: +SKIP
    """
    import pandas as pd

    from . import __version__

    if not callable(func):
        raise TypeError(f"func must be callable (got {type(func).__name__})")
    _check_int(repetitions, "repetitions", allow_none=False)
    _check_int(chunksize, "chunksize", allow_none=True)
    _check_int(workers, "workers", allow_none=True)
    if not isinstance(progress, bool | np.bool_):
        raise TypeError(f"progress must be True or False (got progress={progress!r})")
    grid_ = _normalise_grid(grid)
    kind, detail = _resolve_backend(backend)
    if workers is not None and kind in ("serial", "dask-client", "dask-address"):
        raise ValueError(f"workers applies only to backend='processes' or backend='dask' without a client (got "
                         f"workers={workers} with backend={backend!r})")
    form = _formula_of(func)
    accepts_rng = _signature_info(func, grid_.names, form)
    root = _root_seed(rng)
    seed = (root.entropy, tuple(root.spawn_key), root.pool_size)
    n_tasks = grid_.n * repetitions
    clash = [n for n in ("repeat", "row") if n in grid_.names]
    if clash and (repetitions > 1 or clash != ["repeat"]):
        raise ValueError(f"grid parameter {clash[0]!r} clashes with a column sweep adds; rename it")

    backend_name = backend if isinstance(backend, str) else "dask"
    n_workers = (workers or os.cpu_count() or 1) if kind == "processes" else workers
    user_chunksize = chunksize

    def default_chunksize(n_workers: int | None) -> int:
        if user_chunksize is not None:
            return user_chunksize
        if kind == "serial":  # only the progress bar's granularity
            return max(1, math.ceil(n_tasks / 100))
        return max(1, math.ceil(n_tasks / (4 * (n_workers or os.cpu_count() or 1))))

    bar = _Progress(n_tasks, bool(progress))
    scheduler = None
    try:
        values = _vectorised(func, grid_, accepts_rng) if form is not None else None
        if values is not None:
            bar.update(n_tasks)
            point_index = np.repeat(np.arange(grid_.n), repetitions)
            repeat_index = np.tile(np.arange(repetitions), grid_.n)
            outputs = pd.DataFrame({"value": np.repeat(values, repetitions)})
        else:
            tasks = [(i, r, grid_.point(i)) for i in range(grid_.n) for r in range(repetitions)]
            if kind == "serial":
                chunksize = default_chunksize(None)
                records = _run_serial(func, tasks, seed, accepts_rng, chunksize, bar)
            elif kind == "processes":
                _check_picklable(func)
                chunksize = default_chunksize(n_workers)
                records = _run_processes(func, tasks, seed, accepts_rng, chunksize, bar, n_workers)
            else:
                client, cleanup = _dask_client(kind, detail, workers)
                try:
                    scheduler = getattr(client.scheduler, "address", None)
                    n_workers = len(client.scheduler_info().get("workers", {})) or n_workers
                    chunksize = default_chunksize(n_workers)
                    records = _run_dask(client, func, tasks, seed, accepts_rng, chunksize, bar)
                finally:
                    for close in cleanup:
                        close()
            records.sort(key=lambda rec: (rec[1], rec[2]))
            rows, pidx, ridx = [], [], []
            for _, i, r, out_rows in records:
                for row in out_rows:
                    rows.append(row)
                    pidx.append(i)
                    ridx.append(r)
            point_index, repeat_index = np.asarray(pidx, dtype=np.intp), np.asarray(ridx, dtype=np.intp)
            outputs = pd.DataFrame.from_records(rows) if rows else pd.DataFrame(index=range(0))
    finally:
        bar.close()

    canonical = len(point_index) == n_tasks  # every run gave one row: columns by tiling, no index arithmetic
    columns: dict[str, Any] = {name: grid_.column(k, None if canonical else point_index, repetitions)
                               for k, name in enumerate(grid_.names)}
    if repetitions > 1:
        columns["repeat"] = repeat_index
    params = pd.DataFrame(columns)
    drop = []
    for name in outputs.columns:
        if name in params.columns:
            same = len(outputs) == len(params) and _same(params[name], outputs[name])
            if not same:
                raise ValueError(f"func returned an output named {name!r}, like a grid parameter or a column "
                                 "sweep adds, with different values; rename the output")
            drop.append(name)
    outputs = outputs.drop(columns=drop)
    frame = pd.concat([params, outputs.set_axis(params.index, axis=0)], axis=1)
    frame.attrs.update({
        "seed": root.entropy,
        "spawn_key": tuple(root.spawn_key),
        "backend": backend_name,
        "scheduler": scheduler,
        "workers": None if values is not None else n_workers,
        "chunksize": None if values is not None else chunksize,
        "repetitions": repetitions,
        "n_points": grid_.n,
        "parameters": list(grid_.names),
        "outputs": list(outputs.columns),
        "vectorised": values is not None,
        "func": _func_name(func),
        "clustergames_version": __version__,
    })
    return frame


def _same(a, b) -> bool:
    try:
        return bool(np.all((np.asarray(a) == np.asarray(b)) | (np.asarray(a) != np.asarray(a))))
    except Exception:
        return False


sweep.SweepError = SweepError  # type: ignore[attr-defined]  # reachable from the function, ``cg.sweep.SweepError``


class _CallableModule(types.ModuleType):
    """A module that is also the function :func:`sweep`.

    ``clustergames.sweep`` is both this module and the function: ``import clustergames.sweep`` binds the module as the
    package attribute, so calling the module calls :func:`sweep`.
    """

    def __call__(self, *args, **kwargs):
        return sweep(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
