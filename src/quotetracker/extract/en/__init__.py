"""English statement extraction (not built yet: English documents use the generic fallback)."""
