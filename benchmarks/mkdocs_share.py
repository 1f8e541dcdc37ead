"""Where a one-off build's time goes in the MkDocs process, for the redesign issue #13 asks.

Builds N synthetic reports once, in this process, as `mkdocs build` does, and times what
MkDocs and Material do page by page beside the hook's phases: Markdown conversion (every
`Markdown.convert`) and template rendering (every Jinja `Template.render` in this process;
the compiling child's own templates are in its "render" phase). The rest of the wall time
is MkDocs's other work per page (reading, links, writing), the hook's page events and
waiting for the compiling child, whose phases are listed.

Usage: .venv/bin/python benchmarks/mkdocs_share.py [N [SHAPE]]   (default: 1000 typical)
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

import jinja2
import markdown

sys.path.insert(0, str(Path(__file__).parent))

from bench import project_copy  # noqa: E402
from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402
from rebuild import timed  # noqa: E402

_SPENT: dict[str, float] = {}


def main(count: int, shape: str) -> None:
    markdown.Markdown.convert = timed(_SPENT, "Markdown conversion", markdown.Markdown.convert)
    jinja2.Template.render = timed(_SPENT, "templates", jinja2.Template.render)
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    with tempfile.TemporaryDirectory(prefix="newsarchive-share-") as work:
        project = project_copy(Path(work) / "project", count, shape)
        timings = Path(work) / "timings.json"
        os.environ["NEWSARCHIVE_TIMINGS"] = str(timings)
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(Path(work) / "site"))
        started = time.perf_counter()
        build(config)
        wall = time.perf_counter() - started
        phases = json.loads(timings.read_text())["seconds"]
    print(f"{count:,} {shape} reports, one-off build: {wall:.1f} s")
    for name, seconds in {**_SPENT, **phases}.items():
        print(f"  {name}: {seconds:.2f} s")


if __name__ == "__main__":
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else 1000,
        sys.argv[2] if len(sys.argv) > 2 else "typical",
    )
