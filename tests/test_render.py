from __future__ import annotations

import json
from html.parser import HTMLParser

from newsarchive.render import _relative, json_ld, mark_passages, outlet_src, tag_src
from test_timeline import make_article


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
    assert _relative("timeline.md", "reports/x/#passage-1") == "../reports/x/#passage-1"
    assert _relative("reports/index.md", "reports/x/") == "x/"
    assert _relative("index.md", "reports/x/") == "reports/x/"
    assert _relative("reports/x.md", "outlets/y/") == "../../outlets/y/"


def test_json_ld_claims_no_unknown_fact_and_cannot_close_its_script():
    article = make_article("a", [])
    text = json_ld(article, "https://site/reports/a/")
    assert "</" not in text
    data = json.loads(text)
    assert data["@type"] == "NewsArticle"
    assert "headline" not in data  # the title is editorial, not the outlet's headline
    assert data["datePublished"] == "2019-01-14"


def test_own_html_blocks_skip_markdown_and_come_back_whole():
    from newsarchive.render import GeneratedPage, _lift_blocks, inject_blocks

    block = '<section class="report-meta">\n<dl><dt>Outlet</dt><dd>X</dd></dl>\n</section>'
    text = f'# Title\n\n{block}\n\n<mark class="passage" id="p">Body</mark> text.\n'
    page = _lift_blocks(GeneratedPage("reports/x.md", text))
    assert block not in page.content and "<mark" in page.content  # report text stays
    (placeholder,) = page.blocks
    assert inject_blocks(f"<h1>Title</h1>{placeholder}", page.blocks) == f"<h1>Title</h1>{block}"


def test_an_outlet_or_tag_named_index_does_not_take_the_index_page():
    assert tag_src("Index") == "tags/index-page.md" != "tags/index.md"
    assert outlet_src("INDEX") == "outlets/index-page.md"
    assert tag_src("LGBT rights") == "tags/lgbt-rights.md"
