"""What a finding says and how often it is said: one finding per clause of the law, in words no broader than
the law gives. The per-rule cases (tests/cases) say where a rule fires; these say what it reports there."""

from __future__ import annotations

from mimc_lint.checks.courts import appeal_barred
from mimc_lint.checks.detention import no_alternatives
from mimc_lint.checks.non_refoulement import exceptions_too_wide, no_absolute_bar
from mimc_lint.model import PolicyModel
from mimc_lint.readers.policy_yaml import read_policy
from mimc_lint.source import SourceText

#: One clause (Article 5(3)) lifts two bars; the policy states its exceptions under each bar, as the
#: format asks, so each exception appears twice.
REPEATED_EXCEPTIONS = """\
mimc-lint: 1
instrument: {title: Asylum Act 2026, jurisdiction: Republic of Freedonia}
provisions:
  - ref: Article 5(1)
    text: No person shall be returned to a territory where he or she would face persecution or torture.
    measures:
      - action: remove
        modality: must-not
        evidence: No person shall be returned
        risks: [persecution, torture]
        exceptions:
          - {kind: any-crime, evidence: has been convicted of a criminal offence}
          - {kind: public-order, evidence: constitutes a threat to public order}
  - ref: Article 5(2)
    text: No person shall be rejected at the border where that would expose him or her to such a risk.
    measures:
      - action: reject-at-frontier
        modality: must-not
        evidence: No person shall be rejected at the border
        risks: [persecution, torture]
        exceptions:
          - {kind: any-crime, evidence: "has been  convicted of a Criminal Offence"}
          - {kind: public-order, evidence: constitutes a threat to public order}
  - ref: Article 5(3)
    text: >-
      Paragraphs 1 and 2 shall not apply to a person who has been convicted of a criminal offence, or who
      constitutes a threat to public order.
  - ref: Article 9
    text: No refugee shall be expelled to a country where he or she would be persecuted.
    measures:
      - action: remove
        modality: must-not
        evidence: No refugee shall be expelled
        risks: [persecution]
        exceptions:
          - {kind: public-interest, evidence: where the Minister considers it to be in the public interest}
"""


def model(policy: str) -> PolicyModel:
    return PolicyModel.of(read_policy(SourceText("policy.yaml", policy)))


def test_nr004_reports_each_exception_clause_once_naming_every_bar_it_lifts() -> None:
    hits = list(exceptions_too_wide(model(REPEATED_EXCEPTIONS)))
    assert [(h.provision, h.span.line, h.evidence) for h in hits] == [
        ("Article 5(1)", 12, "has been convicted of a criminal offence"),
        ("Article 5(1)", 13, "constitutes a threat to public order"),
        ("Article 9", 36, "where the Minister considers it to be in the public interest"),
    ]
    assert hits[0].message.startswith("The bars in Article 5(1) and Article 5(2) are lifted on a ground (any crime)")
    assert hits[2].message.startswith("The bar in Article 9 is lifted on a ground (public interest)")


def test_nr005_reports_each_exception_clause_once() -> None:
    hits = list(no_absolute_bar(model(REPEATED_EXCEPTIONS)))
    assert [(h.provision, h.span.line) for h in hits] == [("Article 5(1)", 12), ("Article 9", 36)]
    assert hits[0].message.startswith("The exceptions to Article 5(1) and Article 5(2) leave no absolute bar")


DETENTION = """\
mimc-lint: 1
instrument: {title: Immigration Act 2026, jurisdiction: Commonwealth of Arcadia}
provisions:
  - ref: s 12
    text: An officer may detain a non-citizen where necessary to effect removal.
    measures:
      - action: detain
        modality: may
        evidence: An officer may detain a non-citizen where necessary
        persons: [non-national]
        safeguards: [necessity]
"""

CHILDREN_ONLY = """\
  - ref: s 30
    text: Instead of detention, a child may be required to reside at a designated address.
    safeguards:
      - {kind: alternatives, concerns: detain, children-only: true, evidence: reside at a designated address}
"""

ELSEWHERE = """\
  - ref: s 40
    text: An officer may detain a person at the border, or instead require the person to report weekly.
    measures:
      - action: detain
        modality: may
        evidence: An officer may detain a person at the border
        persons: [any-person]
        safeguards: [{kind: alternatives, evidence: instead require the person to report weekly}]
"""


def det004_messages(policy: str) -> list[str]:
    return [hit.message for hit in no_alternatives(model(policy))]


def test_det004_says_the_instrument_has_no_alternative_only_when_it_has_none() -> None:
    assert det004_messages(DETENTION) == [
        "s 12 confers a detention power; the instrument provides no alternative to detention (reporting, bail or "
        "bond, designated residence)."
    ]


def test_det004_says_when_alternatives_exist_for_children_only() -> None:
    assert det004_messages(DETENTION + CHILDREN_ONLY) == [
        "s 12 confers a detention power; the instrument provides alternatives to detention (reporting, bail or "
        "bond, designated residence) for children only, not for adults."
    ]


def test_det004_says_when_alternatives_exist_but_do_not_reach_the_power() -> None:
    assert det004_messages(DETENTION + ELSEWHERE) == [
        "s 12 confers a detention power; none of the alternatives to detention the instrument provides "
        "(reporting, bail or bond, designated residence) applies here."
    ]


def test_crt001_says_protection_claims_only_when_the_clause_speaks_of_them() -> None:
    from mimc_lint.extract import extract
    from mimc_lint.readers.statute import parse_statute

    def messages(clause: str) -> list[str]:
        instrument = extract(parse_statute(SourceText("act.txt", f"12 Finality\n(1) {clause}\n")))
        return [hit.message for hit in appeal_barred(PolicyModel.of(instrument))]

    assert messages("No court shall have jurisdiction over a decision to refuse a protection visa.") == [
        "s 12(1) bars or restricts access to a court or tribunal on a protection or human-rights claim."
    ]
    assert messages("No court shall have jurisdiction over a decision of the Minister under this Part.") == [
        "s 12(1) bars or restricts access to a court or tribunal against the decisions it names, which can include "
        "protection and human-rights claims."
    ]
