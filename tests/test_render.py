from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from html.parser import HTMLParser

import pytest

from conftest import make_article
from newsarchive.analyse.archive import analyse
from newsarchive.model import Published
from newsarchive.render import PagingOptions, json_ld, mark_passages, render_feed, render_pages
from newsarchive.render.page import finished_page
from newsarchive.render.urls import outlet_src, relative_link, report_src, tag_src


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


def test_a_generated_page_is_finished_html_with_numbered_headings_and_contents():
    rendered = (
        '---\ntitle: "A: title"\n---\n<h1>Title &amp; more</h1>\n<h2>2019</h2>\n'
        '<h3 id="text-kept">The report\'s own</h3>\n<h2>2019</h2>\n<h3>Under</h3>\n'
    )
    page = finished_page("timeline.md", rendered)
    assert page.content == '---\ntitle: "A: title"\n---\n'  # all MkDocs reads: no Markdown
    link = '<a class="headerlink" href="#{0}" title="Permanent link">&para;</a>'
    assert page.html == (
        f'<h1 id="title-more">Title &amp; more{link.format("title-more")}</h1>\n'
        f'<h2 id="2019">2019{link.format("2019")}</h2>\n'
        '<h3 id="text-kept">The report\'s own</h3>\n'
        f'<h2 id="2019_1">2019{link.format("2019_1")}</h2>\n'
        f'<h3 id="under">Under{link.format("under")}</h3>\n'
    )
    (title,) = page.toc
    assert title["name"] == "Title &amp; more"
    assert [(t["id"], [c["id"] for c in t["children"]]) for t in title["children"]] == [
        ("2019", []),
        ("2019_1", ["under"]),
    ]


def test_report_text_may_hold_private_use_characters_which_the_page_shows_as_written():
    body = "One \ue000 two\ue0000\ue001 three \uf8ff four five six seven."
    article = make_article("a", [], body=body)
    (page,) = [p for p in render_pages(analyse([article])) if p.src_uri == report_src(article)]
    assert page.html is not None
    assert "One \ue000 two\ue0000\ue001 three \uf8ff four five six seven." in page.html
    assert page.html.count("four five six") == 1


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
    """A page's front matter and finished HTML."""
    page = next(page for page in pages if page.src_uri == src)
    return page.content + (page.html or "")


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
