"""Benchmark: parameter sweeps. The Dask speed-up with 1 and 2 workers on a simulation sweep, and the
1000 x 1000 threshold map through the sweep's vectorised formula path.

Workloads (DESIGN.md performance table):

* threshold map over a 1000 x 1000 grid, target under 0.2 s; anchor: one sympy substitution per point
  (timed on a sample of points and extrapolated to the million), and the scalar formula called point by point;
* a simulation sweep (the private-reputation agent-based model of :func:`clustergames.reputation.simulate`, one run
  per grid point and repeat) on the serial backend (the anchor), on the process pool and on a Dask LocalCluster
  with 1 and 2 workers; ratio = serial time / parallel time (the speed-up). Cluster start-up is timed separately.
  Every backend must return the identical DataFrame.

Run: ``python benchmarks/bench_sweep.py [--quick]``
"""

from __future__ import annotations

import os
import time

import numpy as np
from _common import main


def private_reputation(observation, execution_error, *, rng, n_firms=300, rounds=300):
    """One run of the private-reputation model (stern judging); means over the second half of the rounds."""
    from clustergames import reputation

    df = reputation.simulate("stern_judging", n_firms, rounds, rng=rng, noise=execution_error,
                             assessment_error=0.02, reputations="private", observation=observation)
    tail = df.iloc[rounds // 2:]
    return {"good": float(tail["good"].mean()), "cooperation": float(tail["cooperation"].mean())}


def _threshold_rows(quick: bool) -> list[dict]:
    import clustergames as cg

    n = 1000
    grid = {"T": np.linspace(3.05, 9.0, n), "R": [3.0], "outside": np.linspace(0.0, 2.95, n), "detection": [0.5]}
    func = cg.trust.expulsion_delta
    t0 = time.perf_counter()
    cg.sweep(func, {"T": [4.0], "R": [3.0], "outside": [1.0], "detection": [0.5]})   # lambdify once
    compile_s = time.perf_counter() - t0
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        frame = cg.sweep(func, grid)
        times.append(time.perf_counter() - t0)
    ours = min(times)
    assert frame.attrs["vectorised"] and len(frame) == n * n

    # anchor 1: one sympy substitution per point, on a sample of points, extrapolated to n * n
    import sympy

    T, R, w, p = sympy.symbols("T R outside detection", positive=True)
    expr = func(T, R, w, detection=p)
    rng = np.random.default_rng(0)
    sample = int(200 if quick else 1000)
    idx = rng.integers(0, n * n, sample)
    t0 = time.perf_counter()
    sub = [float(expr.subs({T: frame["T"].iat[i], R: 3.0, w: frame["outside"].iat[i], p: 0.5})) for i in idx]
    per_subs = (time.perf_counter() - t0) / sample
    np.testing.assert_allclose(sub, frame["value"].to_numpy()[idx], rtol=1e-9)

    # anchor 2: the numeric formula called point by point (what a loop over the grid would do)
    sample2 = int(2000 if quick else 10000)
    idx2 = rng.integers(0, n * n, sample2)
    Ts, Ws = frame["T"].to_numpy()[idx2], frame["outside"].to_numpy()[idx2]
    t0 = time.perf_counter()
    loop = [func(float(a), 3.0, float(b), detection=0.5) for a, b in zip(Ts, Ws)]
    per_call = (time.perf_counter() - t0) / sample2
    np.testing.assert_allclose(loop, frame["value"].to_numpy()[idx2], rtol=1e-12)

    return [
        {"workload": "threshold map 1000 x 1000 (trust.expulsion_delta) via sweep's formula path",
         "ours_s": ours, "anchor": "one sympy substitution per point", "anchor_s": per_subs * n * n,
         "ratio": per_subs * n * n / ours,
         "notes": (f"anchor extrapolated from {sample} points ({per_subs * 1e6:.0f} us each); values agree to 1e-9; "
                   f"target under 0.2 s; first call also compiles the formula ({compile_s:.2f} s)")},
        {"workload": "threshold map 1000 x 1000 (trust.expulsion_delta) via sweep's formula path",
         "ours_s": ours, "anchor": "numeric formula called point by point", "anchor_s": per_call * n * n,
         "ratio": per_call * n * n / ours,
         "notes": f"anchor extrapolated from {sample2} calls ({per_call * 1e6:.0f} us each)"},
    ]


def _simulation_rows(quick: bool) -> list[dict]:
    import pandas as pd

    import clustergames as cg

    try:
        import distributed
    except ImportError:
        distributed = None

    if quick:
        grid = {"observation": [0.3, 1.0], "execution_error": [0.02, 0.1]}
        repeats = 3
    else:
        grid = {"observation": [0.2, 0.5, 0.8, 1.0], "execution_error": [0.02, 0.05, 0.1]}
        repeats = 4
    runs = int(np.prod([len(v) for v in grid.values()])) * repeats
    workload = f"simulation sweep: private-reputation ABM (300 firms, 300 rounds), {runs} runs"
    private_reputation(0.5, 0.05, rng=0, n_firms=20, rounds=5)  # imports outside the timings

    t0 = time.perf_counter()
    serial = cg.sweep(private_reputation, grid, rng=8, repetitions=repeats)
    serial_s = time.perf_counter() - t0
    rows = []

    t0 = time.perf_counter()
    proc = cg.sweep(private_reputation, grid, rng=8, repetitions=repeats, backend="processes", workers=2)
    proc_s = time.perf_counter() - t0
    same = proc.equals(serial)
    rows.append({"workload": workload + ", process pool, 2 workers", "ours_s": proc_s, "anchor": "serial sweep",
                 "anchor_s": serial_s, "ratio": serial_s / proc_s,
                 "notes": (f"includes starting the pool; identical frame: {'yes' if same else 'NO'}; "
                           f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")})

    if distributed is None:
        rows.append({"workload": workload + ", Dask", "ours_s": None, "anchor": "serial sweep",
                     "anchor_s": serial_s, "ratio": None, "notes": "dask.distributed not installed"})
        return rows
    for n_workers in (1, 2):
        t0 = time.perf_counter()
        cluster = distributed.LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                                           dashboard_address=None)
        client = distributed.Client(cluster, set_as_default=False)
        start_s = time.perf_counter() - t0
        try:
            # warm-up: import the model on every worker, so the timing is the sweep itself
            cg.sweep(private_reputation, {"observation": [0.5] * n_workers, "execution_error": [0.05]}, rng=0,
                     backend=client, chunksize=1)
            t0 = time.perf_counter()
            frame = cg.sweep(private_reputation, grid, rng=8, repetitions=repeats, backend=client)
            dask_s = time.perf_counter() - t0
        finally:
            client.close()
            cluster.close()
        same = frame.equals(serial)
        pd.testing.assert_frame_equal(frame, serial)
        rows.append({"workload": workload + f", Dask LocalCluster, {n_workers} worker{'s' if n_workers > 1 else ''}",
                     "ours_s": dask_s, "anchor": "serial sweep", "anchor_s": serial_s, "ratio": serial_s / dask_s,
                     "notes": (f"cluster start-up {start_s:.1f} s (not included); identical frame: "
                               f"{'yes' if same else 'NO'}; load average {os.getloadavg()[0]:.1f} on "
                               f"{os.cpu_count()} cores")})
    return rows


def run(quick: bool = False) -> list[dict]:
    return _threshold_rows(quick) + _simulation_rows(quick)




if __name__ == "__main__":
    main(run)
