"""SpacyExtractor: one parse per article, then mentions, constructions and claims.

The only expensive step is spaCy's own parse (``nlp.pipe``); everything after
it walks the Doc a constant number of times, so extraction costs little more
than parsing. A text longer than ``chunk_chars`` is parsed in pieces cut at
paragraph breaks (chunks.py) and the pieces' Docs are joined into one Doc over
the whole text, so offsets stay the article's own and the parser's memory stays
bounded.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import groupby
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from ...graph.model import Actor, Article, ArticleGraph, Claim, RelationType
from ..gazetteer import Gazetteer
from .arguments import LED_BY, PARTIES
from .boilerplate import BodyMap
from .chunks import CHUNK_CHARS, chunk_spans
from .constructions import Constructions
from .coordination import distribute
from .dates import sentence_date
from .domain import sports_sentences
from .mentions import find_mentions
from .selective import SelectiveParser, SelectiveParseUnavailable, parsed
from .speaker import co_issuers, speaker_of
from .tenure import drop_ended_leadership, drop_state_membership, rank_titles
from .types import Arg, Found, Ref

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.language import Language

__all__ = ["EXTRACTOR_VERSION", "SpacyExtractor"]

EXTRACTOR_VERSION = "cg-rules-0.8"
_LED_BY_FACTOR = 0.9


def _named_pairs(found: list[Found]) -> list[tuple[int, list[Ref]]]:
    """Pairs of parties the article names, where it names them: the two sides of a fight, or the
    two parties one mediator's act is between ("hosted talks between A and B")."""
    out: list[tuple[int, list[Ref]]] = []
    mediated: dict[tuple[int, str], dict[str, Ref]] = {}
    for item in found:
        subject, obj = item.subject.ref, item.object.ref
        if subject is None or obj is None or item.subject.deferred or item.object.deferred:
            continue
        if item.type is RelationType.OPPOSES:
            out.append((item.trigger.i, [subject, obj]))
        elif item.type is RelationType.MEDIATES:
            mediated.setdefault((item.trigger.i, subject.id), {})[obj.id] = obj
    out.extend((key[0], list(objects.values())) for key, objects in mediated.items() if len(objects) == 2)
    return sorted(out, key=lambda pair: pair[0])


def _last_pair(pairs: list[tuple[int, list[Ref]]], positions: list[int], before: int) -> list[Ref]:
    """ "the two sides", "both parties": the pair named last before the reference, if any."""
    index = bisect_left(positions, before)
    return pairs[index - 1][1] if index > 0 else []


class SpacyExtractor:
    """Rule-based extraction over spaCy's dependency parse and a gazetteer."""

    version = EXTRACTOR_VERSION

    def __init__(
        self,
        nlp: Language,
        gazetteer: Gazetteer,
        *,
        batch_size: int = 16,
        n_process: int = 1,
        chunk_chars: int = CHUNK_CHARS,
        parse_all: bool = True,
    ) -> None:
        if not 1 <= chunk_chars <= nlp.max_length:
            raise ValueError(f"chunk_chars must be between 1 and nlp.max_length ({nlp.max_length:,})")
        self.nlp = nlp
        self.gazetteer = gazetteer
        self.batch_size = batch_size
        self.n_process = n_process
        self.chunk_chars = chunk_chars
        # Every sentence is tagged and parsed unless asked otherwise: then only the sentences
        # that can hold a claim (selective.py), if the model has the pipes that needs. On
        # conflict news most sentences can, and the second pass costs more than it saves.
        self.selective: SelectiveParser | None = None
        if not parse_all:
            try:
                self.selective = SelectiveParser(nlp, gazetteer, batch_size=batch_size)
            except SelectiveParseUnavailable:
                self.selective = None
        gazetteer.prepare()  # build the match index now, not inside the first request

    def extract(self, article: Article) -> ArticleGraph:
        return next(iter(self.extract_many([article])))

    def extract_many(self, articles: Iterable[Article]) -> Iterator[ArticleGraph]:
        def parser_inputs() -> Iterator[tuple[str, tuple[Article, BodyMap]]]:
            for article in articles:
                body = BodyMap.of(article.text)  # mapped once: the parser's input and the graph's
                yield body.without_datelines(article.text), (article, body)

        # Runs of articles short enough to parse whole stream through nlp.pipe in batches;
        # a longer one is parsed alone, a piece at a time.
        for long, run in groupby(parser_inputs(), key=lambda item: len(item[0]) > self.chunk_chars):
            if long:
                for text, (article, body) in run:
                    yield self.graph(article, self._parse_long(text, self._has_speaker(article)), body)
                continue
            if self.selective is not None:
                items = ((text, self._has_speaker(article), (article, body)) for text, (article, body) in run)
                for doc, (article, body) in self.selective.pipe(items):
                    yield self.graph(article, doc, body)
                continue
            for doc, (article, body) in self.nlp.pipe(
                run, as_tuples=True, batch_size=self.batch_size, n_process=self.n_process
            ):
                yield self.graph(article, doc, body)

    def parse(self, article: Article) -> tuple[Doc, BodyMap]:
        """One article's parse as ``extract`` makes it, with its BodyMap: ``graph`` reads the
        pair, and a caller that wants the Doc too (to see which rules' words it holds) parses
        once."""
        body = BodyMap.of(article.text)
        text = body.without_datelines(article.text)
        if len(text) > self.chunk_chars:
            return self._parse_long(text, self._has_speaker(article)), body
        if self.selective is None:
            return self.nlp(text), body
        return self.selective(text, speaker=self._has_speaker(article)), body

    def _has_speaker(self, article: Article) -> bool:
        """Whether the article is a statement whose "we" names its issuer (``graph`` reads it)."""
        return bool(co_issuers(article, self.gazetteer)) or speaker_of(article, self.gazetteer) is not None

    def _parse_long(self, text: str, speaker: bool = False) -> Doc:
        """One Doc over a text longer than ``chunk_chars``, parsed in pieces cut at paragraph
        breaks, one piece at a time: the parser's temporary memory is one piece's. The pieces
        concatenate to the text, so the joined Doc's offsets are the text's own. With the
        selective parse the pieces get the first pass, and the chosen sentences of the joined
        Doc are parsed in runs no longer than the selective parser's bound."""
        spans = chunk_spans(text, self.chunk_chars)
        if self.selective is None:
            return Doc.from_docs([self.nlp(text[start:end]) for start, end in spans], ensure_whitespace=False)
        joined = Doc.from_docs([self.selective.first(text[start:end]) for start, end in spans],
                               ensure_whitespace=False)
        self.selective.parse_chosen([joined], [speaker])
        return joined

    # -- one article --------------------------------------------------------
    def graph(self, article: Article, doc: Doc, body: BodyMap | None = None) -> ArticleGraph:
        """The article graph of an already parsed article (``body``: its text's BodyMap,
        when the caller mapped it already)."""
        text = article.text
        if body is None:
            body = BodyMap.of(text)
        issuers = co_issuers(article, self.gazetteer)
        speaker = speaker_of(article, self.gazetteer) or (issuers[0] if issuers else None)
        mentions = find_mentions(
            doc, self.gazetteer, body, speaker=speaker, co_speakers=issuers, published=article.published
        )
        constructions = Constructions(mentions, self.gazetteer)
        found: list[Found] = []
        sents = list(doc.sents)
        for sent, game in zip(sents, sports_sentences(sents), strict=True):
            first = next((t for t in sent if not t.is_space), None)
            if first is None or body.paragraph(first.idx) is None or game:
                continue  # furniture, or a game: "helped South Africa to a first-innings total"
            if self.selective is not None and not parsed(sent):
                continue  # fewer than two actor candidates: no claim, and no parse to read
            found.extend(
                drop_state_membership(
                    rank_titles(
                        drop_ended_leadership(
                            distribute(constructions.sentence(sent), sent, constructions.resolver), mentions
                        )
                    )
                )
            )
        claims: dict[str, Claim] = {}
        actors: dict[str, Actor] = {}
        for item, subject, obj in self._resolve_deferred(found):
            claim = self._claim(article, body, item, subject, obj)
            if claim is None:
                continue
            old = claims.get(claim.id)
            if old is None or old.confidence < claim.confidence:
                claims[claim.id] = claim
            for ref in (subject.ref, obj.ref):
                if ref is not None and ref.id not in actors:
                    actors[ref.id] = self._actor(ref)
        return ArticleGraph(
            article=article,
            actors=sorted(actors.values(), key=lambda a: a.id),
            claims=sorted(claims.values(), key=lambda c: (c.start, c.type, c.subject_id)),
        )

    def _resolve_deferred(self, found: list[Found]) -> Iterator[tuple[Found, Arg, Arg]]:
        """Fill in "Haftar's forces" and "the two sides" from the whole article."""
        leads: dict[str, Ref] = {}
        leaders: dict[str, Ref] = {}  # organisation id -> the person said to lead it
        for item in found:
            if (
                item.type is RelationType.LEADS
                and not item.subject.deferred
                and not item.object.deferred
                and item.subject.ref
                and item.object.ref
            ):
                leads.setdefault(item.subject.ref.id, item.object.ref)
                leaders.setdefault(item.object.ref.id, item.subject.ref)
        pairs: Counter[tuple[str, str]] = Counter()
        refs: dict[str, Ref] = {}
        for item in found:
            if (
                item.type is RelationType.OPPOSES
                and item.subject.ref
                and item.object.ref
                and not item.subject.deferred
                and not item.object.deferred
            ):
                pair = tuple(sorted((item.subject.ref.id, item.object.ref.id)))
                pairs[(pair[0], pair[1])] += 1
                refs[item.subject.ref.id] = item.subject.ref
                refs[item.object.ref.id] = item.object.ref
        dyad = [refs[i] for i in pairs.most_common(1)[0][0]] if pairs else []
        named = _named_pairs(found)
        positions = [position for position, _ in named]
        for item in found:
            sides = _last_pair(named, positions, item.trigger.i) or dyad
            for subject in self._expand(item.subject, leads, sides):
                for obj in self._expand(item.object, leads, sides):
                    if subject.ref and obj.ref and subject.ref.id != obj.ref.id:
                        if item.subject is item.object and subject.ref.id > obj.ref.id:
                            continue  # "both sides agreed to a truce": one claim for the pair
                        yield item, subject, obj
                        leader = leaders.get(subject.ref.id)
                        if item.construction == "mediator-noun" and leader is not None:
                            # "a UN mediator" in a story about the head of the UN
                            # mission: the named head is the mediator too.
                            person = Arg(
                                leader, subject.text, subject.start, subject.end, factor=subject.factor
                            )
                            yield item, person, obj

    def _expand(self, arg: Arg, leads: dict[str, Ref], dyad: list[Ref]) -> list[Arg]:
        if arg.deferred is None:
            return [arg]
        if arg.deferred == PARTIES:
            return [Arg(ref, arg.text, arg.start, arg.end, factor=arg.factor) for ref in dyad]
        if arg.deferred == LED_BY and arg.ref is not None:
            led = leads.get(arg.ref.id)
            if led is None:
                entry = self.gazetteer.led_by(arg.ref.id)
                led = Ref.of(entry) if entry is not None else None
            if led is not None:
                return [Arg(led, arg.text, arg.start, arg.end, factor=arg.factor)]
            return [Arg(arg.ref, arg.text, arg.start, arg.end, factor=arg.factor * _LED_BY_FACTOR)]
        return []

    def _claim(self, article: Article, body: BodyMap, item: Found, subject: Arg, obj: Arg) -> Claim | None:
        assert subject.ref is not None and obj.ref is not None
        sent = item.trigger.sent
        start, end = sent.start_char, sent.end_char
        paragraph = body.paragraph(item.trigger.idx)
        if paragraph is not None:
            start, end = max(start, paragraph[0]), min(end, paragraph[1])
        start = body.past_dateline(start)
        text = article.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        factor = subject.factor * obj.factor
        confidence = round(min(0.99, item.confidence * factor), 3)
        return Claim(
            article_id=article.id,
            subject_id=subject.ref.id,
            object_id=obj.ref.id,
            type=item.type,
            confidence=confidence,
            category=item.category,
            mode=item.mode,
            sentence=text[start:end],
            start=start,
            end=end,
            subject_text=subject.text,
            object_text=obj.text,
            hedged=item.hedged,
            disputed=item.disputed,
            attributed_to=item.attributed_to[:300] if item.attributed_to else None,
            ended=item.ended,
            published=article.published,
            event_date=sentence_date(sent, article.published),
            extractor=self.version,
            rule=item.rule,
        )

    def _actor(self, ref: Ref) -> Actor:
        entry = self.gazetteer.get(ref.id) if ref.known else None
        if entry is not None:
            return entry.to_actor()
        return Actor(id=ref.id, name=ref.name[:300], kind=ref.kind, country=ref.country)
