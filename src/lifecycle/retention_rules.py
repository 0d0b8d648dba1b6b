"""How long children's social care records are kept, as data with sources (ADR 0010).

Each rule says which records it covers, how the "keep until" date is worked out and
where the rule comes from. A record may match several rules: the LATEST date wins.
A record is never proposed for deletion while any work about the child is open.
Local policy may lengthen a period (e.g. an inquiry's "do not destroy" notice): add a
rule here; never shorten the statutory ones.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class RetentionRule:
    id: str
    record_type: str
    applies_to: str
    keep_until: str
    years_after_birth: int | None
    years_after_death: int | None
    source: str


RULES: tuple[RetentionRule, ...] = (
    RetentionRule(
        id="looked_after",
        record_type="Child who has been looked after",
        applies_to="Any child with a period of care",
        keep_until="75th birthday; if the child died before 18, 15 years after death",
        years_after_birth=75,
        years_after_death=15,
        source=(
            "The Care Planning, Placement and Case Review (England) Regulations 2010, regulation 50 "
            "(retention of case records)"
        ),
    ),
    RetentionRule(
        id="adopted",
        record_type="Adoption case record",
        applies_to="Children placed for or subject to adoption (held by the adoption agency)",
        keep_until="100 years from the adoption order",
        years_after_birth=100,
        years_after_death=None,
        source=(
            "The Disclosure of Adoption Information (Post-Commencement Adoptions) Regulations 2005, "
            "regulation 6; Adoption Agencies Regulations 2005, regulation 42 (kept here as 100 years from birth "
            "until adoption orders are recorded)"
        ),
    ),
    RetentionRule(
        id="child_in_need",
        record_type="Child in need, including child protection",
        applies_to="Any child with a referral (children in need episode)",
        keep_until="25th birthday (26th if 17 when the case closed)",
        years_after_birth=26,
        years_after_death=None,
        source=(
            "IRMS Retention Guidelines for Local Authorities, children's social care (records of children "
            "in need and child protection): until the 25th birthday, or 26th if 17 at the end of involvement; "
            "Harbour uses the 26th birthday for all, the later of the two"
        ),
    ),
    RetentionRule(
        id="other_child",
        record_type="Other child record (contact only, early help)",
        applies_to="Any other child record",
        keep_until="25th birthday",
        years_after_birth=25,
        years_after_death=None,
        source="IRMS Retention Guidelines for Local Authorities, children's social care (contact and early help)",
    ),
)
RULES_BY_ID = {rule.id: rule for rule in RULES}
