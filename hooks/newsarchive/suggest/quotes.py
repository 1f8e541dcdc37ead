"""Quotations in a report and who the text says speaks them.

Quoted words are found between quotation marks (straight, typographic, «Russian»); a
quotation that runs over paragraphs (each opens with a mark, only the last closes) is
one quotation per paragraph, as passages never cross paragraphs. The speaker and role
come from the attribution around the words: "said Igor Kochetkov, the programme
director", "Foreign Secretary Jeremy Hunt wrote:", "Kochetkov added" (the full name
from earlier in the text), "he had said" (the last person named before); in Russian
"— сказал Игорь Кочетков, руководитель программы", "Кочетков заявил:", "— добавил он".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import Piece, trimmed

__all__ = ["Quotation", "quotations", "reported_speech"]

# Opening mark -> the marks that close it.
_PAIRS = {"“": "”", "«": "»", '"': '"', "„": "“”", "‘": "’"}
_OPENING = re.compile(r"(?:^|(?<=[\s(\[—–-]))[“«\"„‘]")
_SAY = (
    r"(?:said|says|saying|told|tells|telling|added|adds|adding|wrote|writes|writing|stated|"
    r"states|explained|declared|warned|tweeted|insisted|claimed|noted|continued|urged|"
    r"asked|described|called|maintained|argued|read|reads|put)"
)
# Russian: a past tense for any speaker (сказал, сказала, сказали) or a present one.
_SAY_RU = (
    r"(?:(?:сказа|заяви|отмети|добави|рассказа|сообщи|написа|подчеркну|поясни|уточни|"
    r"призна|замети|объясни|предупреди|ответи|продолжи|призва|говори)л(?:а|и)?|"
    r"(?:говори|считае|пише|отмечае|добавляе|подч[её]ркивае|рассказывае|сообщае|заявляе|"
    r"поясняе)т|(?:говоря|считаю|пишу|отмечаю|заявляю|сообщаю)т)"
)
_HONORIFIC = r"(?:Sir|Dame|Dr\.?|Mr\.?|Mrs\.?|Ms\.?)"
_CAPITALISED = r"[A-ZА-ЯЁ][\w’'-]+"
_NOT_A_NAME = (
    r"(?!(?:He|She|They|It|We|I|The|This|That|These|Those|However|But|And|In|On|"
    r"Он|Она|Они|Это|Мы|Я|В|Во|На|По|Но|И|А|Однако)\b)"
)
_NAME_WORD = rf"(?:{_HONORIFIC}|{_CAPITALISED})"
_NAME = rf"{_NOT_A_NAME}{_NAME_WORD}(?:\s+(?:(?:al|de|van|von|bin)[- ])?{_NAME_WORD}){{1,4}}"
_SURNAME = rf"(?:{_NAME}|{_NOT_A_NAME}{_CAPITALISED})"  # "Kochetkov added"
_ROLE = r"(?:the|a|an|his|her|its|their|[A-ZА-ЯЁ]|[\w-]+[’']s\b)[^,.;:“”\"«»]{0,80}?"
_SHORT_ROLE = r"(?<![\w’'-])(?:[\w’'-]+\s){0,5}[\w’'-]+"  # a title before the name
_PRONOUN = r"(?P<pronoun>[Hh]e|[Ss]he|[Tt]hey)"
_PRONOUN_RU = r"(?P<pronoun>он|она|они)\b"
_PLURAL = {"they", "они"}
_ROLE_RU = r"[^,.;:“”\"«»—]{1,80}?"  # a Russian role is lower case: "глава сети"
_AUX = r"(?:(?:has|have|had|also|then|previously|later)\s+)*"

_AFTER = [
    # ..." said spokesperson Alvi Kraimov. / ..." said Igor Kochetkov, the programme director.
    re.compile(
        rf"^[\s,]*{_SAY}\s+(?P<title>[a-z][a-z ]*?\s)?(?P<name>{_NAME})"
        rf"(?:,\s*(?P<role>{_ROLE}))?(?=[.;:]|$)"
    ),
    # ..." read the statement.
    re.compile(rf"^[\s,]*{_SAY}\s+(?:the|a|an)\s+(?P<role>[a-z][\w ]*?)(?=[.;:,]|$)"),
    # ..." Igor Kochetkov, the head of the Network, said. / ..." Kochetkov added.
    re.compile(rf"^[\s,]*(?P<name>{_SURNAME})(?:,\s*(?P<role>{_ROLE}),)?\s+{_AUX}{_SAY}\b"),
    # ..." he had said.
    re.compile(rf"^[\s,]*{_PRONOUN}\s+{_AUX}{_SAY}\b"),
    # «...», — сказал Игорь Кочетков, руководитель программы. / — заявил глава сети Игорь Кочетков.
    re.compile(
        rf"^[\s,]*[—–-]\s*{_SAY_RU}\s+(?P<title>[а-яё][^,.;:«»—]*?\s)?(?P<name>{_NAME})"
        rf"(?:,\s*(?P<role>{_ROLE_RU}))?(?=[.;:]|$)"
    ),
    # «...», — говорит Кочетков. / «...», — сказала она.
    re.compile(rf"^[\s,]*[—–-]\s*{_SAY_RU}\s+(?:(?P<name>{_SURNAME})|{_PRONOUN_RU})"),
]  # fmt: skip
_BEFORE = [
    # Igor Kochetkov, the head of the Network, said: "... (the second comma may be missing)
    re.compile(rf"(?P<name>{_NAME}),\s*(?P<role>{_ROLE}),?\s+{_AUX}{_SAY}\b[^.“”\"«»]*$"),
    # Foreign Office Minister, Sir Alan Duncan, went further, saying: "...
    re.compile(rf"(?P<role>{_SHORT_ROLE}),\s*(?P<name>{_NAME}),[^.“”\"«»]*?\b{_SAY}\b[^.“”\"«»]*$"),
    # UK Foreign Secretary Jeremy Hunt wrote: "... / Sir Alan finished by saying: "...
    re.compile(rf"(?P<name>{_SURNAME})\s+(?:[a-z]+\s+){{0,3}}?{_SAY}\b[^.“”\"«»]*$"),
    # according to Igor Kochetkov, "...
    re.compile(rf"according to\s+(?P<name>{_NAME})[^.“”\"«»]*$"),
    # Игорь Кочетков, руководитель программы, заявил: «... / Кочетков сказал: «...
    re.compile(rf"(?P<name>{_NAME}),\s*(?P<role>{_ROLE_RU}),?\s+{_SAY_RU}\b[^.“”\"«»]*$"),
    re.compile(rf"(?P<name>{_SURNAME})\s+(?:[а-яё]+\s+){{0,2}}?{_SAY_RU}\b[^.“”\"«»]*$"),
    # He has maintained that ... "... / They want the president to "...
    re.compile(rf"(?:^|[.!?]\s+){_PRONOUN}\s+[^.“”\"«»]*$"),
]  # fmt: skip
_CYRILLIC = re.compile(r"[А-ЯЁа-яё]")
_PERSON = re.compile(rf"\b{_NAME_WORD}(?:\s+{_NAME_WORD})+")


@dataclass(frozen=True)
class Quotation:
    """Quoted words (a span of the body) and the speaker the text gives them."""

    words: Piece
    name: str | None
    role: str | None
    why: str
    speech: str = "direct"  # or "reported": the report's words for what they said


def _closing(text: str, start: int, closers: str) -> int | None:
    for index in range(start, len(text)):
        if text[index] in closers:
            # a ’ inside a word is an apostrophe (wasn’t), not a closing mark
            if text[index] == "’" and text[index + 1 : index + 2].isalpha():
                continue
            return index
    return None


def _spans(paragraph: Piece) -> list[tuple[Piece, bool]]:
    """Quoted stretches of one paragraph, without their marks; True for a stretch that
    opens and is not closed in the paragraph (the quotation goes on in the next)."""
    text, found, position = paragraph.text, [], 0
    while (opening := _OPENING.search(text, position)) is not None:
        close = _closing(text, opening.end(), _PAIRS[opening.group()])
        end = close if close is not None else len(text)
        inner = text[opening.end() : end].strip()
        if inner and (close is not None or opening.group() in '“«"'):
            start = paragraph.start + text.index(inner, opening.end())
            found.append((Piece(inner, start, start + len(inner)), close is None))
        if close is None:
            break
        position = close + 1
    return found


def _full_name(name: str, earlier: str) -> str:
    """A surname or a shortened name ("Kochetkov", "Sir Alan") as the text first gave it."""
    for candidate in _PERSON.findall(earlier):
        parts, short = candidate.split(), name.split()
        if len(parts) > len(short) and (
            parts[-len(short) :] == short or parts[: len(short)] == short
        ):
            return candidate
    return name


def _split_title(name: str) -> tuple[str, str | None]:
    """ "Foreign Secretary Jeremy Hunt" -> ("Jeremy Hunt", "Foreign Secretary")."""
    parts = name.split()
    if len(parts) > 2 and not re.fullmatch(_HONORIFIC, parts[0]):
        return " ".join(parts[-2:]), " ".join(parts[:-2])
    return name, None


def _speaker(named: str, words_before: str | None) -> tuple[str, str | None]:
    """The name and title of "former Foreign Secretary Jeremy Hunt" (`words_before`:
    "former"). In Russian the capitals before a name are mostly an organisation in the
    genitive ("глава Российской ЛГБТ-сети Ольга Баранова"): a title only with the
    lower-case words before them."""
    name, capitals = _split_title(named)
    if _CYRILLIC.search(name) and not words_before:
        capitals = None
    return name, " ".join(part for part in (words_before, capitals) if part) or None


def _clean_role(role: str | None) -> str | None:
    if not role:
        return None
    role = re.sub(r"^(?:the|a|an)\s+", "", role.strip(" ,"), flags=re.IGNORECASE)
    return role or None


def _is_person(name: str) -> bool:
    """A name that "he" or "she" may stand for: not an acronym or a possessive."""
    return not any(word.isupper() and len(word) > 1 for word in name.split()) and not re.search(
        r"[’']s$", name
    )


_SENTENCE_GAP = re.compile(r"[.!?…][”\"’]?\s+")
_SUBJECT = re.compile(
    r"\s*(?:,\s*who\b|(?:[a-z]+ly\s+)?(?:has|have|had|is|are|was|were|will|would|can|could|"
    r"did|does|do|give|gave|[a-z]+ed|[a-z]+s)\b)"
)


def _antecedent(earlier: str, singular: bool, depth: int = 0) -> str | None:
    """Who "he", "she" or "they" stands for: the name in subject place (followed by a
    verb, or by ", who") in the sentence before, else the last name there, else the last
    name in the text before."""
    gaps = [m.end() for m in _SENTENCE_GAP.finditer(earlier[-1500:])]
    offset = max(0, len(earlier) - 1500)
    current = offset + (gaps[-1] if gaps else 0)
    previous = offset + (gaps[-2] if len(gaps) > 1 else 0)
    sentence = earlier[previous:current]
    if depth < 3 and re.match(r"\s*(?:He|She|They)\b", sentence):
        # "They ... They ...": the one the sentence before stands for
        return _antecedent(earlier[:current].rstrip(), singular, depth + 1)
    candidates = [
        m for m in re.finditer(rf"{_NOT_A_NAME}{_CAPITALISED}(?:\s+{_NAME_WORD})*", sentence)
        if (len(m.group().split()) > 1 or _full_name(m.group(), earlier) != m.group())
        and not re.search(r"[’']s$", m.group())  # a possessive is not who speaks
        and (_is_person(m.group()) or not singular)
    ]  # fmt: skip
    subjects = [m for m in candidates if _SUBJECT.match(sentence, m.end())]
    if subjects or candidates:
        return _full_name((subjects or candidates)[-1].group(), earlier)
    named = [n for n in _PERSON.findall(earlier[-600:]) if _is_person(n) or not singular]
    return named[-1] if named else None


@dataclass
class _Context:
    body: str
    last_named: tuple[str | None, str | None] = (None, None)  # the last speaker found


def _attribution(
    text: str, patterns: list[re.Pattern], context: _Context, at: int
) -> tuple[str | None, str | None, str] | None:
    """The speaker an attribution in `text` names; `at` is where the quotation starts."""
    match = next((m for pattern in patterns if (m := pattern.search(text))), None)
    if match is None:
        return None
    said = " ".join(match.group().strip(" ,:").split())
    groups = match.groupdict()
    if groups.get("pronoun"):
        singular = groups["pronoun"].lower() not in _PLURAL
        person = _antecedent(context.body[:at], singular)
        if person:
            name, title = _speaker(person, None) if singular else (person, None)
            return name, title, f"'{said}': the last person named before"
        if context.last_named[0]:
            return (*context.last_named, f"'{said}': the last speaker named")
        return None
    if not groups.get("name"):
        return None, _clean_role(groups.get("role")), f"attribution '{said}'"
    name, title = _speaker(
        _full_name(match["name"].strip(), context.body[:at]), _clean_role(groups.get("title"))
    )
    return name, _clean_role(groups.get("role")) or title, f"attribution '{said}'"


def quotations(body: str, paragraphs: list[Piece]) -> list[Quotation]:
    """Every quotation of the body, with its speaker when the text names one."""
    found: list[Quotation] = []
    context = _Context(body)
    carried: Quotation | None = None  # a quotation that goes on into the next paragraph
    ended_with: Quotation | None = None  # the quotation the previous paragraph ends with
    for paragraph in paragraphs:
        spans = _spans(paragraph)
        pending: list[Piece] = []
        for index, (words, open_ended) in enumerate(spans):
            starts_paragraph = words.start - paragraph.start <= 1
            if carried and index == 0 and starts_paragraph:
                quotation = Quotation(
                    words, carried.name, carried.role, f"{carried.why} (quotation goes on)"
                )
                found.append(quotation)
                carried = quotation if open_ended else None
                continue
            previous_end = spans[index - 1][0].end + 1 if index else paragraph.start
            next_start = spans[index + 1][0].start - 1 if index + 1 < len(spans) else paragraph.end
            before = body[previous_end : max(previous_end, words.start - 1)]
            after = "" if open_ended else body[words.end + 1 : next_start]
            speaker = _attribution(after, _AFTER, context, words.start) or _attribution(
                before, _BEFORE, context, words.start
            )
            if speaker is None and found and found[-1].name:
                last = found[-1]
                # "A," said X. "B." : B is X's too; and so is a paragraph that opens with a
                # quotation right after a paragraph that ends with one of X's
                same_paragraph = index > 0 and last.words.start >= paragraph.start
                if same_paragraph or (index == 0 and starts_paragraph and last is ended_with):
                    speaker = (
                        last.name,
                        last.role,
                        f"{last.why.split(' (')[0]} (the same speaker)",
                    )
            if speaker is None:
                pending.append(words)
                carried = None
                continue
            name, role, why = speaker
            if name:
                context.last_named = (name, role)
            # a quotation split by its attribution ("A," he said, "B.") shares the speaker
            found += [Quotation(p, name, role, f"{why} (the same attribution)") for p in pending]
            pending = []
            quotation = Quotation(words, name, role, why)
            found.append(quotation)
            carried = quotation if open_ended else None
        closing = found[-1] if found and paragraph.end - found[-1].words.end <= 3 else None
        ended_with = closing if closing and closing.words.start >= paragraph.start else None
        # a word or two in marks with no one saying them is a term or a title ("purge")
        found += [
            Quotation(p, None, None, "in quotation marks; no speaker found")
            for p in pending
            if len(p.text.split()) > 2
        ]
    return found


_REPORTED = re.compile(
    rf"(?:(?P<title>(?:{_CAPITALISED}[’']s\s+)?(?:[a-z]+\s+){{0,3}}?)|\b)(?P<name>{_NAME})"
    r"(?:,\s*[^,]+,)?\s+(?:(?:reportedly|also|later|publicly)\s+)?"
    r"(?:said|says|told\s+\w+|stated|claimed|confirmed|announced|insisted|denied)\s+(?:that\s+)?"
)


def reported_speech(body: str, sentences: list[Piece]) -> list[Quotation]:
    """Sentences that tell, without quotation marks, what a named person said ("Dmitry
    Peskov reportedly said the administration would look into it"); the passage runs
    from the clause naming them to the end of the sentence."""
    found: list[Quotation] = []
    for sentence in sentences:
        if re.search(r"[“”«»\"]", sentence.text):
            continue  # their own words are quoted: a direct quotation
        match = _REPORTED.search(sentence.text)
        if match is None or not _is_person(match["name"]):
            continue
        start = sentence.start + match.start()
        clause_start = max(
            [sentence.start]
            + [
                sentence.start + m.end()
                for m in re.finditer(r",\s+", sentence.text[: match.start()])
            ]
        )
        passage = trimmed(body, min(clause_start, start), sentence.end)
        passage = Piece(
            passage.text.rstrip("."), passage.start, passage.start + len(passage.text.rstrip("."))
        )
        name, title = _split_title(_full_name(match["name"], body[:start]))
        role = title or " ".join(match["title"].split()) or None
        why = f"reported speech: '{' '.join(match.group().split())}'"
        found.append(Quotation(passage, name, role, why, speech="reported"))
    return found
