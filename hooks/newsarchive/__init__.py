"""A press archive: Markdown reports validated, analysed and rendered into a static site."""

from .load import Problem, load_archive, load_article
from .model import Article, PartialDate

__all__ = ["Article", "PartialDate", "Problem", "load_archive", "load_article"]
