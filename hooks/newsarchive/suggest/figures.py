"""Figures: a quantity next to what it counts ("40 detained", "two people were killed",
"a 17-year-old", "задержаны около сорока человек"), with its qualifier, the smallest
clause that states it, who the text says gives it, and whether they deny it ("let alone
40")."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .numbers import Quantity, quantities
from .quotes import Quotation
from .text import Clauses, Piece, around

__all__ = ["COUNTED_WORDS", "FigureSuggestion", "figure_suggestions"]

# What a quantity may count, as the words say it -> (label, unit). Labels are the
# vocabulary of CONTRIBUTING.md; the first pattern that matches wins. Russian words by
# their stems, which every case and tense keeps (задержаны, задержали, задержанных).
_COUNTED = [
    (
        r"remain(?:s|ed)? in (?:detention|custody|prison)"
        r"|still (?:held|detained|in detention|in custody)"
        r"|оста(?:ю|е|ё)тся (?:под стражей|в заключении)|по-прежнему (?:под стражей|в заключении)",
        "still_detained",
    ),
    (
        r"killed|kill|died|dead|deaths?|murdered|executed|lost their lives|perished"
        r"|погиб\w*|убит\w*|убил\w*|умер\w*|скончал\w*",
        "deaths",
    ),
    (r"tortured|tortures?|пытк\w*|пытал[аи]?", "tortured"),
    (
        r"detained|detentions?|arrested|arrests?|held|imprisoned|jailed|rounded up|abducted"
        r"|kidnapped|in custody|задержа\w*|арест\w*|похищ\w*|похити\w*",
        "detained",
    ),
    (r"released|freed|освобо\w*|отпущ\w*|отпусти\w*", "released"),
    (r"missing|disappeared|vanished|пропал\w*|пропавш\w*|исчез\w*", "missing"),
    (r"fled|escaped|evacuated|бежал\w*|сбежал\w*", "fled"),
    (r"injured|wounded|beaten|ранен\w*|избит\w*", "injured"),
    (r"victims?|жертв\w*", "victims"),
]
COUNTED_WORDS = re.compile("|".join(rf"\b(?:{words})\b" for words, _ in _COUNTED), re.IGNORECASE)
_REACH = 8  # words between a quantity and what it counts
_DENIAL = re.compile(
    r"\b(?:let alone|den(?:y|ies|ied|ial)|absurd|lies?\b|false|untrue|not true|fabricat\w*"
    r"|nonsense|ложь|лжи|неправд\w*|отрица\w*|опроверг\w*|выдумк\w*|не соответству\w*)",
    re.IGNORECASE,
)
_ATTRIBUTION = [
    re.compile(r"according to (?P<who>[^,.;]+)", re.IGNORECASE),
    # по данным Российской ЛГБТ-сети (the source in the genitive, as the text has it)
    re.compile(r"по (?:данным|словам|информации|сведениям) (?P<who>[^,.;:«»]+)", re.IGNORECASE),
    re.compile(
        r"(?P<who>(?:[\w’'-]+ ){0,6}?[\w’'-]+),? "
        r"(?:said|says|told|reported|estimated|claimed|quoted"
        r"|сообщил[аи]?|заявил[аи]?|сообщает|сообщают|заявляет|заявляют)\b"
    ),
    re.compile(r"\b(?:said|says|told|reported) (?P<who>(?:[A-Z][\w’'-]+ ?){1,4})"),
]  # fmt: skip


_NOT_A_SOURCE = {"it", "there", "this", "that", "were", "was", "been", "be", "is", "are", "has"}


@dataclass(frozen=True)
class FigureSuggestion:
    label: str
    value: int | None
    value_max: int | None
    qualifier: str
    unit: str
    stance: str
    attributed_to: str
    passage: Piece
    why: str


@dataclass(frozen=True)
class _Found:
    text: str
    start: int
    end: int


def _label_of(words: str) -> str:
    return next(label for pattern, label in _COUNTED if re.fullmatch(pattern, words, re.IGNORECASE))


def _counted(sentence: str, quantity: Quantity, following: int) -> _Found | None:
    """What the quantity counts: the nearest counted word after it (before the next
    quantity), else just before it ("arrested, let alone 40")."""
    ahead = sentence[quantity.end : following]
    match = COUNTED_WORDS.search(ahead)
    if match and len(ahead[: match.start()].split()) <= _REACH:
        return _shifted(match, quantity.end)
    behind = sentence[max(0, quantity.start - 60) : quantity.start]
    matches = list(COUNTED_WORDS.finditer(behind))
    if matches and len(behind[matches[-1].end() :].split()) <= 3:
        return _shifted(matches[-1], max(0, quantity.start - 60))
    return None


def _shifted(match: re.Match, offset: int) -> _Found:
    return _Found(match.group(), match.start() + offset, match.end() + offset)


def _passage(parts: Clauses, body: str, start: int, end: int) -> Piece:
    """The smallest run of clauses of the sentence that holds body[start:end], at most
    _REACH characters each side of it (text.around)."""
    held = parts.covering(start, end)
    return around(body, held[0].start, held[-1].end, start, end)


_MOST_SAID = 80  # characters of an attribution the note quotes


def _attributed_to(sentence: str, inside: Quotation | None) -> tuple[str, str]:
    if inside is not None and inside.name:
        who = inside.name + (f", {inside.role}" if inside.role else "")
        return who, f"inside a quotation of {inside.name}"
    return _attribution_of(sentence)


def _attribution_of(sentence: str) -> tuple[str, str]:
    """Who the sentence says gives its figures (asked once per sentence)."""
    for pattern in _ATTRIBUTION:
        for match in pattern.finditer(sentence):
            source = match["who"].strip().split()
            if source[0].lower() in _NOT_A_SOURCE or source[-1].lower() in _NOT_A_SOURCE:
                continue  # "it has been reported", "deaths were reported": passive, no source
            said = match.group().strip()
            if len(said) > _MOST_SAID:
                said = said[:_MOST_SAID].rstrip() + "…"
            return " ".join(source[-6:]), f"attribution '{said}'"
    return "unattributed", "no one named as its source in the sentence"


_FLOOR = re.compile(r"\s+(floor|storey|story)\b")
_PICKS_ONE = re.compile(r"\s+(?:of|из)\b")  # "one of the administrators" picks one
_EVEN_ONE = re.compile(r"\beven (?:a single|one)\b", re.I)


def figure_suggestions(
    body: str, sentences: list[Piece], quotes: list[Quotation]
) -> list[FigureSuggestion]:
    """Every figure the sentences state."""
    found: list[FigureSuggestion] = []
    quotes = sorted(quotes, key=lambda q: q.words.start)  # none inside another
    quote_starts = [q.words.start for q in quotes]
    for sentence in sentences:
        numbers = [q for q in quantities(sentence.text) if q.kind in {"count", "age", "ordinal"}]
        if not numbers:
            continue
        parts = Clauses.of(sentence, body)
        attribution: tuple[str, str] | None = None
        sentence_denies = bool(_DENIAL.search(sentence.text))
        for index, quantity in enumerate(numbers):
            following = numbers[index + 1].start if index + 1 < len(numbers) else len(sentence.text)
            start, end = sentence.start + quantity.start, sentence.start + quantity.end
            said = sentence.text[quantity.start : quantity.end]
            if quantity.kind == "age":
                label, unit, counted = "victim_age", "years", said
            elif quantity.kind == "ordinal":
                after = _FLOOR.match(sentence.text, quantity.end)
                if not after:
                    continue
                label, unit, counted = "floor", "floor", after.group(1)
                end += after.end() - quantity.end
            else:
                match = _counted(sentence.text, quantity, following)
                if match is None or _PICKS_ONE.match(sentence.text, quantity.end):
                    continue  # "one of the administrators" picks one, it does not count
                if _EVEN_ONE.search(sentence.text[max(0, quantity.start - 5) : quantity.end]):
                    continue
                label, unit, counted = _label_of(match.text), "people", match.text
                start, end = (
                    min(start, sentence.start + match.start),
                    max(end, sentence.start + match.end),
                )
            inside = _quote_at(quotes, quote_starts, start)
            if inside is not None and inside.name:
                who, why = _attributed_to(sentence.text, inside)
            else:
                attribution = attribution or _attribution_of(sentence.text)
                who, why = attribution
            denies = sentence_denies and quantity.kind == "count"
            found.append(
                FigureSuggestion(
                    label=label,
                    value=quantity.value,
                    value_max=quantity.value_max,
                    qualifier=quantity.qualifier,
                    unit=unit,
                    stance="denies" if denies else "states",
                    attributed_to=who,
                    passage=_passage(parts, body, start, end),
                    why=f"'{said}' counts '{counted}'; {why}"
                    + ("; the sentence denies it" if denies else ""),
                )
            )
    return found


def _quote_at(quotes: list[Quotation], starts: list[int], at: int) -> Quotation | None:
    """The quotation whose words hold body offset `at` (quotations do not overlap)."""
    index = bisect.bisect_right(starts, at) - 1
    if index >= 0 and quotes[index].words.start <= at < quotes[index].words.end:
        return quotes[index]
    return None
