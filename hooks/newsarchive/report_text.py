"""Report text, the untrusted part of every article: one Markdown configuration that both
the check (load.body) and the report pages (render.report_pages) use, so the check sees
exactly what the renderer makes, and the cleaning of what it makes.

The configuration is Python-Markdown's core and nothing else: paragraphs, emphasis, links,
lists, quotes, headings and code. No raw HTML (it stays text), no attribute lists, no
Markdown inside HTML, no extension that reads other files. Headings get ids that start
with `text-`, so no heading can take an id the page or its theme uses (Material reads
`#__config`). What the conversion makes is cleaned to the elements it can make, with no
attribute but a link's address and a heading's id.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from xml.etree import ElementTree

import markdown
import nh3
from markdown.extensions.toc import TocExtension, slugify_unicode
from markdown.inlinepatterns import HTML_RE, InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

__all__ = [
    "HEADING_PREFIX",
    "MAX_PARAGRAPH",
    "Finding",
    "findings",
    "to_html",
    "without_markers",
]

HEADING_PREFIX = "text-"
URL_SCHEMES = {"http", "https", "mailto"}
# The elements Python-Markdown's core makes from text, and nothing else.
TEXT_TAGS = {
    "a", "blockquote", "br", "code", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li",
    "ol", "p", "pre", "strong", "ul",
}  # fmt: skip
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Python-Markdown's link patterns look for the closing bracket of every opening one, to
# the end of the paragraph: 10 KB of '[' took 25 s. The check refuses a paragraph with
# more; no report has a fraction of it.
MAX_BRACKETS = 200
# Its inline patterns splice each match into the paragraph's text, so a paragraph costs
# the square of its length (80 KB of '*a': 0.9 s); the check refuses longer ones. News
# paragraphs are a few hundred characters; this one is eight times the longest we hold.
MAX_PARAGRAPH = 10_000
_SAFE_RELATIVE = re.compile(r"^(?:#|/|\.|[\w-]+(?:[/.#]|$))")
# Noncharacters, which Unicode keeps for a program's own use and the check refuses in
# report text: the renderer marks passages and notes with them while text is converted.
MARKERS = re.compile("[\ufdd0-\ufdef]")


@dataclass(frozen=True)
class Finding:
    """Something in report text that the site refuses, as the renderer found it."""

    kind: str  # "html", "image", "link"
    text: str  # what the editor wrote (the tag, the image, the link's target)


class _RawHtmlAsText(InlineProcessor):
    """Raw HTML in report text shows as the text it is, and is noted for the check."""

    def __init__(self, pattern: str, md: markdown.Markdown) -> None:
        super().__init__(pattern, md)
        self.found: list[Finding] = []

    def handleMatch(self, m, data):  # noqa: N802 (Python-Markdown's name)
        self.found.append(Finding("html", m.group(1)))
        return AtomicString(m.group(1)), m.start(0), m.end(0)


class _Refusals(Treeprocessor):
    """After the inline patterns: notes images and links to other schemes than the site
    allows (the cleaner drops both from the page)."""

    def __init__(self, md: markdown.Markdown, found: list[Finding]) -> None:
        super().__init__(md)
        self.found = found

    def run(self, root: ElementTree.Element) -> None:
        for element in root.iter():
            if element.tag == "img":
                self.found.append(Finding("image", element.get("src", "")))
            elif element.tag == "a" and not _allowed_target(element.get("href", "")):
                self.found.append(Finding("link", element.get("href", "")))


def _allowed_target(href: str) -> bool:
    scheme = href.split(":", 1)[0].lower() if ":" in href.split("/", 1)[0] else ""
    if scheme:
        return scheme in URL_SCHEMES
    return not href or bool(_SAFE_RELATIVE.match(href))


def _heading_id(value: str, separator: str) -> str:
    return HEADING_PREFIX + (slugify_unicode(value, separator) or "heading")


@cache
def _converter() -> tuple[markdown.Markdown, list[Finding]]:
    """The one Markdown for report text (made once per process: ~1 ms), and where its
    conversions note what the check refuses."""
    md = markdown.Markdown(
        extensions=[TocExtension(slugify=_heading_id, marker="", permalink=False)],
        output_format="html",
    )
    md.preprocessors.deregister("html_block")
    raw_html = _RawHtmlAsText(HTML_RE, md)
    md.inlinePatterns.register(raw_html, "html", 90)
    md.treeprocessors.register(_Refusals(md, raw_html.found), "refusals", 1)
    return md, raw_html.found


def _convert(text: str) -> tuple[str, list[Finding]]:
    md, found = _converter()
    found.clear()
    try:
        html = md.reset().convert(text)
    finally:
        noted = list(found)
        found.clear()
    return html, noted


def _attribute(element: str, attribute: str, value: str) -> str | None:
    """Keep a heading's id only as made here; no placeholder in any attribute."""
    if attribute == "id" and not (element in _HEADINGS and value.startswith(HEADING_PREFIX)):
        return None
    return MARKERS.sub("", value)


def clean_text_html(html: str) -> str:
    """HTML made from report text, reduced to what the configuration above makes."""
    return nh3.clean(
        html,
        tags=TEXT_TAGS,
        clean_content_tags={"script", "style"},
        attributes={"a": {"href"}, **{heading: {"id"} for heading in _HEADINGS}},
        attribute_filter=_attribute,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def to_html(text: str) -> str:
    """Report text as the page shows it: converted, then cleaned. The caller's own
    placeholders (noncharacters: `without_markers`) pass through as text."""
    return clean_text_html(_convert(text)[0])


def without_markers(text: str) -> str:
    """`text` with the noncharacters a caller marks with (the check refuses them) as
    U+FFFD, one for one, so that only the caller's own marks are found in what it converts."""
    return MARKERS.sub("\ufffd", text)


def findings(text: str) -> list[tuple[int, Finding]]:
    """(line offset in `text`, finding) for everything the renderer would refuse to show
    as written, and for paragraphs longer or with more brackets than Markdown reads in
    about linear time."""
    found: list[tuple[int, Finding]] = []
    starts = _line_starts(text)
    offset = 0
    for paragraph in text.split("\n\n"):
        if paragraph.count("[") > MAX_BRACKETS:
            found.append((bisect_right(starts, offset) - 1, Finding("brackets", "[")))
        if len(paragraph) > MAX_PARAGRAPH:
            found.append((bisect_right(starts, offset) - 1, Finding("paragraph", "")))
        offset += len(paragraph) + 2
    if found:
        return found  # not converted: it would take the time the limit keeps out
    try:
        noted = _convert(text)[1]
    except RecursionError:  # lists or quotes nested hundreds deep
        return [(0, Finding("nesting", ""))]
    cursor = 0
    for finding in noted:
        # The first place at or after the last finding where the editor's text stands.
        place = text.find(finding.text, cursor) if finding.text else -1
        if place < 0:
            place = text.find(finding.text) if finding.text else 0
        cursor = max(place, 0)
        found.append((bisect_right(starts, cursor) - 1, finding))
    return found


def _line_starts(text: str) -> list[int]:
    return [0] + [match.end() for match in re.finditer("\n", text)]
