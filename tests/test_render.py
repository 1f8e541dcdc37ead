from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from html.parser import HTMLParser

import markdown
import pytest

from conftest import make_article
from newsarchive.analyse.archive import analyse
from newsarchive.model import Published
from newsarchive.render import PagingOptions, json_ld, mark_passages, render_feed, render_pages
from newsarchive.render.page import inject_blocks
from newsarchive.render.urls import outlet_src, relative_link, tag_src


class _Balance(HTMLParser):
    def __init__(self):
        super().__init__()
        self.depth, self.ok = 0, True

    def handle_starttag(self, tag, attrs):
        self.depth += tag == "mark"

    def handle_endtag(self, tag):
        self.depth -= tag == "mark"
        self.ok &= self.depth >= 0


def test_marks_nest_and_identical_passages_share_one_mark():
    body = "Alpha beta gamma delta epsilon."
    marked = mark_passages(body, ["beta gamma delta", "gamma", "beta gamma delta"])
    assert marked.count("<mark") == 2
    assert "beta <mark" in marked and "gamma</mark> delta</mark>" in marked


def test_crossing_passages_still_give_well_formed_html():
    marked = mark_passages("one two three four five", ["one two three", "three four"])
    parser = _Balance()
    parser.feed(marked)
    assert parser.ok and parser.depth == 0
    assert marked.count("<mark") == 2


def test_relative_links_between_directory_urls():
    assert relative_link("timeline.md", "reports/x/#passage-1") == "../reports/x/#passage-1"
    assert relative_link("reports/index.md", "reports/x/") == "x/"
    assert relative_link("index.md", "reports/x/") == "reports/x/"
    assert relative_link("reports/x.md", "outlets/y/") == "../../outlets/y/"


def test_json_ld_claims_no_unknown_fact_and_cannot_close_its_script():
    article = make_article("a", [])
    text = json_ld(article, "https://site/reports/a/")
    assert "</" not in text
    data = json.loads(text)
    assert data["@type"] == "NewsArticle"
    assert "headline" not in data  # the title is editorial, not the outlet's headline
    assert data["datePublished"] == "2019-01-14"
    assert data["url"] == "https://site/reports/a/" and list(data)[-1] == "url"
    hostile = json_ld(article, "https://site/</script><b>&/")
    assert "</" not in hostile and "<b>" not in hostile and "&" not in hostile
    assert json.loads(hostile)["url"] == "https://site/</script><b>&/"
    assert "url" not in json.loads(json_ld(article, None))


def test_own_html_blocks_skip_markdown_and_come_back_whole():
    from newsarchive.render.page import GeneratedPage, lift_blocks

    block = '<section class="report-meta">\n<dl><dt>Outlet</dt><dd>X</dd></dl>\n</section>'
    note = '\n<p class="title-note">Editorial title.</p>'  # after a line the template left
    text = f'# Title\n\n{note}\n\n{block}\n\n<mark class="passage" id="p">Body</mark> text.\n'
    page = lift_blocks(GeneratedPage("reports/x.md", text))
    assert block not in page.content and "<mark" in page.content  # report text stays
    assert "title-note" not in page.content and len(page.blocks) == 2
    html = markdown.Markdown(extensions=["attr_list", "tables", "toc"]).convert(page.content)
    assert inject_blocks(html, page.blocks) == (
        f'<h1 id="title">Title</h1>\n{note}\n{block}\n'
        '<p><mark class="passage" id="p">Body</mark> text.</p>'
    )


def test_an_outlet_or_tag_named_index_does_not_take_the_index_page():
    assert tag_src("Index") == "tags/index-page.md" != "tags/index.md"
    assert outlet_src("INDEX") == "outlets/index-page.md"
    assert tag_src("LGBT rights") == "tags/lgbt-rights.md"


def test_feed_updates_an_entry_by_its_file_and_publishes_only_a_known_day():
    known = make_article("known", [], published="2019-01-14")
    window = make_article("window", [], published="2019-01-15")
    window = replace(
        window,
        meta=window.meta.model_copy(
            update={
                "source": window.meta.source.model_copy(
                    update={"published": Published(date="2019-01-15/2019-01-16", basis="b")}
                )
            }
        ),
    )
    edited = dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC)
    built = dt.datetime(2026, 11, 25, tzinfo=dt.UTC)
    feed = render_feed(
        analyse([known, window]),
        site_url="https://example.org/archive/",
        site_name="Archive",
        changed={known.path.name: edited},
        built=built,
    )
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = {
        e.find("a:id", ns).text.rstrip("/").rsplit("/", 1)[1]: e
        for e in ET.fromstring(feed).findall("a:entry", ns)
    }
    assert entries[known.slug].find("a:updated", ns).text == edited.isoformat()
    assert entries[known.slug].find("a:published", ns).text.startswith("2019-01-14")
    assert entries[window.slug].find("a:updated", ns).text == built.isoformat()
    assert entries[window.slug].find("a:published", ns) is None


def test_paging_options_come_from_mkdocs_yml_and_refuse_nonsense():
    assert PagingOptions.from_settings(None) == PagingOptions()
    assert PagingOptions.from_settings({"split_above": 2}).split_above == 2
    for bad in ({"split_above": 0}, {"split_abov": 2}, {"split_above": "2"}, ["x"]):
        with pytest.raises(ValueError, match="archive_paging"):
            PagingOptions.from_settings(bad)


def _page(pages, src: str) -> str:
    """A page's Markdown with its HTML blocks in their places."""
    page = next(page for page in pages if page.src_uri == src)
    text = page.content
    for placeholder, block in page.blocks.items():
        text = text.replace(placeholder, block)
    return text


def test_a_range_a_vague_count_a_denial_and_reported_speech_are_said_as_the_reports_say_them():
    body = (
        "Between 10 and 20 gay men had been killed. Exactly 15 were killed, a lawyer said. "
        "Dozens were detained. If even one were killed, let alone 15, we would know. "
        "The press secretary reportedly said the Kremlin would look into it."
    )
    range_report = make_article(
        "range",
        body=body,
        figures=[
            {
                "label": "deaths",
                "value": 10,
                "value_max": 20,
                "qualifier": "between",
                "attributed_to": "activists",
                "quote": "Between 10 and 20 gay men had been killed",
            },
            {
                "label": "detained",
                "qualifier": "dozens",
                "attributed_to": "unattributed",
                "quote": "Dozens were detained",
            },
            {
                "label": "deaths",
                "value": 15,
                "qualifier": "unqualified",
                "stance": "denies",
                "attributed_to": "a spokesman",
                "quote": "let alone 15",
            },
        ],
        quotes=[
            {
                "name": "Ivan Spokesman",
                "role": "press secretary",
                "speech": "reported",
                "text": "The press secretary reportedly said the Kremlin would look into it",
            },
        ],
    )
    exact_report = make_article(
        "exact",
        body="Exactly 15 were killed, a lawyer said.",
        published="2019-01-15",
        figures=[
            {
                "label": "deaths",
                "value": 15,
                "qualifier": "exactly",
                "attributed_to": "a lawyer",
                "quote": "Exactly 15 were killed",
            },
        ],
    )
    pages = render_pages(analyse([range_report, exact_report]))
    report = _page(pages, "reports/2019-01-14-range.md")
    assert "between 10 and 20 people" in report and "dozens people" not in report
    assert "denies 15 people" in report
    reported = re.search(r"<li><strong><a [^>]*>Ivan Spokesman</a></strong>(.*?)</li>", report)
    assert reported and "(reported speech)" in reported.group(1)
    assert "“" not in reported.group(1)  # the report's words, not the speaker's: no marks
    person = _page(pages, "people/ivan-spokesman.md")
    assert "The press secretary reportedly said" in person and "(reported speech)" in person

    figures = _page(pages, "figures.md")
    deaths = re.search(r'<tr class="(\w+)"[^>]*><th scope="row">Deaths.*?</tr>', figures, re.S)
    assert deaths and deaths.group(1) == "agree"  # 15 lies between 10 and 20
    assert "Disputed: denied by a spokesman (Outlet range)" in deaths.group(0)
    assert ">between 10 and 20</a>" in deaths.group(0) and ">15</a>" in deaths.group(0)


def test_an_archived_copy_is_linked_with_its_archive_and_capture_day():
    copy = "https://web.archive.org/web/20190115093000/https://example.org/copied"
    article = make_article("copied", archived=[copy])
    report = _page(render_pages(analyse([article])), "reports/2019-01-14-copied.md")
    assert (
        f'<a class="archived-link" href="{copy}" rel="noopener noreferrer nofollow">'
        'Wayback Machine, captured <time datetime="2019-01-15">15 January 2019</time></a>'
    ) in report
    assert f"Archived at {copy}." in report.split("Cite this report")[1]  # in the citation
