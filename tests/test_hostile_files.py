"""Hostile files (issue 35, "untrusted text stays text"): whatever a pull request adds to
articles/ is read as a bounded regular file, every text it holds is checked whatever the
bytes look like, and the problems it causes reach the terminal and GitHub as text only."""

from __future__ import annotations

import datetime as dt
import os
import resource
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, ROOT
from newsarchive.load import Problem, load_archive, parse_article
from newsarchive.load.history import last_changes
from newsarchive.model import Article

VALID = FIXTURES / "valid" / "2019-01-14-example-minimal.md"
NAME = VALID.name


def valid_text() -> str:
    return VALID.read_text("utf-8")


def run_check(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """`newsarchive check ARGS` in a process that may not use more than 1 GB (a file read
    without bound must fail fast, not take the shared machine's memory)."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    return subprocess.run(
        [sys.executable, "-m", "newsarchive", "check", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=timeout,
        preexec_fn=limit,
    )


# --- every parsed value and key is checked (class 5) ------------------------------------

# YAML escapes that turn plain-looking bytes into characters no text may hold.
ESCAPES = {
    r"\u202e": "U+202E",  # right-to-left override
    r"\ue000": "U+E000",  # private use: report text may hold it, a value may not
    r"\U000F0001": "U+F0001",  # supplementary private use
    r"\0": "U+0000",
    r"\v": "U+000B",
    r"\e": "U+001B",
    r"\x7f": "U+007F",
    r"\x85": "U+0085",  # C1 (next line)
    r"\x9b": "U+009B",  # C1 (control sequence introducer)
    r"\ufffe": "U+FFFE",
    r"\ud800": "U+D800",  # a lone surrogate
    r"\u200b": "U+200B",
    r"\u00ad": "U+00AD",
    r"\ufeff": "U+FEFF",
    r"\u2028": "U+2028",  # YAML reads it as a line break
    r"\t": "U+0009",  # a tab in a value
}


@pytest.fixture
def pure_python_yaml(monkeypatch):
    """The pure-Python YAML parser (a platform without libyaml): it reads a lone surrogate's
    escape, which libyaml refuses as bad YAML."""
    from newsarchive.load import front_matter

    plain = front_matter.plain_loader(yaml.SafeLoader)
    monkeypatch.setattr(front_matter, "_PlainLoader", plain)


@pytest.mark.parametrize("escape", ESCAPES, ids=ESCAPES.values())
def test_a_yaml_escape_in_a_value_is_refused_with_file_line_and_field(escape, request):
    if escape == r"\ud800":
        request.getfixturevalue("pure_python_yaml")
    raw = valid_text().replace('summary: "A short example."', f'summary: "A short{escape}one."')
    problems = parse_article(VALID, raw.encode("utf-8"), display=NAME)
    assert isinstance(problems, list)
    assert [
        str(p).split(", which")[0].split(";")[0] for p in problems if ESCAPES[escape] in p.message
    ] == [f"{NAME}:13: summary: the value holds " + _kind(escape)]


@pytest.mark.parametrize("escape", ESCAPES, ids=ESCAPES.values())
def test_a_yaml_escape_in_a_key_is_refused_with_file_line_and_field(escape, request):
    if escape == r"\ud800":
        request.getfixturevalue("pure_python_yaml")
    raw = valid_text().replace("language: en\n", f'language: en\n"ab{escape}c": x\n')
    problems = parse_article(VALID, raw.encode("utf-8"), display=NAME)
    assert isinstance(problems, list)
    (found,) = [p for p in problems if ESCAPES[escape] in p.message]
    assert found.path == NAME and found.line == 12 and found.message.startswith("the key holds")
    assert str(found).startswith(f"{NAME}:12: ab\\") and str(found).isprintable()


def _kind(escape: str) -> str:
    """The start of the message for the escaped character: its kind and code point."""
    code = ESCAPES[escape]
    char = chr(int(code[2:], 16))
    if char == "\t":
        return "a tab (U+0009)"
    if char in "\u202e":
        return f"the invisible character {code}"
    if unicodedata.category(char) == "Co":
        return f"the private-use character {code}"
    if unicodedata.category(char) == "Cc":
        return f"the control character {code}"
    if char in "\u2028":
        return f"the line separator {code} (LINE SEPARATOR)"
    if unicodedata.category(char) == "Cs":
        return f"the lone surrogate {code}"
    if char in "\ufffe":
        return f"the noncharacter {code}"
    return f"the invisible character {code} ({unicodedata.name(char)})"


@pytest.mark.parametrize("char", ["\x1b", "\x00", "\x7f", "\x9b", "\r", "\x85", "\u2028"])
def test_a_raw_control_in_the_front_matter_names_its_line_and_field(char, request):
    # YAML refuses some of them, and reads \r, \x85 and \u2028 as line breaks: each is
    # named at its own line, and the lines after it keep their numbers.
    raw = valid_text().replace('summary: "A short example."', f'summary: "A short{char}one."')
    raw = raw.replace("value: 40", "value: forty")
    for loader in ("libyaml", "pure Python"):
        if loader == "pure Python":
            request.getfixturevalue("pure_python_yaml")
        problems = parse_article(VALID, raw.encode("utf-8"), display=NAME)
        assert isinstance(problems, list), loader
        lines = [(p.line, p.field) for p in problems]
        assert (13, "summary") in lines and (16, "figures[0].value") in lines, (loader, problems)
        assert any(f"U+{ord(char):04X}" in p.message for p in problems if p.line == 13)


def test_libyaml_refuses_a_lone_surrogate_at_its_line():
    raw = valid_text().replace('summary: "A short example."', 'summary: "A short\\ud800one."')
    problems = parse_article(VALID, raw.encode("utf-8"), display=NAME)
    assert isinstance(problems, list) and [p.line for p in problems] == [13]


@pytest.mark.parametrize("char", ["\x1b", "\x0b", "\x85", "\u200b", "\u00ad", "\ufdd0"])
def test_the_body_gets_the_same_rule(char):
    raw = valid_text() + f"\nA line with{char}it.\n"
    problems = parse_article(VALID, raw.encode("utf-8"), display=NAME)
    assert isinstance(problems, list)
    line = raw.count("\n", 0, raw.index("A line with")) + 1
    assert [(p.line, p.field) for p in problems] == [(line, "body")]
    assert f"U+{ord(char):04X}" in problems[0].message


def test_private_use_characters_are_allowed_in_the_body_as_the_outlet_wrote_them():
    raw = valid_text() + "\nA rare glyph \ue000, another \U000f0000.\n"
    assert not isinstance(parse_article(VALID, raw.encode("utf-8"), display=NAME), list)


def test_a_tab_and_new_lines_are_allowed_in_the_body():
    raw = valid_text() + "\nA line\twith a tab.\n\n\tAnd one more.\n"
    assert isinstance(parse_article(VALID, raw.encode("utf-8")), Article)


# --- NFC at load (class 12) -------------------------------------------------------------

CAFE_NFC = unicodedata.normalize("NFC", "Le café reste fermé à Grozny")
CAFE_NFD = unicodedata.normalize("NFD", CAFE_NFC)


def _quoting(quote: str, body: str, source: str = "officials") -> bytes:
    """The valid article quoting `quote` from a body that says `body`, its figure's primary
    source named `source`."""
    text = valid_text().replace("The only thing that has changed is its scale", quote, 1)
    text = text.replace("officials\n", f"officials\n    primary_source: {source}\n", 1)
    return text.replace("“The only thing that has changed is its scale,”", body).encode("utf-8")


def test_an_nfd_body_with_an_nfc_quote_and_source_is_accepted():
    assert CAFE_NFC != CAFE_NFD
    body = unicodedata.normalize("NFD", f"{CAFE_NFC}, dit Café Noir")
    article = parse_article(VALID, _quoting(CAFE_NFC, body, "Café Noir"))
    assert isinstance(article, Article), article
    assert CAFE_NFC in article.body and article.meta.quotes[0].text == CAFE_NFC


def test_an_nfd_quote_written_as_yaml_escapes_matches_an_nfc_body():
    escaped = "Le cafe\\u0301 reste ferme\\u0301 a\\u0300 Grozny"
    article = parse_article(VALID, _quoting(escaped, CAFE_NFC))
    assert isinstance(article, Article), article
    assert article.meta.quotes[0].text == CAFE_NFC


def test_lines_stay_right_after_normalising():
    raw = _quoting(CAFE_NFC, CAFE_NFD).decode() + f"\n{CAFE_NFD}\n\n<b>x</b>\n"
    raw = raw.replace("language: en", f"language: en\ntitle_not: {CAFE_NFD}")
    problems = parse_article(VALID, raw.encode("utf-8"), display=NAME)
    assert isinstance(problems, list)
    tag = raw.count("\n", 0, raw.index("<b>")) + 1
    assert sorted({(p.line, p.field) for p in problems}) == [(12, "title_not"), (tag, "body")]


def test_two_spellings_of_one_key_are_one_key_given_twice():
    raw = valid_text().replace("language: en\n", 'language: en\ncafé: 1\n"cafe\\u0301": 2\n')
    problems = parse_article(VALID, raw.encode("utf-8"), display=NAME)
    assert isinstance(problems, list)
    assert [p.line for p in problems if "given twice, spelled two ways" in p.message] == [13]


# --- files are files (class 9) ----------------------------------------------------------


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(VALID, folder / NAME)
    return folder


def test_a_symlink_to_a_file_outside_is_refused_and_not_read(tmp_path: Path):
    folder = _folder(tmp_path)
    secret = tmp_path / "secret.md"
    secret.write_text(valid_text().replace("example.org/report", "example.org/secret"))
    (folder / "2019-01-14-example-secret.md").symlink_to(secret)
    articles, problems = load_archive([folder], root=tmp_path)
    assert [a.slug for a in articles] == ["2019-01-14-example-minimal"]
    (problem,) = problems
    assert problem.path.endswith("articles/2019-01-14-example-secret.md")
    assert problem.field == "file" and "symbolic link" in problem.message


def test_a_symlink_to_dev_zero_is_refused_quickly(tmp_path: Path):
    folder = _folder(tmp_path)
    (folder / "2019-01-14-example-zero.md").symlink_to("/dev/zero")
    result = run_check(str(folder))
    assert result.returncode == 1
    assert "2019-01-14-example-zero.md:1: file:" in result.stderr
    assert "symbolic link" in result.stderr and "Traceback" not in result.stderr


def test_a_fifo_is_refused_without_blocking(tmp_path: Path):
    folder = _folder(tmp_path)
    os.mkfifo(folder / "2019-01-14-example-pipe.md")
    result = run_check(str(folder), timeout=30)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "2019-01-14-example-pipe.md:1: file: not a regular file" in result.stderr


@pytest.mark.parametrize("kind", ["symlink", "fifo", "device"])
def test_files_named_on_the_command_line_follow_the_same_rule(tmp_path: Path, kind):
    path = tmp_path / NAME
    if kind == "symlink":
        path.symlink_to(VALID)
    elif kind == "fifo":
        os.mkfifo(path)
    else:
        path = Path("/dev/zero")
    result = run_check(str(path), timeout=30)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{path}:1: file:" in result.stderr


def test_a_symlinked_articles_folder_is_refused(tmp_path: Path):
    folder = _folder(tmp_path)
    (tmp_path / "link").symlink_to(folder)
    articles, problems = load_archive([tmp_path / "link"])
    assert articles == [] and [p.field for p in problems] == ["file"]
    assert "symbolic link" in problems[0].message


def test_a_file_is_read_with_a_size_bound(tmp_path: Path):
    path = _folder(tmp_path) / NAME
    with path.open("ab") as file:
        file.truncate(8 << 30)  # 8 GB, sparse: no disk is used, but all of it would be read
    result = run_check(str(path))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{path}:1: file: the file is over 300,000 bytes" in result.stderr


# --- bounded names, sane dates (class 10) -----------------------------------------------


def test_a_250_character_name_is_refused_before_the_build(tmp_path: Path):
    folder = tmp_path / "articles"
    folder.mkdir()
    long_name = "2019-01-14-" + "a" * (250 - len("2019-01-14-.md")) + ".md"
    assert len(long_name) == 250
    (folder / long_name).write_text(valid_text())
    articles, problems = load_archive([folder], root=tmp_path)
    assert articles == []
    (problem,) = problems
    assert problem.field == "file name" and "100 characters" in problem.message
    assert problem.path == f"articles/{long_name}"


def _git(repo: Path, *args: str, date: str | None = None) -> None:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_SYSTEM": "/dev/null"}
    if date:
        env.update(GIT_COMMITTER_DATE=date, GIT_AUTHOR_DATE=date)
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
        cwd=repo,
        env=env,
        check=True,
        capture_output=True,
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_commit_dates_in_the_future_are_the_build_time_and_year_10000_does_not_crash(
    tmp_path: Path,
):
    _git(tmp_path, "init", "-q")
    dates = {
        "2019-01-14-a-old.md": "2019-03-01T12:00:00+0000",
        "2019-01-14-a-future.md": "2099-01-01T00:00:00+0000",
        "2019-01-14-a-far.md": "@253402300800 +0000",  # 10000-01-01: git takes it
    }
    for name, date in dates.items():
        (tmp_path / name).write_text(name)
        _git(tmp_path, "add", name)
        _git(tmp_path, "commit", "-q", "-m", name, date=date)
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    changed = last_changes(tmp_path)
    after = dt.datetime.now(dt.UTC)
    assert changed["2019-01-14-a-old.md"] == dt.datetime(2019, 3, 1, 12, tzinfo=dt.UTC)
    for name in ("2019-01-14-a-future.md", "2019-01-14-a-far.md"):
        assert before <= changed[name] <= after, name


def test_git_times_are_read_as_numbers_held_between_1970_and_the_build():
    from newsarchive.load.history import parse_log

    built = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    commits = {"253402300800": "a.md", "-5": "b.md", "+10000-01-01": "c.md", "1546300800": "d.md"}
    log = "".join(f"\x00{stamp}\n\n{name}\n" for stamp, name in commits.items())
    assert parse_log(log, built) == {
        "a.md": built,
        "b.md": dt.datetime(1970, 1, 1, tzinfo=dt.UTC),
        "d.md": dt.datetime(2019, 1, 1, tzinfo=dt.UTC),
    }


def test_the_pull_request_build_sees_the_history_the_publish_build_sees():
    for name in ("pull-request.yml", "publish.yml"):
        workflow = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text())
        for job in workflow["jobs"].values():
            for step in job["steps"]:
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step["with"]["fetch-depth"] == 0, name


# --- output is text only (class 7) ------------------------------------------------------

HOSTILE_KEY = "x\n::add-mask::secret\n::stop-commands::pause\r\x1b[2K\x1b[1A:,%"


def _hostile_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    key = HOSTILE_KEY.encode("unicode_escape").decode().replace('"', '\\"')
    text = valid_text().replace("language: en\n", f'language: en\n"{key}": 1\n')
    (folder / NAME).write_text(text)
    hostile_name = "2019-01-14-x\n::notice file=a::forged\n::add-mask::b,line=3:\x1b[2K%.md"
    (folder / hostile_name).write_text(valid_text().replace("example.org/report", "e.org/2"))
    return folder


def test_github_annotations_carry_no_command_of_the_editor(tmp_path: Path):
    result = run_check("--github", str(_hostile_folder(tmp_path)))
    assert result.returncode == 1
    problems = [line for line in result.stderr.splitlines() if not line.endswith("published.")]
    annotations = result.stdout.splitlines()
    assert len(annotations) == len(problems) >= 3
    for line in annotations:
        assert line.startswith("::error file=")
        properties, data = line[2:].split("::", 1)
        kind, _, pairs = properties.partition(" ")
        names = [pair.split("=", 1)[0] for pair in pairs.split(",")]
        assert kind == "error" and names == ["file", "line", "title"], properties
        assert "\x1b" not in line and "\r" not in line
    for line in result.stderr.splitlines():
        assert not line.startswith("::"), line
    assert "%0A" not in result.stdout  # line breaks were shown as escapes before escaping


def test_the_terminal_shows_escapes_never_raw_controls(tmp_path: Path):
    result = run_check(str(_hostile_folder(tmp_path)))
    assert result.returncode == 1
    assert "\x1b" not in result.stderr and "\r" not in result.stderr
    assert "\\x1b[2K" in result.stderr and "\\n::add-mask::" in result.stderr
    summary = result.stderr.splitlines()[-1]
    assert summary.startswith(f"{len(result.stderr.splitlines()) - 1} problem(s)")


def test_a_problem_is_always_one_printable_line():
    problem = Problem("a\nb.md", 1, "k\x1b[2K\u202e\ud800", "m\r\n::x::\x85\u2028")
    text = str(problem)
    assert text == "a\\nb.md:1: k\\x1b[2K\\u202e\\ud800: m\\r\\n::x::\\x85\\u2028"
    text.encode("utf-8")  # no lone surrogate left to fail the terminal's encoding
