"""Dataset files -> rows -> claims -> store, in batches, with a summary of what happened.

Each dataset record becomes one synthetic article (id ``d-`` + a hash of the
dataset and the record id) whose text is the row rendered as one line; the
claims quote that line as their sentence (offsets 0..len). The store's
article semantics then give the update rules for free: re-importing the same
file leaves every record unchanged, a record whose content changed under the
same id replaces its claims, and a record that no longer states a relation is
retracted. GDELT reports collapse into one record per (actors, CAMEO root,
day) with their mention count.

Nothing is lost on failure: a row that cannot be read is skipped with its
line and reason; when the store fails, the run stops and says up to which
line of which file everything was stored.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, Field

from ...graph.model import Actor, Article, ArticleGraph, Claim, Dataset, DatasetName, MatchReason
from ...graph.store import GraphStore, StoreError, UpsertResult
from ..gazetteer import Gazetteer
from .actors import ActorResolver, KnownActors
from .formats import FormatError, Header, Row, SkippedRow, detect_format, rows_of
from .rows import ActorRef, BadRow, RowEvent, mapper_for
from .streams import DatasetFileError, open_members, read_lines
from .tables import Mappings, get_mappings

__all__ = ["DatasetIngestor", "DatasetSummary", "MatchRecord", "SkippedRecord", "record_article_id"]

# Distinct GDELT (actors, root, day) keys held before a flush: bounds memory on any file.
GDELT_WINDOW = 50_000
MAX_LISTED_IDS = 20

Progress = Callable[[int, int], None]  # (bytes read of this file, its size)


class SkippedRecord(BaseModel):
    source: str
    line: int = Field(description="Line of the file the row starts on (0: the whole file)")
    reason: str


class MatchRecord(BaseModel):
    name: str = Field(description="The actor as the dataset names it")
    actor_id: str
    reason: MatchReason
    score: float | None = Field(default=None, description="rapidfuzz score of a fuzzy match")
    code: str | None = Field(default=None, description="The code that matched (reason code)")


class DatasetSummary(BaseModel):
    """What one dataset ingest did, for the CLI table and an API response."""

    files: int = 0
    formats: dict[str, int] = Field(default_factory=dict, description="Files per format")
    rows: int = Field(default=0, description="Data rows read")
    records: int = Field(default=0, description="Records stored (GDELT: collapsed reports)")
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    retracted: int = Field(default=0, description="Stored records that no longer state a relation")
    without_relation: int = Field(default=0, description="Rows that state no relation between two actors")
    deleted: int = Field(default=0, description="Records removed by a deletions file")
    deleted_absent: int = Field(default=0, description="Deletions of records not stored")
    claims: int = 0
    actors_new: int = 0
    actors_matched: int = 0
    matches: list[MatchRecord] = Field(default_factory=list)
    skipped: list[SkippedRecord] = Field(default_factory=list)
    error: str | None = Field(default=None, description="Why the run stopped early, if it did")
    stored_until: str | None = Field(
        default=None, description="file:line up to which every row was stored, when it stopped"
    )

    @property
    def complete(self) -> bool:
        return self.error is None


def record_article_id(dataset: Dataset, record_id: str) -> str:
    """The synthetic article a dataset record is stored as (stable across imports)."""
    basis = f"dataset:{dataset.value}:{record_id}"
    return "d-" + hashlib.sha256(basis.encode()).hexdigest()[:24]


@dataclass(slots=True)
class _Group:
    """GDELT reports of one (actors, root, day) key, collapsed."""

    first: RowEvent
    line: int
    record_ids: list[str] = field(default_factory=list)
    reports: int = 0
    mentions: int = 0

    def event(self) -> RowEvent:
        ids = sorted(self.record_ids, key=lambda i: (len(i), i))
        shown = ", ".join(ids[:MAX_LISTED_IDS]) + (" ..." if len(ids) > MAX_LISTED_IDS else "")
        base = self.first
        text = f"{base.text}; {self.reports} report(s), {self.mentions} mention(s): events {shown}"
        return RowEvent(base.dataset, ids[0], base.date, base.place, base.source, base.url, text,
                        base.claims, mentions=self.mentions)


class _StoreStopped(Exception):
    def __init__(self, message: str, until: str | None) -> None:
        super().__init__(message)
        self.until = until


class DatasetIngestor:
    """Reads dataset files into a store; one instance per run (it caches actor resolutions)."""

    def __init__(
        self,
        store: GraphStore,
        gazetteer: Gazetteer,
        *,
        batch_size: int = 500,
        version: str | None = None,
        mappings: Mappings | None = None,
    ) -> None:
        self.store = store
        self.mappings = mappings or get_mappings()
        self.resolver = ActorResolver(gazetteer, KnownActors(store.actors()))
        self.batch_size = batch_size
        self.version = version
        self.summary = DatasetSummary()
        self._named: dict[tuple[Dataset, ActorRef], Actor] = {}

    # -- the run ----------------------------------------------------------------------
    def ingest(self, paths: Iterable[Path], fmt: Dataset | None = None,
               progress: Progress | None = None) -> DatasetSummary:
        for path in paths:
            self.ingest_file(Path(path), fmt, progress)
            if self.summary.error:
                break
        return self.summary

    def ingest_file(self, path: Path, fmt: Dataset | None = None,
                    progress: Progress | None = None, label: str | None = None) -> DatasetSummary:
        """One file (all the members of an archive); ``label`` names it in the summary."""
        try:
            self._file(path, fmt, progress, label)
        except (DatasetFileError, FormatError) as exc:
            self.summary.skipped.append(SkippedRecord(source=label or str(path), line=0,
                                                      reason=str(exc)))
        except _StoreStopped as exc:
            self.summary.error = str(exc)
            self.summary.stored_until = exc.until
        matches = self.resolver.matches()
        self.summary.matches = [MatchRecord(name=m.name, actor_id=m.actor_id, reason=m.reason,
                                            score=m.score, code=m.code) for m in matches]
        self.summary.actors_new = len({m.actor_id for m in matches if m.new})
        self.summary.actors_matched = len({m.actor_id for m in matches if not m.new})
        return self.summary

    def delete_records(self, path: Path, label: str | None = None) -> DatasetSummary:
        """Remove the ACLED records a deletions file lists (its ``event_id_cnty`` column).

        ACLED publishes deleted events separately; a listed record that is not stored is
        counted as absent, not reported as an error.
        """
        try:
            with ExitStack() as stack:
                for member in open_members(path, stack, label):
                    lines = read_lines(member.stream)
                    first = next(lines, None)
                    names = [f.strip() for f in first.fields] if first else []
                    if "event_id_cnty" not in names:
                        raise FormatError(f"{member.name}: a deletions file needs an "
                                          "event_id_cnty column")
                    column = names.index("event_id_cnty")
                    for raw in lines:
                        record = raw.fields[column].strip() if len(raw.fields) > column else ""
                        if not record:
                            self.summary.skipped.append(SkippedRecord(
                                source=member.name, line=raw.line, reason="event_id_cnty is empty"))
                            continue
                        if self.store.retract(record_article_id(Dataset.ACLED, record)):
                            self.summary.deleted += 1
                        else:
                            self.summary.deleted_absent += 1
        except (DatasetFileError, FormatError) as exc:
            self.summary.skipped.append(SkippedRecord(source=label or str(path), line=0,
                                                      reason=str(exc)))
        except StoreError as exc:
            self.summary.error = (f"the store failed while deleting the records of {path}: "
                                  f"{exc}. Deleting is idempotent: run the same command again.")
        return self.summary

    def _file(self, path: Path, fmt: Dataset | None, progress: Progress | None,
              label: str | None) -> None:
        with ExitStack() as stack:
            for member in open_members(path, stack, label):
                lines = read_lines(member.stream)
                first = next(lines, None)
                if first is None:
                    raise DatasetFileError(f"{member.name}: the file is empty")
                header = detect_format(first, fmt)
                self.summary.files += 1
                self.summary.formats[header.format.value] = (
                    self.summary.formats.get(header.format.value, 0) + 1)
                version = self.version or Path(member.name.rsplit(":", 1)[-1]).name
                events = self._events(header, rows_of(header, first, lines, member.name),
                                      member.name)
                if header.format is Dataset.GDELT_EVENTS:
                    events = self._collapsed(events)
                position, size = member.position, member.size

                def tick(position: Callable[[], int] = position, size: int = size) -> None:
                    if progress is not None:
                        progress(position(), size)

                self._store(events, version, member.name, tick)
                if progress is not None:
                    progress(size, size)

    def _events(self, header: Header, rows: Iterator[Row | SkippedRow], source: str
                ) -> Iterator[tuple[int, RowEvent]]:
        mapper = mapper_for(header.format, self.mappings, header.columns)
        for row in rows:
            if isinstance(row, SkippedRow):
                self.summary.skipped.append(SkippedRecord(source=row.source, line=row.line,
                                                          reason=row.reason))
                continue
            self.summary.rows += 1
            try:
                yield row.line, mapper(row.fields)
            except BadRow as exc:
                self.summary.skipped.append(SkippedRecord(source=source, line=row.line,
                                                          reason=str(exc)))

    def _collapsed(self, events: Iterator[tuple[int, RowEvent]]) -> Iterator[tuple[int, RowEvent]]:
        """One event per (actors, root, day) within a window of ``GDELT_WINDOW`` keys.

        Keys come out in the order first seen; a key seen again after its window was
        flushed starts a new record (its id is its first event's), so nothing is lost.
        """
        groups: dict[tuple[str, ...], _Group] = {}
        for line, event in events:
            key = event.group_key or (event.record_id,)
            group = groups.get(key)
            if group is None:
                if len(groups) >= GDELT_WINDOW:
                    yield from ((g.line, g.event()) for g in groups.values())
                    groups.clear()
                group = groups[key] = _Group(event, line)
            group.record_ids.append(event.record_id)
            group.reports += 1
            group.mentions += event.mentions or 1
        yield from ((g.line, g.event()) for g in groups.values())

    # -- graphs and writes --------------------------------------------------------------
    def _graph(self, event: RowEvent, version: str) -> ArticleGraph | None:
        article_id = record_article_id(event.dataset, event.record_id)
        actors: dict[str, Actor] = {}
        claims: dict[str, Claim] = {}
        confidence = self.mappings.confidence.get(event.dataset.value, 0.5)
        for spec in event.claims:
            subject = self._actor(event.dataset, spec.subject)
            obj = self._actor(event.dataset, spec.object)
            if subject.id == obj.id:
                continue  # both names are one actor: no relation of an actor with itself
            actors.setdefault(subject.id, subject)
            actors.setdefault(obj.id, obj)
            claim = Claim(
                article_id=article_id, subject_id=subject.id, object_id=obj.id, type=spec.type,
                polarity=spec.polarity,
                confidence=self.mappings.confidence.get("alleged", confidence) if spec.hedged
                else confidence,
                category=spec.category, sentence=event.text, start=0, end=len(event.text),
                subject_text=spec.subject.name, object_text=spec.object.name, hedged=spec.hedged,
                published=event.date, event_date=event.date,
                extractor=f"dataset:{event.dataset.value}",
                dataset=event.dataset, dataset_version=version, record_id=event.record_id,
                place=event.place, mentions=event.mentions, support_types=list(spec.support_types),
            )
            claims.setdefault(claim.id, claim)
        if not claims:
            return None
        article = Article(id=article_id, url=event.url,
                          title=f"{event.dataset.value} {event.record_id}", published=event.date,
                          source=event.source or event.dataset.value, text=event.text)
        return ArticleGraph(article=article, actors=list(actors.values()),
                            claims=list(claims.values()))

    def _actor(self, dataset: Dataset, ref: ActorRef) -> Actor:
        """The resolved actor, carrying the dataset's name for it and why it matched."""
        key = (dataset, ref)
        found = self._named.get(key)
        if found is None:
            actor, match = self.resolver.resolve(ref)
            if any(n.dataset is dataset and n.name == ref.name for n in actor.dataset_names):
                found = actor  # named so before: the first match's reason stays
            else:
                name = DatasetName(dataset=dataset, name=ref.name, reason=match.reason,
                                   score=match.score, code=match.code)
                found = actor.model_copy(update={"dataset_names": [*actor.dataset_names, name]})
            self._named[key] = found
        return found

    def _store(self, events: Iterator[tuple[int, RowEvent]], version: str, source: str,
               tick: Callable[[], None]) -> None:
        batch: list[ArticleGraph] = []
        empty: list[str] = []
        last_line = 0
        stored_line = 0
        seen: dict[str, int] = {}

        def flush() -> None:
            nonlocal stored_line
            if batch:
                self._count(self.store.upsert(batch))
            if empty:
                stale = self.store.get_articles(empty)
                for article_id in stale:
                    self.store.retract(article_id)
                self.summary.retracted += len(stale)
            stored_line = last_line
            batch.clear()
            empty.clear()
            seen.clear()
            tick()

        try:
            for line, event in events:
                graph = self._graph(event, version)  # may read the store (actor lookups)
                article_id = record_article_id(event.dataset, event.record_id)
                if article_id in seen:  # one record twice in a file: the later row wins
                    flush()
                last_line = max(last_line, line)
                if graph is None:
                    self.summary.without_relation += 1
                    empty.append(article_id)
                else:
                    batch.append(graph)
                    self.summary.claims += len(graph.claims)
                seen[article_id] = line
                if len(batch) + len(empty) >= self.batch_size:
                    flush()
            flush()
        except StoreError as exc:
            first_unstored = f"line {stored_line + 1}" if stored_line else "its first row"
            raise _StoreStopped(
                f"the store failed while writing {source} from {first_unstored} on: {exc}. "
                "Rows before them are stored; ingest is idempotent: fix the store and run the "
                "same command again.",
                f"{source}:{stored_line}" if stored_line else None) from exc

    def _count(self, results: list[UpsertResult]) -> None:
        for result in results:
            self.summary.records += 1
            if result.status == "created":
                self.summary.created += 1
            elif result.status == "updated":
                self.summary.updated += 1
            else:
                self.summary.unchanged += 1
