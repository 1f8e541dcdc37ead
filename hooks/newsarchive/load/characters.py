"""Characters no report text or front matter value may hold, and what to tell the editor."""

from __future__ import annotations

import re

__all__ = ["HIDDEN_CHARACTERS", "hidden_message"]

# Characters that make text display in another order than it is written (Trojan Source),
# and private-use ones, which mean nothing in a report (the pages use two of them to mark
# where their own HTML goes: render.page).
HIDDEN_CHARACTERS = re.compile("[\u202a-\u202e\u2066-\u2069\ue000-\uf8ff]")


def hidden_message(char: str) -> str:
    """What to tell an editor whose text holds one of the HIDDEN_CHARACTERS."""
    if "\ue000" <= char <= "\uf8ff":  # the Private Use Area
        return (
            f"holds the private-use character U+{ord(char):04X}, which stands for no letter "
            "and shows as a box or nothing; delete it (retype the text around it)"
        )
    return (
        f"holds the invisible character U+{ord(char):04X}, which makes text display in "
        "another order than it is written; delete it (retype the text around it)"
    )
