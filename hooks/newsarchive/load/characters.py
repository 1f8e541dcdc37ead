"""Characters no report text or front matter value may hold, what to tell the editor, and
how any text is shown where a raw control could act (a terminal, a CI log)."""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "HIDDEN_CHARACTERS",
    "HIDDEN_IN_KEYS",
    "HIDDEN_IN_VALUES",
    "UNREADABLE_IN_YAML",
    "hidden_message",
    "visible",
]

# Kinds of characters that are not text a reader sees, by code point ranges (one class
# each, so that one regex finds them all and the message can say which kind it is):
_CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 but tab and new line, DEL, C1 (\r, \x85 too)
_LINE_BREAK = "\u2028\u2029"  # line and paragraph separators: breaks some programs see
# Characters that make text display in another order than it is written (Trojan Source).
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# Private-use characters: a font's own glyphs (rare letters, logos). Report text may hold
# them, as the outlet wrote them; a name, key or other front matter value may not: it
# must be text a reader can read and a search or a record can match.
_PRIVATE = "\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd"
_SURROGATE = "\ud800-\udfff"  # half of a UTF-16 pair: only a YAML \u escape can make one
_NONCHARACTER = "\ufdd0-\ufdef\ufffe\uffff" + "".join(
    f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 17)
)
# Invisible characters that make two names that look alike differ: zero-width ones, the
# word joiner and invisible operators, the byte order mark inside text (the one at the
# start of a file is dropped), the soft hyphen, tag characters, interlinear annotation.
_INVISIBLE = "\u00ad\u180e\u200b-\u200d\u2060-\u2064\ufeff\ufff9-\ufffb\U000e0000-\U000e007f"

# In report text (a new line and a tab are text there).
HIDDEN_CHARACTERS = re.compile(
    f"[{_CONTROL}{_LINE_BREAK}{_BIDI}{_SURROGATE}{_NONCHARACTER}{_INVISIBLE}]"
)
# In a front matter value, a tab and private use too: a value is a name, a title, a quote.
HIDDEN_IN_VALUES = re.compile(f"[\t{_PRIVATE}{HIDDEN_CHARACTERS.pattern[1:-1]}]")
# In a key, a line break too: a key is one word.
HIDDEN_IN_KEYS = re.compile(f"[\t\n{_PRIVATE}{HIDDEN_CHARACTERS.pattern[1:-1]}]")
# What YAML cannot read as written (it refuses controls, and reads \r, \x85, \u2028 and
# \u2029 as line breaks, which would shift every line number after them): found in the
# raw front matter before YAML reads it.
UNREADABLE_IN_YAML = re.compile(f"[{_CONTROL}{_LINE_BREAK}{_SURROGATE}{_NONCHARACTER}]")

_KINDS = [
    (re.compile(f"[{_CONTROL}]"), "control"),
    (re.compile(f"[{_LINE_BREAK}]"), "line break"),
    (re.compile(f"[{_BIDI}]"), "bidi"),
    (re.compile(f"[{_PRIVATE}]"), "private"),
    (re.compile(f"[{_SURROGATE}]"), "surrogate"),
    (re.compile(f"[{_NONCHARACTER}]"), "noncharacter"),
]
_RETYPE = "delete it (retype the text around it)"


def _kind(char: str) -> str:
    for pattern, kind in _KINDS:
        if pattern.match(char):
            return kind
    return "invisible"


def hidden_message(char: str) -> str:
    """What to tell an editor whose text holds `char`, one of the HIDDEN_CHARACTERS (or a
    tab or line break, where a value or key may not hold one): its kind, its code point,
    how to fix it."""
    code = f"U+{ord(char):04X}"
    if char == "\t":
        return f"holds a tab ({code}); write a space instead"
    if char == "\n":
        return f"holds a line break ({code}); write it on one line"
    kind = _kind(char)
    if kind == "control":
        return (
            f"holds the control character {code}, which is not text (a terminal or a program "
            f"may act on it); {_RETYPE}"
        )
    if kind == "line break":
        return (
            f"holds the line separator {code} ({unicodedata.name(char)}), which only some "
            "programs read as a new line; write a new line or a space instead"
        )
    if kind == "bidi":
        return (
            f"holds the invisible character {code}, which makes text display in "
            f"another order than it is written; {_RETYPE}"
        )
    if kind == "private":
        return (
            f"holds the private-use character {code}, which stands for no letter "
            f"and shows as a box or nothing; {_RETYPE}"
        )
    if kind == "surrogate":
        return (
            f"holds the lone surrogate {code}, which is half of a character and cannot be "
            "written to a file; write the character itself, not its \\u escape"
        )
    if kind == "noncharacter":
        return (
            f"holds the noncharacter {code}, which Unicode reserves for programs' own use "
            f"and no text holds; {_RETYPE}"
        )
    name = unicodedata.name(char, "")
    return (
        f"holds the invisible character {code} ({name}), which makes two texts that look "
        f"the same differ; {_RETYPE}"
    )


# What a terminal or a CI log could act on: every control, line break included, the
# characters that reorder or hide text, and private use (shown as a box or nothing).
_UNSHOWN = HIDDEN_IN_KEYS
_SHORT = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match[0]
    code = ord(char)
    if char in _SHORT:
        return _SHORT[char]
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def visible(text: str) -> str:
    """`text` on one line with every control and hidden character shown as its escape
    (`\\x1b`, `\\n`, `\\u202e`), so that nothing an editor wrote can act on a terminal or a
    log, break a line or reorder what is shown."""
    return _UNSHOWN.sub(_escape, text)
