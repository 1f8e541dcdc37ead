"""`newsarchive new`, the editors' reference, and the pre-commit hook."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import frontmatter

from conftest import ROOT
from newsarchive.cli import with_reference
from newsarchive.load import load_archive
from newsarchive.scaffold import Scaffold, scaffold_text

BIN = Path(sys.executable).parent
SCROLL_BODY = (
    next((ROOT / "articles").glob("*scroll*.md")).read_text("utf-8").split("\n---\n", 1)[1]
)


def newsarchive(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "newsarchive"), *args], capture_output=True, text=True, cwd=cwd, input=stdin
    )


def archive_copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "articles", tmp_path / "articles")
    return tmp_path


OPTIONS = [
    "--outlet", "Meduza",
    "--url", "https://meduza.io/en/feature/2019/01/15/example",
    "--title", "A new report on Chechnya",
    "--published", "2019-01-15",
    "--author", "Jane Roe",
    "--summary", "A report for the test.",
]  # fmt: skip


def test_scaffold_passes_the_check_once_its_text_is_in(tmp_path: Path):
    project = archive_copy(tmp_path)
    (tmp_path / "report.txt").write_text("The report's own words, all of them.\n")
    result = newsarchive("new", *OPTIONS, "--text", str(tmp_path / "report.txt"), cwd=project)
    assert result.returncode == 0, result.stderr
    written = project / "articles" / "2019-01-15-meduza-a-new-report-on-chechnya.md"
    assert written.exists()
    assert "# Each figure the report cites" in written.read_text()
    articles, problems = load_archive([project / "articles"])
    assert problems == [] and len(articles) == 6


def test_scaffold_without_text_fails_the_check_on_its_todo_lines(tmp_path: Path):
    project = archive_copy(tmp_path)
    assert newsarchive("new", *OPTIONS, cwd=project).returncode == 0
    check = newsarchive("check", "articles", cwd=project)
    assert check.returncode == 1
    assert (
        "articles/2019-01-15-meduza-a-new-report-on-chechnya.md:28: body: "
        "paste the report's text in place of the TODO line"
    ) in check.stderr


def test_unknown_day_and_author_become_todos_not_guesses(tmp_path: Path):
    project = archive_copy(tmp_path)
    args = ["--outlet", "X", "--title", "T", "--published", "2019-01-14..2019-01-16"]
    assert newsarchive("new", *args, cwd=project).returncode == 0
    check = newsarchive("check", "articles", cwd=project).stderr
    for field in ("source.url_note", "source.author_note", "source.published.basis", "summary"):
        assert f": {field}: still to fill in:" in check


def test_scaffold_refuses_to_overwrite(tmp_path: Path):
    project = archive_copy(tmp_path)
    assert newsarchive("new", *OPTIONS, cwd=project).returncode == 0
    again = newsarchive("new", *OPTIONS, cwd=project)
    assert again.returncode == 1 and "exists already; nothing was written" in again.stderr


def test_scaffold_warns_when_the_url_or_the_text_is_already_here(tmp_path: Path):
    project = archive_copy(tmp_path)
    (tmp_path / "report.txt").write_text(SCROLL_BODY)
    same_url = ["--url", "https://scroll.in/latest/909519/russia-at-least-two-dead-40-"
                "detained-in-latest-crackdown-on-lgbt-people-in-chechnya-shows-report"]  # fmt: skip
    result = newsarchive(
        "new", "--outlet", "Scroll.in", "--title", "Copy", "--published", "2019-01-16",
        *same_url, "--text", str(tmp_path / "report.txt"), cwd=project,
    )  # fmt: skip
    assert result.returncode == 0
    assert "has the same URL" in result.stderr
    assert "its text is 100% the same" in result.stderr


def test_interactive_scaffold_asks_for_each_field(tmp_path: Path):
    project = archive_copy(tmp_path)
    answers = "Meduza\nhttps://meduza.io/x\nA title\n2019-01-15\n\nSummary.\n\n"
    result = newsarchive("new", "--interactive", cwd=project, stdin=answers)
    assert result.returncode == 0, result.stderr
    text = (project / "articles" / "2019-01-15-meduza-a-title.md").read_text()
    assert 'outlet: "Meduza"' in text and "author: null" in text


def test_contributing_reference_is_generated_from_the_schema():
    text = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
    assert with_reference(text) == text, "run `make schema` to refresh CONTRIBUTING.md"
    assert "| `qualifier` | `exactly` \\| `unqualified`" in text


def test_pre_commit_hook_checks_changed_articles(tmp_path: Path):
    repo = archive_copy(tmp_path)
    shutil.copy(ROOT / ".pre-commit-config.yaml", repo)
    (repo / ".venv").symlink_to(ROOT / ".venv")
    bad = repo / "articles" / "2019-01-14-scroll-two-dead-40-detained.md"
    bad.write_text(bad.read_text().replace("value: 3\n", "value: three\n"))
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")}
    for command in (["git", "init", "-q"], ["git", "add", "-A"]):
        subprocess.run(command, cwd=repo, check=True, env=env)
    result = subprocess.run(
        [str(BIN / "pre-commit"), "run", "newsarchive-check", "--files", str(bad)],
        cwd=repo, capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert result.returncode == 1
    assert "figures[3].value: 'three' is not a whole number" in result.stdout


def test_a_scaffold_reads_back_as_front_matter_and_body_with_python_frontmatter():
    scaffold = Scaffold(
        outlet="Gay Times",
        url="https://example.org/a",
        title="A title: with a colon",
        published=dt.date(2019, 1, 14),
        author="Jane Doe",
        summary='Said "40"',
        body="First paragraph.\n\nSecond.\n",
    )
    post = frontmatter.loads(scaffold_text(scaffold))
    assert post["title"] == "A title: with a colon" and post["summary"] == 'Said "40"'
    assert post["source"]["outlet"] == "Gay Times"
    assert post["source"]["published"]["date"] == dt.date(2019, 1, 14)
    assert post.content == "First paragraph.\n\nSecond."
