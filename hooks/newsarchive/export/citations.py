"""How to cite a report: a ready sentence, and BibTeX, RIS and CSL-JSON records.

Only what the article knows goes in: an unknown author or day is said to be unknown (the
sentence) or left out with a note saying so (the records), never guessed.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..model import Article

__all__ = ["bibtex", "citation_text", "csl_json", "csl_json_line", "csl_json_text", "ris"]

_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()

# Line breaks (every one str.splitlines knows; CR LF is one) and control characters: a
# record's value, and the sentence, is one line, so no value can start a line of its own.
_BREAKS = re.compile(r"\r\n|[\x00-\x1f\x7f\x85\u2028\u2029]")


def _one_line(text: str) -> str:
    """`text` on one line: each line break or control character a space."""
    return _BREAKS.sub(" ", text)


def _window_note(article: Article) -> str | None:
    published = article.published
    if published.exact:
        return None
    first, last = published.not_before, published.not_after
    return f"Published between {first.isoformat()} and {last.isoformat()}; exact day not known."


def _title_note(article: Article) -> str | None:
    if article.meta.title_source == "url-slug":
        return "Title rebuilt from the web address; not the outlet's headline."
    if article.meta.title_source == "editorial":
        return "Title given by the archive; not the outlet's headline."
    return None


def _notes(article: Article, archive_page: str) -> list[str]:
    notes = [_window_note(article), _title_note(article)]
    if article.meta.source.author is None:
        notes.append("Author not known.")
    notes += [f"Archived copy: {copy}" for copy in article.meta.source.archived]
    notes.append(f"In the press archive: {archive_page}")
    return [note for note in notes if note]


def citation_text(article: Article, published_label: str, archive_page: str) -> str:
    """The citation a reader copies: author (or "Author not known"), title, outlet,
    publication day or window, address, archived copies, the archive's page."""
    meta, source = article.meta, article.meta.source
    parts = [source.author or "Author not known", f"“{meta.title}”"]
    if note := _title_note(article):
        parts[-1] += f" [{note[0].lower()}{note[1:].rstrip('.')}]"
    parts += [source.outlet, published_label]
    text = ". ".join(parts) + "."
    if source.url:
        text += f" {source.url}."
    else:
        text += " Web address not known."
    for copy in source.archived:
        text += f" Archived at {copy}."
    return _one_line(text + f" In the press archive: {archive_page}.")


def csl_json(article: Article, archive_page: str) -> dict[str, Any]:
    """The report as a CSL-JSON item (read by Zotero, Pandoc, citeproc)."""
    meta, source, published = article.meta, article.meta.source, article.published
    item: dict[str, Any] = {
        "id": article.slug,
        "type": "article-newspaper",
        "title": meta.title,
        "container-title": source.outlet,
        "language": meta.language,
        "note": " ".join(_notes(article, archive_page)),
    }
    if source.author:
        item["author"] = [{"literal": source.author}]
    if published.exact:
        day = published.date
        item["issued"] = {"date-parts": [[day.year, day.month, day.day]]}  # type: ignore[union-attr]
    else:  # a range: the first and last day it can have come out
        first, last = published.not_before, published.not_after
        item["issued"] = {"date-parts": [[d.year, d.month, d.day] for d in (first, last)]}
    if source.url:
        item["URL"] = source.url
    if source.archived:
        item["archive_location"] = source.archived[0]
    return item


def csl_json_text(items: list[dict[str, Any]]) -> str:
    """A CSL-JSON file of the items, indented."""
    return json.dumps(items, ensure_ascii=False, indent=2)


def csl_json_line(item: dict[str, Any]) -> str:
    """An item on one line, for the archive's file: json's fast encoder (no indent)."""
    return json.dumps(item, ensure_ascii=False)


# What LaTeX would read as commands, as the text commands that print the character.
_LATEX_TEXT = {
    "\\": r"\textbackslash{}",
    "^": r"\textasciicircum{}",  # so no ^^5c (TeX's code for a backslash) reaches LaTeX
    "~": r"\textasciitilde{}",
    **{char: "\\" + char for char in "#%&$_{}"},
}
# BibTeX counts every brace, escaped or not: braces that do not nest would end the value.
_LONE_BRACES = {"{": r"\textbraceleft{}", "}": r"\textbraceright{}"}
_LATEX_SPECIAL = re.compile(r"[\\^~#%&$_{}]")


def _bibtex_escape(text: str) -> str:
    """A BibTeX value that LaTeX prints as `text`, on one line."""
    text = _one_line(text)
    table = _LATEX_TEXT if _nested(text) else _LATEX_TEXT | _LONE_BRACES
    return _LATEX_SPECIAL.sub(lambda found: table[found[0]], text)


def _nested(text: str) -> bool:
    """Whether every brace of `text` closes one opened before it, and every one is closed."""
    depth = 0
    for char in text:
        if char in "{}":
            depth += 1 if char == "{" else -1
            if depth < 0:
                return False
    return depth == 0


# What no web address may hold unencoded (RFC 3986) and LaTeX reads as commands.
_URL_UNSAFE = re.compile(r"[\x00-\x20\x7f{}\\^]")


def _bibtex_url(url: str) -> str:
    """A web address as a BibTeX value: the same address, with what LaTeX misreads
    percent-encoded and the characters a web address may hold escaped as before."""
    encoded = _URL_UNSAFE.sub(lambda found: f"%{ord(found[0]):02X}", url)
    return re.sub(r"([&%$#_])", r"\\\1", encoded)


# A citation key is what its entry is found by: letters, digits and - _ : . only.
_KEY_UNSAFE = re.compile(r"[^A-Za-z0-9_:.-]")


def bibtex(article: Article, archive_page: str) -> str:
    """The report as a BibTeX @article entry; the outlet is the journal."""
    meta, source, published = article.meta, article.meta.source, article.published
    fields: list[tuple[str, str]] = [("title", meta.title), ("journal", source.outlet)]
    if source.author:
        fields.append(("author", source.author))
    day = published.date or published.not_before
    assert day is not None  # the model requires a day or a window
    if published.exact or day.year == published.latest.year:
        fields.append(("year", str(day.year)))
    if published.exact or (day.year, day.month) == (published.latest.year, published.latest.month):
        fields.append(("month", _MONTHS[day.month - 1]))
    if published.exact:
        fields.append(("day", str(day.day)))
    if source.url:
        fields.append(("url", source.url))
    fields += [("language", meta.language), ("note", " ".join(_notes(article, archive_page)))]
    body = ",\n".join(f"  {name} = {_bibtex_value(name, value)}" for name, value in fields)
    return f"@article{{{_KEY_UNSAFE.sub('-', article.slug)},\n{body}\n}}\n"


def _bibtex_value(name: str, value: str) -> str:
    """A field's value: BibTeX's month macros (jan...) go bare, the rest in braces."""
    if name == "month":
        return value
    return "{" + (_bibtex_url(value) if name == "url" else _bibtex_escape(value)) + "}"


def ris(article: Article, archive_page: str) -> str:
    """The report as an RIS record (EndNote, Zotero, Mendeley)."""
    meta, source, published = article.meta, article.meta.source, article.published
    lines = [("TY", "NEWS"), ("TI", meta.title), ("T2", source.outlet)]
    if source.author:
        lines.append(("AU", source.author))
    if published.exact:
        day = published.date
        lines.append(("PY", str(day.year)))  # type: ignore[union-attr]
        lines.append(("DA", day.strftime("%Y/%m/%d/")))  # type: ignore[union-attr]
    elif published.not_before.year == published.latest.year:
        lines.append(("PY", str(published.latest.year)))
    if source.url:
        lines.append(("UR", source.url))
    lines += [("LA", meta.language)]
    lines += [("N1", note) for note in _notes(article, archive_page)]
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {_one_line(value)}\r\n" for tag, value in lines)
