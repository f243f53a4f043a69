"""Claims → relations: the one aggregation rule both stores apply.

Confidence is a noisy-or over the claims (independent sentences each add
evidence), so three hedged claims outweigh one, but never reach 1.0.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from .model import Claim, Relation, RelationType

__all__ = ["aggregate_claims", "noisy_or"]


def noisy_or(confidences: Iterable[float]) -> float:
    remaining = 1.0
    for confidence in confidences:
        remaining *= 1.0 - confidence
    return round(1.0 - remaining, 6)


def aggregate_claims(claims: Iterable[Claim]) -> list[Relation]:
    """Group claims by relation key and summarise each group as a Relation."""
    groups: dict[tuple[str, str, RelationType], list[Claim]] = defaultdict(list)
    for claim in claims:
        groups[claim.relation_key].append(claim)
    relations = []
    for (source, target, rel_type), group in groups.items():
        dates = [c.published for c in group if c.published is not None]
        relations.append(
            Relation(
                source=source,
                target=target,
                type=rel_type,
                polarity=rel_type.polarity,
                evidence_count=len(group),
                first_seen=min(dates) if dates else None,
                last_seen=max(dates) if dates else None,
                confidence=noisy_or(c.confidence for c in group),
            )
        )
    return sorted(relations, key=lambda r: r.key)
