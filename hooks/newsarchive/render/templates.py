"""The Jinja environment over templates/, its filters, and rendering with the serve cache."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Hashable
from functools import cache
from typing import Any

import jinja2
from markupsafe import Markup, escape
from pydantic import BaseModel

from ..analyse.archive import ANALYSIS_RESULTS
from ..analyse.figures import say_figure
from ..cache import BuildCache
from ..cache import enabled as caching
from ..model import Article, Quote
from ..passages import passage_id
from ..templating import template_environment
from .links import ReportLinks
from .page import front_matter
from .words import say_attribution, say_dispute, say_origins, say_support, sentence_case


@cache
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


def render_cached(template: str, **context) -> str:
    """A template rendered; while serving, again only when what it is given changes."""
    if template != "shared_note.html" and caching():  # notes are small and many
        key = (template, fingerprint(context))
        return PAGE_CACHE.get(key, lambda: render_template(template, **context))
    return render_template(template, **context)


def render_template(template: str, **context) -> str:
    """A template rendered now, without the cache."""
    return _templates().get_template(template).render(**context)


# While serving, a page is rendered again only when what its template is given changes.
PAGE_CACHE: BuildCache[str] = BuildCache()
_FIELDS: dict[type, tuple[str, ...]] = {}


def fingerprint(value: Any) -> Hashable:
    """What a template is given, as a key: a report stands for its file name and content,
    which determine everything derived from it; other objects by their fields."""
    if value is None or isinstance(value, str | int | float | dt.date):
        return value
    if isinstance(value, Article):
        return (value.slug, value.digest)
    if isinstance(value, ReportLinks):
        return value.key
    if isinstance(value, _SETTLED):
        # Front matter records, the analysis's objects and kept items never change once
        # made, and outlive a build while serving (unchanged files are not parsed again,
        # unchanged analysis is reused): remember each one's key. The entry holds the
        # object, so its id cannot be taken by another object while the entry exists.
        settled, key = _SETTLED_KEYS.get(id(value), lambda: (value, _settled_key(value)))
        return key if settled is value else _settled_key(value)
    if isinstance(value, list | tuple):
        return tuple(fingerprint(item) for item in value)
    if isinstance(value, dict):
        return tuple((key, fingerprint(item)) for key, item in value.items())
    if isinstance(value, set | frozenset):
        return frozenset(fingerprint(item) for item in value)
    return _fields_key(value)


class Kept(tuple):
    """Items a page is given, made once and kept while serving, never changed: keyed once
    (like the analysis's objects), not item by item on every rebuild."""

    __slots__ = ()


def _settled_key(value: Any) -> Hashable:
    if isinstance(value, Kept):
        return tuple(fingerprint(item) for item in value)
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
    return (kind.__name__, *(fingerprint(getattr(value, name)) for name in _FIELDS[kind]))


_SETTLED = (BaseModel, Kept, *ANALYSIS_RESULTS)
_SETTLED_KEYS: BuildCache[tuple[Any, Hashable]] = BuildCache()
