"""The editor's wait while serving: seconds from saving one report to its new words served
by a running `mkdocs serve`, for the project (as `make serve` runs it) and for the plain
mkdocs-material twin of the same report bodies (stock `mkdocs serve`), side by side.

Issue 32's "save-to-served-page while `make serve` runs": the whole rebuild as the editor
waits for it, not the hook's share (benchmarks/rebuild.py measures that). For each shape
and N, a synthetic project (bench.py's `project_copy`, committed as an editor's clone is)
and its plain twin (bench.py's `_plain`) are each served by a real `mkdocs serve` process
on a free local port: the project with SERVE_ARGS (what the Makefile's serve target runs,
without watchmedo, which only restarts the server when hooks/ changes), the twin with
stock defaults (TWIN_ARGS: live reload and no --dirty, every page rebuilt). Once both have
served their first build, E times: a pause (the editor reads the page), then one report
edited in the project (a sentence with a new word appended to the body of one file of
articles/) and, after another pause, the same report in the twin (its page in
docs/reports/); each time the report's page is asked for over HTTP every 50 ms until it
has the new word (MkDocs answers a request made during a rebuild once the rebuild is
done). Edits alternate between the two servers so that a slower moment of the machine
hits both alike; no rebuild overlaps another. An edit whose word is not served within
--timeout seconds (a failed rebuild leaves the server stuck) is counted as timed out.
Servers are stopped with SIGINT, as `make serve`'s watchmedo stops MkDocs (sent to the
server's whole process group, the hook's processes included), then SIGKILL to what is
left of the group.

Prints each wait as it is measured, then, per shape and N, for each server the median and
every value of its waits and the seconds to its first build served (both first builds run
at once: a guide only), and the ratio of the medians (project / twin). The twin has no
search: its wait is MkDocs's and Material's alone.

Usage: .venv/bin/python benchmarks/serve_wait.py [--edits E] [--shapes typical,wire]
       [--pause S] [--timeout S] [N ...]   (default: 1000 reports, 3 edits, both shapes)
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench import MKDOCS, _plain, project_copy  # noqa: E402
from rebuild import _commit  # noqa: E402

# The project's server: `mkdocs serve` as the Makefile's serve target runs it (plus
# --dev-addr, given here). Must match the Makefile.
SERVE_ARGS = ["--dirty", "--livereload"]
# The plain twin's: stock `mkdocs serve` (live reload on, as by default; no --dirty).
TWIN_ARGS = ["--livereload"]
POLL = 0.05  # seconds between two requests for the edited page
# Local requests only: never through a proxy of the environment.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@dataclass
class Server:
    name: str  # as printed: what runs, and with what
    project: Path
    process: subprocess.Popen
    url: str  # the site's root, "http://127.0.0.1:<port>/"
    log: Path  # MkDocs's output
    pages: list[Path]  # the report files an editor changes, one per edit
    started: float = field(default_factory=time.perf_counter)
    first: float | None = None  # seconds from the start to the first build served
    waits: list[float | None] = field(default_factory=list)  # None: timed out

    def page_url(self, path: Path) -> str:
        # The project's report pages live at reports/<slug>/ with the file's stem as slug
        # (newsarchive/render/urls.py: report_src, page_url; load/reading.py: slug); the
        # twin's page docs/reports/<file> has MkDocs's directory URL reports/<stem>/.
        return f"{self.url}reports/{path.stem}/"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str, timeout: float) -> str | None:
    """The page at `url`, or None while nothing is served there (not yet listening, not
    found, or still building past the timeout)."""
    try:
        with _OPENER.open(url, timeout=timeout) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):  # HTTPError and timeouts are among them
        return None


def _served(server: Server, url: str, word: str, timeout: float) -> float | None:
    """Ask for `url` every POLL seconds until its page has `word` (any page for ""):
    the seconds it took, or None after `timeout` seconds."""
    started = time.perf_counter()
    deadline = started + timeout
    while True:
        if server.process.poll() is not None:
            raise SystemExit(f"{server.name} ended ({server.process.returncode}):\n{_tail(server)}")
        page = _fetch(url, timeout=max(0.1, deadline - time.perf_counter()))
        now = time.perf_counter()
        if page is not None and word in page:
            return now - started
        if now >= deadline:
            return None
        time.sleep(POLL)


def _tail(server: Server, lines: int = 15) -> str:
    return "\n".join(server.log.read_text("utf-8", "replace").splitlines()[-lines:])


@contextlib.contextmanager
def serving(name: str, project: Path, args: list[str], pages: list[Path]) -> Iterator[Server]:
    """`mkdocs serve` of a project, in its own process group, on a free local port."""
    address = f"127.0.0.1:{_free_port()}"
    command = [
        str(MKDOCS),
        "serve",
        *args,
        "--dev-addr",
        address,
        "-f",
        str(project / "mkdocs.yml"),
    ]
    log = project.parent / f"{project.name}-serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with log.open("wb") as output:  # a file: a pipe nobody reads would block the server
        process = subprocess.Popen(
            command,
            cwd=project,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own group: the hook's processes are stopped with it
        )
    try:
        yield Server(name, project, process, f"http://{address}/", log, pages)
    finally:
        _stop(process)


def _stop(process: subprocess.Popen) -> None:
    """Stop a server as `make serve` does (SIGINT: MkDocs and the hook shut down), then
    kill whatever of its process group is still there."""
    group = process.pid  # start_new_session: the server leads its group
    with contextlib.suppress(ProcessLookupError):
        os.killpg(group, signal.SIGINT)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=30)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:  # the group's other processes, ending on their own
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(group, signal.SIGKILL)
    process.wait()


def _first_builds(servers: list[Server], timeout: float) -> None:
    """Wait for each server's first build (MkDocs listens once it is done; both build at
    once, so these times are only a guide)."""
    waiting = list(servers)
    while waiting:
        for server in list(waiting):
            if server.process.poll() is not None:
                raise SystemExit(f"{server.name} ended:\n{_tail(server)}")
            if _fetch(server.page_url(server.pages[0]), timeout=5) is not None:
                server.first = time.perf_counter() - server.started
                waiting.remove(server)
            elif time.perf_counter() - server.started > timeout:
                raise SystemExit(
                    f"{server.name}: nothing served in {timeout:.0f} s\n{_tail(server)}"
                )
        time.sleep(POLL)


def _edit(path: Path, word: str) -> None:
    """An editor's change to a report: a sentence with a new word at the end of its body
    (it breaks no quote, figure or event, which quote the body's sentences)."""
    text = path.read_text("utf-8")
    path.write_text(f"{text.rstrip()}\n\nEdited while serving: {word}.\n", "utf-8")


def measure(
    count: int, shape: str, edits: int, pause: float, timeout: float, work: Path
) -> tuple[Server, Server]:
    project = project_copy(work / f"project-{shape}-{count}", count, shape)
    _commit(project)  # the feed and sitemap date reports by commit, as in an editor's clone
    twin = _plain(work / f"plain-{shape}-{count}", project / "articles")
    articles = sorted((project / "articles").glob("*.md"))
    # One report per edit, spread over the archive; the twin edits the same reports.
    chosen = [articles[(2 * edit + 1) * len(articles) // (2 * edits)] for edit in range(edits)]
    plain_pages = [twin / "docs" / "reports" / path.name for path in chosen]
    hook_name = f"project, mkdocs serve {' '.join(SERVE_ARGS)}"
    twin_name = f"plain twin, mkdocs serve {' '.join(TWIN_ARGS)} (stock defaults: no --dirty)"
    with (
        serving(hook_name, project, SERVE_ARGS, chosen) as hook,
        serving(twin_name, twin, TWIN_ARGS, plain_pages) as plain,
    ):
        _first_builds([hook, plain], timeout)
        for edit in range(edits):
            for server in (hook, plain):
                time.sleep(pause)  # the editor reads the page, then edits again
                word = f"servewait{uuid.uuid4().hex[:12]}"  # letters and digits: one word
                path = server.pages[edit]
                _edit(path, word)
                seconds = _served(server, server.page_url(path), word, timeout)
                server.waits.append(seconds)
                said = f"{seconds:.2f} s" if seconds is not None else f"timed out ({timeout:.0f} s)"
                print(f"  {shape} N={count} edit {edit + 1}/{edits} {server.name}: {said}")
                if seconds is None:
                    print(_tail(server), file=sys.stderr)
    return hook, plain


def _say(waits: list[float | None]) -> tuple[float | None, str]:
    served = [w for w in waits if w is not None]
    median = statistics.median(served) if served else None
    values = ", ".join(f"{w:.2f}" if w is not None else "timed out" for w in waits)
    return median, (f"median {median:.2f} s" if median is not None else "no edit served") + (
        f" ({values})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000], help="reports (N)")
    parser.add_argument("--edits", type=int, default=3, help="edits of each server (E)")
    parser.add_argument(
        "--shapes",
        default="typical,wire",
        help="archive shapes (benchmarks/synthetic.py): typical, wire (agency copy clusters)",
    )
    parser.add_argument("--pause", type=float, default=5.0, help="seconds before each edit")
    parser.add_argument(
        "--timeout",
        type=float,
        default=900.0,
        help="seconds a build (the first, or after an edit) may take to be served",
    )
    args = parser.parse_args()
    lines = []
    with tempfile.TemporaryDirectory(prefix="newsarchive-serve-wait-") as work:
        for shape in args.shapes.split(","):
            for count in args.sizes:
                started = time.perf_counter()
                hook, plain = measure(
                    count, shape, args.edits, args.pause, args.timeout, Path(work)
                )
                hook_median, hook_said = _say(hook.waits)
                plain_median, plain_said = _say(plain.waits)
                ratio = (
                    f"{hook_median / plain_median:.2f}"
                    if hook_median is not None and plain_median
                    else "-"
                )
                lines += [
                    f"{shape}, {count:,} reports: save to served page, {args.edits} edits "
                    f"(measured in {time.perf_counter() - started:.0f} s)",
                    f"  {hook.name}: {hook_said}; first build served after {hook.first:.1f} s",
                    f"  {plain.name}: {plain_said}; first build served after {plain.first:.1f} s",
                    f"  project / twin (medians): {ratio}",
                ]
    print(*lines, sep="\n")


if __name__ == "__main__":
    main()
