"""The check registry: importing a family module registers its rules (ID -> check function).

One module per concern; each function carries its rule ID, and its metadata (title,
severity, MIMC articles, related law) lives in rules/*.yaml under the same ID.
"""

from mimc_lint.checks import (  # noqa: F401  (imported to register their rules)
    admission,
    children,
    courts,
    detention,
    equality,
    interim,
    non_refoulement,
    penalties,
    procedure,
    rights,
    scope,
    sharing,
)
from mimc_lint.checks.registry import REGISTRY, Check

__all__ = ["REGISTRY", "Check"]
