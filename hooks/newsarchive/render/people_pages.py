"""People quoted: the index (split by initial letter when long), a page per person, and
the quotes of unnamed sources."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..analyse.archive import Archive
from ..analyse.people import Person, QuoteRef
from ..analyse.timeline import publication_date
from ..memo import Memo
from ..passages import passage_id
from ..slugs import distinct_slugs
from .page import GeneratedPage
from .paging import PagingOptions, paged, paged_by_year
from .templates import made_from, render_template, rendered
from .urls import page_url, relative_link, report_src, slugify
from .words import publication_label


def person_srcs(archive: Archive) -> list[str]:
    """A page per person, by the slug of their `person` key, else of the spelling most
    reports use; people whose slugs are alike (or one of the people index's own pages) get
    a digest of who they are (slugs.distinct_slugs), so that no page is another's."""
    wanted = [(_person_slug(person), person.key) for person in archive.people]
    by_key = {person.key: person for person in archive.people}
    slugs = distinct_slugs(wanted, _TAKEN, what=lambda key: _who(by_key[key]))
    return [f"people/{slug}.md" for slug in slugs]


def _person_slug(person: Person) -> str:
    if person.confirmed:
        # An editor's key, or a record's "people/<id>": the id names the page.
        return slugify(person.key.removeprefix("key:").split("/")[-1])
    return slugify(person.spellings[0])


def _who(person: Person) -> str:
    """A person as a collision message names them: spelling, key and the reports' files."""
    files = ", ".join(str(article.path) for article in person.articles[:3])
    return f"'{person.spellings[0]}' ({person.key}, quoted in {files})"


def _quote_items(refs: list[QuoteRef], from_src: str) -> list[dict]:
    """What a page shows of each quote."""
    items = []
    for ref in refs:
        date, label = publication_date(ref.article), publication_label(ref.article)
        anchor = "#" + passage_id(ref.quote.text)
        items.append(
            {
                "ref": ref,
                "url": relative_link(from_src, page_url(report_src(ref.article)) + anchor),
                "date_iso": date.iso(),
                "date_label": label,
            }
        )
    return items


def people_pages(
    archive: Archive, options: PagingOptions, memo: Memo | None = None
) -> list[GeneratedPage]:
    """The people index, a page per person, and the unnamed sources' quotes."""
    srcs = dict(zip((id(p) for p in archive.people), person_srcs(archive), strict=True))
    index: dict[str, Any] = {"unnamed": [], "unnamed_url": None, "letter": None, "around": None}
    pages = []
    if not options.splits(archive.unnamed):
        index["unnamed"] = _quote_items(archive.unnamed, "people/index.md")
    else:  # a page (split by year) of their own
        pages += _quote_pages(
            memo, "people/unnamed.md", archive.unnamed, "unnamed.html", "unnamed", options
        )
        index["unnamed_url"] = relative_link("people/index.md", page_url("people/unnamed.md"))
        index["unnamed_count"] = len(archive.unnamed)

    def listed(people: list, from_src: str) -> list:
        """What the index shows of each person, with a link to their page."""
        return [(_Listed.of(p), relative_link(from_src, page_url(srcs[id(p)]))) for p in people]

    def index_page(people: list, letters: list | None) -> str:
        return rendered(memo, "people.html", people=people, letters=letters, **index)

    pages[:0] = paged(
        "people/index.md",
        archive.people,
        options,
        part_of=_initial,
        one_page=lambda: index_page(listed(archive.people, "people/index.md"), None),
        index_page=lambda letters: index_page([], letters),
        part_page=lambda part: rendered(
            memo,
            "people.html",
            people=listed(part.items, part.src),
            letters=None,
            letter=part.key,
            around=part.around,
            unnamed=[],
            unnamed_url=None,
        ),
        name=_letter_name,
        index_label="All names",
        folder=f"people/{PEOPLE_BY_NAME}",
        in_nav=True,
    )
    for person in archive.people:
        pages += _quote_pages(
            memo, srcs[id(person)], person.quotes, "person.html", "quotes", options, person=person
        )
    return pages


@dataclass(frozen=True)
class _Listed:
    """What the people index shows of a person: the same after an edit that changes only
    other things of a report quoting them (so the index is not rendered again)."""

    name: str
    is_variant: bool
    confirmed: bool
    roles: tuple[str, ...]
    quote_count: int
    report_count: int

    @classmethod
    def of(cls, person: Person) -> _Listed:
        return cls(
            person.name,
            person.is_variant,
            person.confirmed,
            tuple(person.roles),
            len(person.quotes),
            len(person.articles),
        )


PEOPLE_BY_NAME = "by-name"  # the folder of the people index's letter pages

# Slugs of the people index, the unnamed sources' page and the letter pages' folder.
_TAKEN = frozenset({"index", "unnamed", PEOPLE_BY_NAME})


_NOT_A_LETTER = "Other"  # names that start with a digit or a sign


def _initial(person: Person) -> str:
    first = person.name[:1].upper()
    return first if first.isalpha() else _NOT_A_LETTER


def _letter_name(letter: str) -> str:
    if letter == _NOT_A_LETTER:
        return "other"
    return letter.lower() if letter.isascii() else f"u{ord(letter):04x}"


def _quote_pages(
    memo: Memo | None,
    src: str,
    refs: list,
    template: str,
    items: str,
    options: PagingOptions,
    **context,
) -> list[GeneratedPage]:
    """A page of quotes (`items` names them in the template), or when long an index of
    years and a page per year of the reports' publication."""

    def page(found: list, page_src: str, **where: object) -> str:
        return made_from(
            memo,
            (template, items, found, page_src, where, context),
            lambda: render_template(
                template, **{items: _quote_items(found, page_src)}, **where, **context
            ),
        )

    return paged_by_year(src, refs, options, page)
