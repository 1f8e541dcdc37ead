"""Rebuilding while `mkdocs serve --dirty` runs: no page may be left stale.

Edits an archive the way an editor does between two saves (a title changed, a report
removed, one renamed, a copy of a report added, which makes new shared passages),
rebuilds as `make serve` does (only the pages whose content changed are written again),
and compares every page with a build from scratch.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import ROOT, copy_project, set_paging
from html_tools import read_page


def _build(project: Path, out: Path, command: str, *, dirty: bool = False):
    # MkDocs warns of every dirty build, which strict mode counts (`make serve` is not strict).
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(out), strict=not dirty)
    config.plugins.on_startup(command=command, dirty=dirty)
    try:
        build(config, dirty=dirty)
    finally:
        config.plugins.on_shutdown()  # stops background indexing


def _pages(site: Path) -> dict[str, str]:
    """Every page, data file and citation file of a built site, and its feed, by path."""
    pages = {
        str(path.relative_to(site)): path.read_text("utf-8")
        for path in site.rglob("*")
        if path.suffix in {".html", ".csv", ".json", ".bib", ".ris"}
        and "pagefind" not in path.parts
    }
    # Outside git, an entry was updated when the site was built: each build's own time.
    feed = (site / "feed.xml").read_text("utf-8")
    pages["feed.xml"] = re.sub(r"<updated>[^<]*</updated>", "<updated/>", feed)
    return pages


def test_a_rebuild_while_serving_equals_a_build_from_scratch(tmp_path: Path, monkeypatch):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synthetic import write_archive

    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    project = copy_project(tmp_path / "project")
    set_paging(project, split_above=3)  # lists split by year: more pages to get right
    shutil.rmtree(project / "articles")
    write_archive(project / "articles", 20)
    _commit(project)  # the feed's entries say when git last saw each file change
    served = tmp_path / "served"
    try:
        _build(project, served, "serve", dirty=True)
        files = sorted((project / "articles").glob("*.md"))
        edited = files[3].read_text("utf-8").replace('"title": "', '"title": "Edited: ', 1)
        files[3].write_text(edited, "utf-8")
        files[5].unlink()
        renamed = files[7].with_name(files[7].name.replace(".md", "-renamed.md"))
        files[7].rename(renamed)
        copy = json.loads(files[8].read_text("utf-8").split("---\n")[1])
        copy["source"]["url"] += "-copy"
        copy["title"] = "A copy of another report"
        body = files[8].read_text("utf-8").split("---\n", 2)[2]
        copy_name = files[8].name.replace(".md", "-copy.md")
        (project / "articles" / copy_name).write_text(
            f"---\n{json.dumps(copy, indent=1)}\n---\n{body}", "utf-8"
        )
        _build(project, served, "serve", dirty=True)
        written = _written_times(served)
        _build(project, served, "serve", dirty=True)  # nothing changed: nothing is written
        rewritten = [page for page, when in _written_times(served).items() if written[page] != when]
    finally:
        _build(project, tmp_path / "fresh", "build")
    fresh = _pages(tmp_path / "fresh")
    assert "Edited: " in read_page(served, f"reports/{files[3].stem}/")
    assert f"{files[5].stem}/" not in read_page(served, "reports/")
    assert not (served / "reports" / files[5].stem).exists()
    assert not (served / "reports" / files[7].stem).exists()
    assert (served / "reports" / renamed.stem / "index.html").is_file()
    assert not rewritten, f"pages written again though nothing changed: {rewritten[:5]}"
    # The copy repeats every paragraph: the original's page now links to it.
    assert f"../{copy_name[:-3]}/#para-" in read_page(served, f"reports/{files[8].stem}/")
    rebuilt = _pages(served)
    assert sorted(rebuilt) == sorted(fresh)
    stale = [name for name in fresh if rebuilt[name] != fresh[name]]
    assert not stale, f"pages differ from a build from scratch: {stale[:5]}"


def _written_times(site: Path) -> dict[str, int]:
    return {
        str(path.relative_to(site)): path.stat().st_mtime_ns
        for path in site.rglob("*")
        if path.suffix in {".html", ".csv", ".json", ".bib", ".ris"}
        and "pagefind" not in path.parts
        and path.name != "404.html"  # a theme template: MkDocs writes it at every build
    }


def _commit(project: Path) -> None:
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid"]
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "Articles"]):
        subprocess.run([*git, *command], cwd=project, check=True)


def _edit_front_matter(path: Path, edit) -> None:
    """Change a synthetic article's front matter (JSON, which is YAML) and keep its body."""
    _, front, body = path.read_text("utf-8").split("---\n", 2)
    meta = json.loads(front)
    edit(meta)
    path.write_text(f"---\n{json.dumps(meta, indent=1)}\n---\n{body}", "utf-8")


def test_a_rebuild_renders_again_only_the_report_an_edit_changes_and_equals_a_fresh_build(
    tmp_path: Path, monkeypatch
):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from newsarchive.render import report_pages
    from synthetic import write_archive

    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    project = copy_project(tmp_path / "project")
    shutil.rmtree(project / "articles")
    write_archive(project / "articles", 20)
    files = sorted((project / "articles").glob("*.md"))
    copy = project / "articles" / files[8].name.replace(".md", "-copy.md")
    shutil.copy(files[8], copy)  # every paragraph shared: notes on each page name the other
    _edit_front_matter(copy, lambda meta: meta["source"].update(url=meta["source"]["url"] + "-c"))
    rendered: list[str] = []
    real = report_pages._render_report

    def counted(article, *args):
        rendered.append(article.slug)
        return real(article, *args)

    monkeypatch.setattr(report_pages, "_render_report", counted)
    served = tmp_path / "served"
    try:
        _build(project, served, "serve")
        # The copy's notes name the original's outlet: its page changes too.
        _edit_front_matter(files[8], lambda meta: meta["source"].update(outlet="Renamed Outlet"))
        _build(project, served, "serve")
        rendered.clear()
        _edit_front_matter(files[2], lambda meta: meta.update(summary="A new summary."))
        _build(project, served, "serve")
        assert rendered == [files[2].stem]  # the memo hands back every other report page
    finally:
        _build(project, tmp_path / "fresh", "build")
    assert "Renamed Outlet" in read_page(served, f"reports/{copy.stem}/")
    assert "A new summary." in read_page(served, f"reports/{files[2].stem}/")
    fresh, rebuilt = _pages(tmp_path / "fresh"), _pages(served)
    stale = [name for name in fresh if rebuilt.get(name) != fresh[name]]
    assert not stale, f"pages differ from a build from scratch: {stale[:5]}"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _page_when(url: str, wanted: str, seconds: float) -> str:
    """The page at `url` once it contains `wanted` (the server may be restarting)."""
    deadline, text = time.monotonic() + seconds, ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                text = response.read().decode("utf-8")
            if wanted in text:
                return text
        except OSError:
            pass  # not up yet, or restarting
        time.sleep(0.5)
    raise AssertionError(f"{url} never showed {wanted!r}; last seen:\n{text[:500]}")


def test_make_serve_runs_the_edited_code_after_a_change_in_hooks_and_indexes_for_search(
    tmp_path: Path,
):
    project = copy_project(tmp_path / "project")
    address = f"127.0.0.1:{_free_port()}"
    # The Makefile's own recipe, run in the copy with this venv (no set-up step).
    command = ["make", "-s", "-f", str(ROOT / "Makefile"), "serve", "STAMP="]
    command += [f"BIN={Path(sys.executable).parent}", f"SERVE_ADDR={address}"]
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        command, cwd=project, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        url = f"http://{address}/contributing/"
        _page_when(url, "How to add a report", 120)
        # The search index follows in the background.
        entry_url = f"http://{address}/pagefind/pagefind-entry.json"
        entry = _page_when(entry_url, '"page_count"', 60)
        # An editor's save: the dirty rebuild writes the report's page again, and search
        # still holds every page (those not written again too), with the new words.
        article = sorted((project / "articles").glob("*.md"))[0]
        text = article.read_text("utf-8")
        article.write_text(text.replace('\nsummary: "', '\nsummary: "Saved by an editor. ', 1))
        _page_when(f"http://{address}/reports/{article.stem}/", "Saved by an editor.", 60)
        deadline = time.monotonic() + 60
        while (new_entry := _page_when(entry_url, '"page_count"', 60)) == entry:
            assert time.monotonic() < deadline, "the search index was never written again"
            time.sleep(0.5)
        counts = [
            {code: language["page_count"] for code, language in json.loads(e)["languages"].items()}
            for e in (entry, new_entry)
        ]
        assert counts[0] == counts[1] and sum(counts[0].values()) > 10
        render = project / "hooks" / "newsarchive" / "render" / "site.py"
        text = render.read_text("utf-8")
        assert '"How to add a report",' in text  # the guide's title, in its front_matter call
        render.write_text(text.replace('"How to add a report",', '"Edited guide",'))
        _page_when(url, "Edited guide", 120)
        _page_when(f"http://{address}/pagefind/pagefind-entry.json", '"page_count"', 60)
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        log.close()
