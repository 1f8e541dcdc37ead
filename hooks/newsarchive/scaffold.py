"""`newsarchive new`: a correctly named article file with a commented front matter skeleton.

What the editor has not told us is written as a TODO that the check refuses, so a scaffold
can never be published half-filled.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

import frontmatter
import jinja2

from .analyse.shared_passages import body_similarity
from .load import TODO, load_archive, url_key
from .slugs import slugify
from .templating import template_environment

__all__ = ["Scaffold", "article_name", "duplicates", "scaffold_text"]

BODY_TODO = "paste the report's text here, word for word."
NEAR_IDENTICAL = 0.8  # share of common word runs from which two bodies are one report


@dataclass(frozen=True)
class Scaffold:
    """What an editor tells `newsarchive new` about a report."""

    outlet: str
    url: str | None
    title: str
    title_source: str = "headline"
    published: dt.date | None = None  # the day, when known
    not_before: dt.date | None = None  # else the window
    not_after: dt.date | None = None
    author: str | None = None
    language: str = "en"
    summary: str | None = None
    body: str | None = None


def article_name(scaffold: Scaffold) -> str:
    """The file name: YYYY-MM-DD-outlet-first-words-of-the-title.md."""
    day = scaffold.published or scaffold.not_before
    assert day is not None
    words = slugify(scaffold.title).split("-")[:6]
    return f"{day.isoformat()}-{slugify(scaffold.outlet)}-{'-'.join(words)}.md"


@cache
def _template() -> jinja2.Template:
    # YAML, not HTML: values are written as JSON strings (valid YAML), nothing is escaped.
    env = template_environment(autoescape=False)
    env.filters["yaml"] = lambda value: json.dumps(value, ensure_ascii=False)
    env.filters["todo"] = lambda what: json.dumps(f"{TODO}: {what}")
    return env.get_template("new_article.yaml")


class ScaffoldHandler(frontmatter.YAMLHandler):
    """Writes front matter with a comment on each field and a TODO for each unknown, which
    plain YAML dumping cannot; python-frontmatter puts it between the '---' lines."""

    def export(self, metadata: dict[str, object], **kwargs: object) -> str:
        """The commented front matter, between python-frontmatter's '---' lines."""
        return _template().render(s=metadata).strip()


def scaffold_text(scaffold: Scaffold) -> str:
    """The article file: front matter with a comment on each field, then the body."""
    fields = {name: value for name, value in asdict(scaffold).items() if name != "body"}
    body = scaffold.body.strip() if scaffold.body else f"{TODO}: {BODY_TODO}"
    post = frontmatter.Post(body, handler=ScaffoldHandler(), **fields)
    return frontmatter.dumps(post) + "\n"


def duplicates(scaffold: Scaffold, archive_folder: Path) -> list[str]:
    """Warnings when the report seems to be in the archive already (same URL or text)."""
    articles, _ = load_archive([archive_folder])
    warnings = []
    for article in articles:
        url = article.meta.source.url
        if scaffold.url and url and url_key(url) == url_key(scaffold.url):
            warnings.append(f"{article.path}: has the same URL; is this report already here?")
        if scaffold.body:
            score = body_similarity(scaffold.body, article.body)
            if score >= NEAR_IDENTICAL:
                same = f"its text is {score:.0%} the same"
                warnings.append(f"{article.path}: {same}; is this report already here?")
    return warnings
