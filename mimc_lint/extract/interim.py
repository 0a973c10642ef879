"""The periods of interim protection (MIMC art. 155): how long the status may last, renewals included (one year,
extended once), and how long its holders wait for permanent residence (six years at most).

Laws state it as a period and what may follow it: "valid for one year and may be renewed once for one further
year" (two years), "in effect for 3 years and may be renewed for further periods of 3 years" (no end), "for a
period of one year, which may be extended ... for a maximum of one further year" (two years). The longest stay
becomes a `max-duration` safeguard of the interim status, in months; a status renewable without end has none, and
a time limit read elsewhere in the clause (the length of one period) is dropped, so checks see no cap. A wait
before permanent residence ("may apply for permanent residence after eight years") is a `waiting-period` of the
grant of residence, as a wait before work is of the right to work.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mimc_lint.extract.rights import waiting_periods
from mimc_lint.extract.vocabulary import number_value
from mimc_lint.model import Action, Safeguard, SafeguardKind, Span

if TYPE_CHECKING:
    from mimc_lint.extract.measures import ClauseReader, Reading

_MONTHS = {"day": 1 / 30.44, "week": 1 / 4.35, "month": 1.0, "year": 12.0}
#: Words that may stand between a number and its unit ("one further year").
_BETWEEN = frozenset({"further", "additional", "more", "consecutive", "successive"})
#: Words before a number that make it a deadline or an interval, not a length of stay ("within 14 days").
_NOT_LENGTHS = frozenset({"within", "after", "before", "every", "each", "least"})
_INTERIM = Action.GRANT_INTERIM_PROTECTION


@dataclass(frozen=True, slots=True)
class _Period:
    at: int  # token of the number
    months: float


def interim_periods(reader: ClauseReader, reading: Reading) -> None:
    """Record the longest stay each clause on interim protection allows, and the waits before permanent residence."""
    for draft in reading.measures:
        if draft.action is Action.GRANT_RESIDENCE and draft.at >= 0:
            start, end = reader.clause(draft.at)
            draft.safeguards.extend(waiting_periods(reader, start, end, Action.GRANT_RESIDENCE))
    own_start, own_end = reader.own
    about = sorted(
        m.start
        for category in ("actions", "concerns")
        for m in reader.starting(category, own_start, own_end)
        if m.value == _INTERIM
    )
    for start, end in dict.fromkeys(reader.clause(at) for at in about):
        stay = _stay(reader, start, end)
        if stay is None:
            continue
        drafts = [d for d in reading.measures if d.action is _INTERIM and start <= d.at < end]
        if math.isinf(stay):
            span = reader.span(start, end)
            for draft in drafts:
                draft.safeguards = [s for s in draft.safeguards if s.kind is not SafeguardKind.MAX_DURATION]
            reading.safeguards[:] = [s for s in reading.safeguards if not _limit_within(s, span)]
            reading.renewed_without_end = reading.renewed_without_end or not drafts
            continue
        cap = Safeguard(
            SafeguardKind.MAX_DURATION,
            reader.words(start, end).rstrip(" .;"),
            reader.span(start, end),
            round(stay, 2),
            "months",
            _INTERIM,
        )
        for draft in drafts:
            draft.safeguards.append(cap)
        if not drafts:
            reading.safeguards.append(cap)


def renew_without_end(readings: list[Reading]) -> None:
    """A section that lets the status be renewed without end in one unit lifts the time limits its other units set
    on granting it: "(a) … for a period of 18 months" and "(b) … may extend it for successive periods"."""
    if not any(reading.renewed_without_end for reading in readings):
        return
    for reading in readings:
        for draft in reading.measures:
            if draft.action is _INTERIM:
                draft.safeguards = [s for s in draft.safeguards if s.kind is not SafeguardKind.MAX_DURATION]
        reading.safeguards[:] = [
            s for s in reading.safeguards if not (s.kind is SafeguardKind.MAX_DURATION and s.concerns is _INTERIM)
        ]


def _stay(reader: ClauseReader, start: int, end: int) -> float | None:
    """The longest stay in months (infinite when renewals have no bound), or None when the clause gives neither."""
    periods = _periods(reader, start, end)
    renewals = reader.in_clause("renewal-words", start, end)
    if not renewals:
        return periods[0].months if periods else None
    if reader.in_clause("total-renewal", start, end) and periods:
        return max(p.months for p in periods)
    if reader.in_clause("endless-renewal", start, end) or not reader.in_clause("bounded-renewal", start, end):
        return math.inf
    first = renewals[0].start
    before = [p for p in periods if p.at < first]
    after = [p for p in periods if p.at > first]
    initial = before[0] if before else None
    extension = after[0] if after else initial
    if initial is None or extension is None:
        return None
    return initial.months + extension.months


def _periods(reader: ClauseReader, start: int, end: int) -> list[_Period]:
    """Lengths of time in [start, end): a number, at most one word such as "further", and a unit."""
    found = []
    lower = reader.lower
    for i in range(start, end):
        value = number_value(reader.doc[i].text) if reader.doc[i].like_num else None
        if value is None or (i > start and lower[i - 1] in _NOT_LENGTHS):
            continue
        j = i + 1
        if j < end and lower[j] in _BETWEEN:
            j += 1
        unit = lower[j].removesuffix("s") if j < end else ""
        if unit in _MONTHS:
            found.append(_Period(i, value * _MONTHS[unit]))
    return found


def _limit_within(safeguard: Safeguard, span: Span) -> bool:
    """A time limit on interim protection stated inside the clause `span` covers."""
    inner = safeguard.span
    return (
        safeguard.kind is SafeguardKind.MAX_DURATION
        and safeguard.concerns is _INTERIM
        and (span.line, span.column) <= (inner.line, inner.column)
        and (inner.end_line, inner.end_column) <= (span.end_line, span.end_column)
    )
