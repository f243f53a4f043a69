"""Build ``articles.jsonl`` from the retrieved source files in ``../sources``.

Each source file holds a small ``key: value`` header, a ``---`` line, and the
article body exactly as it was retrieved:

* ``format: markdown`` (default) -- whitehouse.gov briefing-room pages as
  archived (pandoc-style markdown, hard-wrapped at 72 columns) in the
  public GitHub repository ``brian14708/wh-briefings``;
* ``format: html`` -- state.gov press-release bodies (the ``content:encoded``
  HTML after the page-header section) as archived in the public GitHub
  repository ``markschaver/State-Department-PR``;
* ``format: seed`` -- the plain-text VOA seed article from
  ``data/samples/voa-libya-2020-10-21.txt``.

Only presentation is normalised: line wraps are joined, runs of whitespace
(including non-breaking spaces) become one space, HTML tags and entities and
markdown escapes/emphasis markers are removed, and the whitehouse.gov
end-of-release marker ``###`` is dropped. Paragraphs are separated by a blank
line. Words and punctuation are never changed.

Usage: ``python tests/data/devset/tools/build_articles.py``
"""

from __future__ import annotations

import html
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

DEVSET = Path(__file__).resolve().parent.parent
SOURCES = DEVSET / "sources"
OUT = DEVSET / "articles.jsonl"
LICENCE = "public domain (US government work)"
FIELDS = ("id", "url", "title", "published", "source")


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def parse_source(path: Path) -> tuple[dict[str, str], str]:
    raw = path.read_text(encoding="utf-8")
    head, sep, body = raw.partition("\n---\n")
    if not sep:
        raise ValueError(f"{path.name}: missing '---' separator")
    meta: dict[str, str] = {}
    for line in head.splitlines():
        key, _, value = line.partition(":")
        meta[key.strip()] = value.strip()
    return meta, body


def markdown_paragraphs(body: str) -> list[str]:
    paragraphs: list[str] = []
    current: list[str] = []
    for line in body.splitlines() + [""]:
        if line.strip():
            current.append(line)
            continue
        if current:
            paragraphs.append(" ".join(current))
            current = []
    cleaned: list[str] = []
    for para in paragraphs:
        para = re.sub(r"</?s>", "", para)  # empty strikethrough left by the CMS
        para = re.sub(r"\\(.)", r"\1", para)  # markdown escapes
        para = _squash(para)
        if para.startswith("*") and para.endswith("*"):
            para = _squash(para.strip("*"))  # italic signature lines
        if para and para != "###":
            cleaned.append(para)
    return cleaned


class _ParagraphParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._buf: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "p":
            self._buf = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "p" and self._buf is not None:
            text = _squash("".join(self._buf))
            if text:
                self.paragraphs.append(text)
            self._buf = None

    def handle_data(self, data: str) -> None:
        if self._buf is not None:
            self._buf.append(data)


def html_paragraphs(body: str) -> list[str]:
    parser = _ParagraphParser()
    parser.feed(body)
    parser.close()
    return [html.unescape(p) for p in parser.paragraphs]


def seed_paragraphs(body: str) -> list[str]:
    paragraphs = [_squash(p) for p in re.split(r"\n\s*\n", body) if p.strip()]
    start = next(i for i, p in enumerate(paragraphs) if p.startswith("By ")) + 1
    end = paragraphs.index("Join the mailing list")
    return paragraphs[start:end]


def build_record(path: Path) -> dict[str, str]:
    meta, body = parse_source(path)
    fmt = meta.get("format", "markdown")
    if fmt == "markdown":
        paragraphs = markdown_paragraphs(body)
    elif fmt == "html":
        paragraphs = html_paragraphs(body)
    elif fmt == "seed":
        paragraphs = seed_paragraphs(body)
    else:
        raise ValueError(f"{path.name}: unknown format {fmt!r}")
    record = {key: meta[key] for key in FIELDS}
    record["licence"] = LICENCE
    record["text"] = "\n\n".join(paragraphs)
    if record["id"] != path.stem:
        raise ValueError(f"{path.name}: id {record['id']!r} does not match file name")
    return record


def main() -> int:
    records = [build_record(p) for p in sorted(SOURCES.glob("*.txt"))]
    records.sort(key=lambda r: (r["published"], r["id"]))
    with OUT.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"wrote {len(records)} articles to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
