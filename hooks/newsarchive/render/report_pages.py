"""A page per report: its metadata, its text with every cited passage marked, and notes
under the paragraphs other reports repeat."""

from __future__ import annotations

from ..analyse.archive import Archive
from ..analyse.shared_passages import Paragraph, SharedGroup
from ..analyse.timeline import publication_date
from ..cache import BuildCache
from ..cache import enabled as caching
from ..export import CITATIONS_DIR, citation_files, citation_text, report_address
from ..model import Article, archived_copy
from ..passages import find_passage, passage_id
from .cross_links import CrossLinks
from .page import GeneratedPage, lift_blocks
from .paging import PagingOptions
from .passage_pages import GroupUrls
from .templates import fingerprint, render_cached, render_template
from .urls import outlet_src, page_url, relative_link, report_src, tag_src
from .words import publication_label


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


def memberships(archive: Archive) -> dict[str, list[tuple[SharedGroup, Paragraph]]]:
    """Report slug -> the shared groups its paragraphs belong to, found in one pass."""
    found: dict[str, list[tuple[SharedGroup, Paragraph]]] = {}
    for group in archive.shared:
        for member in group.members:
            found.setdefault(member.article.slug, []).append((group, member))
    return found


def _notes_kept(
    article: Article,
    shared: list[tuple[SharedGroup, Paragraph]],
    group_urls: GroupUrls,
    options: PagingOptions,
) -> dict[int, str]:
    """A report's shared-paragraph notes; while serving, written again only when its
    groups (which hold every member's report), their pages or the paging change."""
    if not shared or not caching():
        return _shared_notes(article, shared, group_urls, options)
    places = tuple((group_urls.own_page.get(g.id), group_urls.listed[g.id]) for g, _ in shared)
    key = (article.slug, fingerprint(shared), places, options.inline_members)
    return _NOTES.get(key, lambda: _shared_notes(article, shared, group_urls, options))


_NOTES: BuildCache[dict[int, str]] = BuildCache()


def _shared_notes(
    article: Article,
    shared: list[tuple[SharedGroup, Paragraph]],
    group_urls: GroupUrls,
    options: PagingOptions,
) -> dict[int, str]:
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
        note = render_cached(
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
        notes[member.end] = f"\n{{: #{member.anchor} .shared-paragraph }}\n\n{note}"
    return notes


# While serving, a report page is rendered again only when its file or its shared-paragraph
# notes (which name other reports) change.
_REPORT_PAGES: BuildCache[GeneratedPage] = BuildCache()


def report_page(
    article: Article,
    shared: list[tuple[SharedGroup, Paragraph]],
    group_urls: GroupUrls,
    options: PagingOptions,
    links: CrossLinks,
    site_url: str,
) -> GeneratedPage:
    """A report's page; while serving, again only when its file, its notes or its links
    to other pages change."""
    notes = _notes_kept(article, shared, group_urls, options)
    key = (str(article.path), article.digest, tuple(sorted(notes.items())), links, site_url)
    return _REPORT_PAGES.get(
        key, lambda: lift_blocks(_render_report(article, notes, links, site_url))
    )


def _render_report(
    article: Article, notes: dict[int, str], links: CrossLinks, site_url: str
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
    content = render_template(
        "report.md",
        article=article,
        meta=meta,
        source=meta.source,
        archived=[(copy, archived_copy(copy)) for copy in meta.source.archived],
        published_iso=date.iso(),
        published_label=date_label,
        published_year=article.published.sort_date.year,
        outlet_url=relative_link(src, page_url(outlet_src(meta.source.outlet))),
        tag_urls={tag: relative_link(src, page_url(tag_src(tag))) for tag in meta.tags},
        body=mark_passages(article.body, passages, notes),
        events=sorted(
            zip(meta.events, links.events, strict=True),
            key=lambda pair: pair[0].date.sort_key() if pair[0].date else (9999, 0, 0),
        ),
        links=links,
        citation=citation_text(article, date_label, report_address(site_url, article)),
        citation_downloads=downloads,
    )
    return GeneratedPage(src, content, edit_path=f"articles/{article.path.name}", in_nav=False)
