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
# Russian number words in the cases a count takes ("двое погибли", "около сорока человек").
_RU_VALUES = {
    word: value
    for value, words in [
        (1, "один одна одно одного одной"), (2, "два две двух двое двоих"),
        (3, "три трех трёх трое троих"), (4, "четыре четырех четырёх четверо четверых"),
        (5, "пять пяти пятеро пятерых"), (6, "шесть шести шестеро"), (7, "семь семи семеро"),
        (8, "восемь восьми"), (9, "девять девяти"), (10, "десять десяти десятеро"),
        (11, "одиннадцать одиннадцати"), (12, "двенадцать двенадцати"),
        (13, "тринадцать тринадцати"), (14, "четырнадцать четырнадцати"),
        (15, "пятнадцать пятнадцати"), (16, "шестнадцать шестнадцати"),
        (17, "семнадцать семнадцати"), (18, "восемнадцать восемнадцати"),
        (19, "девятнадцать девятнадцати"), (20, "двадцать двадцати"),
        (30, "тридцать тридцати"), (40, "сорок сорока"), (50, "пятьдесят пятидесяти"),
        (60, "шестьдесят шестидесяти"), (70, "семьдесят семидесяти"),
        (80, "восемьдесят восьмидесяти"), (90, "девяносто девяноста"), (100, "сто ста"),
        (200, "двести двухсот"), (300, "триста трехсот трёхсот"),
    ]
    for word in words.split()
}  # fmt: skip
_WORD_VALUES.update(_RU_VALUES)
_RU_WORD = "|".join(sorted(_RU_VALUES, key=len, reverse=True))  # longest first: "сорока"
_RU_NUMBER = rf"(?:{_RU_WORD})(?:\s+(?:{_RU_WORD})){{0,2}}"  # "сто двадцать пять"
_DIGITS = r"\d{1,3}(?:,\d{3})+|\d+"
_NUMBER = rf"(?:{_DIGITS}|{_WORDS}|{_RU_NUMBER})"

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
    (r"at least|no fewer than|no less than|по меньшей мере|не менее|как минимум", "at least"),
    (r"more than|over|более|больше|свыше", "more than"),
    (r"at most|no more than|fewer than|less than|не более|не больше|менее", "at most"),
    (r"up to|as many as|до", "up to"),
    (
        r"around|about|approximately|nearly|almost|roughly|some|an estimated|estimated"
        r"|около|примерно|приблизительно|почти|порядка",
        "around",
    ),
    (r"exactly|precisely|ровно", "exactly"),
]
_QUALIFIER = "|".join(f"(?P<q{index}>{words})" for index, (words, _) in enumerate(_QUALIFIERS))

_VAGUE = {"scores": "dozens"} | {
    word: vague
    for vague, words in [
        ("several", "несколько нескольких"), ("dozens", "десятки десятков"),
        ("hundreds", "сотни сотен"), ("thousands", "тысячи тысяч"),
    ]
    for word in words.split()
}  # fmt: skip

_QUANTITY = re.compile(
    rf"(?<![\w.,-])(?:"
    rf"between\s+(?P<low>{_NUMBER})\s+and\s+(?P<high>{_NUMBER})"
    rf"|from\s+(?P<from>{_NUMBER})\s+to\s+(?P<to>{_NUMBER})"
    rf"|(?P<vague>several|dozens|hundreds|thousands|{'|'.join(_VAGUE)})(?:\s+of)?"
    rf"|(?:(?:{_QUALIFIER})\s+)?(?P<value>{_NUMBER})(?P<ordinal>st|nd|rd|th)?(?P<age>-year-old)?"
    rf")(?![\w])",
    re.IGNORECASE,
)


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
    before = re.findall(r"[^\W\d_]+", text[max(0, match.start() - 12) : match.start()])
    after = re.findall(r"[^\W\d_]+", text[match.end() : match.end() + 12])
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
