"""What report text may contain: checked by the very Markdown that renders it
(report_text), with a message for the editor.

Report bodies are Markdown prose. Raw HTML shows as text (it is how script, frames, styles
and event handlers would get in), and the check asks the editor to remove it. Links may
go to http(s) and mailto addresses or within the site; images are refused, since loading
one from the outlet's server would tell a third party who reads the archive. Characters
that reorder the display of text, controls and private-use characters are refused too.
"""

from __future__ import annotations

from bisect import bisect_right

from ..report_text import MAX_BRACKETS, MAX_PARAGRAPH, Finding, findings
from .characters import HIDDEN_CHARACTERS, hidden_message

__all__ = ["body_problems"]

# A file of ten thousand stray tags is told so in a few lines, not ten thousand.
MAX_SAID = 20


def _message(finding: Finding) -> str:
    if finding.kind == "html":
        what = "an HTML comment" if finding.text.startswith("<!--") else "raw HTML"
        return (
            f"{what} ({finding.text[:40]!r}) is refused: report text is Markdown, and the "
            "page shows raw HTML as text; remove it (for emphasis write *text*)"
        )
    if finding.kind == "image":
        return (
            "an image is refused: it would load from another site when read; "
            "keep its caption as text and remove the image"
        )
    if finding.kind == "nesting":
        return (
            "lists or quotes are nested too deeply to be read; no report nests them more "
            "than a few levels: remove the extra indentation or '>'"
        )
    if finding.kind == "paragraph":
        return (
            f"this paragraph is over {MAX_PARAGRAPH:,} characters: Markdown's time grows with "
            "the square of a paragraph's length; put a blank line between its paragraphs"
        )
    if finding.kind == "brackets":
        return (
            f"this paragraph holds more than {MAX_BRACKETS} '[': Markdown would take minutes "
            "to read it; split it, or remove the brackets that are not links"
        )
    return (
        f"the link target {finding.text[:40]!r} is refused: links may only go to "
        "http(s):// or mailto: addresses"
    )


def body_problems(body: str) -> list[tuple[int, str]]:
    """(line offset within the body, message) for each thing the body may not contain."""
    problems: list[tuple[int, str]] = []
    said: dict[str, int] = {}
    for line, finding in findings(body):
        said[finding.kind] = said.get(finding.kind, 0) + 1
        if said[finding.kind] <= MAX_SAID:
            problems.append((line, _message(finding)))
    for kind, count in said.items():
        if count > MAX_SAID:
            problems.append(
                (0, f"{count - MAX_SAID} more of the kind above ({kind}); fix those first")
            )
    starts = None
    hidden = 0
    for match in HIDDEN_CHARACTERS.finditer(body):
        hidden += 1
        if hidden > MAX_SAID:
            problems.append((0, "more hidden characters follow; delete those above first"))
            break
        starts = starts or [0] + [i + 1 for i, c in enumerate(body) if c == "\n"]
        line = bisect_right(starts, match.start()) - 1
        problems.append((line, f"the text {hidden_message(match[0])}"))
    return sorted(problems)
