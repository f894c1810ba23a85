"""Stances on real texts of the development sets: the clause a cue governs, and the list it runs along."""
from __future__ import annotations


def stances_of(result, stem: str):
    f = next(f for name, f in result.findings.items() if name.startswith(stem))
    return f.stances


def test_a_cue_does_not_reach_into_a_clause_coordinated_after_its_own(gold_set_builds):
    """'It will continue to resist protectionist measures and remains committed to open markets':
    protectionism is opposed, open markets are not."""
    said = [s for s in stances_of(gold_set_builds["held-out"], "005")
            if s.span.text.startswith("It will continue to resist")]
    issue = "https://w3id.org/kg/id/issue/"
    assert {(s.issue, s.position) for s in said} == {(issue + "protectionism", "opposes")}
