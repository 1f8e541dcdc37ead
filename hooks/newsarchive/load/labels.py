"""The vocabulary of figure labels, and warnings where labels may say one thing two ways.

A figure's label decides which figures the site compares: figures with one label (and
period and unit) are counted as agreeing or flagged as disagreeing; different labels are
never compared. So "killed" beside "deaths" splits one claim in two, and "detained" for
"still held" joins two claims that differ. The check warns (it does not refuse: a new
label may be right) when a label is a known synonym of a vocabulary label, and when two
labels in the archive differ only in spelling (case, _ or a plural s).
"""

from __future__ import annotations

import re

from ..model import Article
from .problems import Problem

__all__ = ["SYNONYMS", "VOCABULARY", "label_warnings"]

# label -> what it counts; CONTRIBUTING.md shows this list.
VOCABULARY = {
    "deaths": "people killed or who died (killed, died, murdered)",
    "deaths_by_torture": "people who died as a result of torture (the cause, as the text says)",
    "detained": "people detained or arrested in the period, whether or not still held",
    "still_detained": "people still held when the report or statement was made",
    "released": "people released from detention",
    "tortured": "people tortured",
    "missing": "people whose whereabouts are not known",
    "fled": "people who left the region to escape",
    "victim_age": "a victim's age (unit: years)",
}
# A word an editor may reach for -> the vocabulary label that says it.
SYNONYMS = {
    "killed": "deaths",
    "dead": "deaths",
    "died": "deaths",
    "death": "deaths",
    "murdered": "deaths",
    "murders": "deaths",
    "fatalities": "deaths",
    "arrested": "detained",
    "arrests": "detained",
    "detentions": "detained",
    "detainees": "detained",
    "held": "still_detained",
    "in_detention": "still_detained",
    "in_custody": "still_detained",
    "freed": "released",
    "disappeared": "missing",
    "age": "victim_age",
}


def _spelling(label: str) -> str:
    return re.sub(r"s$", "", label.replace("_", ""))


def label_warnings(articles: list[Article]) -> list[Problem]:
    """A warning for each figure label that may split or join claims by mistake."""
    warnings: list[Problem] = []
    first_spelling: dict[str, str] = {}  # spelling -> the first label spelt so
    for article in sorted(articles, key=lambda a: str(a.path)):
        for index, figure in enumerate(article.meta.figures):
            label, loc = figure.label, ("figures", index, "label")
            seen = first_spelling.setdefault(_spelling(label), label)
            if label in SYNONYMS:
                message = (
                    f"'{label}' reads like the vocabulary's '{SYNONYMS[label]}' "
                    f"({VOCABULARY[SYNONYMS[label]]}); use that label unless the claim "
                    "means something else, or the figures will not be compared"
                )
            elif seen != label:
                message = (
                    f"'{label}' looks like '{seen}', used elsewhere in the archive; use one "
                    "spelling, or the figures will not be compared"
                )
            else:
                continue
            warnings.append(Problem(str(article.path), article.line_of(loc), "figures", message))
    return warnings
