"""A page per report: its metadata, its text with every cited passage marked, and notes
under the paragraphs other reports repeat."""

from __future__ import annotations

import re

from markupsafe import Markup

from ..analyse.archive import Archive
from ..analyse.shared_passages import Paragraph, SharedGroup
from ..analyse.timeline import publication_date
from ..export import CITATIONS_DIR, citation_files, citation_text, report_address
from ..memo import Memo, recall
from ..model import Article, archived_copy
from ..passages import PassageFinder, passage_id
from ..report_text import to_html, without_markers
from .cross_links import CrossLinks
from .page import GeneratedPage, finished_page
from .paging import PagingOptions
from .passage_pages import GroupUrls
from .templates import render_template
from .urls import outlet_src, page_url, relative_link, report_src, tag_src
from .words import publication_label

# Where the page's own markup goes in report text, while the text is converted:
# noncharacters, which report text may not hold (load.characters; any left are replaced).
_OPEN, _OPENED, _CLOSE, _NOTE, _NOTED = "\ufdd0", "\ufdd1", "\ufdd2", "\ufdd3", "\ufdd4"
_MARKERS = re.compile(f"{_OPEN}(\\d+){_OPENED}|{_CLOSE}|{_NOTE}(\\d+){_NOTED}(</(\\w+)>)?")


def mark_passages(
    body: str, passages: list[str], notes: dict[int, tuple[str, str]] | None = None
) -> str:
    """The report text as finished HTML, each cited passage in `<mark id=...>` so links
    can land on it, and after each paragraph of `notes` (body offset of its end -> its
    anchor and the HTML of its note) the note, the paragraph taking the anchor.

    Identical passages share one mark; a passage inside another nests; a passage that
    crosses another's end is cut at that end (its link still lands on its first words).
    The text goes through report_text's own Markdown and cleaner; the marks and notes are
    placed after it, where its placeholders stand.
    """
    text = without_markers(body)
    finder = PassageFinder(text)
    spans: dict[str, tuple[int, int]] = {}
    for passage in passages:
        span = finder.find(passage) if passage else None
        if span is not None:
            spans.setdefault(passage_id(passage), (span.start, span.end))
    inserts: list[tuple[int, int, str]] = []  # (position, order, text); closings go first
    open_ends: list[int] = []
    ids: list[str] = []
    for ident, (start, end) in sorted(spans.items(), key=lambda s: (s[1][0], -s[1][1])):
        while open_ends and open_ends[-1] <= start:
            open_ends.pop()
        if open_ends and end > open_ends[-1]:
            end = open_ends[-1]
        open_ends.append(end)
        inserts.append((start, 1, f"{_OPEN}{len(ids)}{_OPENED}"))
        inserts.append((end, 0, _CLOSE))
        ids.append(ident)
    placed = sorted((notes or {}).items())
    inserts.extend((end, 2, f"{_NOTE}{index}{_NOTED}") for index, (end, _) in enumerate(placed))
    out, last = [], 0
    for position, _, marker in sorted(inserts, key=lambda i: (i[0], i[1])):
        out.append(text[last:position])
        out.append(marker)
        last = position
    out.append(text[last:])
    return _place_markup(to_html("".join(out)), ids, [note for _, note in placed])


def _place_markup(html: str, ids: list[str], notes: list[tuple[str, str]]) -> str:
    """The converted text with its placeholders replaced by marks and notes."""
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement), none overlapping
    for found in _MARKERS.finditer(html):
        if found[1] is not None:
            markup = f'<mark class="passage" id="{ids[int(found[1])]}">'
        elif found[2] is None:
            markup = "</mark>"
        else:
            anchor, note = notes[int(found[2])]
            tag = found[4]
            markup = f"{found[3] or ''}\n{note}"
            # The paragraph the note is about takes its anchor: its opening tag is the
            # last one before its end (paragraphs do not nest; nh3 wrote it bare).
            opening = html.rfind(f"<{tag}>", 0, found.start()) if tag else -1
            if opening >= 0:
                at = opening + 1 + len(tag)
                edits.append((at, at, f' id="{anchor}" class="shared-paragraph"'))
        edits.append((found.start(), found.end(), markup))
    out, last = [], 0
    for start, end, markup in sorted(edits):
        out.append(html[last:start])
        out.append(markup)
        last = end
    out.append(html[last:])
    return "".join(out)


def memberships(archive: Archive) -> dict[str, list[tuple[SharedGroup, Paragraph]]]:
    """Report slug -> the shared groups its paragraphs belong to, found in one pass."""
    found: dict[str, list[tuple[SharedGroup, Paragraph]]] = {}
    for group in archive.shared:
        for member in group.members:
            found.setdefault(member.article.slug, []).append((group, member))
    return found


def _shared_notes(
    article: Article,
    shared: list[tuple[SharedGroup, Paragraph]],
    group_urls: GroupUrls,
    options: PagingOptions,
) -> dict[int, tuple[str, str]]:
    """After each shared paragraph: its id (attr_list) and a note naming the other reports,
    or, for a paragraph many reports share, how many and a link to its own page."""
    src = report_src(article)

    def link(paragraph: Paragraph, group: SharedGroup) -> dict:
        """What a note shows of another member paragraph, linked from this report."""
        url = relative_link(src, page_url(report_src(paragraph.article)) + "#" + paragraph.anchor)
        outlet, date = paragraph.article.meta.source.outlet, publication_label(paragraph.article)
        return {"url": url, "outlet": outlet, "date": date, "kind": group.kind(paragraph)}

    notes = {}
    for group, member in shared:
        many = len(group.members) - 1 > options.inline_members
        others = [] if many else [link(o, group) for o in group.members[1:] if o is not member]
        note = render_template(
            "shared_note.html",
            kind=group.kind(member),
            order_certain=group.order_certain,
            origin=None if member is group.origin else link(group.origin, group),
            others=others,
            # Other reports than this one and the origin (named just before).
            more=(len(group.members) - (1 if member is group.origin else 2)) if many else 0,
            group_url=relative_link(src, group_urls.own_page[group.id]) if many else "",
            passages_url=relative_link(src, group_urls.listed[group.id]),
        )
        notes[member.end] = (member.anchor, note)
    return notes


def report_page(
    article: Article,
    shared: list[tuple[SharedGroup, Paragraph]],
    group_urls: GroupUrls,
    options: PagingOptions,
    links: CrossLinks,
    site_url: str,
    memo: Memo | None = None,
) -> GeneratedPage:
    """A report's page; with a `memo`, as it was last made from the same file, notes and
    links to other pages."""
    notes = _shared_notes(article, shared, group_urls, options)

    key = ("report", article.version, tuple(sorted(notes.items())), links, site_url)
    return recall(memo, key, lambda: _render_report(article, notes, links, site_url))


def _render_report(
    article: Article, notes: dict[int, tuple[str, str]], links: CrossLinks, site_url: str
) -> GeneratedPage:
    meta = article.meta
    passages = [passage for _, passage in meta.cited_passages()]
    date, date_label = publication_date(article), publication_label(article)
    src = report_src(article)
    folder = relative_link(src, f"{CITATIONS_DIR}/")
    downloads = {
        name: folder + path.removeprefix(f"{CITATIONS_DIR}/")
        for name, path in citation_files(article).items()
    }
    body = mark_passages(article.body, passages, notes)  # finished and cleaned HTML
    content = render_template(
        "report.html",
        article=article,
        meta=meta,
        source=meta.source,
        archived=[(copy, archived_copy(copy)) for copy in meta.source.archived],
        published_iso=date.iso(),
        published_label=date_label,
        published_year=article.published.sort_date.year,
        outlet_url=relative_link(src, page_url(outlet_src(meta.source.outlet))),
        tag_urls={tag: relative_link(src, page_url(tag_src(tag))) for tag in meta.tags},
        body=Markup(body),
        timeline_url=relative_link(src, page_url("timeline.md")),
        events=sorted(
            zip(meta.events, links.events, strict=True),
            key=lambda pair: pair[0].date.sort_key() if pair[0].date else (9999, 0, 0),
        ),
        links=links,
        citation=citation_text(article, date_label, report_address(site_url, article)),
        citation_downloads=downloads,
    )
    return finished_page(src, content, f"articles/{article.path.name}", in_nav=False)
