r"""The circular cluster as a network of firms exchanging by-products (industrial symbiosis).

A subpackage of two parts:

* :mod:`clustergames.symbiosis.cluster` — :class:`Cluster`: the by-product exchange as a linear programme (who ships
  what to whom), who earns what (coalition values, Shapley value, dual prices in the core), bilateral link prices,
  gap-filling entry (补链), landfill tax versus exchange subsidy, and two worked clusters (Guitang, Kalundborg);
* :mod:`clustergames.symbiosis.links` — trust across links: each link is a repeated game; critical discount factors
  under bilateral and network (association) punishment, the largest self-enforcing set of links (a MILP), and
  resilience to a firm's exit.
"""

from __future__ import annotations

from .cluster import *  # noqa: F403
from .cluster import __all__ as _cluster_all
from .links import *  # noqa: F403
from .links import __all__ as _links_all

__all__ = [*_cluster_all, *_links_all]
