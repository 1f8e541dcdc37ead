"""`make bench`: the full project build against a plain mkdocs-material build of the same
report bodies, side by side, on deterministic synthetic archives.

For each N, both builds run in alternation (project, plain, project, plain...) so that a
slower moment of the machine hits both alike. Both have the same theme and the same search
(Pagefind: the project's hook runs it after its build; the plain build runs it after
`mkdocs build`, within its wall time). Each build is its own process tree. Its CPU time
is the whole tree's (work that no overlap takes away); its peak memory is sampled every
0.1 s from /proc: the largest total, and each program's largest apart
("python" is the moment before `python -m pagefind` becomes the Pagefind binary). The
search download is measured in headless Chromium (search_download.py). Results are
printed as a Markdown table and written to benchmarks/RESULTS.md.

Usage: .venv/bin/python benchmarks/bench.py [--runs R] [N ...]   (default: 100 1000 10000)
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from search_download import search_download  # noqa: E402

from synthetic import WORDS, write_archive  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = Path(sys.executable).parent / "mkdocs"
PLAIN_CONFIG = """\
site_name: Plain build of the same reports
site_url: http://127.0.0.1:8000/
theme:
  name: material
  font: false
plugins: []
nav:
  - Home: index.md
"""


SHAPES = (
    "Shapes (benchmarks/synthetic.py): typical, where one report in eight repeats a "
    "paragraph of an earlier one; wire copy, where four runs in five are clusters of 20 to "
    "300 reports sharing an agency's paragraphs, figure and event."
)


@dataclass
class Runs:
    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # CPU seconds of the whole process tree
    phases: list[dict[str, float]] = field(default_factory=list)
    memory: list[dict[str, float]] = field(default_factory=list)  # peak MB: all, by program
    steps: dict[str, float] = field(default_factory=dict)  # MkDocs's MB after each step
    site: dict[str, float] = field(default_factory=dict)


def project_copy(folder: Path, count: int, shape: str = "typical") -> Path:
    """A copy of the project's site sources with N synthetic articles of a shape."""
    for name in ("docs", "hooks"):
        shutil.copytree(ROOT / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "CONTRIBUTING.md", "records.yml"):
        shutil.copy(ROOT / name, folder / name)
    write_archive(folder / "articles", count, shape=shape)
    return folder


def _plain(folder: Path, articles: Path) -> Path:
    """The same report bodies as ordinary pages: same theme, no hook (search: `_build`)."""
    docs = folder / "docs" / "reports"
    docs.mkdir(parents=True)
    (folder / "docs" / "index.md").write_text("# Reports\n")
    for article in sorted(articles.glob("*.md")):
        _, front, body = article.read_text("utf-8").split("---\n", 2)
        title = json.loads(front)["title"]
        (docs / article.name).write_text(f"# {title}\n\n{body}", "utf-8")
    (folder / "mkdocs.yml").write_text(PLAIN_CONFIG)
    return folder


def _tree_rss_mb(root: int) -> dict[str, float]:
    """Resident memory (MB) of a process and its descendants now, by program name."""
    by_name: dict[str, float] = {}
    pending = [root]
    while pending:
        pid = pending.pop()
        try:
            fields = dict(
                line.split(":\t", 1)
                for line in Path(f"/proc/{pid}/status").read_text().splitlines()
            )
            for task in Path(f"/proc/{pid}/task").iterdir():
                pending += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, ValueError):  # the process ended while being read
            continue
        name = fields["Name"].strip()
        by_name[name] = by_name.get(name, 0.0) + int(fields.get("VmRSS", "0 kB").split()[0]) / 1024
    return by_name


def _run(command: list[str], env: dict[str, str], peaks: dict[str, float]) -> None:
    """Run a command to its end, sampling its process tree's memory every 0.1 s: `peaks`
    keeps the largest total ("all", what the machine must hold at once) and the largest of
    each program apart (MkDocs and Pagefind overlap: the hook waits for Pagefind)."""
    # Errors go to a file: a pipe nobody reads while polling would block a talkative build.
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(command, env=env, stderr=errors)
        while process.poll() is None:
            now = _tree_rss_mb(process.pid)
            for name, mb in [("all", sum(now.values())), *now.items()]:
                peaks[name] = max(peaks.get(name, 0.0), mb)
            time.sleep(0.1)
        if process.returncode != 0:
            errors.seek(0)
            raise SystemExit(f"{' '.join(command)} failed:\n{errors.read().decode()}")


def _build(project: Path, out: Path, timings: Path | None) -> tuple[float, float, dict[str, float]]:
    """One build (the plain one followed by Pagefind); its wall time, the CPU time of all
    its processes (each waited for by its parent, so counted here) and peak memory (MB)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if timings:
        env["NEWSARCHIVE_TIMINGS"] = str(timings)
    peaks: dict[str, float] = {}
    cpu_before = _children_cpu()
    started = time.perf_counter()
    _run(
        [str(MKDOCS), "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(out)], env, peaks
    )
    if not timings:  # the plain build: the same search as the project's
        _run([sys.executable, "-m", "pagefind", "--site", str(out), "--silent"], env, peaks)
    return time.perf_counter() - started, _children_cpu() - cpu_before, peaks


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _site_figures(site: Path) -> dict[str, Any]:
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = [p for p in files if p.suffix == ".html"]
    largest = max(pages, key=lambda p: p.stat().st_size)
    search_kb = None
    if (site / "search").is_dir():  # the plain build has no search page to type into
        search_kb = {}
        # Words of the synthetic reports by frequency (see synthetic.py): a typical word
        # (the 301st most common), and the most common, in nearly every report.
        for kind, word in (("typical", WORDS[300]), ("commonest", WORDS[0])):
            raw, served, shown = search_download(site, word)
            assert shown, f"no result for {word!r} in {site}"
            search_kb[kind] = (raw / 1e3, served / 1e3)
    return {
        "site_mb": sum(p.stat().st_size for p in files) / 1e6,
        "largest_kb": largest.stat().st_size / 1e3,
        "largest": str(largest.relative_to(site)),
        "search_kb": search_kb,
    }


def bench(count: int, runs: int, work: Path, shape: str) -> tuple[Runs, Runs]:
    project = project_copy(work / f"project-{shape}-{count}", count, shape)
    plain = _plain(work / f"plain-{shape}-{count}", project / "articles")
    full, bare = Runs(), Runs()
    for run in range(runs):
        for name, source, result in (("full", project, full), ("plain", plain, bare)):
            out = work / f"site-{name}-{count}"
            timings = work / "timings.json" if name == "full" else None
            seconds, cpu, peaks = _build(source, out, timings)
            result.seconds.append(seconds)
            result.cpu.append(cpu)
            result.memory.append(peaks)
            if timings:
                measured = json.loads(timings.read_text())
                result.phases.append(measured["seconds"])
                result.steps = measured["memory"]
            if run == runs - 1:
                result.site = _site_figures(out)
            print(
                f"  {shape} N={count} run {run + 1}/{runs} {name}: {seconds:.1f} s "
                f"(CPU {cpu:.1f} s), {peaks['all']:.0f} MB"
            )
    return full, bare


def _row(shape: str, count: int, name: str, result: Runs) -> str:
    phases = "-"
    if result.phases:
        median = {k: statistics.median(p[k] for p in result.phases) for k in result.phases[0]}
        phases = ", ".join(f"{k} {v:.2f}" for k, v in median.items())
    names = sorted({name for m in result.memory for name in m} - {"all"})
    apart = ", ".join(f"{n} {max(m.get(n, 0) for m in result.memory):.0f}" for n in names)
    peak = f"{max(m['all'] for m in result.memory):.0f} ({apart})"
    site = result.site
    search = "-"
    if site["search_kb"]:
        search = "; ".join(
            f"{kind} {raw:.0f} ({served:.0f} gzip)"
            for kind, (raw, served) in site["search_kb"].items()
        )
    return (
        f"| {shape} | {count:,} | {name} | {statistics.median(result.seconds):.1f} "
        f"| {statistics.median(result.cpu):.1f} | {peak} "
        f"| {phases} "
        f"| {site['site_mb']:.1f} | {site['largest_kb']:.0f} ({site['largest']}) | {search} |"
    )


def ratio_line(shape: str, count: int, full: Runs, bare: Runs) -> str:
    """Wall time against the plain twin, and the floor its CPU time sets: however well the
    work overlaps, it cannot take less than its CPU seconds shared among the cores."""
    plain_wall = statistics.median(bare.seconds)
    wall = statistics.median(full.seconds) / plain_wall
    work = statistics.median(full.cpu) / statistics.median(bare.cpu)
    cores = os.cpu_count() or 1
    floor = statistics.median(full.cpu) / cores / plain_wall
    return (
        f"- {shape}, N = {count:,}: full / plain = {wall:.2f}; CPU time {work:.2f}x the plain "
        f"build's, so on {cores} cores no less than {floor:.2f}x its wall time"
    )


def hand_written(results: str) -> str:
    """What people wrote below the tables (their reading of the numbers, every "## " section),
    kept when the tables are written again."""
    heading = re.search(r"^## ", results, re.MULTILINE)
    return results[heading.start() :] if heading else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 1000, 10000])
    parser.add_argument("--runs", type=int, default=3, help="builds of each kind per size")
    parser.add_argument("--output", default=str(ROOT / "benchmarks" / "RESULTS.md"))
    parser.add_argument(
        "--shapes",
        default="typical,wire",
        help="archive shapes (benchmarks/synthetic.py): typical, wire (agency copy clusters)",
    )
    args = parser.parse_args()
    header = (
        "| shape | reports | build | wall s (median) | CPU s (median) | peak MB (apart) "
        "| hook s per phase (median) | site MB | largest page KB "
        "| one search downloads KB (as a gzip host sends) |\n"
        "|---|---:|---|---:|---:|---:|---|---:|---|---|"
    )
    rows, ratios, fulls = [], [], []
    with tempfile.TemporaryDirectory(prefix="newsarchive-bench-") as work:
        for shape in args.shapes.split(","):
            for count in args.sizes:
                full, bare = bench(count, args.runs, Path(work), shape)
                fulls.append((f"{shape} {count:,}", full))
                rows += [
                    _row(shape, count, "full (hook)", full),
                    _row(shape, count, "plain material + Pagefind", bare),
                ]
                ratios.append(ratio_line(shape, count, full, bare))
    table = "\n".join([header, *rows])
    steps = [
        f"- {label}: " + ", ".join(f"{step} {mb:.0f}" for step, mb in full.steps.items())
        for label, full in fulls
    ]
    print(table, *ratios, "MkDocs process, resident MB after each step:", *steps, sep="\n")
    machine = f"{os.cpu_count()} cores, Python {sys.version.split()[0]}"
    output = Path(args.output)
    kept = hand_written(output.read_text("utf-8") if output.exists() else "")
    output.write_text(
        "# Benchmark results\n\n"
        f"`make bench` ({args.shapes}: {' '.join(map(str, args.sizes))} reports, "
        f"{args.runs} run{'s' if args.runs != 1 else ''} of each build, alternating full and "
        f"plain), on {machine}. {SHAPES}\n\n{table}\n\n"
        + "\n".join(ratios)
        + "\n\nThe full build's resident MB after each step (last run; loaded, analysed and "
        + "rendered: the child process that compiles the archive; then MkDocs's own):\n\n"
        + "\n".join(steps)
        + "\n"
        + (f"\n{kept}" if kept else ""),
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
