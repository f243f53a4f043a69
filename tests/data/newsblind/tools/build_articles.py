"""Build articles.jsonl for the blind news set from sources/*.txt.

Each source file holds a provenance header (``key: value`` lines), a line
``---`` and the body exactly as retrieved: HTML from the feed's
``content:encoded`` (``format: html``) or the archived text of a web page
(``format: text``). An HTML body becomes plain text: block elements end a
paragraph, tags are dropped, entities decoded. A text body starts at the
header's ``body_from`` string (dropping the site's banner and navigation) and
each non-empty line is a paragraph. In both, runs of whitespace (including
non-breaking spaces) become one space and paragraphs are separated by one
blank line. Words and punctuation are never changed.

Standard library only. Usage: ``python3 tests/data/newsblind/tools/build_articles.py``
"""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
LICENCE = "public domain (US government work)"
BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
         "blockquote", "section", "table", "tr"}
SKIP = {"script", "style"}


class TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP:
            self.skip += 1
        elif tag in BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def to_text(body: str) -> str:
    parser = TextParser()
    parser.feed(body)
    parser.close()
    raw = html.unescape("".join(parser.parts))
    paragraphs = []
    for chunk in re.split(r"\n\s*\n", raw):
        para = re.sub(r"\s+", " ", chunk.replace("\u00a0", " ")).strip()
        if para and para != "###":
            paragraphs.append(para)
    return "\n\n".join(paragraphs)


def text_to_text(body: str, body_from: str) -> str:
    start = body.index(body_from)
    paragraphs = []
    for line in body[start:].splitlines():
        para = re.sub(r"\s+", " ", line.replace("\u00a0", " ")).strip()
        if para:
            paragraphs.append(para)
    return "\n\n".join(paragraphs)


def read_source(path: Path) -> dict[str, str]:
    head, body = path.read_text(encoding="utf-8").split("\n---\n", 1)
    meta = dict(line.split(": ", 1) for line in head.splitlines() if ": " in line)
    text = text_to_text(body, meta["body_from"]) if meta["format"] == "text" else to_text(body)
    return {
        "id": meta["id"],
        "url": meta["url"],
        "title": meta["title"],
        "published": meta["published"],
        "source": meta["source"],
        "licence": LICENCE,
        "text": text,
    }


def main() -> None:
    records = [read_source(p) for p in sorted((HERE / "sources").glob("*.txt"))]
    with (HERE / "articles.jsonl").open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"{len(records)} articles written")


if __name__ == "__main__":
    main()
