"""By-product exchange networks: the Cluster (filled in by the symbiosis work)."""

__all__: list[str] = []
