"""Authority records: the archive's named things, each with an id, a display name and the
other names the reports give it (in any script), kept in `records.yml` beside mkdocs.yml.

Front matter names a thing by its id or by any of its names; the check resolves each one
(load/names.py), so that counts are by record, never by spelling: "LGBT Network" and
"Russian LGBT Network" are one primary source once the record lists both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Annotated, Literal

from anyascii import anyascii
from pydantic import Field
from rapidfuzz import fuzz, process

from .model import EdtfDateField, Key, Text, _Strict

__all__ = ["KINDS", "RECORDS_FILE", "Found", "Record", "Records", "RecordsFile", "fold_name"]

RECORDS_FILE = "records.yml"
HONORIFICS = {"sir", "dame", "dr", "mr", "mrs", "ms", "prof", "professor", "lord", "lady"}
# How alike two folded names must be (rapidfuzz WRatio, 0-100) to be called close: "LGBT
# Network" to "Russian LGBT Network" is 90, "Alvi Karimow" to "Alvi Karimov" 92, "Jeremy
# Hunt" to "Alan Duncan" 35.
CLOSE = 86
# A word that many names share ("news", "ministry") says nothing of which one is meant:
# names are not compared through it, so a look-up costs a bounded number of comparisons.
MAX_SHARING = 50
Kind = Literal["organisations", "people", "outlets", "events", "periods"]
KINDS: tuple[Kind, ...] = ("organisations", "people", "outlets", "events", "periods")


_NAME_WORD = re.compile(r"[a-z0-9]+")


def fold_name(name: str) -> str:
    """A name as compared: no case, accents, punctuation, honorifics or leading "the";
    other scripts transliterated, so a Cyrillic and a Latin spelling can meet."""
    ascii_name = anyascii(name)  # Игорь Кочетков -> Igor' Kochetkov
    words = [w for w in _NAME_WORD.findall(ascii_name.lower()) if w not in HONORIFICS]
    return " ".join(words[1:] if words[:1] == ["the"] and len(words) > 1 else words)


def _telling_words(folded: str) -> set[str]:
    """The words of a name that can tell which record is meant: not numbers, which a
    period "2017" shares with "2017 purge" without being it."""
    return {word for word in folded.split() if not word.isdigit()}


class Record(_Strict):
    """One named thing: an organisation, a person, an outlet, an event or a period."""

    id: Key = Field(description="Lower-case words joined by -, used in front matter.")
    name: Text = Field(description="The name the site shows.")
    aliases: list[Text] = Field(
        [], description="Every other name the reports give it, in any script."
    )
    wikidata: Annotated[str, Field(pattern=r"^Q[1-9][0-9]*$", strict=True)] | None = Field(
        None, description="Its Wikidata id (Q...), when known; never guessed."
    )
    date: EdtfDateField | None = Field(
        None, description="For events and periods: when, in EDTF, as the editors know it."
    )
    note: Text | None = Field(
        None,
        description=(
            "Editors' note. For an event that joins reports telling it in different words, "
            "why the editors take them as one event (shown on its timeline entry)."
        ),
    )


class RecordsFile(_Strict):
    """The records file: one list per kind."""

    organisations: list[Record] = []
    people: list[Record] = []
    outlets: list[Record] = []
    events: list[Record] = []
    periods: list[Record] = []


@dataclass(frozen=True)
class Found:
    """What a name resolves to: its record, and the kind of record it is."""

    kind: Kind
    record: Record


@dataclass
class Records:
    """The archive's records, looked up by id or by any folded name."""

    by_kind: dict[Kind, list[Record]] = field(default_factory=dict)
    _names: dict[tuple[Kind, str], Record] = field(default_factory=dict)
    # (kind, word) -> the folded names holding it: a close name shares a word with the
    # name it is close to, so only those are compared, not every record.
    _words: dict[tuple[Kind, str], list[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, records: RecordsFile) -> tuple[Records, list[tuple[tuple, str]]]:
        """The records, and every name two records share, as (field, problem)."""
        found = cls({kind: getattr(records, kind) for kind in KINDS})
        clashes = []
        for kind in KINDS:
            for index, record in enumerate(found.by_kind[kind]):
                for name in (record.id.replace("-", " "), record.name, *record.aliases):
                    other = found._names.setdefault((kind, fold_name(name)), record)
                    if other is not record:
                        clashes.append(
                            (
                                (kind, index),
                                f"'{name}' names both {other.id} and {record.id}; keep it "
                                "on one record (two records are two different things)",
                            )
                        )
                found._names.setdefault((kind, record.id), record)
        for kind, folded in found._names:
            for word in _telling_words(folded):
                found._words.setdefault((kind, word), []).append(folded)
        return found, clashes

    def key(self, found: Found) -> tuple[str, str, str | None]:
        """A record as counted: its kind and id, the name the site shows, its note."""
        return (f"{found.kind}/{found.record.id}", found.record.name, found.record.note)

    def resolve(self, kinds: tuple[Kind, ...], name: str) -> Found | None:
        """The record `name` is the id or a name of, in the first of `kinds` that has one."""
        for kind in kinds:
            record = self._names.get((kind, name)) or self._names.get((kind, fold_name(name)))
            if record is not None:
                return Found(kind, record)
        return None

    def closest(self, kinds: tuple[Kind, ...], name: str) -> Found | None:
        """The record whose name is close to `name` (a likely other spelling), if any."""
        folded = fold_name(name)
        choices: dict[tuple[Kind, str], str] = {}
        for kind in kinds:
            for word in _telling_words(folded):
                sharing = self._words.get((kind, word), ())
                if len(sharing) <= MAX_SHARING:
                    choices.update(((kind, other), other) for other in sharing)
        if not choices:
            return None
        best = process.extractOne(folded, choices, scorer=fuzz.WRatio, score_cutoff=CLOSE)
        if best is None:
            return None
        key = best[2]
        return Found(key[0], self._names[key])

    def all(self) -> list[Found]:
        """Every record, kind by kind, in the file's order."""
        return [Found(kind, record) for kind in KINDS for record in self.by_kind.get(kind, [])]
