r"""Return types shared by the Monte-Carlo estimators (private module; the classes are re-exported by the models).

One rule for what a simulation returns: a :class:`~clustergames.results.Result` that carries the **estimate**, its
**standard error**, the **number of runs** and the **seed** that replays it (never ``None``: with ``rng=None`` the
fresh entropy drawn by :func:`clustergames._validation.as_rng` is recorded). It unpacks like the pair it replaces,
``m, se = estimator(...)``.

.. math::

    \hat\theta = \frac1n\sum_{r=1}^n y_r, \qquad
    \widehat{\mathrm{se}} = \sqrt{\frac{\frac1n\sum_r y_r^2 - \hat\theta^2}{n}}

Examples
--------
>>> est = Estimate(0.25, 0.01, 2500, seed=7)
>>> m, se = est
>>> m, se, est.n_runs, est.seed
(0.25, 0.01, 2500, 7)
>>> [round(v, 4) for v in est.confidence_interval(0.95)]
[0.2304, 0.2696]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import NormalDist
from typing import Any

from .results import Result

__all__ = ["MonteCarloResult", "Estimate"]


class MonteCarloResult(Result):
    """Mixin of Monte-Carlo results: subclasses provide ``estimate``, ``stderr``, ``n_runs`` and ``seed``.

    Iterating gives ``(estimate, stderr)``, so ``m, se = result`` works.
    """

    def __iter__(self):
        yield self.estimate
        yield self.stderr

    def __len__(self) -> int:
        return 2

    def confidence_interval(self, level: float = 0.95) -> tuple[float, float]:
        r"""Normal confidence interval :math:`\hat\theta \pm z_{(1+\ell)/2}\,\widehat{\mathrm{se}}`."""
        from ._validation import check_probability

        level = check_probability(level, "level", open_low=True, open_high=True)
        z = NormalDist().inv_cdf(0.5 + level / 2)
        return (float(self.estimate - z * self.stderr), float(self.estimate + z * self.stderr))


@dataclass(repr=False)
class Estimate(MonteCarloResult):
    """A Monte-Carlo estimate with its standard error, number of runs and seed (unpacks as ``m, se``)."""

    estimate: float
    stderr: float
    n_runs: int
    seed: Any
    title: str | None = field(default="Monte-Carlo estimate")

    def to_frame(self):
        import pandas as pd

        return pd.DataFrame({"estimate": [self.estimate], "stderr": [self.stderr], "n_runs": [self.n_runs],
                             "seed": [self.seed]})
