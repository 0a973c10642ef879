"""A resettlement quota fixed at nothing (MIMC art. 211): "The number of refugees to be resettled in any financial
year is zero", "the resettlement quota shall be set at zero". Such a clause has no modal before its verb, so the
rights reading finds no measure in it; here it becomes what it means, a bar on resettling anyone.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from mimc_lint.extract.vocabulary import Match
from mimc_lint.model import Action, Modality

if TYPE_CHECKING:
    from mimc_lint.extract.measures import ClauseReader, Reading


def zero_quotas(reader: ClauseReader, reading: Reading) -> Iterator[Match]:
    """Resettlement named in a clause that fixes its number at zero: a resettlement the unit already reads in that
    clause becomes a bar; otherwise the words that name resettlement are yielded, for a bar to be read there."""
    own_start, own_end = reader.own
    done: set[int] = set()
    for quota in reader.in_clause("zero-quota", own_start, own_end):
        start, end = reader.clause(quota.start)
        named = [m for m in reader.in_clause("rights", start, end) if m.value == Action.RESETTLE]
        if not named or start in done:
            continue
        done.add(start)
        drafts = [d for d in reading.measures if d.action is Action.RESETTLE and start <= d.at < end]
        for draft in drafts:
            draft.modality = Modality.MUST_NOT
        if not drafts:
            yield named[0]
