"""The Jinja environment over templates/, its filters, and rendering with a server's memo."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Hashable, Iterable
from functools import cache
from operator import attrgetter
from typing import Any

import jinja2
from markupsafe import Markup, escape
from pydantic import BaseModel

from ..analyse.figures import say_figure
from ..dates import EdtfDate, PartialDate
from ..memo import Memo
from ..model import Article, Quote
from ..passages import passage_id
from ..templating import template_environment
from .links import ReportLinks
from .page import front_matter
from .words import say_attribution, say_dispute, say_origins, say_support, sentence_case


@cache  # the environment is a tool made once per process, as a compiled pattern is
def _templates() -> jinja2.Environment:
    env = template_environment(autoescape=True)
    env.filters["say_figure"] = say_figure
    env.filters["passage_id"] = passage_id
    env.filters["md"] = _markdown_text
    env.filters["support"] = say_support
    env.filters["sentence"] = sentence_case
    env.filters["attribution"] = say_attribution
    env.filters["origins"] = say_origins
    env.filters["dispute"] = say_dispute
    env.filters["quotation"] = _quotation
    env.filters["pagefind_value"] = _pagefind_value
    env.globals["front_matter"] = _front_matter
    return env


def _quotation(quote: Quote) -> Markup:
    """What a person said as the page shows it: their own words in quotation marks, or the
    report's account of them, marked as reported speech and never in quotation marks."""
    if quote.speech == "reported":
        return Markup('{} <span class="note">(reported speech)</span>').format(quote.text)
    return Markup("“{}”").format(quote.text)


def _pagefind_value(text: str) -> Markup:
    """A search filter's value for a data-pagefind-filter attribute, HTML-escaped three
    times. Pagefind 1.5 decodes it twice (lol_html reads the attribute decoded, then its
    normalize_content decodes entities again), and its UI writes filter values with
    innerHTML, which must then still get text, not markup (test_hostile_browser)."""
    return Markup(escape(str(escape(str(escape(text))))))


def _front_matter(title: str, description: str, **options: Any) -> Markup:
    """`front_matter` for a template: its values as plain text (a value made of markup,
    e.g. joined with `~` to an escaped one, is read back as the text it shows)."""

    def plain(value: str) -> str:
        return value.unescape() if isinstance(value, Markup) else str(value)

    return Markup(front_matter(plain(title), plain(description), **options))


_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>&])")


def _markdown_text(text: str) -> Markup:
    """A value for a Markdown context (a heading): shown as text, never as syntax.

    Markdown punctuation is backslash-escaped first; the HTML escape that follows cannot
    then be undone by Markdown, and no backslash lands inside an entity.
    """
    escaped = _MARKDOWN_PUNCTUATION.sub(r"\\\1", text)
    return Markup(escaped.replace("\\&", "&amp;").replace("\\<", "&lt;").replace("\\>", "&gt;"))


def rendered(memo: Memo | None, template: str, **context) -> str:
    """A template rendered; with a `memo`, as it last rendered what it is given now."""
    return made_from(memo, (template, context), lambda: render_template(template, **context))


def made_from(memo: Memo | None, inputs: tuple, make: Callable[[], str]) -> str:
    """What `make` makes of `inputs`, which must be all it reads; with a `memo`, as it last
    made it from the same inputs. For a page whose template is given much that is worked
    out of a few inputs (links, labels, dates): keyed by those, it is not worked out."""
    if memo is None:
        return make()
    return memo.get(fingerprint(inputs), make)


def render_template(template: str, **context) -> str:
    """A template rendered now."""
    return _templates().get_template(template).render(**context)


# Values that are their own key: hashable, and equal only when they say the same.
_VALUES = (str, int, float, bool, dt.date, EdtfDate, PartialDate, type(None))


def fingerprint(value: Any) -> Hashable:
    """What a template is given, as a key: a report stands for its file name and content
    (and who its names are), which determine everything derived from it; a front matter
    record for itself (_Loaded); other objects by their fields."""
    if isinstance(value, _VALUES):
        return value
    if isinstance(value, Article):
        return value.version
    if isinstance(value, BaseModel):
        return _Loaded(value)
    if isinstance(value, ReportLinks):
        return value.key
    if isinstance(value, list | tuple):
        return tuple(_parts(value))
    if isinstance(value, dict):
        return (dict, *value, *_parts(value.values()))
    if isinstance(value, set | frozenset):
        return frozenset(_parts(value))
    if not dataclasses.is_dataclass(value):
        raise TypeError(f"cannot fingerprint a {type(value).__name__} for a memo")
    names = type(value).__dataclass_fields__  # type: ignore[union-attr]
    return (
        type(value),
        *_parts(attrgetter(*names)(value) if len(names) > 1 else [getattr(value, *names)]),
    )


def _parts(values: Iterable[Any]) -> list[Hashable]:
    # Most parts are their own key, or a report: no call for them (a key has thousands).
    return [
        item
        if type(item) in _VALUES
        else item.version
        if type(item) is Article
        else fingerprint(item)
        for item in values
    ]


class _Loaded:
    """A front matter record as a key: the very object. Records never change once loaded,
    and an unchanged file is loaded as the same objects (the load memo), so this is exact,
    and far cheaper than their fields. The key holds the record: its id is no other's
    while the key lives."""

    __slots__ = ("record",)

    def __init__(self, record: BaseModel) -> None:
        self.record = record

    def __hash__(self) -> int:
        return id(self.record)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Loaded) and other.record is self.record
