"""What report text may contain: checked in the source, with a message for the editor.

Report bodies are Markdown prose. Raw HTML is refused: no report needs it, and it is how
script, frames, styles and event handlers get in. Links may go to http(s) and mailto
addresses or within the site; images are refused, since loading one from the outlet's
server would tell a third party who reads the archive. Markers that paste in another file
(--8<--), characters that reorder the display of text and private-use characters are
refused too. The rendered page is cleaned again by render.sanitize (defence in depth).
"""

from __future__ import annotations

import re

from .characters import HIDDEN_CHARACTERS, hidden_message

__all__ = ["body_problems"]

_CODE = re.compile(r"```.*?```|~~~.*?~~~|`[^`\n]*`", re.S)
_TAG = re.compile(r"<(/?[A-Za-z][\w:-]*|!--)")
_AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^\s>]*>")
_IMAGE = re.compile(r"!\[[^\]\n]*\]\s*[\(\[]")
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)|^\s{0,3}\[[^\]\n]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
_SAFE_TARGET = re.compile(r"^(?:https?://|mailto:|#|/|\.|[\w-]+(?:[/.#]|$))", re.I)
# pymdownx.snippets' marker (--8<--, any number of dashes): it pastes in another file.
_SNIPPET = re.compile(r"^[ \t]*;*-+8<-+", re.M)


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset)


def body_problems(body: str) -> list[tuple[int, str]]:
    """(line offset within the body, message) for each thing the body may not contain."""
    # Code spans and blocks show their text as text: blank them out, keeping offsets.
    text = _CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), body)
    text = _AUTOLINK.sub(lambda m: " " * len(m.group()), text)
    problems = []
    for match in _TAG.finditer(text):
        tag = match.group(1)
        what = "an HTML comment" if tag == "!--" else f"the HTML tag <{tag}>"
        problems.append(
            (
                _line_of(text, match.start()),
                f"{what} is refused: report text is Markdown, and raw HTML can run script; "
                "remove it (for emphasis write *text*)",
            )
        )
    for match in _IMAGE.finditer(text):
        problems.append(
            (
                _line_of(text, match.start()),
                "an image is refused: it would load from another site when read; "
                "keep its caption as text and remove the image",
            )
        )
    for match in _SNIPPET.finditer(text):
        problems.append(
            (
                _line_of(text, match.start()),
                "a snippet marker (--8<--) is refused: it would paste another file into the "
                "page; remove it, or write the report's own words",
            )
        )
    for match in HIDDEN_CHARACTERS.finditer(body):
        problems.append((_line_of(body, match.start()), f"the text {hidden_message(match[0])}"))
    for match in _LINK_TARGET.finditer(text):
        target = match.group(1) or match.group(2) or ""
        if target and not _SAFE_TARGET.match(target):
            problems.append(
                (
                    _line_of(text, match.start()),
                    f"the link target {target[:40]!r} is refused: links may only go to "
                    "http(s):// or mailto: addresses",
                )
            )
    return sorted(problems)
