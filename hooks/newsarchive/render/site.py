"""Site-level outputs: the home page's key facts, the editors' guide page, schema.org
JSON-LD for report pages and the Atom feed."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from markupsafe import Markup

from ..analyse.archive import Archive
from ..memo import Memo
from ..model import Article
from .figure_pages import figure_row_urls
from .links import report_links
from .page import front_matter
from .paging import PagingOptions
from .templates import render_template, rendered
from .urls import page_url, report_src
from .words import publication_label

HOME_FIGURES = 6  # key figures on the home page
HOME_MARKERS = ("<!-- archive:key-figures -->", "<!-- archive:latest-reports -->")


def home_blocks(
    archive: Archive, options: PagingOptions, memo: Memo | None = None
) -> dict[str, str]:
    """What goes in place of each of the home page's markers: the archive's key facts."""
    # The key figures are the best supported claims (analyse/headlines.py): those two or
    # more outlets carry first; a single-outlet claim only fills the slots left, and its
    # card says "one outlet". Never ranked by how many reports repeat a claim.
    figures = rendered(
        memo,
        "home_figures.html",
        rows=archive.figures[:HOME_FIGURES],
        row_urls=figure_row_urls(archive, options)[:HOME_FIGURES],
        count=len(archive.articles),
    )
    latest = rendered(
        memo,
        "home_latest.html",
        articles=archive.articles[:5],
        links=report_links(archive.articles[:5], "index.md"),
    )
    return dict(zip(HOME_MARKERS, (figures, latest), strict=True))


def fill_home(markdown: str, blocks: dict[str, str]) -> str:
    """The home page's Markdown with its markers replaced by their blocks."""
    for marker, block in blocks.items():
        markdown = markdown.replace(marker, block)
    return markdown


CONTRIBUTING_FILE = "CONTRIBUTING.md"  # the editors' guide, in the repository's root
CONTRIBUTING_SRC = "contributing.md"  # its page on the site


def contributing_page(guide: str) -> str:
    """The site's "How to add a report" page: the repository's guide as it is, so editors
    read one text everywhere, with no include syntax that report text could use too."""
    head = front_matter(
        "How to add a report",
        "How an editor adds a news report to the archive by pull request, and the front "
        "matter reference.",
    )
    return f"{head}\n\n{guide}"


def json_ld(article: Article, address: str | None) -> str:
    """schema.org NewsArticle for a report page, safe to put inside a <script> element."""
    return json_ld_script(json_ld_text(article), address)


def json_ld_text(article: Article) -> str:
    """A report's JSON-LD but for the page's own address (which MkDocs knows): made where
    the report is, finished by `json_ld_script` for each page."""
    return _script_safe(_json(_json_ld_data(article)))


def _json_ld_data(article: Article) -> dict[str, Any]:
    """A report's schema.org NewsArticle, but for the page's own address."""
    meta, source = article.meta, article.meta.source
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "name": meta.title,
        "description": meta.summary,
        "inLanguage": meta.language,
        "keywords": meta.tags,
        "publisher": {"@type": "Organization", "name": source.outlet},
    }
    # Claim a headline or a publication day only when they are known, never a guess.
    if meta.title_source == "headline":
        data["headline"] = meta.title
    if source.published.date:
        data["datePublished"] = source.published.date.isoformat()
    if source.author:
        data["author"] = {"@type": "Person", "name": source.author}
    if source.url:
        data["sameAs"] = source.url
    return data


def json_ld_script(text: str, address: str | None) -> str:
    """A report's JSON-LD (`json_ld_text`) with the page's address added as its last key."""
    if not address:
        return text
    return f"{text[:-1]},{_script_safe(_json({'url': address})[1:])}"


def _json(data: dict[str, Any]) -> str:
    # Compact: json's C encoder, not its Python one (indented): ~2x faster per page.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _script_safe(text: str) -> str:
    """JSON that cannot close or open an element inside <script>."""
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_feed(
    archive: Archive,
    *,
    site_url: str,
    site_name: str,
    changed: dict[str, dt.datetime],
    built: dt.datetime,
    memo: Memo | None = None,
) -> str:
    """An Atom feed of the reports, newest first. An entry is updated when its article file
    last changed (`changed`, by file name; else `built`); it is published on its day only
    where that day is known."""
    base = site_url.rstrip("/") + "/"
    entries: list[Markup] = []
    updated = ""
    for article in archive.articles:
        entry_updated = changed.get(article.path.name, built).isoformat()
        updated = max(updated, entry_updated)
        # Each entry apart: with a memo, one edit renders one entry again, not the feed.
        entry = _feed_entry(memo, article, base, entry_updated)
        entries.append(Markup(entry))  # rendered with autoescaping
    feed = render_template(
        "feed.xml",
        entries=entries,
        base=base,
        site_name=site_name,
        updated=updated or built.isoformat(),
    )
    return _xml_chars(feed)


# Characters XML 1.0 forbids (no escape can carry them): a feed holding one is not XML,
# and readers drop all of it.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml_chars(text: str) -> str:
    """`text` with each character XML 1.0 forbids replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def _feed_entry(memo: Memo | None, article: Article, base: str, updated: str) -> str:
    day = article.published.date
    return rendered(
        memo,
        "feed_entry.xml",
        article=article,
        url=base + page_url(report_src(article)),
        updated=updated,
        published=dt.datetime.combine(day, dt.time(), dt.UTC).isoformat() if day else None,
        date_label=publication_label(article),
    )


def with_language(html: str, language: str) -> str:
    """A finished page declared to be in `language` (a checked code such as ru)."""
    return re.sub(r'<html lang="[^"]*"', f'<html lang="{language}"', html, count=1)
