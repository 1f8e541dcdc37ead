"""Archive -> the Markdown (with escaped HTML blocks) of every generated page, and the feed.

Structured parts (metadata, tables, timeline) are HTML built by Jinja templates with
autoescaping on, so no front matter value can inject markup; report bodies stay Markdown.
Links between generated pages are computed here, relative, for `use_directory_urls`.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import json
import re
import unicodedata
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

import jinja2
from markupsafe import Markup
from pydantic import BaseModel

from . import syndication
from .archive import Archive
from .cache import BuildCache
from .cache import enabled as caching
from .corroborate import say_figure
from .model import UNATTRIBUTED, Article, Figure
from .passages import find_passage, passage_id
from .people import Person, fold_name
from .support import Support
from .syndication import Paragraph, SharedGroup
from .timeline import DAY_NOT_KNOWN, Citation, publication_date

__all__ = [
    "GeneratedPage",
    "inject_blocks",
    "json_ld",
    "CONTRIBUTING_FILE",
    "CONTRIBUTING_SRC",
    "contributing_page",
    "mark_passages",
    "render_feed",
    "render_home",
    "render_pages",
    "report_src",
    "slugify",
]

HOME_MARKERS = ("<!-- archive:key-figures -->", "<!-- archive:latest-reports -->")


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str  # where the page pretends to be in docs/, e.g. "reports/x.md"
    content: str  # Markdown, with a placeholder where each block of `blocks` goes
    edit_path: str | None = None  # the repository file an editor changes for this page
    in_nav: bool = True
    blocks: dict[str, str] = field(default_factory=dict)  # placeholder -> finished HTML


# Our own HTML blocks (never report text: the check refuses raw HTML in bodies). Python-
# Markdown re-parses every raw HTML block, the largest cost of a build; these are finished
# HTML already, so they skip Markdown and are put back by `inject_blocks`.
_OWN_BLOCK = re.compile(r"^<(?:section|div|ul|ol|h1|p class=)[\s>]")


def _lift_blocks(page: GeneratedPage) -> GeneratedPage:
    chunks = page.content.split("\n\n")
    blocks: dict[str, str] = {}
    for index, chunk in enumerate(chunks):
        if _OWN_BLOCK.match(chunk):
            placeholder = f"<!--archive-block-{len(blocks)}-->"
            blocks[placeholder] = chunk
            chunks[index] = placeholder
    return replace(page, content="\n\n".join(chunks), blocks=blocks)


def inject_blocks(html: str, blocks: dict[str, str]) -> str:
    """The page's HTML with each placeholder replaced by its block."""
    for placeholder, block in blocks.items():
        html = html.replace(placeholder, block, 1)
    return html


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "page"


def _url(src_uri: str) -> str:
    """The directory URL MkDocs gives a page: reports/x.md -> reports/x/, index.md -> ''."""
    path = src_uri.removesuffix(".md")
    if path == "index" or path.endswith("/index"):
        return path.removesuffix("index")
    return path + "/"


def _relative(from_src: str, to_url: str) -> str:
    """A link from the page `from_src` to a directory URL, keeping any #anchor."""
    target, _, anchor = to_url.partition("#")
    # Both are directory URLs ("a/b/" or ""): climb out of what differs, then go down.
    here, there = _url(from_src).split("/")[:-1], target.split("/")[:-1]
    common = 0
    while common < min(len(here), len(there)) and here[common] == there[common]:
        common += 1
    down = "".join(f"{part}/" for part in there[common:])
    link = "../" * (len(here) - common) + down or "./"
    return link + (f"#{anchor}" if anchor else "")


def report_src(article: Article) -> str:
    return f"reports/{article.slug}.md"


def outlet_src(outlet: str) -> str:
    return f"outlets/{_listed_slug(outlet)}.md"


def _listed_slug(name: str) -> str:
    """The slug of an outlet's or a tag's page, beside the index page of its folder."""
    slug = slugify(name)
    return f"{slug}-page" if slug == "index" else slug


def template_environment(*, autoescape: bool) -> jinja2.Environment:
    """Jinja over the package's templates/: strict about undefined names."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("newsarchive", "templates"),
        autoescape=autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )


@cache
def _templates() -> jinja2.Environment:
    env = template_environment(autoescape=True)
    env.filters["say_figure"] = say_figure
    env.filters["passage_id"] = passage_id
    env.filters["meta_text"] = _meta_text
    env.filters["md"] = _markdown_text
    env.filters["support"] = say_support
    env.filters["sentence"] = sentence_case
    env.filters["attribution"] = say_attribution
    return env


def say_attribution(figure: Figure) -> str:
    """Who a report says makes a claim, and the primary source it names, if another."""
    if figure.attributed_to == UNATTRIBUTED:
        said = "not attributed in the report"
    else:
        said = figure.attributed_to
    source = figure.primary_source
    if source and fold_name(source) not in fold_name(figure.attributed_to):
        said += f" (primary source: {source})"
    return said


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def say_support(support: Support) -> str:
    """What stands behind a claim, in words: "1 primary source, Russian LGBT Network,
    reported by 2 outlets in 3 reports; 1 of them names no source"."""
    reports, outlets = len(support.reports), len(support.outlets)
    carried = f"{_count(outlets, 'outlet')} in {_count(reports, 'report')}"
    named = support.primary_sources
    unnamed = len(support.unnamed_reports)
    if not named:
        return f"reported by {carried}, none naming a primary source"
    text = f"{_count(len(named), 'primary source')}, {', '.join(named)}, reported by {carried}"
    if unnamed:
        text += f"; {unnamed} of them name{'s' if unnamed == 1 else ''} no source"
    return text


def sentence_case(text: str) -> str:
    """The first letter in capitals, the rest as written (Jinja's capitalize lower-cases
    proper names: "the russian lgbt network")."""
    return text[:1].upper() + text[1:]


def _meta_text(text: str) -> Markup:
    """A page title or description for generated front matter, as a YAML string.

    Material prints these unescaped (its autoescape is off), in <title>, in the header and
    in a content="..." attribute: so &, <, > and " are escaped here, once. Apostrophes,
    common in titles and harmless there, are kept so that search matches them.
    """
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return Markup(json.dumps(escaped.replace('"', "&quot;"), ensure_ascii=False))


_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>&])")


def _markdown_text(text: str) -> Markup:
    """A value for a Markdown context (a heading): shown as text, never as syntax.

    Markdown punctuation is backslash-escaped first; the HTML escape that follows cannot
    then be undone by Markdown, and no backslash lands inside an entity.
    """
    escaped = _MARKDOWN_PUNCTUATION.sub(r"\\\1", text)
    return Markup(escaped.replace("\\&", "&amp;").replace("\\<", "&lt;").replace("\\>", "&gt;"))


def _render(template: str, **context) -> str:
    """A template rendered; while serving, again only when what it is given changes."""
    if template != "shared_note.html" and caching():  # notes are small and many
        key = (template, _fingerprint(context))
        return _PAGES.get(key, lambda: _render_now(template, **context))
    return _render_now(template, **context)


def _render_now(template: str, **context) -> str:
    return _templates().get_template(template).render(**context)


def _identities(articles: list[Article]) -> tuple:
    """Reports as a cache key: everything shown of a report comes from its file."""
    return tuple((article.slug, article.digest) for article in articles)


class _Links(dict):
    """What a list shows for each of its reports (see _report_links): made from the
    reports and the page only, which are its cache key."""

    key: Hashable


# While serving, a page is rendered again only when what its template is given changes.
_PAGES: BuildCache[str] = BuildCache()
_FIELDS: dict[type, tuple[str, ...]] = {}


def _fingerprint(value: Any) -> Hashable:
    """What a template is given, as a key: a report stands for its file name and content,
    which determine everything derived from it; other objects by their fields."""
    if value is None or isinstance(value, str | int | float | dt.date):
        return value
    if isinstance(value, Article):
        return (value.slug, value.digest)
    if isinstance(value, _Links):
        return value.key
    if isinstance(value, list | tuple):
        return tuple(_fingerprint(item) for item in value)
    if isinstance(value, dict):
        return tuple((key, _fingerprint(item)) for key, item in value.items())
    if isinstance(value, set | frozenset):
        return frozenset(_fingerprint(item) for item in value)
    if isinstance(value, BaseModel):
        # Front matter records are frozen and outlive a build (unchanged files are not
        # parsed again): remember each one's key. The entry holds the record, so its id
        # cannot be taken by another object while the entry exists.
        record, key = _RECORD_KEYS.get(id(value), lambda: (value, _fields_key(value)))
        return key if record is value else _fields_key(value)
    return _fields_key(value)


def _fields_key(value: Any) -> Hashable:
    kind = type(value)
    if kind not in _FIELDS:
        if dataclasses.is_dataclass(value):
            _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(value))
        elif isinstance(value, BaseModel):
            _FIELDS[kind] = tuple(type(value).model_fields)
        else:
            raise TypeError(f"cannot fingerprint a {kind.__name__} for the page cache")
    return (kind.__name__, *(_fingerprint(getattr(value, name)) for name in _FIELDS[kind]))


_RECORD_KEYS: BuildCache[tuple[BaseModel, Hashable]] = BuildCache()


def mark_passages(body: str, passages: list[str], after: dict[int, str] | None = None) -> str:
    """Wrap each cited passage of the body in `<mark id=...>` so links can land on it.

    Identical passages share one mark; a passage inside another nests; a passage that
    crosses another's end is cut at that end (its link still lands on its first words).
    `after` maps body offsets (ends of paragraphs) to Markdown to insert there.
    """
    spans: dict[str, tuple[int, int]] = {}
    for passage in passages:
        span = find_passage(body, passage) if passage else None
        if span is not None:
            spans.setdefault(passage_id(passage), (span.start, span.end))
    inserts: list[tuple[int, int, str]] = []  # (position, order, text); closings go first
    open_ends: list[int] = []
    for ident, (start, end) in sorted(spans.items(), key=lambda s: (s[1][0], -s[1][1])):
        while open_ends and open_ends[-1] <= start:
            open_ends.pop()
        if open_ends and end > open_ends[-1]:
            end = open_ends[-1]
        open_ends.append(end)
        inserts.append((start, 1, f'<mark class="passage" id="{ident}">'))
        inserts.append((end, 0, "</mark>"))
    inserts.extend((position, 2, text) for position, text in (after or {}).items())
    out, last = [], 0
    for position, _, text in sorted(inserts, key=lambda i: (i[0], i[1])):
        out.append(body[last:position])
        out.append(text)
        last = position
    out.append(body[last:])
    return "".join(out)


def _memberships(archive: Archive) -> dict[str, list[tuple[SharedGroup, Paragraph]]]:
    """Report slug -> the shared groups its paragraphs belong to, found in one pass."""
    found: dict[str, list[tuple[SharedGroup, Paragraph]]] = {}
    for group in archive.shared:
        for member in group.members:
            found.setdefault(member.article.slug, []).append((group, member))
    return found


def _shared_notes(
    article: Article, shared: list[tuple[SharedGroup, Paragraph]], group_urls: dict[str, str]
) -> dict[int, str]:
    """After each shared paragraph: its id (attr_list) and a note naming the other reports."""
    src = report_src(article)

    def link(paragraph) -> dict:
        url = _relative(src, _url(report_src(paragraph.article)) + "#" + paragraph.anchor)
        return {"paragraph": paragraph, "url": url, "date": publication_date(paragraph.article)[1]}

    notes = {}
    for group, member in shared:
        note = _render(
            "shared_note.html",
            group=group,
            kind=group.kind(member),
            origin=None if member is group.origin else link(group.origin),
            others=[link(o) for o in group.members[1:] if o is not member],
            passages_url=_relative(src, group_urls[group.id]),
        )
        notes[member.end] = f"\n{{: #{member.anchor} .shared-paragraph }}\n\n{note}"
    return notes


# While serving, a report page is rendered again only when its file or its shared-paragraph
# notes (which name other reports) change.
_REPORT_PAGES: BuildCache[GeneratedPage] = BuildCache()


def _report_page(
    article: Article, shared: list[tuple[SharedGroup, Paragraph]], group_urls: dict[str, str]
) -> GeneratedPage:
    notes = _shared_notes(article, shared, group_urls)
    key = (str(article.path), article.digest, tuple(sorted(notes.items())))
    return _REPORT_PAGES.get(key, lambda: _lift_blocks(_render_report(article, notes)))


def _render_report(article: Article, notes: dict[int, str]) -> GeneratedPage:
    meta = article.meta
    passages = [passage for _, passage in meta.cited_passages()]
    date, date_label = publication_date(article)
    src = report_src(article)
    content = _render_now(
        "report.md",
        article=article,
        meta=meta,
        source=meta.source,
        published_iso=date.iso(),
        published_label=date_label,
        published_year=article.published.sort_date.year,
        outlet_url=_relative(src, _url(outlet_src(meta.source.outlet))),
        tag_urls={tag: _relative(src, _url(tag_src(tag))) for tag in meta.tags},
        body=mark_passages(article.body, passages, notes),
        events=sorted(meta.events, key=lambda e: e.date.sort_key() if e.date else (9999, 0, 0)),
    )
    return GeneratedPage(src, content, edit_path=f"articles/{article.path.name}", in_nav=False)


def _report_links(articles: list[Article], from_src: str) -> dict[str, dict]:
    """What a list of reports shows for each one, with links relative to `from_src`."""
    links = _Links()
    links.key = ("links", from_src, _identities(articles))
    for article in articles:
        date, label = publication_date(article)
        links[article.slug] = {
            "article": article,
            "url": _relative(from_src, _url(report_src(article))),
            "outlet_url": _relative(from_src, _url(outlet_src(article.meta.source.outlet))),
            "date_iso": date.iso(),
            "date_label": label,
            "short_date": label.removesuffix(DAY_NOT_KNOWN),
        }
    return links


# Above this many reports (or timeline entries) the list is split into a page per year,
# so that no page grows with the archive (1.6 MB of timeline at 1,000 reports).
SPLIT_ABOVE = 300


def _months(articles: list[Article]) -> list[tuple[str, list[Article]]]:
    months: dict[str, list[Article]] = {}
    for article in articles:
        day = article.published.sort_date
        months.setdefault(day.strftime("%B %Y"), []).append(article)
    return list(months.items())


def _split_by_year(
    index_src: str, items: list, year_of: Callable[[Any], int]
) -> tuple[dict[int, list], list[tuple[str, str, int]], dict[int, dict[str, Any]]]:
    """A list split into a page per year: the items by year (in their order), the links
    of the index page to each year, and each year page's place and neighbours."""
    return _split(index_src, items, year_of, name=str, label=str, index_label="All years")


def _split(
    index_src: str,
    items: list,
    part_of: Callable[[Any], Any],
    *,
    name: Callable[[Any], str],
    label: Callable[[Any], str],
    index_label: str,
    folder: str | None = None,
) -> tuple[dict[Any, list], list[tuple[str, str, int]], dict[Any, dict[str, Any]]]:
    """A list split into parts (years, months, letters): the items by part, in their
    order; the index page's links (label, url, count); each part's page and neighbours.
    The parts' pages go in `folder`, by default the one named after the index page."""
    parts: dict[Any, list] = {}
    for item in items:
        parts.setdefault(part_of(item), []).append(item)
    keys = list(parts)
    folder = folder or index_src.removesuffix("index.md").removesuffix(".md").rstrip("/")
    src = {key: f"{folder}/{name(key)}.md" for key in keys}
    listing = [(label(key), _relative(index_src, _url(src[key])), len(parts[key])) for key in keys]
    around = {}
    for position, key in enumerate(keys):
        before = keys[position - 1] if position else None
        after = keys[position + 1] if position + 1 < len(keys) else None
        around[key] = {
            "src": src[key],
            "index": _relative(src[key], _url(index_src)),
            "index_label": index_label,
            "previous": None if before is None else _relative(src[key], _url(src[before])),
            "next": None if after is None else _relative(src[key], _url(src[after])),
            "previous_label": None if before is None else label(before),
            "next_label": None if after is None else label(after),
        }
    return parts, listing, around


def _year_published(article: Article) -> int:
    return article.published.sort_date.year


def _report_list(src: str, articles: list[Article], **context) -> str:
    """One page of a list of reports, by month. While serving, it is rendered again only
    when its reports or its own words change (everything it shows comes from them)."""
    key = ("report_list", src, _identities(articles), _fingerprint(context))
    return _PAGES.get(
        key,
        lambda: _render_now(
            "report_list.md",
            months=_months(articles),
            links=_report_links(articles, src),
            **context,
        ),
    )


def _report_list_pages(
    index_src: str,
    articles: list[Article],
    *,
    title: str,
    year_title: Callable[[int], str],
    lead: str,
    in_nav: bool = False,
) -> list[GeneratedPage]:
    """A list of reports (all, one outlet's, one tag's), newest first by month; above
    SPLIT_ABOVE, an index of years and a page per year, linked to their neighbours."""
    context = {"lead": lead, "show_outlet": not index_src.startswith("outlets/")}
    if len(articles) <= SPLIT_ABOVE:
        content = _report_list(index_src, articles, title=title, year=None, **context)
        return [GeneratedPage(index_src, content, in_nav=in_nav)]
    by_year, listing, around = _split_by_year(index_src, articles, _year_published)
    index = _render(
        "years.md", what="reports", title=title, lead=lead, listing=listing, around=None
    )
    pages = [GeneratedPage(index_src, index, in_nav=in_nav)]
    for year, articles_of_year in by_year.items():
        src = around[year]["src"]
        content = _report_list(
            src,
            articles_of_year,
            title=year_title(year),
            year=year,
            around=around[year],
            **context,
        )
        pages.append(GeneratedPage(src, content, in_nav=False))
    return pages


def _outlet_pages(archive: Archive) -> list[GeneratedPage]:
    outlets = archive.outlets()
    listing = [
        (o, _relative("outlets/index.md", _url(outlet_src(o))), a) for o, a in outlets.items()
    ]
    pages = [GeneratedPage("outlets/index.md", _render("outlets.md", outlets=listing))]
    for outlet, articles in outlets.items():
        pages += _report_list_pages(
            outlet_src(outlet),
            articles,
            title=outlet,
            year_title=lambda year, outlet=outlet: f"{outlet}: reports of {year}",
            lead=f"Every report by {outlet}",
        )
    return pages


def tags_of(archive: Archive) -> dict[str, tuple[str, list[Article]]]:
    """Tag slug -> the tag as first written and its reports, newest first; by name.

    Tags that differ only in case or punctuation ("LGBT rights", "lgbt-rights") share a page.
    """
    tags: dict[str, tuple[str, list[Article]]] = {}
    for article in archive.articles:
        for tag in article.meta.tags:
            tags.setdefault(slugify(tag), (tag, []))[1].append(article)
    return dict(sorted(tags.items()))


def tag_src(tag: str) -> str:
    return f"tags/{_listed_slug(tag)}.md"


def _tag_pages(archive: Archive) -> list[GeneratedPage]:
    tags = tags_of(archive)
    listing = [
        (name, _relative("tags/index.md", _url(tag_src(name))), len(articles))
        for name, articles in tags.values()
    ]
    pages = [GeneratedPage("tags/index.md", _render("tags.md", tags=listing))]
    for name, articles in tags.values():
        pages += _report_list_pages(
            tag_src(name),
            articles,
            title=f"Reports tagged {name}",
            year_title=lambda year, name=name: f"Reports tagged {name}, {year}",
            lead=f"Every report tagged {name}",
        )
    return pages


def _timeline_page(src: str, entries: list, **context) -> str:
    """Timeline entries on one page. An entry is made from the reports that tell it, so
    while serving the page is rendered again only when those reports change."""
    told_by = _identities([c.article for e in entries for c in e.citations])
    key = ("timeline", src, told_by, _fingerprint(context))
    return _PAGES.get(
        key, lambda: _render_now("timeline.md", years=_timeline_years(entries, src), **context)
    )


def _timeline_pages(archive: Archive) -> list[GeneratedPage]:
    dated = [entry for entry in archive.timeline if entry.date]
    undated = [entry for entry in archive.timeline if not entry.date]
    pages = _dated_timeline_pages(dated, undated=len(undated))
    if undated:
        title = "Timeline: events without a date"
        content = _timeline_page(UNDATED_SRC, undated, title=title, year=None, undated=0)
        pages.append(GeneratedPage(UNDATED_SRC, content, in_nav=False))
    return pages


UNDATED_SRC = "timeline/undated.md"


def _dated_timeline_pages(dated: list, *, undated: int) -> list[GeneratedPage]:
    if len(dated) <= SPLIT_ABOVE:
        content = _timeline_page("timeline.md", dated, title="Timeline", year=None, undated=undated)
        return [GeneratedPage("timeline.md", content)]
    by_year, listing, around = _split_by_year("timeline.md", dated, lambda entry: entry.date.year)
    index = _render(
        "years.md",
        what="timeline",
        title="Timeline",
        listing=listing,
        around=None,
        undated=undated,
    )
    pages = [GeneratedPage("timeline.md", index)]
    for year, entries in by_year.items():
        src = around[year]["src"]
        if len(entries) <= SPLIT_ABOVE:
            content = _timeline_page(
                src,
                entries,
                title=f"Timeline: {year}",
                year=year,
                around=around[year],
                undated=0,
            )
            pages.append(GeneratedPage(src, content, in_nav=False))
        else:  # a crowded year: a page per month
            pages += _timeline_months(src, year, entries, around[year])
    return pages


def _timeline_months(
    year_src: str, year: int, entries: list, around_year: dict[str, Any]
) -> list[GeneratedPage]:
    def label(month: int) -> str:
        return f"{calendar.month_name[month]} {year}" if month else f"{year}, month not known"

    by_month, listing, around = _split(
        year_src,
        entries,
        lambda entry: entry.date.month or 0,
        name=lambda month: f"{month:02d}" if month else "month-not-known",
        label=label,
        index_label=f"All of {year}",
    )
    index = _render(
        "years.md", what="months", title=f"Timeline: {year}", listing=listing, around=around_year
    )
    pages = [GeneratedPage(year_src, index, in_nav=False)]
    for month, found in by_month.items():
        src = around[month]["src"]
        title = f"Timeline: {label(month)}"
        content = _timeline_page(
            src, found, title=title, year=year, around=around[month], undated=0
        )
        pages.append(GeneratedPage(src, content, in_nav=False))
    return pages


def render_pages(archive: Archive) -> list[GeneratedPage]:
    """Every generated page of the site."""
    memberships, group_urls = _memberships(archive), passage_group_urls(archive)
    reports = [_report_page(a, memberships.get(a.slug, []), group_urls) for a in archive.articles]
    pages: list[GeneratedPage] = []
    pages += _report_list_pages(
        "reports/index.md",
        archive.articles,
        title="All reports",
        year_title=lambda year: f"Reports of {year}",
        lead="Every report in the archive",
        in_nav=True,
    )
    pages += _outlet_pages(archive)
    pages += _tag_pages(archive)
    pages.extend(_timeline_pages(archive))
    pages.extend(_figures_pages(archive))
    pages.extend(_passages_pages(archive))
    pages.extend(_people_pages(archive))
    return reports + [_lift_blocks(page) for page in pages]


# One column per report reads well up to about this many reports; above it, each claim
# gets a page of its own listing the reports that make it (the matrix would grow as
# reports x claims: 45 MB at 10,000 synthetic reports).
MATRIX_MAX_REPORTS = 12


def figure_row_ids(archive: Archive) -> list[str]:
    """Stable ids for the rows of the figures table, from what each row counts."""
    return [
        "figure-"
        + "-".join(
            slugify(part) for part in (row.label, row.period or "any", row.unit) if part != "people"
        )
        for row in archive.figures
    ]


def figure_row_urls(archive: Archive) -> list[str]:
    """Where each claim row is shown: an anchor of the matrix, or a page of its own."""
    if len(archive.articles) <= MATRIX_MAX_REPORTS:
        return [f"figures/#{row_id}" for row_id in figure_row_ids(archive)]
    return [f"figures/{row_id}/" for row_id in figure_row_ids(archive)]


def _figures_pages(archive: Archive) -> list[GeneratedPage]:
    ids = figure_row_ids(archive)
    if len(archive.articles) <= MATRIX_MAX_REPORTS:
        content = _render(
            "figures.md",
            rows=archive.figures,
            row_ids=ids,
            articles=archive.articles,
            links=_report_links(archive.articles, "figures.md"),
        )
        return [GeneratedPage("figures.md", content)]
    urls = [_relative("figures.md", url) for url in figure_row_urls(archive)]
    pages = [
        GeneratedPage(
            "figures.md",
            _render("figures_index.md", rows=list(zip(archive.figures, urls, strict=True))),
        )
    ]
    for row, row_id in zip(archive.figures, ids, strict=True):
        src = f"figures/{row_id}.md"
        links = _report_links(row.articles, src)
        content = _render("figure_row.md", row=row, links=links)
        pages.append(GeneratedPage(src, content, in_nav=False))
    return pages


def _passages_split(archive: Archive) -> bool:
    return len(archive.shared) > SPLIT_ABOVE


def passage_group_urls(archive: Archive) -> dict[str, str]:
    """Shared group id -> its place on the shared passages page(s)."""
    if not _passages_split(archive):
        return {group.id: f"passages/#{group.id}" for group in archive.shared}
    return {
        group.id: f"passages/{group.origin.article.published.sort_date.year}/#{group.id}"
        for group in archive.shared
    }


def _passages_page(archive: Archive, groups: list[SharedGroup], src: str, **extra) -> str:
    """The shared passages page for `groups`: who repeats whom, then each passage."""
    by_origin: dict[str, tuple[Article, list]] = {}
    repeats: dict[tuple[str, str], int] = {}  # (later report, earlier report) -> paragraphs
    for group in groups:
        origin = group.origin.article
        by_origin.setdefault(origin.slug, (origin, []))[1].append(group)
        for member in group.members[1:]:
            pair = (member.article.slug, origin.slug)
            repeats[pair] = repeats.get(pair, 0) + 1
    cited = {m.article.slug: m.article for g in groups for m in g.members}
    return _render(
        "passages.md",
        repeats=[(cited[a], cited[b], n) for (a, b), n in sorted(repeats.items())],
        by_origin=list(by_origin.values()),
        count=len(groups),
        links=_report_links(list(cited.values()), src),
        shingle_words=syndication.SHINGLE_WORDS,
        threshold=syndication.THRESHOLD,
        verbatim=syndication.VERBATIM,
        **extra,
    )


def _passages_pages(archive: Archive) -> list[GeneratedPage]:
    if not _passages_split(archive):
        content = _passages_page(archive, archive.shared, "passages.md", year=None)
        return [GeneratedPage("passages.md", content)]
    by_year, listing, around = _split_by_year(
        "passages.md", archive.shared, lambda group: _year_published(group.origin.article)
    )
    index = _render(
        "years.md", what="passages", title="Shared passages", listing=listing, around=None
    )
    pages = [GeneratedPage("passages.md", index)]
    for year in by_year:
        src = around[year]["src"]
        content = _passages_page(archive, by_year[year], src, year=year, around=around[year])
        pages.append(GeneratedPage(src, content, in_nav=False))
    return pages


def person_srcs(archive: Archive) -> list[str]:
    """A page per person; spellings that slugify alike get -2, -3... in archive order."""
    # Slugs of the people index, the unnamed sources' page and the letter pages' folder.
    taken = {"index": 1, "unnamed": 1, PEOPLE_BY_NAME: 1}
    srcs = []
    for person in archive.people:
        slug = slugify(person.spellings[0])
        taken[slug] = taken.get(slug, 0) + 1
        srcs.append(f"people/{slug}{'' if taken[slug] == 1 else f'-{taken[slug]}'}.md")
    return srcs


def _quote_items(refs: list, from_src: str) -> list[dict]:
    items = []
    for ref in refs:
        date, label = publication_date(ref.article)
        anchor = "#" + passage_id(ref.quote.text)
        items.append(
            {
                "ref": ref,
                "url": _relative(from_src, _url(report_src(ref.article)) + anchor),
                "date_iso": date.iso(),
                "date_label": label,
            }
        )
    return items


def _people_pages(archive: Archive) -> list[GeneratedPage]:
    srcs = dict(zip((id(p) for p in archive.people), person_srcs(archive), strict=True))
    index: dict[str, Any] = {"unnamed": [], "unnamed_url": None, "letter": None, "around": None}
    pages = []
    if len(archive.unnamed) <= SPLIT_ABOVE:
        index["unnamed"] = _quote_items(archive.unnamed, "people/index.md")
    else:  # a page (split by year) of their own
        pages += _quote_pages("people/unnamed.md", archive.unnamed, "unnamed.md", "unnamed")
        index["unnamed_url"] = _relative("people/index.md", _url("people/unnamed.md"))
        index["unnamed_count"] = len(archive.unnamed)

    def listed(people: list, from_src: str) -> list:
        return [(p, _relative(from_src, _url(srcs[id(p)]))) for p in people]

    if len(archive.people) <= SPLIT_ABOVE:
        index["people"], index["letters"] = listed(archive.people, "people/index.md"), None
    else:  # many people: a page per initial letter
        by_letter, letters, around = _split(
            "people/index.md",
            archive.people,
            _initial,
            name=_letter_name,
            label=str,
            index_label="All names",
            folder=f"people/{PEOPLE_BY_NAME}",
        )
        index["people"], index["letters"] = [], letters
        for letter, people in by_letter.items():
            src = around[letter]["src"]
            content = _render(
                "people.md",
                people=listed(people, src),
                letters=None,
                letter=letter,
                around=around[letter],
                unnamed=[],
                unnamed_url=None,
            )
            pages.append(GeneratedPage(src, content, in_nav=False))
    pages.insert(0, GeneratedPage("people/index.md", _render("people.md", **index)))
    for person in archive.people:
        pages += _quote_pages(srcs[id(person)], person.quotes, "person.md", "quotes", person=person)
    return pages


PEOPLE_BY_NAME = "by-name"  # the folder of the people index's letter pages


_NOT_A_LETTER = "Other"  # names that start with a digit or a sign


def _initial(person: Person) -> str:
    first = person.name[:1].upper()
    return first if first.isalpha() else _NOT_A_LETTER


def _letter_name(letter: str) -> str:
    if letter == _NOT_A_LETTER:
        return "other"
    return letter.lower() if letter.isascii() else f"u{ord(letter):04x}"


def _quote_pages(src: str, refs: list, template: str, items: str, **context) -> list[GeneratedPage]:
    """A page of quotes (`items` names them in the template), or above SPLIT_ABOVE an index
    of years and a page per year of the reports' publication."""
    if len(refs) <= SPLIT_ABOVE:
        quotes = {items: _quote_items(refs, src)}
        content = _render(template, **quotes, listing=None, year=None, **context)
        return [GeneratedPage(src, content, in_nav=False)]
    by_year, listing, around = _split_by_year(src, refs, lambda r: _year_published(r.article))
    index = _render(template, **{items: []}, listing=listing, year=None, **context)
    pages = [GeneratedPage(src, index, in_nav=False)]
    for year, found in by_year.items():
        page_src = around[year]["src"]
        content = _render(
            template,
            **{items: _quote_items(found, page_src)},
            listing=None,
            year=year,
            around=around[year],
            **context,
        )
        pages.append(GeneratedPage(page_src, content, in_nav=False))
    return pages


def _timeline_years(entries: list, from_src: str) -> list[tuple[int | str, list[dict]]]:
    """Timeline entries grouped by year (undated ones under one heading), each with the
    dates its reports give and links relative to `from_src`."""
    years: dict[int | str, list[dict]] = {}
    for entry in entries:
        dates = [
            (date, [_timeline_citation(c, from_src) for c in citations])
            for date, citations in entry.dates()
        ]
        item = {
            "entry": entry,
            "dates": dates,
            # One date for all (or a publication): the reports are listed as one.
            "one_date": len(dates) == 1 and (entry.kind != "event" or dates[0][0] == entry.date),
            "support": say_support(entry.support()) if entry.kind == "event" else "",
        }
        years.setdefault(entry.date.year if entry.date else UNDATED, []).append(item)
    return list(years.items())


UNDATED = "Date not given"  # the heading of events that no report dates


def _timeline_citation(citation: Citation, from_src: str) -> dict:
    anchor = f"#{citation.passage_id}" if citation.quote else ""
    return {
        "citation": citation,
        "date_label": publication_date(citation.article)[1].removesuffix(DAY_NOT_KNOWN),
        "url": _relative(from_src, _url(report_src(citation.article)) + anchor),
    }


def render_home(archive: Archive, markdown: str) -> str:
    """The home page's Markdown with its markers replaced by the archive's key facts."""
    figures = _render(
        "home_figures.html",
        rows=archive.figures[:6],
        row_urls=figure_row_urls(archive)[:6],
        count=len(archive.articles),
    )
    latest = _render(
        "home_latest.html",
        articles=archive.articles[:5],
        links=_report_links(archive.articles[:5], "index.md"),
    )
    return markdown.replace(HOME_MARKERS[0], figures).replace(HOME_MARKERS[1], latest)


CONTRIBUTING_FILE = "CONTRIBUTING.md"  # the editors' guide, in the repository's root
CONTRIBUTING_SRC = "contributing.md"  # its page on the site


def contributing_page(guide: str) -> str:
    """The site's "How to add a report" page: the repository's guide as it is, so editors
    read one text everywhere, with no include syntax that report text could use too."""
    head = (
        "---\ntitle: How to add a report\ndescription: How an editor adds a news report to "
        "the archive by pull request, and the front matter reference.\n---\n\n"
    )
    return head + guide


def json_ld(article: Article, page_url: str | None) -> str:
    """schema.org NewsArticle for a report page, safe to put inside a <script> element."""
    meta, source = article.meta, article.meta.source
    data: dict = {
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
    if page_url:
        data["url"] = page_url
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_feed(
    archive: Archive,
    *,
    site_url: str,
    site_name: str,
    changed: dict[str, dt.datetime],
    built: dt.datetime,
) -> str:
    """An Atom feed of the reports, newest first. An entry is updated when its article file
    last changed (`changed`, by file name; else `built`); it is published on its day only
    where that day is known."""
    base = site_url.rstrip("/") + "/"
    entries = []
    for article in archive.articles:
        _, label = publication_date(article)
        day = article.published.date
        published = dt.datetime.combine(day, dt.time(), dt.UTC).isoformat() if day else None
        entries.append(
            {
                "article": article,
                "url": base + _url(report_src(article)),
                "updated": changed.get(article.path.name, built).isoformat(),
                "published": published,
                "date_label": label,
            }
        )
    updated = max((e["updated"] for e in entries), default=built.isoformat())
    return _render("feed.xml", entries=entries, base=base, site_name=site_name, updated=updated)
