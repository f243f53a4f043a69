"""Claims → relations: the one aggregation rule both stores apply.

Confidence is a noisy-or over the claims (independent sentences each add
evidence), so three hedged claims outweigh one, but never reach 1.0.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from .model import Claim, Origin, Relation, RelationType

__all__ = ["aggregate_claims", "closing_date", "count_sources", "doubt", "noisy_or", "summarise"]

_ORIGIN_ORDER = {origin: i for i, origin in enumerate(Origin)}


def doubt(confidences: Iterable[float]) -> float:
    """The chance that every claim is wrong: the product of (1 - confidence).

    Neo4j keeps this running product on each edge (graph/cypher.py, add_to_relation),
    so adding claims later multiplies it instead of reading the old claims again.
    """
    remaining = 1.0
    for confidence in confidences:
        remaining *= 1.0 - confidence
    return remaining


def noisy_or(confidences: Iterable[float]) -> float:
    return round(1.0 - doubt(confidences), 6)


def summarise(
    confidences: Iterable[float], dates: Iterable[date | None]
) -> tuple[int, date | None, date | None, float]:
    """(evidence count, first seen, last seen, confidence) of one relation's claims."""
    confidences = list(confidences)
    known = [d for d in dates if d is not None]
    return (len(confidences), min(known) if known else None, max(known) if known else None,
            noisy_or(confidences))


def closing_date(stating: Iterable[date | None], ending: Iterable[date | None]) -> date | None:
    """When a relation closed: the latest date of a claim saying it ended, if that is later
    than every dated claim stating it (a later stating claim reopens it); else None.

    ``stating`` and ``ending`` are the ``Claim.when`` of the two kinds of claim. Undated
    claims neither close nor reopen. Neo4j applies the same rule (cypher.add_to_relation).
    """
    last_end = max((d for d in ending if d is not None), default=None)
    if last_end is None:
        return None
    last_stated = max((d for d in stating if d is not None), default=None)
    return last_end if last_stated is None or last_end > last_stated else None


def count_sources(claims: Iterable[tuple[Origin, str]]) -> dict[Origin, int]:
    """Independent sources per origin, from (origin, source id) pairs of a relation's claims.

    A source is an article for text and a dataset record for datasets (each record is
    stored as one synthetic article, so both are distinct article ids): two sentences of
    one article, or two actors of one ACLED row, are one source. Origins in enum order,
    those without claims left out. Neo4j keeps the same counts on its edges
    (graph/cypher.py, ``add_to_relation``).
    """
    seen: dict[Origin, set[str]] = defaultdict(set)
    for origin, source_id in claims:
        seen[origin].add(source_id)
    return {origin: len(seen[origin]) for origin in sorted(seen, key=_ORIGIN_ORDER.__getitem__)}


def aggregate_claims(claims: Iterable[Claim]) -> list[Relation]:
    """Group claims by relation key and summarise each group as a Relation.

    Evidence count and confidence are those of the claims stating the relation; first and
    last seen span every claim's date, ended ones included; ``closed_on`` is
    ``closing_date``'s; ``undated_count`` counts every claim without a date."""
    groups: dict[tuple[str, str, RelationType], list[Claim]] = defaultdict(list)
    for claim in claims:
        groups[claim.relation_key].append(claim)
    relations = []
    for (source, target, rel_type), group in groups.items():
        stating = [c for c in group if not c.ended]
        count, _, _, confidence = summarise((c.confidence for c in stating), ())
        _, first, last, _ = summarise((), (c.when for c in group))
        closed = closing_date((c.when for c in stating), (c.when for c in group if c.ended))
        aligned = [c.confidence for c in stating if c.aligns]
        relations.append(
            Relation(
                source=source,
                target=target,
                type=rel_type,
                polarity=rel_type.polarity,
                evidence_count=count,
                first_seen=first,
                last_seen=last,
                confidence=confidence,
                alignment_count=len(aligned),
                alignment_confidence=noisy_or(aligned),
                closed_on=closed,
                undated_count=sum(1 for c in group if c.when is None),
                sources=count_sources((c.origin, c.source_id) for c in group if not c.ended),
            )
        )
    return sorted(relations, key=lambda r: r.key)
