"""Who held a role at a date, learned from the mentions themselves.

Every mention that names a role and a person ("Kreml-Sprecher Dmitri Peskow",
dated 2020-03-04) is one observation. The holder of a role at a date is the
person with a clear majority of the time-weighted observations near that date,
so "der Bundeskanzler" in 2010 and in 2022 resolve to different people, and a
role with competing holders near the date stays unresolved.
"""

from __future__ import annotations

import bisect
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

    _by_holder: dict[str, dict[str, list[int | None]]] | None = None
    _sorted_cache: dict[str, tuple[list[tuple[int, str]], list[str]]] | None = None

    def observe(self, role: str, date: str | None, holder: str) -> None:
        self.observations[role].append((date_ordinal(date), holder))
        self._by_holder = None
        self._sorted_cache = None

    def holder(self, role: str, date: str | None) -> tuple[str, float] | None:
        """The holder of ``role`` at ``date`` and the winner's vote share, or None when unknown or contested."""
        obs = self.observations.get(role)
        if not obs:
            return None
        day = date_ordinal(date)
        votes: dict[str, float] = defaultdict(float)
        if day is None:
            for _, who in obs:  # without a date only an uncontested role resolves
                votes[who] += 1.0
        else:
            dated, undated = self._sorted(role)
            for who in undated:
                votes[who] += 1.0
            lo = bisect.bisect_left(dated, (day - self.window_days, ""))
            hi = bisect.bisect_right(dated, (day + self.window_days, "\uffff"))
            for when, who in dated[lo:hi]:
                votes[who] += 1.0 / (1.0 + abs(when - day) / self.half_weight_days)
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

    def _sorted(self, role: str) -> tuple[list[tuple[int, str]], list[str]]:
        """Dated observations of ``role`` sorted by day, and the holders of undated ones (cached)."""
        if self._sorted_cache is None:
            self._sorted_cache = {}
        if role not in self._sorted_cache:
            obs = self.observations.get(role, [])
            self._sorted_cache[role] = (sorted((d, w) for d, w in obs if d is not None), [w for d, w in obs if d is None])
        return self._sorted_cache[role]

    def spans(self, holder: str) -> list[tuple[str, str | None, str | None]]:
        """``(role, first, last)`` dates at which ``holder`` was observed in each role."""
        if self._by_holder is None:
            index: dict[str, dict[str, list[int | None]]] = defaultdict(lambda: defaultdict(list))
            for role, obs in self.observations.items():
                for day, who in obs:
                    index[who][role].append(day)
            self._by_holder = index
        out = []
        for role, days in sorted(self._by_holder.get(holder, {}).items()):
            known = [d for d in days if d is not None]
            first = dt.date.fromordinal(min(known)).isoformat() if known else None
            last = dt.date.fromordinal(max(known)).isoformat() if known else None
            out.append((role, first, last))
        return out
