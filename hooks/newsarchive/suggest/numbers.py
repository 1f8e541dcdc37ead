"""Quantities in a text: numbers in digits and in words, ranges, vague counts, and the
qualifier the words give them ("at least two", "between 10 and 20", "dozens of").

A small grammar of our own: the number-word libraries convert text (losing the positions
a verbatim passage needs) or stop at the numbers, and none reads the qualifiers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Quantity", "quantities", "MONTHS"]

_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_WORD_VALUES = {word: value for value, word in enumerate(_UNITS)}
_WORD_VALUES.update({word: 20 + 10 * index for index, word in enumerate(_TENS)})
_WORD_VALUES.update({"a dozen": 12, "dozen": 12, "a single": 1, "single": 1})

_SMALL = r"(?:(?:{tens})(?:[- ](?:{units}))?|{units})".format(
    tens="|".join(_TENS), units="|".join(_UNITS[1:10])
)
_SMALL = rf"(?:{_SMALL}|{'|'.join(_UNITS[10:])})"
_WORDS = (
    rf"(?:(?:a|one|{_SMALL})\s+(?:hundred|thousand)(?:\s+(?:and\s+)?{_SMALL})?"
    rf"|{_SMALL}|a dozen|dozen|a single)"
)
_DIGITS = r"\d{1,3}(?:,\d{3})+|\d+"
_NUMBER = rf"(?:{_DIGITS}|{_WORDS})"

MONTHS = {
    name: index + 1
    for index, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
} | {
    # Russian, as a date writes it: "14 января", "в декабре", "декабрь 2018"
    name: index + 1
    for index, names in enumerate(
        [
            ("январь", "января", "январе"), ("февраль", "февраля", "феврале"),
            ("март", "марта", "марте"), ("апрель", "апреля", "апреле"), ("май", "мая", "мае"),
            ("июнь", "июня", "июне"), ("июль", "июля", "июле"),
            ("август", "августа", "августе"), ("сентябрь", "сентября", "сентябре"),
            ("октябрь", "октября", "октябре"), ("ноябрь", "ноября", "ноябре"),
            ("декабрь", "декабря", "декабре"),
        ]
    )
    for name in names
}  # fmt: skip

_QUALIFIERS = [
    (r"at least|no fewer than|no less than", "at least"),
    (r"more than|over", "more than"),
    (r"at most|no more than|fewer than|less than", "at most"),
    (r"up to|as many as", "up to"),
    (r"around|about|approximately|nearly|almost|roughly|some|an estimated|estimated", "around"),
    (r"exactly|precisely", "exactly"),
]
_QUALIFIER = "|".join(f"(?P<q{index}>{words})" for index, (words, _) in enumerate(_QUALIFIERS))

_QUANTITY = re.compile(
    rf"(?<![\w.,-])(?:"
    rf"between\s+(?P<low>{_NUMBER})\s+and\s+(?P<high>{_NUMBER})"
    rf"|from\s+(?P<from>{_NUMBER})\s+to\s+(?P<to>{_NUMBER})"
    rf"|(?P<vague>several|dozens|scores|hundreds|thousands)(?:\s+of)?"
    rf"|(?:(?:{_QUALIFIER})\s+)?(?P<value>{_NUMBER})(?P<ordinal>st|nd|rd|th)?(?P<age>-year-old)?"
    rf")(?![\w])",
    re.IGNORECASE,
)
_VAGUE = {"scores": "dozens"}


@dataclass(frozen=True)
class Quantity:
    """A number (or range, or vague count) found in a text, with its qualifier."""

    start: int
    end: int
    value: int | None
    value_max: int | None
    qualifier: str
    kind: str  # "count", "ordinal" (9th), "age" (17-year-old), "year" (2017), "date" (May 26)


def number_value(text: str) -> int:
    """The value of a number in digits or in words ("forty-two", "a hundred and five")."""
    text = text.lower().replace(",", "") if text[0].isdigit() else text.lower()
    if text.isdigit():
        return int(text)
    if text in _WORD_VALUES:
        return _WORD_VALUES[text]
    total, current = 0, 0
    for word in re.split(r"[\s-]+", text):
        if word in {"and", "a"}:
            current = current or (1 if word == "a" else 0)
            continue
        if word in {"hundred", "thousand"}:
            current = (current or 1) * (100 if word == "hundred" else 1000)
            if word == "thousand":
                total, current = total + current, 0
        else:
            current += _WORD_VALUES[word]
    return total + current


def _kind(text: str, match: re.Match) -> str:
    if match["ordinal"]:
        return "ordinal"
    if match["age"]:
        return "age"
    number = match["value"]
    if number and number.isdigit() and len(number) == 4 and 1800 <= int(number) <= 2100:
        return "year"
    before = re.findall(r"[A-Za-z]+", text[max(0, match.start() - 12) : match.start()])
    after = re.findall(r"[A-Za-z]+", text[match.end() : match.end() + 12])
    next_to_month = (before and before[-1].lower() in MONTHS) or (
        after and after[0].lower() in MONTHS
    )
    if number and number.isdigit() and int(number) <= 31 and next_to_month:
        return "date"
    return "count"


def quantities(text: str) -> list[Quantity]:
    """Every quantity in `text`, in order."""
    found = []
    for match in _QUANTITY.finditer(text):
        if match["low"] or match["from"]:
            low, high = (
                (match["low"], match["high"]) if match["low"] else (match["from"], match["to"])
            )
            found.append(
                Quantity(
                    match.start(),
                    match.end(),
                    number_value(low),
                    number_value(high),
                    "between",
                    "count",
                )  # fmt: skip
            )
            continue
        if match["vague"]:
            vague = match["vague"].lower()
            found.append(
                Quantity(match.start(), match.end(), None, None, _VAGUE.get(vague, vague), "count")
            )
            continue
        qualifier = next(
            (name for index, (_, name) in enumerate(_QUALIFIERS) if match[f"q{index}"]),
            "unqualified",
        )
        value = number_value(match["value"])
        found.append(
            Quantity(match.start(), match.end(), value, None, qualifier, _kind(text, match))
        )
    return found
