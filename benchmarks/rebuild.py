"""The hook's share of a rebuild while `mkdocs serve` runs, after an editor saves a report.

Does in one process what `mkdocs serve` does: loads the config, starts the plugins with
command "serve" (which turns the hook's content caches on), builds; then edits one report
at a time (its summary), loads the config again and rebuilds, a few seconds after the last
build as an editor would (the server tidies its memory when idle: idle_collector.py).
Prints, for the first build and the median of the rebuilds, the hook's share: the time
spent in its event functions (all of them: on_page_content runs once per page), then its
phases (NEWSARCHIVE_TIMINGS) and its events; and the rebuilds' wall time (MkDocs and
Material render every page again whatever the hook does).

Usage: .venv/bin/python benchmarks/rebuild.py [N [EDITS]]   (default: 1000 reports, 5 edits)
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

sys.path.insert(0, str(Path(__file__).parent))

from bench import project_copy  # noqa: E402
from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402

_EVENTS: dict[str, float] = {}  # seconds spent in each of the hook's events, this build


def _build(project: Path, site: Path, timings: Path) -> tuple[float, dict[str, float]]:
    """The build's wall time, and the seconds of the hook's phases and events."""
    _EVENTS.clear()
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    started = time.perf_counter()
    build(config)
    wall = time.perf_counter() - started
    events = {f"on_{name}": seconds for name, seconds in _EVENTS.items()}
    return wall, {**json.loads(timings.read_text())["seconds"], **events}


def _time_events(hook: ModuleType) -> None:
    """Time each of the hook's event functions (MkDocs looks them up on every config load;
    the module itself is loaded once)."""
    for name, function in vars(hook).copy().items():
        if name.startswith("on_") and callable(function):
            setattr(hook, name, timed(_EVENTS, name[3:], function))


def timed(spent: dict[str, float], name: str, function: Callable) -> Callable:
    """`function`, adding the seconds of each call to `spent[name]`."""

    def timing(*args, **kwargs):
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name] = spent.get(name, 0.0) + time.perf_counter() - started

    return timing


def _commit(project: Path) -> None:
    """Make the project a repository with its articles committed, as an editor's clone is
    (the feed and the sitemap date each report by its last commit; uncommitted, by the
    build's time, which changes every build)."""
    git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.invalid"]
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "Synthetic archive"]):
        subprocess.run(git + command, cwd=project, check=True)


def main(count: int, edits: int) -> None:
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    with tempfile.TemporaryDirectory(prefix="newsarchive-rebuild-") as work:
        project = project_copy(Path(work) / "project", count)
        _commit(project)
        site, timings = Path(work) / "site", Path(work) / "timings.json"
        os.environ["NEWSARCHIVE_TIMINGS"] = str(timings)
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
        _time_events(sys.modules["hooks/build.py"])  # as mkdocs.yml names it
        config.plugins.on_startup(command="serve", dirty=False)
        first_wall, first = _build(project, site, timings)
        articles = sorted((project / "articles").glob("*.md"))
        # The hook's package, as the first build imported it from the project's copy.
        pause = sys.modules["newsarchive.runtime.idle_collector"].IDLE_AFTER + 1
        walls, hooks = [], []
        for edit in range(edits):
            path = articles[edit * len(articles) // edits]
            text = path.read_text("utf-8")
            time.sleep(pause)  # the editor reads the page, then edits again
            path.write_text(text.replace('"summary": "', f'"summary": "Edit {edit}. ', 1))
            wall, phases = _build(project, site, timings)
            walls.append(wall)
            hooks.append(phases)
        config.plugins.on_shutdown()
    median = {k: statistics.median(h.get(k, 0.0) for h in hooks) for k in hooks[0]}
    print(f"{count:,} reports, first build: {first_wall:.1f} s; hook {_share(first):.2f} s")
    print(f"  ({_say(first)})")
    print(
        f"rebuild after editing one report (median of {edits}): {statistics.median(walls):.1f} s;"
        f" hook {statistics.median(_share(h) for h in hooks):.3f} s"
    )
    print(f"  ({_say(median)})")


def _share(measured: dict[str, float]) -> float:
    """The hook's share of a build: the time in its events (its phases are part of it)."""
    return sum(seconds for name, seconds in measured.items() if name.startswith("on_"))


def _say(measured: dict[str, float]) -> str:
    return ", ".join(f"{name} {seconds:.3f}" for name, seconds in measured.items())


if __name__ == "__main__":
    args = [int(arg) for arg in sys.argv[1:]]
    main(*(args + [1000, 5][len(args) :]))
