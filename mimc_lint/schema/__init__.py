"""The JSON Schema of the policy YAML format (docs/policy-format.md), shipped inside the package.

Editors read it through yaml-language-server to complete keys and values and to show what each
means; `mimc-lint schema` prints it. The reader, not the schema, is the authority on validity:
the schema cannot see duplicate keys or refs, anchors, or references to provisions that do not exist.
"""

from __future__ import annotations

from pathlib import Path

SCHEMA_PATH = Path(__file__).with_name("policy.schema.json")


def schema_text() -> str:
    return SCHEMA_PATH.read_text(encoding="utf-8")
