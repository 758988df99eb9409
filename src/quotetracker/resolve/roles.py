"""Who held a role at a date, learned from the mentions themselves.

Every mention that names a role and a person ("Kreml-Sprecher Dmitri Peskow",
dated 2020-03-04) is one observation. The holder of a role at a date is the
person with a clear majority of the time-weighted observations near that date,
so "der Bundeskanzler" in 2010 and in 2022 resolve to different people, and a
role with competing holders near the date stays unresolved.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

__all__ = ["RoleTable", "date_ordinal"]


def date_ordinal(value: str | None) -> int | None:
    """Day number of ``YYYY[-MM[-DD]]``; a month or year is taken at its middle."""
    if not value:
        return None
    parts = value.split("-")
    try:
        year = int(parts[0])
        if len(parts) == 1:
            return dt.date(year, 7, 1).toordinal()
        month = int(parts[1])
        day = int(parts[2]) if len(parts) > 2 else 15
        return dt.date(year, month, day).toordinal()
    except (ValueError, IndexError):
        return None


@dataclass(slots=True)
class RoleTable:
    """Observations ``role -> [(day, holder)]`` and the holder lookup at a date."""

    window_days: int = 730  # observations further away than this do not count
    half_weight_days: int = 120  # an observation this far away counts half
    min_share: float = 0.75  # the winner's share of the weighted votes
    observations: dict[str, list[tuple[int | None, str]]] = field(default_factory=lambda: defaultdict(list))

    def observe(self, role: str, date: str | None, holder: str) -> None:
        self.observations[role].append((date_ordinal(date), holder))

    def holder(self, role: str, date: str | None) -> tuple[str, float] | None:
        """The holder of ``role`` at ``date`` and the winner's vote share, or None when unknown or contested."""
        obs = self.observations.get(role)
        if not obs:
            return None
        day = date_ordinal(date)
        votes: dict[str, float] = defaultdict(float)
        for when, who in obs:
            if day is None or when is None:
                # without dates only an uncontested role resolves
                votes[who] += 1.0
                continue
            distance = abs(when - day)
            if distance <= self.window_days:
                votes[who] += 1.0 / (1.0 + distance / self.half_weight_days)
        if not votes:
            return None
        if day is None and len(votes) > 1:
            return None
        total = sum(votes.values())
        best = max(sorted(votes), key=lambda who: votes[who])
        share = votes[best] / total
        if share < self.min_share:
            return None
        return best, share

    def spans(self, holder: str) -> list[tuple[str, str | None, str | None]]:
        """``(role, first, last)`` dates at which ``holder`` was observed in each role."""
        out = []
        for role in sorted(self.observations):
            days = [d for d, who in self.observations[role] if who == holder]
            if not days:
                continue
            known = [d for d in days if d is not None]
            first = dt.date.fromordinal(min(known)).isoformat() if known else None
            last = dt.date.fromordinal(max(known)).isoformat() if known else None
            out.append((role, first, last))
        return out
