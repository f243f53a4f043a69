"""HTML → article text and metadata (trafilatura), and HTML fragments → text (lxml).

trafilatura finds the main text of a page and drops navigation, share
buttons, newsletter boxes, ads and footers; it also reads the title, date,
canonical URL and site name from the page's metadata. Feed entries are
fragments too short for its heuristics, so they get a plain lxml rendering.

A page longer than an article may be (``MAX_TEXT_CHARS``) is first measured
cheaply (lxml's parse, a small fraction of trafilatura's time): when its
visible text alone is over the limit it is refused before trafilatura runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import trafilatura
from lxml import etree

from ..records import MAX_TEXT_CHARS, ArticleTooLong
from .base import Item, Skipped, SourceOptions, looks_binary, make_record, read_bytes

__all__ = ["HtmlDocument", "extract_html", "fragment_text", "load_html_file", "visible_chars"]

_BLOCK_TAGS = {
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
    "tr", "table", "section", "article", "header", "footer", "pre", "figure", "figcaption", "hr",
}
_DROP_TAGS = ["script", "style", "noscript", "template", "iframe", "svg", "form", "button",
              "nav", "aside", "footer"]


@dataclass(frozen=True)
class HtmlDocument:
    """What a page yields: its main text and the metadata found around it."""

    text: str
    title: str | None = None
    published: date | None = None
    url: str | None = None
    sitename: str | None = None
    author: str | None = None


def _article_url(url: str | None) -> str | None:
    """A canonical URL, unless it is a site's home page (some sites point every page there)."""
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    if parts.path in ("", "/") and not parts.query:
        return None
    return url


def _to_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value[:10]).date()
    except ValueError:
        return None


def fragment_text(html: str) -> str:
    """Readable text of an HTML fragment: blocks become paragraphs, scripts and chrome go."""
    if not html.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return " ".join(html.split())
    etree.strip_elements(root, *_DROP_TAGS, with_tail=False)
    etree.strip_elements(root, etree.Comment, with_tail=False)
    for element in root.iter():
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if tag == "br":  # one <br> breaks a line, two break a paragraph
            element.tail = "\n" + (element.tail or "")
        elif tag in _BLOCK_TAGS:
            element.tail = "\n\n" + (element.tail or "")
            element.text = "\n\n" + (element.text or "")
    raw = root.text_content()
    paragraphs = [" ".join(block.split()) for block in raw.split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)


def visible_chars(html: str | bytes) -> int | None:
    """How many characters of text a page shows (runs of whitespace count as one), or None
    when lxml cannot parse it. The main text trafilatura finds is a part of this."""
    try:
        tree = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None
    etree.strip_elements(tree, "script", "style", "noscript", "template", with_tail=False)
    etree.strip_elements(tree, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    return sum(len(" ".join(text.split())) + 1 for text in tree.itertext() if not text.isspace())


def extract_html(html: str | bytes, url: str | None = None) -> HtmlDocument | None:
    """Main text and metadata of a page, or None when it has no readable text.

    Raises ``ArticleTooLong`` when the page's text is longer than an article may be:
    before parsing it with trafilatura when its visible text alone is.
    """
    if len(html) > MAX_TEXT_CHARS:  # shorter markup cannot hold a longer text
        shown = visible_chars(html)
        if shown is not None and shown > MAX_TEXT_CHARS:
            raise ArticleTooLong(shown, "the page's visible text")
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            favor_precision=True,
        )
    except (ValueError, TypeError, etree.LxmlError):
        doc = None
    text = getattr(doc, "text", None) or ""
    if not text.strip():
        # Short pages fall under trafilatura's size threshold: render the body plainly.
        source = html.decode("utf-8", errors="replace") if isinstance(html, bytes) else html
        try:
            tree = lxml.html.document_fromstring(source)
            body = tree.body if tree.find("body") is not None else tree
            text = fragment_text(lxml.html.tostring(body, encoding="unicode"))
        except (etree.ParserError, ValueError):
            text = ""
    if not text.strip():
        return None
    # trafilatura keeps paragraphs one per line: make them blank-line separated.
    paragraphs = [" ".join(line.split()) for line in text.splitlines()]
    text = "\n\n".join(p for p in paragraphs if p)
    if len(text) > MAX_TEXT_CHARS:
        raise ArticleTooLong(len(text), "the page's main text")
    return HtmlDocument(
        text=text,
        title=getattr(doc, "title", None) or None,
        published=_to_date(getattr(doc, "date", None)),
        url=_article_url(getattr(doc, "url", None)) or _article_url(url),
        sitename=getattr(doc, "sitename", None) or None,
        author=getattr(doc, "author", None) or None,
    )


def load_html_file(path: Path, options: SourceOptions) -> Item:
    """One HTML file → one record whose text is the page's main text."""
    name = str(path)
    try:
        data = read_bytes(path, options.max_bytes)
    except OSError as exc:
        return Skipped(name=name, reason=f"cannot read: {exc.strerror or exc}")
    except ValueError as exc:
        return Skipped(name=name, reason=str(exc))
    what = looks_binary(data)
    if what is not None:
        return Skipped(name=name, reason=f"not text ({what})")
    # Bytes go to trafilatura as they are: it honours the page's declared charset.
    try:
        doc = extract_html(data)
    except ArticleTooLong as exc:
        return Skipped(name=name, reason=str(exc))
    if doc is None:
        return Skipped(name=name, reason="no article text found in the HTML page")
    return make_record(name, {
        "text": doc.text,
        "title": doc.title,
        "published": doc.published,
        "url": doc.url,
        "source": doc.sitename,
    })
