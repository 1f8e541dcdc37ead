"""The Jinja environment over the package's templates/, for pages and for the scaffold."""

from __future__ import annotations

import jinja2

__all__ = ["template_environment"]


def template_environment(*, autoescape: bool) -> jinja2.Environment:
    """Jinja over the package's templates/: strict about undefined names."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("newsarchive", "templates"),
        autoescape=autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
