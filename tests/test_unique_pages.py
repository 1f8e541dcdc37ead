"""Pages and rows that cannot be one another's (issue #35, class 8): two people, two figure
rows or a person and one of the people index's own pages never share a page or an id,
whatever names, keys and periods the articles give."""

from __future__ import annotations

import pytest

from conftest import make_article
from newsarchive import slugs
from newsarchive.analyse.archive import analyse
from newsarchive.render import render_pages
from newsarchive.render.figure_pages import figure_row_ids
from newsarchive.render.people_pages import person_srcs
from newsarchive.slugs import slugify


def _quote(name: str, text: str, person: str | None = None) -> dict:
    quote = {"name": name, "role": "witness", "text": text}
    return quote | ({"person": person} if person else {})


def _text(page) -> str:
    """A generated page's front matter and finished HTML."""
    return page.content + (page.html or "")


def _people_archive():
    body = "one two three four five six"
    return analyse(
        [
            make_article("a", body=body, quotes=[_quote("Alvi Karimov", "one", "alvi-karimov-a")]),
            make_article("b", body=body, quotes=[_quote("Alvi Karimov", "two", "alvi-karimov-b")]),
            make_article("c", body=body, quotes=[_quote("Alvi Karimov 2", "three")]),
            make_article("d", body=body, quotes=[_quote("Alvi Karimov", "four")]),
            make_article("e", body=body, quotes=[_quote("Unnamed", "five")]),
            make_article("f", body=body, quotes=[_quote("Unnamed 2", "six")]),
        ]
    )


def test_every_person_has_a_page_of_their_own():
    archive = _people_archive()
    srcs = person_srcs(archive)
    assert len(archive.people) == 6
    assert len(set(srcs)) == len(srcs), srcs
    by_src = dict(zip(srcs, archive.people, strict=True))
    # A person with a key is at the page of that key; the others keep their name's page
    # unless another person (or one of the index's own pages) wants it.
    assert by_src["people/alvi-karimov-a.md"].key == "key:alvi-karimov-a"
    assert by_src["people/alvi-karimov-b.md"].key == "key:alvi-karimov-b"
    assert by_src["people/alvi-karimov-2.md"].spellings == ["Alvi Karimov 2"]
    assert by_src["people/alvi-karimov.md"].key == "alvi karimov"
    # The unnamed sources' page is not a person's: "Unnamed" gets a digest; "Unnamed 2",
    # that no one else wants, keeps its name.
    assert "people/unnamed.md" not in srcs and "people/unnamed-2.md" in srcs
    (suffixed,) = [src for src in srcs if "--" in src]
    assert suffixed.startswith("people/unnamed--")


def test_no_generated_page_is_written_twice_and_each_shows_its_own_quotes():
    archive = _people_archive()
    pages = render_pages(archive)
    names = [page.src_uri for page in pages]
    assert len(set(names)) == len(names), sorted(n for n in names if names.count(n) > 1)
    content = {page.src_uri: _text(page) for page in pages}
    for src, person in zip(person_srcs(archive), archive.people, strict=True):
        (ref,) = person.quotes
        others = {q.quote.text for p in archive.people for q in p.quotes} - {ref.quote.text}
        assert ref.quote.text in content[src]
        assert not any(f"“{text}”" in content[src] for text in others)


def test_a_suffix_is_one_no_name_can_spell():
    from newsarchive.slugs import distinct_slugs

    # The suffix is "--" and a digest: slugify never writes two dashes, so a name that
    # copies a suffix ("Alvi Karimov--<digest>") lands elsewhere.
    (first, second) = distinct_slugs([("alvi-karimov", "x"), ("alvi-karimov", "y")])
    assert first != second and first.startswith("alvi-karimov--")
    copied = slugify(first.replace("-", " "))
    assert "--" not in copied and copied not in {first, second}


def test_two_periods_that_differ_by_a_full_stop_are_two_rows_with_two_ids():
    def figure(period: str | None, unit: str = "people") -> dict:
        return {
            "label": "deaths",
            "value": 2,
            "qualifier": "exactly",
            "unit": unit,
            "period": period,
            "attributed_to": "x",
            "quote": "q",
        }

    archive = analyse(
        [
            make_article("a", figures=[figure("2017 purge")]),
            make_article("b", figures=[figure("2017 purge.")]),
            make_article("c", figures=[figure(None), figure("any")]),
            make_article("d", figures=[figure("2017", "purge"), figure("2018 crackdown")]),
        ]
    )
    ids = figure_row_ids(archive)
    assert len(archive.figures) == 6
    assert len(set(ids)) == len(ids), ids
    assert "figure-deaths-2018-crackdown" in ids  # a row no other wants keeps its id
    figures = next(page for page in render_pages(archive) if page.src_uri == "figures.md")
    for row_id in ids:
        assert _text(figures).count(f'id="{row_id}"') == 1


def test_a_collision_that_remains_is_an_error_naming_both(monkeypatch):
    from newsarchive.slugs import SlugCollision, distinct_slugs

    class Alike:
        def __init__(self, _: bytes):
            pass

        def hexdigest(self) -> str:
            return "0" * 64

    monkeypatch.setattr(slugs.hashlib, "sha256", Alike)
    with pytest.raises(SlugCollision, match="'a' and 'b' would share the page x--0000000000"):
        distinct_slugs([("x", "a"), ("x", "b")])
