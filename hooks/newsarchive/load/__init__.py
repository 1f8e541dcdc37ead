"""Load: article files -> validated Article records, or every problem with file and line.

reading walks the files and runs the checks; front_matter splits an article (python-
frontmatter) and reads its YAML with lines; messages words pydantic's errors for editors;
body checks report text; problems collects what is wrong; labels warns about figure labels;
history dates files by their last commit; names resolves names against the records.
"""

from __future__ import annotations

from .names import load_records
from .problems import Problem, ProblemLog
from .reading import TODO, load_archive, load_article, parse_article, url_key

__all__ = [
    "TODO",
    "Problem",
    "ProblemLog",
    "load_archive",
    "load_records",
    "load_article",
    "parse_article",
    "url_key",
]
