"""Hostile input: whatever an article holds, the site either refuses it with a message or
renders it harmless; a failed build leaves nothing to publish."""

from __future__ import annotations

import dataclasses
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config

from conftest import FIXTURES, ROOT, build_site, copy_project
from html_tools import Page
from newsarchive.analyse.archive import analyse
from newsarchive.load import parse_article
from newsarchive.model import Article
from newsarchive.render import GeneratedPage, render_pages, report_src
from newsarchive.render.sanitize import clean_html
from newsarchive.runtime.cleaner import PageCleaner

VALID = FIXTURES / "valid" / "2019-01-14-example-minimal.md"
DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "style", "base", "form", "meta", "link"}
DANGEROUS_URL = re.compile(r"^\s*(javascript|data|vbscript):", re.I)
ATTACKS = [
    "<script>alert(1)</script>",
    '"><script>alert(1)</script>',
    "</title><script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "' onmouseover='alert(1)",
    "{{ config }}",
    "]]></summary><script>alert(1)</script>",
    "*emph* [link](javascript:alert(1))",
]


class Executable(HTMLParser):
    """Collects anything in HTML that could run script."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in DANGEROUS_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}=")
            if name in {"href", "src", "action", "formaction"} and DANGEROUS_URL.match(value or ""):
                self.found.append(f"{tag} {name}={value}")


def executable(html: str) -> list[str]:
    parser = Executable()
    parser.feed(html)
    return parser.found


def to_html(page: GeneratedPage) -> str:
    """A generated page's content before the sanitiser: its finished HTML, or its Markdown
    converted with the site's extensions (front matter dropped)."""
    if page.html is not None:
        return page.html
    text = page.content
    body = text.split("\n---\n", 1)[1] if text.startswith("---") else text
    return markdown.Markdown(extensions=["attr_list", "tables", "toc"]).convert(body)


def article_with(**values: str) -> bytes:
    """The valid fixture with front matter values replaced (as YAML strings); fails unless
    every value really reaches the file (a key may stand after a list's '- ')."""
    text = VALID.read_text("utf-8")
    for key, value in values.items():
        text, count = re.subn(
            rf"^(\s*(?:- )?){key}: .*$",
            lambda m, k=key, v=value: f"{m.group(1)}{k}: {json.dumps(v)}",
            text,
            count=1,
            flags=re.M,
        )
        assert count == 1, f"the fixture has no field {key!r} to replace"
    return text.encode("utf-8")


def test_article_with_replaces_every_field_it_is_given():
    raw = article_with(title="T1", summary="S1", outlet="O1", name="N1", role="R1").decode()
    for value in ("T1", "S1", "O1", "N1", "R1"):
        assert f'"{value}"' in raw


text_values = st.one_of(st.sampled_from(ATTACKS), st.text(min_size=1, max_size=60))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=text_values, summary=text_values, outlet=text_values, name=text_values, role=text_values
)
def test_front_matter_values_never_render_as_script(title, summary, outlet, name, role):
    raw = article_with(title=title, summary=summary, outlet=outlet, name=name, role=role)
    result = parse_article(VALID, raw)
    if not isinstance(result, Article):
        return  # refused with problems: nothing is rendered
    for page in render_pages(analyse([result])):
        html = to_html(page)  # before the sanitiser: the templates alone must be safe
        assert executable(html) == [], (page.src_uri, html[:300])
        head = page.content.split("\n---\n", 1)[0]
        assert "<" not in head and ">" not in head  # titles reach Material's templates escaped


body_text = st.lists(
    st.one_of(
        st.sampled_from(ATTACKS + ["<a href=javascript:x>y</a>", "![i](http://x/y.png)"]),
        st.text(max_size=80),
    ),
    min_size=1,
    max_size=5,
).map(" ".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body_text)
def test_a_body_the_check_accepts_never_renders_as_script(extra):
    text = VALID.read_text("utf-8") + "\n" + extra.replace("---", "- - -") + "\n"
    result = parse_article(VALID, text.encode("utf-8"))
    if not isinstance(result, Article):
        return
    for page in render_pages(analyse([result])):
        assert executable(to_html(page)) == [], page.src_uri


def test_sanitiser_keeps_our_markup_and_drops_the_rest():
    ours = '<p><mark class="passage" id="passage-1">x</mark> <time datetime="2019">2019</time></p>'
    assert clean_html(ours) == ours
    assert clean_html('<p onclick="x">a<script>b</script><a href="javascript:c">d</a></p>') == (
        "<p>a<a>d</a></p>"
    )


def test_the_page_cleaner_hands_back_each_page_cleaned_once():
    cleaner = PageCleaner()
    cleaner.submit("a.md", '<p onclick="x">a<script>b</script></p>')
    cleaner.submit("b.md", "<p>b</p>")
    assert cleaner.take("a.md") == "<p>a</p>"
    assert cleaner.take("a.md") is None and cleaner.take("c.md") is None
    cleaner.close()


def test_a_body_may_contain_a_horizontal_rule_and_crlf():
    text = VALID.read_text("utf-8") + "\n---\n\nAfter the rule.\n"
    result = parse_article(VALID, text.replace("\n", "\r\n").encode("utf-8"))
    assert isinstance(result, Article) and "After the rule." in result.body


def test_a_huge_file_is_refused_without_reading_it_as_yaml():
    raw = VALID.read_bytes() + b"x" * 1_100_000
    (problem,) = parse_article(VALID, raw)
    assert problem.field == "file" and "over 300,000 bytes" in problem.message


def test_hostile_values_that_pass_the_check_build_a_harmless_site(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    article = next((project / "articles").glob("*scroll*.md"))
    text = article.read_text("utf-8")
    text = text.replace('title: "Russia:', 'title: "</title><script>alert(1)</script> Russia:')
    text = text.replace(
        'summary: "The Russian', 'summary: "\\"><img src=x onerror=alert(1)> The Russian'
    )
    text = text.replace("role: head of Chechnya", 'role: "<svg onload=alert(1)> head"')
    article.write_text(text, "utf-8")
    out = tmp_path / "out"
    result = build_site(project, out)
    assert result.returncode == 0, result.stderr
    for page in out.rglob("*.html"):
        html = page.read_text("utf-8")
        parsed = Page(html)
        for attributes, code in parsed.scripts:
            if attributes.get("type") == "application/ld+json":
                assert "<" not in code  # data, and it cannot close its element
            else:
                assert "alert(" not in code, page  # only the theme's own scripts run
        handlers = [f for f in executable(html) if "=" in f and f.split()[1].startswith("on")]
        assert handlers == [], (page, handlers)
    report = (out / "reports" / article.stem / "index.html").read_text("utf-8")
    assert "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; Russia" in report


def test_a_failed_build_leaves_no_site_to_publish(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    out = tmp_path / "out"
    assert build_site(project, out).returncode == 0 and (out / "index.html").exists()
    # A strict-mode warning after every page was written: the written pages must go.
    (project / "docs" / "about.md").write_text("# About\n\n[broken](missing-page.md)\n")
    result = build_site(project, out)
    assert result.returncode != 0 and "missing-page.md" in result.stderr
    assert not out.exists() or not any(out.iterdir())
    # A validation failure: nothing is built at all.
    article = next((project / "articles").glob("*scroll*.md"))
    article.write_text(
        article.read_text("utf-8").replace("<", "").replace("language: en", "language: English")
    )
    result = build_site(project, out)
    assert result.returncode != 0 and "language" in result.stderr
    assert not out.exists() or not any(out.iterdir())


# Extensions that never pull content in from elsewhere (MkDocs adds the first three).
SAFE_EXTENSIONS = {"toc", "tables", "fenced_code", "admonition", "attr_list"}


def site_markdown() -> markdown.Markdown:
    """Python-Markdown with the extensions and settings of the site's mkdocs.yml."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    assert set(config.markdown_extensions) <= SAFE_EXTENSIONS, "review: does it include files?"
    return markdown.Markdown(
        extensions=config.markdown_extensions, extension_configs=config.mdx_configs
    )


def test_a_snippet_marker_that_got_past_the_check_renders_as_text():
    article = parse_article(VALID, VALID.read_bytes())
    assert isinstance(article, Article)
    body = article.body + '\n\n--8<-- "README.md"\n\n--8<-- "/etc/passwd"\n'
    forced = dataclasses.replace(article, body=body)
    page = next(p for p in render_pages(analyse([forced])) if p.src_uri == report_src(forced))
    html = to_html(page)
    assert "--8&lt;-- &quot;README.md&quot;" in html or '--8&lt;-- "README.md"' in html
    assert "any newsroom" not in html and "root:" not in html  # README.md's words


@pytest.mark.parametrize(
    ("hiding", "shown"),
    [  # a fence closed by a shorter one; backticks escaped (no code span); md_in_html
        ('~~~~\n<a href="javascript:alert(1)">x</a>\n~~~', "&lt;a href="),
        ('\\`<a href="javascript:alert(1)">x</a>\\`', "&lt;a href="),
        ('<div markdown="1">\n[x](javascript:alert(1))\n</div>', "&lt;div markdown="),
    ],
)
def test_the_check_sees_raw_html_where_the_renderer_would_and_the_page_shows_it_as_text(
    hiding, shown
):
    text = VALID.read_text("utf-8") + "\n" + hiding + "\n"
    problems = parse_article(VALID, text.encode("utf-8"))
    assert isinstance(problems, list)
    assert any(
        p.field == "body" and ("raw HTML" in p.message or "link" in p.message) for p in problems
    ), problems
    article = parse_article(VALID, VALID.read_bytes())
    assert isinstance(article, Article)
    forced = dataclasses.replace(article, body=article.body + "\n\n" + hiding + "\n")
    page = next(p for p in render_pages(analyse([forced])) if p.src_uri == report_src(forced))
    html = to_html(page)
    assert executable(html) == [] and shown in html
