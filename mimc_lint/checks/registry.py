"""How a check declares the rule it implements: `@rule("DET001")` on a function of the model."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from mimc_lint.findings import Hit
from mimc_lint.model import PolicyModel

Check = Callable[[PolicyModel], Iterable[Hit]]

REGISTRY: dict[str, Check] = {}


def rule(rule_id: str) -> Callable[[Check], Check]:
    """Register `check` under `rule_id`; its metadata lives in rules/*.yaml under the same ID."""

    def register(check: Check) -> Check:
        if rule_id in REGISTRY:
            raise ValueError(f"rule {rule_id} registered twice")
        REGISTRY[rule_id] = check
        return check

    return register
