"""File sources: every type loads, every problem is a Skipped that names the file or record."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from conflictgraph.loaders.pipeline import records_to_articles
from conflictgraph.loaders.records import ArticleRecord
from conflictgraph.loaders.sources import (
    LoadedRecord,
    Skipped,
    SourceOptions,
    iter_files,
    load_path,
    load_sources,
)

DATA = Path(__file__).resolve().parent / "data" / "sources"
MIXED = DATA / "mixed"


def records(items: list) -> list[LoadedRecord]:
    return [i for i in items if isinstance(i, ArticleRecord)]


def skipped(items: list) -> dict[str, str]:
    return {i.name: i.reason for i in items if isinstance(i, Skipped)}


def test_plain_text_title_from_headline_and_cleaned_into_an_article() -> None:
    (record,) = load_path(MIXED / "voa-libya.txt")
    assert isinstance(record, LoadedRecord)
    assert record.title == "Libyan Delegations Agree to Reopen Land Routes and Resume Flights"
    assert record.origin == str(MIXED / "voa-libya.txt")
    (article,) = records_to_articles([record])
    assert article.title == record.title
    assert article.published == date(2020, 10, 21)  # from the byline
    assert article.text.startswith("The head of the U.N. Support Mission in Libya")
    assert article.text.endswith("to avoid any military escalation.")
    for chrome in ("JOIN NOW", "Weapons of Mass Destruction", "mailing list", "Yglesias",
                   "By Lisa Schlein"):
        assert chrome not in article.text


def test_markdown_front_matter_gives_metadata() -> None:
    (record,) = load_path(DATA / "notes.md")
    assert (record.title, record.url, record.published, record.source) == (
        "Race Against Time in Libya", "https://news.example.org/libya/race-against-time",
        date(2020, 10, 21), "Example News")
    (article,) = records_to_articles([record])
    assert article.text.startswith('"We are in a sense in a bit of a race against time')
    assert "---" not in article.text and "# " not in article.text
    assert article.text.endswith("Moammar Gadhafi was killed in 2011.")


def test_html_page_main_text_and_metadata_without_chrome() -> None:
    (record,) = load_path(MIXED / "libya-talks.html")
    assert isinstance(record, LoadedRecord)
    assert record.title == "UN Mediator 'Very Optimistic' About Latest Steps in Libya Peace Talks"
    assert record.published == date(2020, 10, 21)
    assert record.url == "https://news.example.org/africa/2020/10/un-mediator-optimistic-libya"
    assert record.source == "Example News"
    (article,) = records_to_articles([record])
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0].startswith("A United Nations mediator reports positive developments")
    assert paragraphs[-1] == ("All have come under criticism for violating the U.N. arms embargo "
                              "and fueling Libya's destructive, chaotic civil war.")
    assert len(paragraphs) == 5
    for chrome in ("JOIN NOW", "Share on", "Advertisement", "mailing list", "Subscribe",
                   "Yglesias", "All rights reserved", "Cookie", "Middle East", "Opinion",
                   "Weapons of Mass Destruction", "Very Optimistic"):
        assert chrome not in article.text, chrome


def test_json_object_and_list_with_bad_records_reported_by_index() -> None:
    (single,) = load_path(DATA / "single.json")
    assert single.title == "Who Backs Whom in Libya"
    assert single.published == date(2020, 10, 21)  # from an ISO datetime with Z

    items = list(load_path(DATA / "list.json"))
    assert [r.origin for r in records(items)] == [
        f"{DATA / 'list.json'}[0]", f"{DATA / 'list.json'}[1]"]
    assert skipped(items) == {
        f"{DATA / 'list.json'}[2]": "a record needs a non-empty 'text' or 'html'",
        f"{DATA / 'list.json'}[3]": "expected a JSON object, got str",
    }
    html_article = list(records_to_articles(records(items)))[1]
    assert html_article.title == "Cease-fire Talks in Geneva"
    assert "newsletter" not in html_article.text
    assert html_article.text.startswith("A fourth round of the Libyan Joint Military Commission")


def test_jsonl_bad_lines_reported_with_line_numbers_rest_loaded() -> None:
    path = DATA / "lines.jsonl"
    items = list(load_path(path))
    assert [r.url for r in records(items)] == [
        "https://news.example.org/jsonl/1", "https://news.example.org/jsonl/7"]
    reasons = skipped(items)
    assert sorted(reasons) == [f"{path}:2", f"{path}:3", f"{path}:4", f"{path}:6"]
    assert reasons[f"{path}:2"].startswith("invalid JSON")
    assert reasons[f"{path}:3"] == "expected a JSON object, got list"
    assert "text" in reasons[f"{path}:4"]
    assert reasons[f"{path}:6"].startswith("published:")


def test_atom_feed_entries_content_summary_dates_links() -> None:
    path = DATA / "atom.xml"
    items = list(load_path(path))
    first, second = records(items)
    assert (first.title, first.url, first.published, first.source) == (
        "Turkey Backs Tripoli Government", "https://wire.example.org/turkey-tripoli",
        date(2020, 10, 21), "Example Wire")
    assert first.text == ("Turkey is a main supporter of the U.N.-recognized government in "
                          "Tripoli.\n\nFighting has died down in recent months under "
                          "international pressure.")
    assert second.published == date(2020, 10, 22)  # no <published>: falls back to <updated>
    assert second.text.startswith("All have come under criticism")
    assert skipped(items) == {f"{path}#3": "entry has no content or summary"}


def test_rss_prefers_full_content_over_teaser() -> None:
    first, second = records(list(load_path(MIXED / "nested" / "feed.xml")))
    assert first.url == "https://news.example.org/libya/haftar-backers"
    assert first.published == date(2020, 10, 21)
    assert "teaser" not in first.text
    assert first.text.startswith("The Benghazi-based Libya National Army")
    (article,) = records_to_articles([first])
    assert "Share on Twitter" not in article.text
    assert second.text.startswith("While expressing optimism about the talks")


def test_folder_is_recursive_sorted_skips_hidden_and_reports_the_broken_file() -> None:
    assert [p.relative_to(MIXED).as_posix() for p in iter_files(MIXED)] == [
        "broken.json", "libya-talks.html", "records.jsonl", "voa-libya.txt", "nested/feed.xml"]
    items = list(load_path(MIXED))
    assert len(records(items)) == 6
    reasons = skipped(items)
    assert list(reasons) == [str(MIXED / "broken.json")]
    assert reasons[str(MIXED / "broken.json")].startswith("invalid JSON at line 1")
    assert not any(".hidden" in (r.origin or "") for r in records(items))


def test_missing_empty_binary_and_unsupported_inputs(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("   \n")
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    (tmp_path / "scan.txt").write_bytes(b"%PDF-1.4 pretending to be text")
    (tmp_path / "table.csv").write_text("a,b\n1,2\n")
    (tmp_path / "blob.json").write_bytes(b"\x00\x01\x02binary")
    items = list(load_sources([tmp_path, tmp_path / "absent.txt"]))
    assert skipped(items) == {
        str(tmp_path / "blob.json"): "not text (binary data)",
        str(tmp_path / "empty.txt"): "empty file",
        str(tmp_path / "report.pdf"): "not text (a PDF document)",
        str(tmp_path / "scan.txt"): "not text (a PDF document)",
        str(tmp_path / "table.csv"): skipped(items)[str(tmp_path / "table.csv")],
        str(tmp_path / "absent.txt"): "no such file or folder",
    }
    assert skipped(items)[str(tmp_path / "table.csv")].startswith("unsupported file type .csv")
    assert records(items) == []


def test_invalid_utf8_few_bytes_replaced_other_encodings_refused(tmp_path: Path) -> None:
    body = "Turkey is a main supporter of the U.N.-recognized government in Tripoli. " * 3
    (tmp_path / "one-bad-byte.txt").write_bytes(body.encode() + b"\xff\n")
    (tmp_path / "latin1.txt").write_bytes("Café à Tripoli, élu, été, Türkiye. ".encode("latin-1"))
    (tmp_path / "utf16.txt").write_text(body, encoding="utf-16")
    items = list(load_path(tmp_path))
    good = {Path(r.origin or "").name: r for r in records(items)}
    assert sorted(good) == ["one-bad-byte.txt", "utf16.txt"]
    assert good["one-bad-byte.txt"].text.endswith("\ufffd")
    assert good["utf16.txt"].text.strip() == body.strip()
    reason = skipped(items)[str(tmp_path / "latin1.txt")]
    assert reason.startswith("not UTF-8 text") and "convert the file to UTF-8" in reason


def test_size_limits_apply_per_file_and_per_jsonl_line(tmp_path: Path) -> None:
    options = SourceOptions(max_bytes=2000, max_container_bytes=3000)
    (tmp_path / "big.txt").write_text("Turkey backs the GNA. " * 200)
    (tmp_path / "big.html").write_text("<p>" + "Turkey backs the GNA. " * 200 + "</p>")
    (tmp_path / "big.json").write_text('{"text": "' + "Turkey backs the GNA. " * 200 + '"}')
    long_line = '{"text": "' + "Russia backs the LNA. " * 200 + '"}'
    (tmp_path / "lines.jsonl").write_text(
        '{"text": "Turkey backs the GNA.", "url": "https://e.org/1"}\n' + long_line + "\n"
        + '{"text": "Egypt backs the LNA.", "url": "https://e.org/3"}\n')
    items = list(load_path(tmp_path, options))
    reasons = skipped(items)
    assert reasons[str(tmp_path / "big.txt")] == "too large: 4,400 bytes, the limit is 2,000"
    assert reasons[str(tmp_path / "big.html")].startswith("too large")
    assert reasons[str(tmp_path / "big.json")].startswith("too large")
    assert reasons[f"{tmp_path / 'lines.jsonl'}:2"] == "line longer than 2,000 bytes"
    assert [r.url for r in records(items)] == ["https://e.org/1", "https://e.org/3"]


def test_duplicate_articles_in_one_run_are_reported_once() -> None:
    record = ArticleRecord(text="Turkey backs the GNA.", url="https://e.org/same")
    again = ArticleRecord(text="Turkey backs the GNA strongly.", url="https://e.org/same")
    out = list(records_to_articles([record, again]))
    assert out[0].text == "Turkey backs the GNA."
    assert isinstance(out[1], Skipped)
    assert out[1].reason == "duplicate of https://e.org/same (same URL)"


def test_html_record_without_readable_text_is_skipped_by_name() -> None:
    record = LoadedRecord(html="<html><body><script>var x = 1;</script></body></html>",
                          origin="api[0]")
    (out,) = records_to_articles([record])
    assert out == Skipped(name="api[0]", reason="no article text found in the HTML")


def test_feed_html_fragments_become_paragraphs() -> None:
    from conflictgraph.loaders.sources.html import fragment_text

    html = ("<p>Turkey backs<br>the GNA.</p><p>Egypt backs the LNA.<br><br>Talks resume.</p>"
            "<script>track()</script><div class='share'>x</div>")
    assert fragment_text(html) == (
        "Turkey backs the GNA.\n\nEgypt backs the LNA.\n\nTalks resume.\n\nx")
