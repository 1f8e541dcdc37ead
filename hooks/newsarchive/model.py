"""The typed records of the archive: front matter schema and the loaded Article.

The pydantic models are the single definition of the front matter: the validator uses them,
and `newsarchive schema` exports them as the JSON Schema that editors' tools read.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from .dates import EARLIEST_YEAR, EDTF_PATTERN, EdtfDate, PartialDate, edtf_examples
from .paragraphs import Paragraph, paragraphs_of
from .passages import PassageFinder

__all__ = [
    "EdtfDate",
    "Article",
    "Event",
    "Figure",
    "FrontMatter",
    "PartialDate",
    "Published",
    "Qualifier",
    "Quote",
    "Source",
    "TitleSource",
    "Stance",
    "UNATTRIBUTED",
    "VAGUE_QUALIFIERS",
]

_WEB_ADDRESS = re.compile(r"^https?://[^\s/\"'<>]+\.[^\s\"'<>]+$")
EdtfDateField = Annotated[
    EdtfDate,
    BeforeValidator(EdtfDate.parse),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": EDTF_PATTERN},
                {"type": "integer", "minimum": EARLIEST_YEAR},
            ],
            "description": "An EDTF date: " + edtf_examples() + ".",
        }
    ),
]


def _exact_date(value: object) -> dt.date:
    date = PartialDate.parse(value)
    if date.precision != "day":
        raise ValueError("give the full day, YYYY-MM-DD")
    return date.earliest()


DayField = Annotated[
    dt.date,
    BeforeValidator(_exact_date),
    WithJsonSchema({"type": "string", "format": "date"}),
]

# A report's topics; each one is a page of its own.
MAX_TAGS = 20
# Every character Python's str.splitlines breaks a line at.
_LINE_BREAK = re.compile("[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")


def _one_line(value: str) -> str:
    """A front matter value is one line of plain text: a line break in it would end the
    HTML block it is shown in, and a line of a citation or data record."""
    if found := _LINE_BREAK.search(value):
        raise ValueError(
            f"the value holds a line break (U+{ord(found[0]):04X}); write it on one line "
            "(for a long value in YAML, use '>-' and indented lines, which join into one)"
        )
    return value


Text = Annotated[str, Field(min_length=1, strict=True), AfterValidator(_one_line)]
# An editor's matching key: lower-case words joined by -, like kadyrov-deadline-2017.
Key = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", strict=True)]


class _Strict(BaseModel):
    """Base of every front matter record: unknown keys and type coercion are errors."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# headline: the outlet's own; url-slug: rebuilt from the URL's words; editorial: ours.
TitleSource = Literal["headline", "url-slug", "editorial"]

# "unqualified": a bare number; the text says neither "exactly" nor "around". "between"
# takes value and value_max; the vague ones ("dozens") take no number at all.
Qualifier = Literal[
    "exactly", "unqualified", "around", "at least", "more than", "at most", "up to",
    "between", "several", "dozens", "hundreds", "thousands",
]  # fmt: skip
VAGUE_QUALIFIERS = frozenset({"several", "dozens", "hundreds", "thousands"})
# "states": the speaker gives the figure; "denies": the speaker disputes it ("if even a
# single person were arrested, let alone 40").
Stance = Literal["states", "denies"]


class Published(_Strict):
    """When the report came out: the day if known, otherwise the window it must lie in."""

    when: EdtfDateField = Field(
        alias="date",
        description=(
            "The day (2019-01-14) or, when the day is not known, the window it lies in as an "
            "EDTF interval (2019-01-16/2019-01-20) or month (2019-01)."
        ),
    )
    basis: Text | None = Field(
        None, description="How the date or window is known. Required when the day is not."
    )

    @model_validator(mode="before")
    @classmethod
    def _window_in_one_value(cls, value: object) -> object:
        # Until December 2026 a window was written as date: null, not_before, not_after.
        if isinstance(value, dict) and ("not_before" in value or "not_after" in value):
            first, last = value.get("not_before"), value.get("not_after")
            raise ValueError(
                "not_before and not_after are now one EDTF interval: replace the three lines "
                f"date, not_before and not_after with 'date: {first}/{last}' (or run "
                "`newsarchive migrate`, which rewrites every file that needs it)"
            )
        if isinstance(value, dict) and value.get("date", "") is None:
            raise ValueError(
                "date is null: give the day the report came out, or the window it lies in "
                "as an EDTF interval (date: 2019-01-16/2019-01-20) with basis saying how "
                "you know it"
            )
        return value

    @model_validator(mode="after")
    def _window_is_known(self) -> Published:
        when = self.when
        if when.start is None or when.end is None or when.qualified:
            raise ValueError(
                f"publication date {when} must be a day or a window with two known ends "
                "(like 2019-01-16/2019-01-20); say what is uncertain in basis"
            )
        if not self.exact and self.basis is None:
            raise ValueError(
                "the exact day is not given, so add basis: how you know the window the "
                "report came out in"
            )
        return self

    # Worked out once per loaded record: every list, page and table asks again.
    @cached_property
    def exact(self) -> bool:
        """Whether the exact day is known."""
        return self.when.precision == "day"

    @cached_property
    def date(self) -> dt.date | None:
        """The exact day, when known."""
        return self.when.earliest() if self.exact else None

    @cached_property
    def precisely(self) -> PartialDate:
        """The publication as precisely as known: its day, or the month or year its
        window lies in."""
        if self.date is not None:
            return PartialDate.parse(self.date)
        first, last = self.not_before, self.not_after
        if first == last:
            return PartialDate.parse(first)
        same_month = (first.year, first.month) == (last.year, last.month)
        return PartialDate(first.year, first.month) if same_month else PartialDate(first.year)

    @cached_property
    def not_before(self) -> dt.date:
        """The first day the report can have come out."""
        return self.when.earliest()  # type: ignore[return-value]  # both ends known

    @cached_property
    def not_after(self) -> dt.date:
        """The last day the report can have come out."""
        return self.when.latest()  # type: ignore[return-value]

    @cached_property
    def sort_date(self) -> dt.date:
        """The day to sort by: the exact day, or the window's first day."""
        return self.not_before

    @cached_property
    def latest(self) -> dt.date:
        """The last day the report can have come out."""
        return self.not_after


class Source(_Strict):
    """Who published the report, where and when."""

    outlet: Text = Field(description="The outlet's name, spelled the same in every article.")
    url: Text | None = Field(description="The report's address, or null when it is not known.")
    url_note: Text | None = Field(
        None, description="Why the address is not known (with url: null)."
    )
    author: Text | None = Field(description="The byline, or null when it is not known.")
    author_note: Text | None = Field(
        None,
        description="Why the author is not known (with author: null), or where the name is from.",
    )
    published: Published = Field(description="When the report came out (see below).")
    archived: list[Text] = Field(
        [],
        description=(
            "Copies of the report in a web archive, each with its capture time: "
            "`https://web.archive.org/web/<14-digit timestamp>/<url>` or "
            "`https://archive.ph/<14-digit timestamp>/<url>`."
        ),
    )

    @model_validator(mode="after")
    def _unknowns_are_explained(self) -> Source:
        if self.url is None and self.url_note is None:
            raise ValueError("url is null, so add url_note saying why the address is not known")
        if self.author is None and self.author_note is None:
            raise ValueError("author is null, so add author_note saying why it is not known")
        return self

    @field_validator("url")
    @classmethod
    def _plain_web_address(cls, url: str | None) -> str | None:
        if url is not None and not _WEB_ADDRESS.match(url):
            raise ValueError(
                "not a plain web address: write it as https://... (or http://), "
                "with no spaces, quotes or angle brackets"
            )
        return url


# Web archives whose addresses say when the copy was taken and of what: the Wayback
# Machine (an "id_" or similar flag after the timestamp is allowed) and archive.today.
_ARCHIVE_ADDRESS = re.compile(
    r"^https://(?:(?P<wayback>web\.archive\.org)/web/(?P<w_time>\d{14})(?:[a-z]{2}_)?"
    r"|archive\.(?:today|ph|is|li|vn|fo|md)/(?P<a_time>\d{14}))/(?P<url>https?://\S+)$"
)


@dataclass(frozen=True)
class ArchivedCopy:
    """A web archive's copy of a report: which archive, when it was taken, of what."""

    archive: str  # "Wayback Machine" or "archive.today"
    captured: PartialDate  # the day; the archive's address also has the time
    url: str


def archived_copy(copy: str) -> ArchivedCopy | None:
    """What a web archive address says, or None when `copy` is not one (or its capture
    time is not a real time)."""
    found = _ARCHIVE_ADDRESS.match(copy)
    if found is None:
        return None
    try:
        captured = dt.datetime.strptime(found["w_time"] or found["a_time"], "%Y%m%d%H%M%S")
    except ValueError:
        return None
    archive = "Wayback Machine" if found["wayback"] else "archive.today"
    return ArchivedCopy(archive, PartialDate.parse(captured.date()), found["url"])


def same_address(url: str) -> str:
    """An address as compared: no scheme, "www." or trailing slash."""
    bare = re.sub(r"^https?://(www\.)?", "", url)
    return bare.rstrip("/").lower()


UNATTRIBUTED = "unattributed"  # what attributed_to says when the report names no one


class Figure(_Strict):
    """A numeric claim the report makes, with the sentence that states it."""

    label: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", strict=True)] = Field(
        description=(
            "Machine-readable name of what is counted, from the vocabulary in CONTRIBUTING.md "
            "where one fits: deaths, detained, still_detained, released, victim_age..."
        )
    )
    value: Annotated[int, Field(ge=0, strict=True)] | None = Field(
        None,
        description=(
            "The number, in digits (the lower one of a range); none for a vague quantity "
            "such as dozens."
        ),
    )
    value_max: Annotated[int, Field(ge=0, strict=True)] | None = Field(
        None, description="The upper number of a range (qualifier: between)."
    )
    unit: Text = Field("people", description="What is counted: people, years, floor...")
    qualifier: Qualifier = Field(
        description=(
            "How the report qualifies the number: exactly, unqualified, around, at least, more "
            "than, at most, up to, between (with value_max), or a vague quantity without a "
            "number: several, dozens, hundreds, thousands."
        )
    )
    stance: Stance = Field(
        "states",
        description=(
            "states: the one it is attributed to gives the figure; denies: they dispute it "
            "(a denial, shown as a dispute, never as support)."
        ),
    )
    period: Text | None = Field(None, description="The time the figure is about, where told.")
    attributed_to: Text = Field(
        description=(
            "Who the report says makes the claim, in its words (activists, Sir Alan Duncan...), "
            f"or {UNATTRIBUTED} when it names no one."
        )
    )
    primary_source: Text | None = Field(
        None,
        description=(
            "The original source the claim traces to, when the report names it (e.g. Russian "
            "LGBT Network for its spokesperson); its name must appear in the body. Leave it out "
            "when the report does not name one."
        ),
    )
    relayed_by: Text | None = Field(
        None,
        description=(
            "Who passes the figure on from the primary source, when the report says so: a "
            'minister or a ministry citing reports, or the outlet itself ("The Russian LGBT '
            'Network have said"). With primary_source, the page shows the chain.'
        ),
    )
    quote: Text = Field(description="The verbatim passage of the body that states it.")
    other_quotes: list[Text] = Field(
        [], description="Other passages of the same report that state the same figure."
    )

    @model_validator(mode="after")
    def _number_fits_qualifier(self) -> Figure:
        if self.qualifier in VAGUE_QUALIFIERS:
            if self.value is not None or self.value_max is not None:
                raise ValueError(
                    f"qualifier '{self.qualifier}' gives no number: leave out value "
                    "(and value_max), or use a qualifier such as 'around' if the text has one"
                )
        elif self.value is None:
            raise ValueError(
                f"value is missing: qualifier '{self.qualifier}' needs the number, in digits"
            )
        if self.qualifier == "between":
            if self.value_max is None or self.value is None or self.value_max <= self.value:
                raise ValueError(
                    "qualifier 'between' needs value (the lower number) and value_max (the "
                    "higher one), as in 'between 10 and 20': value: 10, value_max: 20"
                )
        elif self.value_max is not None:
            raise ValueError("value_max is only for a range: set qualifier: between")
        return self


class Event(_Strict):
    """An event the report mentions, dated as precisely as the text allows, or undated."""

    date: EdtfDateField | None = Field(
        description="As precise as the text allows; null when the text gives no date."
    )
    date_basis: Text | None = Field(
        None, description="How the date follows from the text, when it is not written out."
    )
    summary: Text = Field(description="One line saying what happened.")
    quote: Text = Field(description="The verbatim passage of the body that tells it.")
    key: Key | None = Field(
        None,
        description=(
            "Timeline match: events with the same key are one event; a key on one event only "
            "keeps it apart from look-alikes."
        ),
    )
    primary_source: Text | None = Field(
        None,
        description="Who the report says the account comes from, when it names a source.",
    )


class Quote(_Strict):
    """Words the report quotes a person or an organisation as saying."""

    name: Text | None = Field(description="As spelled in the report; null when anonymous.")
    role: Text = Field(description="Who they are, as the report says (and to whom they spoke).")
    text: Text = Field(
        description=(
            "The quoted words, verbatim; for reported speech, the passage that reports what "
            "they said."
        )
    )
    speech: Literal["direct", "reported"] = Field(
        "direct",
        description=(
            "direct: their own words, in quotation marks in the report; reported: the report "
            'says what they said in its own words ("reportedly said the administration would '
            'look into it"), shown without quotation marks.'
        ),
    )
    person: Key | None = Field(
        None,
        description=(
            "People pages: quotes with the same key are one person (confirms variant "
            "spellings); different keys are never joined."
        ),
    )


# "figures:" with nothing under it (or only the commented-out items `newsarchive suggest
# --write` adds) is no items.
EMPTY_KEY_IS_NO_ITEMS = ("figures", "events", "quotes")


class FrontMatter(_Strict):
    """The YAML front matter of one article file."""

    title: Text = Field(description="The headline, or the archive's title when it is not known.")
    title_source: TitleSource = Field(
        description="headline: the outlet's own; url-slug: rebuilt from the URL; editorial: ours."
    )
    title_note: Text | None = Field(
        None, description="Where the title comes from, when it is not the headline."
    )
    source: Source = Field(description="Who published the report, where and when (see below).")
    language: Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Z]{2})?$", strict=True)] = Field(
        description="Language code of the text, such as en or ru."
    )
    tags: list[Annotated[str, Field(pattern=r"^[^\W_][\w -]*$", strict=True)]] = Field(
        [],
        max_length=MAX_TAGS,
        description=f"Topics: letters, digits, spaces and -; at most {MAX_TAGS}.",
    )
    summary: Text = Field(description="One line for the archive index.")
    excerpt: bool = Field(False, description="True when the body is not the whole report.")
    removed: list[Text] = Field([], description="What was cut from the collected page text.")
    notes: list[Text] = Field([], description="Editors' notes shown on the page.")
    figures: list[Figure] = Field([], description="Every numeric claim (see below).")
    events: list[Event] = Field([], description="Every dated event the report mentions.")
    quotes: list[Quote] = Field([], description="Everyone the report quotes.")

    @field_validator(*EMPTY_KEY_IS_NO_ITEMS, mode="before")
    @classmethod
    def _empty_key_is_no_items(cls, value: object) -> object:
        return [] if value is None else value

    def cited_passages(self) -> list[tuple[tuple, str]]:
        """(field path, passage) of every figure, event and quote: what must be in the body."""
        found: list[tuple[tuple, str]] = [
            (("figures", i, "quote"), f.quote) for i, f in enumerate(self.figures)
        ]
        found += [
            (("figures", i, "other_quotes", j), text)
            for i, f in enumerate(self.figures)
            for j, text in enumerate(f.other_quotes)
        ]
        found += [(("events", i, "quote"), e.quote) for i, e in enumerate(self.events)]
        found += [(("quotes", i, "text"), q.text) for i, q in enumerate(self.quotes)]
        return found

    @model_validator(mode="after")
    def _reconstructed_titles_are_explained(self) -> FrontMatter:
        if self.title_source != "headline" and self.title_note is None:
            raise ValueError(
                "title is not the outlet's headline, so add title_note saying where it comes from"
            )
        return self


@dataclass(frozen=True)
class Article:
    """One loaded, validated report. What it works out of itself alone (its cached
    properties) is worked out once: a server's load hands back the same object for a file
    that did not change (load.load_archive's memo)."""

    path: Path
    slug: str
    meta: FrontMatter
    body: str
    body_line: int  # line of the file where the body starts
    lines: dict[tuple, int] = field(default_factory=dict, compare=False, repr=False)
    digest: bytes = field(default=b"", compare=False, repr=False)  # of the file's bytes
    # Each name the front matter gives that is in the records -> (record key, display name,
    # editors' note); filled by load.names once every file is read.
    named: dict[str, tuple[str, str, str | None]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def line_of(self, loc: tuple) -> int:
        """The file line of a front matter field, e.g. `("figures", 0, "quote")`."""
        return line_of(self.lines, loc)

    def identity(self, name: str) -> tuple[str, str]:
        """Who `name` is, for counting: its record's key and name, or, for a name that
        is not in the records, its folded spelling and the name as written."""
        from .records import fold_name  # records builds on this module

        if found := self.named.get(name):
            return found[0], found[1]
        # Folding is the costly part, and every count asks again: once per name.
        if name not in self._folded:
            self._folded[name] = "name:" + (fold_name(name) or name), name
        return self._folded[name]

    @cached_property
    def _folded(self) -> dict[str, tuple[str, str]]:
        return {}

    def record_note(self, name: str) -> str | None:
        """The editors' note on the record `name` resolves to, if any."""
        found = self.named.get(name)
        return found[2] if found else None

    @property
    def published(self) -> Published:
        """When the report came out."""
        return self.meta.source.published

    @cached_property
    def version(self) -> tuple[str, bytes, str]:
        """The report as a key: its file name, its file's digest and who its names are
        (the records can change that while the file stays the same)."""
        return self.slug, self.digest, repr(self.named)

    @cached_property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        """The body's paragraphs (blocks between blank lines)."""
        return paragraphs_of(self)

    @cached_property
    def cited_paragraphs(self) -> dict[str, int | None]:
        """Each passage the front matter cites -> the index of the paragraph it stands in
        (None: in none)."""
        finder = PassageFinder(self.body)
        found: dict[str, int | None] = {}
        for _, passage in self.meta.cited_passages():
            span = finder.find(passage)
            found[passage] = None
            if span is not None:
                for paragraph in self.paragraphs:
                    if paragraph.start <= span.start < paragraph.end:
                        found[passage] = paragraph.index
                        break
        return found


def line_of(lines: dict[tuple, int], loc: tuple) -> int:
    """The line of the field `loc`, or of its nearest enclosing key (a missing field
    points at its parent); 1 when none is known."""
    while loc and loc not in lines:
        loc = loc[:-1]
    return lines.get(loc, 1)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the front matter, for editors' tools."""
    schema = FrontMatter.model_json_schema()
    for name in EMPTY_KEY_IS_NO_ITEMS:  # null, as the loader reads it: no items
        field = schema["properties"][name]
        items = {"type": field.pop("type"), "items": field.pop("items")}
        field["anyOf"] = [items, {"type": "null"}]
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "News archive article front matter"
    return schema
