"""Hostile values in every file to take away: each output format escapes for itself.

The loader refuses much of what is below (line breaks, control characters); the writers
must not depend on it, so the reports here are made past the model's checks
(`model_copy(update=...)`), and each output is read back with a real parser of its
format: rispy for RIS, bibtexparser for BibTeX, json for CSL-JSON and JSON-LD, an XML
parser for the Atom feed, the csv module for the tables.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import unquote

import bibtexparser
import pytest
import rispy
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

from conftest import make_article
from newsarchive.analyse.archive import analyse
from newsarchive.export import download_files
from newsarchive.export.citations import bibtex, citation_text, csl_json, csl_json_text, ris
from newsarchive.model import Article
from newsarchive.render import json_ld, render_feed, render_pages

HOSTILE = [
    "Forged\r\nER  - \r\nTY  - JOUR\r\nTI  - A second record",
    "Closed } early\n@misc{forged, title={Pwned}",
    "Opened { and never closed",
    "A blank\n\nline: [a link](javascript:alert(1))",
    "^^5cinput^^7b/etc/passwd^^7d and \\input{/etc/passwd}",
    "100% #1 & $5 a_b ~x ^y \\\\ end",
    "NUL\x00 vertical\x0btab form\x0cfeed\x1bescape",
    "</script><script>alert(1)</script><!-- <b>&amp;",
    ' =HYPERLINK("https://evil.example/","click")',
]
FIELDS = ("title", "outlet", "author")
SITE = "https://x.org/"


def hostile_article(slug: str, **values: str) -> Article:
    """A report whose title, outlet or author hold `values`, whatever the model allows."""
    article = make_article(slug)
    source = {k: v for k, v in values.items() if k in ("outlet", "author", "url")}
    meta = {k: v for k, v in values.items() if k == "title"}
    update = {**meta, "source": article.meta.source.model_copy(update=source)}
    return dataclasses.replace(article, meta=article.meta.model_copy(update=update))


def cases() -> list:
    return [
        pytest.param(field, text, id=f"{field}-{index}")
        for field in FIELDS
        for index, text in enumerate(HOSTILE)
    ]


def one_line(text: str) -> str:
    """What a one-line value of a record holds: line breaks and control characters are
    spaces (a CR LF is one line break), and readers ignore spaces at either end."""
    return re.sub(r"\r\n|[\x00-\x1f\x7f\x85\u2028\u2029]", " ", text).strip()


def spaced(text: str) -> str:
    return " ".join(text.split())


# --- RIS ----------------------------------------------------------------------------------

RIS_TAGS = {"title": "title", "outlet": "secondary_title", "author": "authors"}


@pytest.mark.parametrize(("field", "text"), cases())
def test_ris_holds_one_record_whose_values_are_the_text(field: str, text: str):
    article = hostile_article("hostile", **{field: text})
    (record,) = rispy.loads(ris(article, "p"))
    value = record.pop(RIS_TAGS[field])
    assert (value[0] if field == "author" else value) == one_line(text)
    # The other tags are the plain report's: no line was taken over.
    plain = rispy.loads(ris(make_article("hostile"), "p"))[0]
    assert record == {tag: found for tag, found in plain.items() if tag != RIS_TAGS[field]}


def test_the_archive_ris_file_holds_one_record_per_report():
    files = _files(hostile_article("forged", title=HOSTILE[0]), make_article("plain"))
    records = rispy.loads(files["data/citations.ris"])
    assert [r["title"] for r in records] == ["Report plain", one_line(HOSTILE[0])]


# --- BibTeX -------------------------------------------------------------------------------

BIB_FIELDS = {"title": "title", "outlet": "journal", "author": "author"}
# LaTeX's own meanings of the text commands the writer uses (pylatexenc drops the brace
# commands and prints \textasciicircum as a modifier letter, U+02C6).
_TEXT_COMMANDS = get_default_latex_context_db()
_TEXT_COMMANDS.add_context_category(
    "latex-text-commands",
    macros=[
        MacroTextSpec("textasciicircum", "^"),
        MacroTextSpec("textbraceleft", "{"),
        MacroTextSpec("textbraceright", "}"),
    ],
    prepend=True,
)
_LATEX = LatexNodes2Text(latex_context=_TEXT_COMMANDS)


def nested(value: str) -> bool:
    """Whether BibTeX, which counts every brace (escaped ones too), reads a field's value
    to its end: braces properly nested."""
    depth = 0
    for char in value:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def read_bibtex(text: str) -> list:
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks, library.failed_blocks
    for entry in library.entries:
        for name, value in entry.items():
            assert nested(value), (name, value)
    # Each field on its own line; TeX's ^^xx character codes never reach LaTeX.
    lines = text.strip().split("\n")
    assert all(re.match(r"@\w+\{[\w:.-]+,$|  [a-z]+ = |\}?$", line) for line in lines), lines
    assert "^^" not in text
    return library.entries


@pytest.mark.parametrize(("field", "text"), cases())
def test_bibtex_holds_one_entry_whose_values_latex_reads_as_the_text(field: str, text: str):
    article = hostile_article("hostile", **{field: text})
    (entry,) = read_bibtex(bibtex(article, "p"))
    assert entry.key == article.slug
    # LaTeX prints -- as an en dash (a ligature of its fonts), as in <!--.
    expected = spaced(one_line(text)).replace("--", "\u2013")
    assert spaced(_LATEX.latex_to_text(entry[BIB_FIELDS[field]])) == expected


def test_a_hostile_web_address_in_bibtex_is_the_same_address():
    url = "https://x.org/a}b{c/\\input^^5c/%41_#1&~"
    article = hostile_article("hostile", url=url)
    (entry,) = read_bibtex(bibtex(article, "p"))
    assert unquote(re.sub(r"\\([%#&_$])", r"\1", entry["url"])) == unquote(url)


def test_the_archive_bibtex_file_holds_one_entry_per_report():
    files = _files(hostile_article("forged", title=HOSTILE[1]), make_article("plain"))
    entries = read_bibtex(files["data/citations.bib"])
    assert [e.key for e in entries] == ["2019-01-14-plain", "2019-01-14-forged"]


def test_a_bibtex_key_is_made_of_safe_characters_only():
    article = dataclasses.replace(make_article("k"), slug="a,b}\n@misc{x")
    (entry,) = read_bibtex(bibtex(article, "p"))
    assert re.fullmatch(r"[A-Za-z0-9_:.-]+", entry.key)


# --- CSL-JSON -----------------------------------------------------------------------------

CSL_FIELDS = {"title": "title", "outlet": "container-title", "author": "author"}


@pytest.mark.parametrize(("field", "text"), cases())
def test_csl_json_holds_the_exact_text(field: str, text: str):
    article = hostile_article("hostile", **{field: text})
    (item,) = json.loads(csl_json_text([csl_json(article, "p")]))
    value = item[CSL_FIELDS[field]]
    assert (value[0]["literal"] if field == "author" else value) == text


def test_the_archive_csl_json_file_holds_one_item_per_report():
    files = _files(hostile_article("forged", title=HOSTILE[1]), make_article("plain"))
    items = json.loads(files["data/citations.json"])
    assert [item["title"] for item in items] == ["Report plain", HOSTILE[1]]


# --- the citation sentence ----------------------------------------------------------------


@pytest.mark.parametrize(("field", "text"), cases())
def test_the_citation_sentence_is_one_line_and_keeps_its_box_whole(field: str, text: str):
    article = hostile_article("hostile", **{field: text})
    sentence = citation_text(article, "14 January 2019", "p")
    assert not re.search(r"[\x00-\x1f\x7f\x85\u2028\u2029]", sentence)
    assert spaced(one_line(text)) in spaced(sentence)
    (page,) = (
        page
        for page in render_pages(analyse([article]), site_url=SITE)
        if page.src_uri == f"reports/{article.slug}.md"
    )
    text = page.html or ""
    # The box is one HTML block (no blank line), the sentence one line of it.
    (box,) = re.findall(r'<div class="citation-box".*?</div>', text, flags=re.S)
    assert "\n\n" not in box
    assert re.search(r'<p class="citation-text" id="citation">[^\n]*</p>\n', box)


# --- JSON-LD ------------------------------------------------------------------------------


class _Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts: list[str] = []
        self.open = False

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.open, self.scripts = True, [*self.scripts, ""]

    def handle_endtag(self, tag):
        self.open = self.open and tag != "script"

    def handle_data(self, data):
        if self.open:
            self.scripts[-1] += data


@pytest.mark.parametrize(("field", "text"), cases())
def test_json_ld_stays_in_its_script_and_holds_the_text(field: str, text: str):
    article = hostile_article("hostile", **{field: text})
    script = json_ld(article, "https://x.org/reports/</script><!--/")
    parser = _Scripts()
    parser.feed(f'<script type="application/ld+json">{script}</script><p>after</p>')
    (inside,) = parser.scripts
    assert inside == script and not re.search(r"[<>&]", script)
    data = json.loads(inside)
    found = {
        "title": data["name"],
        "outlet": data["publisher"]["name"],
        "author": data["author"]["name"],
    }
    assert found[field] == text and data["url"] == "https://x.org/reports/</script><!--/"


# --- the Atom feed ------------------------------------------------------------------------

ATOM = {"a": "http://www.w3.org/2005/Atom"}


def xml_text(text: str) -> str:
    """What an XML parser hands back of text the feed was given: each character XML 1.0
    forbids replaced, line ends as LF."""
    text = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]", "\ufffd", text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


@pytest.mark.parametrize(("field", "text"), cases())
def test_the_feed_is_well_formed_xml_with_every_entry(field: str, text: str):
    article = hostile_article("hostile", **{field: text})
    feed = render_feed(
        analyse([article, make_article("plain", published="2019-01-13")]),
        site_url=SITE,
        site_name="Archive",
        changed={},
        built=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
    )
    entries = ET.fromstring(feed.encode("utf-8")).findall("a:entry", ATOM)
    assert len(entries) == 2
    found = {
        "title": entries[0].findtext("a:title", namespaces=ATOM),
        "outlet": entries[0].findtext("a:summary", namespaces=ATOM),
        "author": entries[0].findtext("a:author/a:name", namespaces=ATOM),
    }
    assert xml_text(text) in (found[field] or "")


def test_the_feed_drops_lone_surrogates_and_non_characters():
    article = hostile_article("hostile", title="a\ud800b\uffffc\ufffe")
    feed = render_feed(
        analyse([article]),
        site_url=SITE,
        site_name="A",
        changed={},
        built=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
    )
    (entry,) = ET.fromstring(feed.encode("utf-8")).findall("a:entry", ATOM)
    assert entry.findtext("a:title", namespaces=ATOM) == "a\ufffdb\ufffdc\ufffd"


# --- CSV ----------------------------------------------------------------------------------


def _files(*articles: Article) -> dict[str, str]:
    return download_files(analyse(list(articles)), site_url=SITE, site_name="A", licences=[])


def read_table(files: dict[str, str], table: str) -> list[dict[str, str]]:
    text = files[f"data/{table}.csv"]
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))


@pytest.mark.parametrize(
    "formula",
    [" =HYPERLINK(1)", "  +1+cmd|' /C calc'!A0", "\u00a0-2+3", "\n@SUM(A1)", " \t=1", "\r=1"],
)
@pytest.mark.parametrize("field", FIELDS)
def test_a_formula_after_leading_space_is_written_as_text(field: str, formula: str):
    files = _files(hostile_article("formula", **{field: formula}))
    (row,) = read_table(files, "reports")
    assert row[field] == "'" + formula


@pytest.mark.parametrize("text", ["Two killed", " two killed", "40 detained", "A=B", "x -1"])
def test_a_cell_that_is_no_formula_is_written_as_it_is(text: str):
    (row,) = read_table(_files(hostile_article("plain", title=text)), "reports")
    assert row["title"] == text


def test_numbers_stay_exact_numbers():
    figure = {"label": "deaths", "value": 2, "qualifier": "exactly", "attributed_to": "x"}
    article = make_article("n", figures=[{**figure, "quote": "q"}])
    (claim,) = article.meta.figures
    negative = claim.model_copy(update={"value": -3, "value_max": -1})
    article = dataclasses.replace(
        article, meta=article.meta.model_copy(update={"figures": [negative]})
    )
    (row,) = read_table(_files(article), "figures")
    assert (row["value"], row["value_max"]) == ("-3", "-1")
