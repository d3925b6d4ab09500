"""Trust across the links of a symbiosis network (filled in by the symbiosis work)."""

__all__: list[str] = []
