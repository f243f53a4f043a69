"""Files for Neo4j's offline importer (`neo4j-admin database import full`), in the store's layout.

The nodes, labels, relationship types and properties are the ones ``Neo4jStore`` writes
(``graph/cypher.py``): ``(:Article)-[:STATES]->(:Claim)-[:SUBJECT|OBJECT]->(:Actor)``,
``(:Article)-[:MENTIONS]->(:Actor)`` and one typed edge per relation, with the edge's running
``doubt`` products, so that ordinary ingest folds later claims into a bulk-loaded edge
exactly as into one it wrote itself.

Why CSV through the ``csv`` module: it is C, and rows are built from each model's
``__dict__`` with one converter per column, chosen once from the model's field types
(no per-row pydantic). Strings are quoted and a missing value is an unquoted empty field,
which the importer reads as "no property", as a ``SET x = null`` stores nothing.
"""

from __future__ import annotations

import csv
import math
import operator
import re
import types
import typing
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum
from pathlib import Path
from typing import Any

from .aggregate import closing_date
from .cypher import KIND_LABELS, ORIGIN_PREFIXES, ORIGINS
from .model import (
    Actor,
    Article,
    ArticleGraph,
    Claim,
    Dataset,
    Origin,
    RelationType,
    counts_as_alignment,
    origin_of,
    relation_key,
)

__all__ = [
    "ARRAY_DELIMITER",
    "BulkFiles",
    "BulkInputError",
    "RejectedRow",
    "cypher_round",
    "parse_import_report",
    "parse_import_totals",
    "write_import_files",
]

# Between the elements of an array property: a control character no name or alias holds
# (a value that does is refused rather than split).
ARRAY_DELIMITER = "\x1f"
CLAIM_LABEL = "Claim"
ARTICLE_LABEL = "Article"
ACTOR_LABEL = "Actor"
# Relationship types of the claim layer; the typed actor-to-actor ones are RelationType.
STRUCTURE_TYPES = ("MENTIONS", "STATES", "SUBJECT", "OBJECT")


class BulkInputError(ValueError):
    """The input cannot be written as import files as it is (the message says what to fix)."""


class _Null:
    """A missing value: written as an unquoted empty field (QUOTE_NONNUMERIC quotes every
    other non-number, so an empty string stays ``""``, an empty string property)."""

    __slots__ = ()

    def __float__(self) -> float:  # makes the csv module treat it as a number: unquoted
        return 0.0

    def __str__(self) -> str:
        return ""

    __repr__ = __str__


NULL = _Null()
Converter = Callable[[Any], Any]


def _text(value: Any) -> Any:
    return NULL if value is None else value


def _enum(value: Any) -> Any:
    return NULL if value is None else value.value


def _number(value: Any) -> Any:
    return NULL if value is None else value


def _boolean(value: Any) -> Any:
    return NULL if value is None else ("true" if value else "false")


def _iso(value: Any) -> Any:
    return NULL if value is None else value.isoformat()


def _array(value: Any) -> Any:
    """A list property; an empty one is not stored (as ``Neo4jStore`` stores none)."""
    if not value:
        return NULL
    items = [item.value if isinstance(item, Enum) else str(item) for item in value]
    for item in items:
        if ARRAY_DELIMITER in item:
            raise BulkInputError(f"a list value holds the control character U+001F: {item!r}")
    return ARRAY_DELIMITER.join(items)


def _column(annotation: Any) -> tuple[str, Converter]:
    """(importer type, converter) for a model field's annotation."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType) and len(args) == 1:
        return _column(args[0])
    if origin is list:
        return "string[]", _array
    if annotation is bool:
        return "boolean", _boolean
    if annotation is int:
        return "long", _number
    if annotation is float:
        return "double", _number
    if annotation is date:
        return "date", _text  # csv writes str(date): its ISO form
    if isinstance(annotation, type) and issubclass(annotation, Enum) and not issubclass(
            annotation, str):
        return "string", _enum
    return "string", _text  # a StrEnum is a str: csv writes its value


# The claim properties: every Claim field but ``id`` (the node key), as ``_claim_row`` in
# neo4j_store.py stores ``model_dump(exclude={"id"})``, then the relation-key properties.
_CLAIM_COLUMNS = [(name, *_column(info.annotation))
                  for name, info in Claim.model_fields.items() if name != "id"]


def cypher_round(value: float, places: int = 6) -> float:
    """``round(value, places)`` as Cypher computes it (half up on the decimal digits).

    Python's ``round`` agrees except next to a tie, where only the decimal form decides.
    """
    scaled = value * 10**places
    if abs(scaled - math.floor(scaled) - 0.5) > 1e-6:
        return round(value, places)
    return float(Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


class _Aggregate:
    """What a fresh database's edge holds after ``add_to_relation`` of all its claims."""

    __slots__ = (
        "alignment_doubt",
        "alignment_n",
        "doubt",
        "first_seen",
        "last_ended",
        "last_seen",
        "last_stated",
        "n",
        "origins",
        "undated",
    )

    def __init__(self) -> None:
        self.n = 0
        self.doubt = 1.0
        self.alignment_n = 0
        self.alignment_doubt = 1.0
        self.first_seen: date | None = None
        self.last_seen: date | None = None
        self.last_stated: date | None = None  # the latest date of a claim stating the relation
        self.last_ended: date | None = None  # the latest date of a claim saying it ended
        self.undated = 0
        # Per origin of the stating claims: [sources, alignment count, alignment doubt, the
        # article last counted as a source]. An article's claims come together, so counting
        # the changes of article counts the distinct ones.
        self.origins: dict[str, list[Any]] = {}

    def add(self, when: date | None, ended: bool, confidence: float, aligns: bool,
            origin: str, article_id: str) -> None:
        """As ``cypher.add_to_relation``: an ended claim counts for the dates and the
        closing only; every claim is dated by ``Claim.when``."""
        if when is None:
            self.undated += 1  # claims without a date, ended ones included
        else:
            if self.first_seen is None or when < self.first_seen:
                self.first_seen = when
            if self.last_seen is None or when > self.last_seen:
                self.last_seen = when
        if ended:
            if when is not None and (self.last_ended is None or when > self.last_ended):
                self.last_ended = when
            return
        if when is not None and (self.last_stated is None or when > self.last_stated):
            self.last_stated = when
        self.n += 1
        self.doubt *= 1.0 - confidence
        tally = self.origins.get(origin)
        if tally is None:
            tally = self.origins[origin] = [0, 0, 1.0, None]
        if tally[3] != article_id:
            tally[0] += 1
            tally[3] = article_id
        if aligns:
            self.alignment_n += 1
            self.alignment_doubt *= 1.0 - confidence
            tally[1] += 1
            tally[2] *= 1.0 - confidence

    @property
    def closed_on(self) -> date | None:
        return closing_date([self.last_stated], [self.last_ended])

    def origin_columns(self) -> list[Any]:
        """``sources_<o>``, ``alignment_count_<o>``, ``alignment_doubt_<o>`` for each origin
        (``ORIGINS`` order); empty for an origin without stating claims, as ingest leaves
        those properties unset."""
        columns: list[Any] = []
        for origin in ORIGINS:
            tally = self.origins.get(origin)
            columns += (NULL, NULL, NULL) if tally is None else tally[:3]
        return columns


@dataclass
class BulkFiles:
    """The files written, how the importer is to read them, and what each holds."""

    directory: Path
    nodes: dict[str, list[Path]] = field(default_factory=dict)
    relationships: dict[str, list[Path]] = field(default_factory=dict)
    multiline: list[Path] = field(default_factory=list)
    node_counts: dict[str, int] = field(default_factory=dict)
    relationship_counts: dict[str, int] = field(default_factory=dict)

    @property
    def claims(self) -> int:
        return self.node_counts.get(CLAIM_LABEL, 0)

    def importer_arguments(self) -> list[str]:
        """The ``--nodes``/``--relationships``/parsing options for ``database import full``."""
        args = [f"--array-delimiter=U+{ord(ARRAY_DELIMITER):04X}", "--id-type=string"]
        for label, paths in self.nodes.items():
            args.append(f"--nodes={label}={','.join(str(p) for p in paths)}")
        for rel_type, paths in self.relationships.items():
            prefix = f"{rel_type}=" if rel_type else ""
            args.append(f"--relationships={prefix}{','.join(str(p) for p in paths)}")
        if self.multiline:
            args += ["--multiline-fields-format=v2",
                     f"--multiline-fields={','.join(str(p) for p in self.multiline)}"]
        return args


class _Writer:
    """One CSV file: a header, then rows; counts them and notes multi-line values."""

    def __init__(self, path: Path, header: list[str]) -> None:
        self.path = path
        self.handle = path.open("w", encoding="utf-8", newline="")
        self.csv = csv.writer(self.handle, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n")
        self.handle.write(",".join(header) + "\n")  # headers unquoted: the importer reads them as is
        self.rows = 0
        self.multiline = False

    def close(self) -> None:
        self.handle.close()


def _actor_row(actor: Actor, stamp: str) -> list[Any]:
    aliases = actor.aliases
    return [
        actor.id, KIND_LABELS[actor.kind.value], actor.name, actor.kind.value,
        _text(actor.country), actor.name.casefold(), _array(aliases),
        _array([a.casefold() for a in aliases]),
        _array([n.model_dump_json() for n in actor.dataset_names]), stamp,
    ]


def _merge_actor(existing: Actor, actor: Actor) -> Actor:
    """As ``MERGE_ACTORS`` (and the memory store) do: the later name, kind and country; the
    aliases and dataset names of both."""
    if existing is actor or existing == actor:
        return existing
    return Actor.model_validate({
        **actor.model_dump(),
        "aliases": [*existing.aliases, *actor.aliases],
        "dataset_names": [n.model_dump() for n in (*existing.dataset_names,
                                                   *actor.dataset_names)],
    })


def _claim_header() -> list[str]:
    return ["id:ID(Claim)"] + [
        name if kind == "string" else f"{name}:{kind}" for name, kind, _ in _CLAIM_COLUMNS
    ] + ["origin", "relation_key", "rel_source", "rel_target"]


_RELATION_HEADER = [
    ":START_ID(Actor)", ":END_ID(Actor)", ":TYPE", "polarity", "evidence_count:long",
    "first_seen:date", "last_seen:date", "doubt:double", "confidence:double",
    "alignment_count:long", "alignment_doubt:double", "alignment_confidence:double",
    "last_stated:date", "last_ended:date", "closed_on:date", "undated_count:long",
] + [f"{prefix}{origin}:{kind}" for origin in ORIGINS
     for prefix, kind in zip(ORIGIN_PREFIXES, ("long", "long", "double"), strict=True)]

# One C call gives a claim's column values, in header order, from its ``__dict__``.
_CLAIM_VALUES = operator.itemgetter("id", *(name for name, _, _ in _CLAIM_COLUMNS))
# Columns whose value needs a converter (booleans, lists, non-string enums); every other
# value is written as it is, a missing one as NULL.
_CONVERTED = [(index, name, convert)
              for index, (name, _, convert) in enumerate(_CLAIM_COLUMNS, start=1)
              if convert not in (_text, _number)]
_BOOLEAN = {True: "true", False: "false", None: NULL}
_ORIGIN_OF_DATASET = {dataset: origin_of(dataset).value for dataset in Dataset}


def write_import_files(
    graphs: Iterable[ArticleGraph],
    directory: Path,
    progress: Callable[[int], None] | None = None,
    *,
    now: datetime | None = None,
) -> BulkFiles:
    """Write the graphs (each article once, as a store holds them) as import files.

    ``progress(n)`` is told the claims written after each article. The actors of all
    articles are merged as the store merges them; relations are aggregated from all claims
    in the same pass, one dictionary entry per relation key (memory grows with actors and
    relations, not claims: rows are written as each article comes).
    """
    directory.mkdir(parents=True, exist_ok=True)
    stamp = (now or datetime.now(UTC)).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    files = BulkFiles(directory=directory)
    articles = _Writer(directory / "articles.csv", [
        "id:ID(Article)", "url", "title", "published:date", "source", "text", "content_hash",
        "ingested:datetime"])
    claims = _Writer(directory / "claims.csv", _claim_header())
    mentions = _Writer(directory / "mentions.csv", [":START_ID(Article)", ":END_ID(Actor)"])
    states = _Writer(directory / "states.csv", [":START_ID(Article)", ":END_ID(Claim)"])
    subjects = _Writer(directory / "subject.csv", [":START_ID(Claim)", ":END_ID(Actor)"])
    objects = _Writer(directory / "object.csv", [":START_ID(Claim)", ":END_ID(Actor)"])
    writers = [articles, claims, mentions, states, subjects, objects]
    actors: dict[str, Actor] = {}
    aggregates: dict[tuple[str, str, RelationType], _Aggregate] = {}
    seen_articles: set[str] = set()
    aligning: dict[tuple[RelationType, Any], bool] = {}
    origin_of_dataset = _ORIGIN_OF_DATASET
    text_origin = Origin.TEXT.value
    claim_values, converted, boolean = _CLAIM_VALUES, _CONVERTED, _BOOLEAN
    try:
        for graph in graphs:
            article: Article = graph.article
            article_id = article.id
            if article_id in seen_articles:
                raise BulkInputError(f"article {article_id} comes twice: give each article once")
            seen_articles.add(article_id)
            text = article.text
            if not articles.multiline and ("\n" in text or "\r" in text):
                articles.multiline = True
            articles.csv.writerow([
                article_id, _text(article.url), _text(article.title), _iso(article.published),
                _text(article.source), text, article.content_hash, stamp,
            ])
            articles.rows += 1
            mentioned = sorted({a.id for a in graph.actors})
            for actor in graph.actors:
                known = actors.get(actor.id)
                actors[actor.id] = actor if known is None else _merge_actor(known, actor)
            mentions.csv.writerows([(article_id, actor_id) for actor_id in mentioned])
            mentions.rows += len(mentioned)
            rows: list[list[Any]] = []
            links: list[tuple[str, str]] = []
            kept: dict[str, Claim] = {}
            for claim in graph.claims:
                values = claim.__dict__
                claim_id = values["id"]
                if claim_id in kept:  # one node per id, as the store keeps the first
                    continue
                kept[claim_id] = claim
                row = [NULL if v is None else v for v in claim_values(values)]
                for index, name, convert in converted:
                    value = values[name]
                    row[index] = boolean[value] if convert is _boolean else convert(value)
                subject, obj = values["subject_id"], values["object_id"]
                key = relation_key(subject, obj, values["type"])  # a symmetric pair sorted
                source, target, rel_type = key
                dataset = values["dataset"]
                origin = text_origin if dataset is None else origin_of_dataset[dataset]
                row += (NULL if dataset is None else origin, f"{source}|{rel_type}|{target}",
                        source, target)
                if not claims.multiline:
                    sentence = values["sentence"]
                    if "\n" in sentence or "\r" in sentence:
                        claims.multiline = True
                rows.append(row)
                links.append((subject, obj))
                aggregate = aggregates.get(key)
                if aggregate is None:
                    aggregate = aggregates[key] = _Aggregate()
                ended = values["ended"]
                category = values["category"]
                aligns = aligning.get((rel_type, category))
                if aligns is None:
                    aligns = aligning[rel_type, category] = counts_as_alignment(rel_type, category)
                event_date = values["event_date"]
                aggregate.add(values["published"] if event_date is None else event_date, ended,
                              values["confidence"], aligns and not ended, origin, article_id)
            written = len(rows)
            claims.csv.writerows(rows)
            states.csv.writerows([(article_id, claim_id) for claim_id in kept])
            subjects.csv.writerows([(claim_id, s) for claim_id, (s, _) in zip(kept, links, strict=True)])
            objects.csv.writerows([(claim_id, t) for claim_id, (_, t) in zip(kept, links, strict=True)])
            claims.rows += written
            states.rows += written
            subjects.rows += written
            objects.rows += written
            if progress is not None:
                progress(written)
        actor_file = _Writer(directory / "actors.csv", [
            "id:ID(Actor)", ":LABEL", "name", "kind", "country", "name_key", "aliases:string[]",
            "alias_keys:string[]", "dataset_names:string[]", "created:datetime"])
        writers.append(actor_file)
        for actor in actors.values():
            if any("\n" in name or "\r" in name for name in actor.names()):
                actor_file.multiline = True
            actor_file.csv.writerow(_actor_row(actor, stamp))
        actor_file.rows = len(actors)
        relations = _Writer(directory / "relations.csv", _RELATION_HEADER)
        writers.append(relations)
        by_type: dict[str, int] = {}
        for (source, target, rel_type), agg in aggregates.items():
            relations.csv.writerow([
                source, target, rel_type.value, rel_type.polarity.value, agg.n,
                _iso(agg.first_seen), _iso(agg.last_seen), agg.doubt,
                cypher_round(1.0 - agg.doubt), agg.alignment_n, agg.alignment_doubt,
                cypher_round(1.0 - agg.alignment_doubt),
                _iso(agg.last_stated), _iso(agg.last_ended), _iso(agg.closed_on), agg.undated,
                *agg.origin_columns(),
            ])
            by_type[rel_type.value] = by_type.get(rel_type.value, 0) + 1
        relations.rows = len(aggregates)
    finally:
        for writer in writers:
            writer.close()
    # The store's write-lock node (cypher.WRITE_LOCK), with its relations' alignment,
    # per-origin figures and undated claims marked counted: ensure_schema would otherwise
    # scan every claim and edge to find none missing.
    lock = directory / "write_lock.csv"
    lock.write_text("name,version:long,alignment_counted:boolean,sources_counted:boolean,"
                    "undated_counted:boolean\n"
                    "\"graph\",1,true,true,true\n", encoding="utf-8")
    files.nodes = {ACTOR_LABEL: [actor_file.path], ARTICLE_LABEL: [articles.path],
                   CLAIM_LABEL: [claims.path], "WriteLock": [lock]}
    files.relationships = {"MENTIONS": [mentions.path], "STATES": [states.path],
                           "SUBJECT": [subjects.path], "OBJECT": [objects.path],
                           "": [relations.path]}
    files.multiline = [w.path for w in writers if w.multiline]
    files.node_counts = {ACTOR_LABEL: actor_file.rows, ARTICLE_LABEL: articles.rows,
                         CLAIM_LABEL: claims.rows}
    files.relationship_counts = {"MENTIONS": mentions.rows, "STATES": states.rows,
                                 "SUBJECT": subjects.rows, "OBJECT": objects.rows,
                                 **{t.value: by_type.get(t.value, 0) for t in RelationType}}
    return files


@dataclass(frozen=True)
class RejectedRow:
    """One entry of the importer's report file: a row it left out, and why."""

    reason: str


def parse_import_report(path: Path, limit: int | None = None) -> list[RejectedRow]:
    """The importer's report file (one bad entry per line); empty when it has none."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except FileNotFoundError:
        return []
    rows = [RejectedRow(reason=line.strip()) for line in lines if line.strip()]
    return rows if limit is None else rows[:limit]


_TOTALS = re.compile(r"Imported:\s+(\d+) nodes\s+(\d+) relationships")


def parse_import_totals(output: str) -> tuple[int, int] | None:
    """(nodes, relationships) from the importer's closing summary, or None without one."""
    match = _TOTALS.search(output)
    return (int(match[1]), int(match[2])) if match else None
