"""Date ranges for partial dates: ``2020`` covers 2020-01-01..2020-12-31, ``2020-02`` its 29 days."""

from __future__ import annotations

import calendar

from ..model import parse_date

__all__ = ["date_bounds"]


def date_bounds(value: str | None) -> tuple[str, str] | None:
    """First and last day (ISO) that ``YYYY[-MM[-DD]]`` covers; None for no date. Raises ValueError when invalid."""
    parsed = parse_date(value)
    if parsed is None:
        return None
    norm = parsed[0]
    parts = norm.split("-")
    if len(parts) == 3:
        return norm, norm
    year = int(parts[0])
    if len(parts) == 2:
        month = int(parts[1])
        last = calendar.monthrange(year, month)[1]
        return f"{norm}-01", f"{norm}-{last:02d}"
    return f"{norm}-01-01", f"{norm}-12-31"
