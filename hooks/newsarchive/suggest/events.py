"""Events: what a sentence says happened at a date it gives, and the key of the same
event where the archive already tells it (so that the timeline merges them).

An event of the archive is the same one when its date agrees (equal, or one within the
other) and its passage shares most of its content words with the suggestion's; an
undated event of the archive is looked for the same way, by its words alone.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from ..model import Article, EdtfDate, PartialDate
from .dates import DateMention, date_mentions
from .figures import COUNTED_WORDS
from .numbers import quantities
from .text import Clauses, Piece, around, trimmed, words

__all__ = ["EventSuggestion", "KnownEvent", "event_suggestions", "known_events"]

_SHORT_CLAUSE = 6  # words: "In April 2017" introduces the clause that follows it
_SAME_WORDS = 0.5  # share of the smaller passage's content words that both passages use
_SHARED_DATED, _SHARED_UNDATED = 2, 4  # and at least so many (words alone need more)
_STOPWORDS = set(
    "a an and are as at be been being but by for from had has have he her his in into is it "
    "its of on or she that the their them they this to was were which who will with would "
    "after before since when while also about than then there these those not no only".split()
)


@dataclass
class KnownEvent:
    """An event key of the archive: its date, its passages' words, the reports using it."""

    key: str
    date: EdtfDate | None
    words: set[str] = field(default_factory=set)
    reports: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class EventSuggestion:
    date: PartialDate | None
    date_basis: str | None
    summary: str
    passage: Piece
    key: str | None
    why: str


def _stem(word: str) -> str:
    """A crude English stem, enough to compare passages: "administrators" and
    "administrator", "follows" and "following" are one word."""
    word = re.sub(r"[’']s$", "", word)
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _content(text: str) -> set[str]:
    return {_stem(word) for word in words(text) if word not in _STOPWORDS and len(word) > 2}


def known_events(articles: list[Article]) -> list[KnownEvent]:
    """The archive's event keys, each with its date and words."""
    known: dict[str, KnownEvent] = {}
    for article in articles:
        for event in article.meta.events:
            if not event.key:
                continue
            entry = known.setdefault(event.key, KnownEvent(event.key, event.date))
            entry.words |= _content(event.quote) | _content(event.summary)
            if article.slug not in entry.reports:
                entry.reports.append(article.slug)
    return list(known.values())


def _dates_agree(a: PartialDate | None, b: EdtfDate | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return EdtfDate.parse(a.iso()).overlaps(b)


def _matching_key(
    date: PartialDate | None, passage: str, known: list[KnownEvent]
) -> tuple[KnownEvent, float] | None:
    ours = _content(passage)
    best: tuple[KnownEvent, float] | None = None
    for event in known:
        if not _dates_agree(date, event.date) or not ours or not event.words:
            continue
        shared = len(ours & event.words)
        share = shared / min(len(ours), len(event.words))
        enough = shared >= (_SHARED_UNDATED if date is None else _SHARED_DATED)
        if enough and share >= _SAME_WORDS and (best is None or share > best[1]):
            best = (event, share)
    return best


def _event_passage(sentence: Piece, body: str, parts: Clauses, mention: DateMention) -> Piece:
    """The clause that gives the date, with its neighbour when it is only an introduction
    ("In April 2017, ..." or "..., back in 2017"); at most _REACH characters each side of
    the date (text.around)."""
    start = sentence.start + mention.start
    index = parts.index_at(start)
    clause = parts.parts
    first = last = index
    if len(clause[index].text.split()) < _SHORT_CLAUSE:
        if index + 1 < len(clause) and clause[index].start <= start <= clause[index].start + 3:
            last = index + 1
        elif index > 0:
            first = index - 1
        elif index + 1 < len(clause):
            last = index + 1
    end = sentence.start + mention.end
    return around(body, clause[first].start, clause[last].end, start, end)


def _used_by(event: KnownEvent) -> str:
    """The reports that use an event's key, the first three named."""
    more = len(event.reports) - 3
    return ", ".join(event.reports[:3]) + (f" and {more} more" if more > 0 else "")


def _summary(passage: str) -> str:
    text = passage.strip().rstrip(".")
    return text[:1].upper() + text[1:]


def _undated(body: str, parts: list[Piece], known: list[KnownEvent]) -> Iterator[EventSuggestion]:
    """The undated events of the archive that a run of clauses of the sentence tells."""
    runs = [(i, j) for i in range(len(parts)) for j in range(i, min(i + 3, len(parts)))]
    best: dict[str, tuple[float, int, int]] = {}
    for i, j in runs:
        text = body[parts[i].start : parts[j].end]
        match = _matching_key(None, text, known)
        if match and (match[0].key not in best or match[1] > best[match[0].key][0]):
            best[match[0].key] = (match[1], i, j)
    for event in known:
        if event.key in best:
            share, i, j = best[event.key]
            passage = trimmed(body, parts[i].start, parts[j].end)
            why = (
                f"tells the undated event '{event.key}' of {_used_by(event)} "
                f"({share:.0%} of the words)"
            )
            yield EventSuggestion(None, None, _summary(passage.text), passage, event.key, why)


def _dated(mention: DateMention, passage: Piece, known: list[KnownEvent]) -> EventSuggestion:
    why = f"the date '{mention.said}'"
    match = _matching_key(mention.date, passage.text, known)
    key = None
    if match:
        key = match[0].key
        why += f"; key of the same event in {_used_by(match[0])}"
    return EventSuggestion(mention.date, mention.basis, _summary(passage.text), passage, key, why)


def event_suggestions(
    body: str,
    sentences: list[Piece],
    published: tuple[dt.date, dt.date] | None,
    known: list[KnownEvent],
) -> list[EventSuggestion]:
    """Every dated event the sentences tell (a clause of the same sentence that tells of
    people killed, detained... takes the sentence's date), and the undated events of the
    archive that a sentence tells."""
    first, last = published if published else (None, None)
    undated = [event for event in known if event.date is None]
    found: list[EventSuggestion] = []
    for sentence in sentences:
        mentions = date_mentions(sentence.text, first, last)
        parts = Clauses.of(sentence, body)
        taken: list[Piece] = []
        for mention in mentions:
            passage = _event_passage(sentence, body, parts, mention)
            taken.append(passage)
            found.append(_dated(mention, passage, known))
        if len(mentions) == 1:
            for clause in parts.parts:
                inside = any(p.start <= clause.start < p.end for p in taken)
                counts = any(q.kind == "count" for q in quantities(clause.text))
                if not inside and counts and COUNTED_WORDS.search(clause.text):
                    event = _dated(mentions[0], trimmed(body, clause.start, clause.end), known)
                    found.append(replace(event, why=event.why + " (the date of its sentence)"))
        if undated:
            found += _undated(body, parts.parts, undated)
    return found
