"""Where each generated page lives (its src_uri in docs/), and relative links between them."""

from __future__ import annotations

from ..model import Article
from ..slugs import slugify


def page_url(src_uri: str) -> str:
    """The directory URL MkDocs gives a page: reports/x.md -> reports/x/, index.md -> ''."""
    path = src_uri.removesuffix(".md")
    if path == "index" or path.endswith("/index"):
        return path.removesuffix("index")
    return path + "/"


def relative_link(from_src: str, to_url: str) -> str:
    """A link from the page `from_src` to a directory URL, keeping any #anchor."""
    target, _, anchor = to_url.partition("#")
    # Both are directory URLs ("a/b/" or ""): climb out of what differs, then go down.
    here, there = page_url(from_src).split("/")[:-1], target.split("/")[:-1]
    common = 0
    while common < min(len(here), len(there)) and here[common] == there[common]:
        common += 1
    down = "".join(f"{part}/" for part in there[common:])
    link = "../" * (len(here) - common) + down or "./"
    return link + (f"#{anchor}" if anchor else "")


def report_src(article: Article) -> str:
    """Where a report's page lives: reports/<file name>.md."""
    return f"reports/{article.slug}.md"


def outlet_src(outlet: str) -> str:
    """Where an outlet's list of reports lives."""
    return f"outlets/{listed_slug(outlet)}.md"


def listed_slug(name: str) -> str:
    """The slug of an outlet's or a tag's page, beside the index page of its folder."""
    slug = slugify(name)
    return f"{slug}-page" if slug == "index" else slug


def tag_src(tag: str) -> str:
    """Where a tag's list of reports lives."""
    return f"tags/{listed_slug(tag)}.md"
