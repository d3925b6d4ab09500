"""Prisoner's dilemma payoffs by keyword (T, R, P, S), shared by tournaments and the exit game (private)."""

from __future__ import annotations

import warnings

from . import _validation as _v

#: default prisoner's dilemma payoffs (R, S, T, P) of Axelrod (1984): T = 5, R = 3, P = 1, S = 0
DEFAULT_PAYOFFS = (3.0, 0.0, 5.0, 1.0)


def _pd_payoffs(payoffs) -> tuple[float, float, float, float]:
    if isinstance(payoffs, str | bytes) or not hasattr(payoffs, "__len__") or len(payoffs) != 4:
        raise ValueError(f"payoffs must be a sequence (R, S, T, P) of four numbers (got payoffs={payoffs!r})")
    return tuple(_v.check_real(v, f"payoffs[{i}] ({n})") for i, (v, n) in enumerate(zip(payoffs, "RSTP")))


def _pd(payoffs=None, T=None, R=None, P=None, S=None, *, where: str = "") -> tuple[float, float, float, float]:
    """(R, S, T, P) from the keywords T, R, P, S (defaults 5, 3, 1, 0) or the deprecated tuple ``payoffs``."""
    if payoffs is not None:
        if any(v is not None for v in (T, R, P, S)):
            raise TypeError(f"{where}(): give the payoffs as T, R, P, S, not also as payoffs=(R, S, T, P)")
        warnings.warn(f"{where}(): payoffs=(R, S, T, P) is deprecated; pass T, R, P, S by keyword",
                      DeprecationWarning, stacklevel=3)
        return _pd_payoffs(payoffs)
    default = dict(zip("RSTP", DEFAULT_PAYOFFS))
    given = dict(zip("TRPS", (T, R, P, S)))
    vals = {k: default[k] if v is None else _v.check_real(v, k) for k, v in given.items()}
    return vals["R"], vals["S"], vals["T"], vals["P"]
