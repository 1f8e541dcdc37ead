"""`newsarchive suggest`: the figures, events and quotes a report's text states, in the
shape of the front matter, each with why it was suggested. Deterministic and offline:
rules over the text, and the archive's own keys and people.

Every suggested passage is a slice of the body, so the check finds it verbatim.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from ..analyse.people import fold_name
from ..model import Article, EdtfDate
from .events import EventSuggestion, event_suggestions, known_events
from .figures import FigureSuggestion, figure_suggestions
from .quotes import Quotation, quotations, reported_speech
from .text import paragraphs, sentences

__all__ = ["Suggestion", "Suggestions", "item_lines", "suggest", "suggestions_yaml"]


@dataclass(frozen=True)
class Suggestion:
    """One front matter item (as a dict in the front matter's shape) and why."""

    item: dict[str, Any]
    why: str


@dataclass(frozen=True)
class Suggestions:
    figures: list[Suggestion]
    events: list[Suggestion]
    quotes: list[Suggestion]

    def kinds(self) -> dict[str, list[Suggestion]]:
        return {"figures": self.figures, "events": self.events, "quotes": self.quotes}


def _publication_window(metadata: dict) -> tuple[dt.date, dt.date] | None:
    """The publication day or window the front matter gives, if it gives a usable one."""
    published = (metadata.get("source") or {}).get("published") or {}
    try:
        when = EdtfDate.parse(published.get("date"))
        first, last = when.earliest(), when.latest()
        if first is None or last is None:
            return None
        return first, last
    except (ValueError, TypeError, AttributeError):
        return None


def _figure_item(figure: FigureSuggestion) -> dict[str, Any]:
    item: dict[str, Any] = {"label": figure.label}
    if figure.value is not None:
        item["value"] = figure.value
    if figure.value_max is not None:
        item["value_max"] = figure.value_max
    item["qualifier"] = figure.qualifier
    item["unit"] = figure.unit
    if figure.stance != "states":
        item["stance"] = figure.stance
    item["attributed_to"] = figure.attributed_to
    item["quote"] = figure.passage.text
    return item


def _event_item(event: EventSuggestion) -> dict[str, Any]:
    item: dict[str, Any] = {"date": event.date.iso() if event.date else None}
    if event.date_basis:
        item["date_basis"] = event.date_basis
    item["summary"] = event.summary
    item["quote"] = event.passage.text
    if event.key:
        item["key"] = event.key
    return item


def _known_people(archive: list[Article]) -> dict[str, tuple[str, str, int]]:
    """Folded name (and folded surname) -> the archive's spelling, commonest role, reports."""
    roles: dict[str, Counter] = {}
    spellings: dict[str, Counter] = {}
    reports: dict[str, set[str]] = {}
    for article in archive:
        for quote in article.meta.quotes:
            if quote.name:
                key = fold_name(quote.name)
                roles.setdefault(key, Counter())[quote.role] += 1
                spellings.setdefault(key, Counter())[quote.name] += 1
                reports.setdefault(key, set()).add(article.slug)
    known = {}
    for key in roles:
        entry = (
            spellings[key].most_common(1)[0][0],
            roles[key].most_common(1)[0][0],
            len(reports[key]),
        )
        known[key] = entry
        known.setdefault(f"surname:{key.split()[-1]}", entry)
    return known


def _quote_item(
    quotation: Quotation, known: dict[str, tuple[str, str, int]]
) -> tuple[dict[str, Any], str]:
    name, role, why = quotation.name, quotation.role, quotation.why
    if name:
        folded = fold_name(name)
        entry = known.get(folded) or (known.get(f"surname:{folded}") if " " not in folded else None)
        if entry:
            spelling, known_role, count = entry
            why += f"; known to the archive as {spelling} ({known_role}) in {count} report(s)"
            name, role = spelling, role or known_role
    item: dict[str, Any] = {
        "name": name,
        "role": role or "TODO: who they are, as the report says",
        "text": quotation.words.text,
    }
    if quotation.speech != "direct":
        item["speech"] = quotation.speech
    return item, why


def suggest(path: Path, archive: list[Article]) -> Suggestions:
    """What the article at `path` states, suggested in its front matter's shape; `archive`
    holds the other articles (their event keys and people)."""
    post = frontmatter.load(str(path))
    body = post.content
    pieces = sentences(body)
    quotes = quotations(body, paragraphs(body))
    speech = reported_speech(body, pieces)
    window = _publication_window(post.metadata)
    others = [article for article in archive if article.path.resolve() != path.resolve()]
    known = _known_people(others)
    quote_items = [
        _quote_item(q, known) for q in sorted(quotes + speech, key=lambda q: q.words.start)
    ]
    return Suggestions(
        figures=[
            Suggestion(_figure_item(f), f.why) for f in figure_suggestions(body, pieces, quotes)
        ],
        events=[
            Suggestion(_event_item(e), e.why)
            for e in event_suggestions(body, pieces, window, known_events(others))
        ],
        quotes=[Suggestion(item, why) for item, why in quote_items],
    )


def item_lines(item: dict[str, Any]) -> list[str]:
    """One front matter list item as YAML lines ("- label: ...", "  value: 40")."""
    text = yaml.safe_dump([item], allow_unicode=True, sort_keys=False, width=1000)
    return text.rstrip("\n").split("\n")


def suggestions_yaml(suggestions: Suggestions) -> str:
    """A YAML document in the front matter's shape, a comment above each item saying why."""
    lines: list[str] = []
    for kind, items in suggestions.kinds().items():
        if not items:
            lines.append(f"{kind}: []")
            continue
        lines.append(f"{kind}:")
        for suggestion in items:
            lines.append(f"  # why: {suggestion.why}")
            lines += [f"  {line}" for line in item_lines(suggestion.item)]
    return "\n".join(lines) + "\n"
