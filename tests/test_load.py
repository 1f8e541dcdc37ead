"""The loader: data-driven cases (each folder beside its expected problems), the real
archive, and a property test that no input crashes it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, ROOT
from newsarchive.load import Problem, front_matter, load_archive, parse_article
from newsarchive.model import Article
from newsarchive.passages import find_passage
from newsarchive.runtime import parallel

INVALID = sorted(
    p for folder in ("invalid", "hostile") for p in (FIXTURES / folder).iterdir() if p.is_dir()
)
VALID = FIXTURES / "valid" / "2019-01-14-example-minimal.md"


@pytest.mark.parametrize("case", INVALID, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_invalid_case_gives_exactly_the_expected_problems(case: Path):
    expected = case.with_suffix(".txt").read_text("utf-8").splitlines()
    articles, problems = load_archive([case], root=case)
    assert [str(p) for p in sorted(problems)] == expected
    assert problems, "an invalid case must produce problems"


def test_every_problem_in_every_file_is_reported_in_one_run():
    case = FIXTURES / "invalid" / "several-problems"
    _, problems = load_archive([case], root=case)
    assert {p.path for p in problems} == {
        "2019-01-14-example-minimal.md",
        "2019-01-14-example-other.md",
    }
    fields = {(p.path, p.line, p.field) for p in problems}
    assert ("2019-01-14-example-minimal.md", 16, "figures[0].value") in fields
    assert ("2019-01-14-example-other.md", 11, "language") in fields


def test_loading_on_every_core_gives_what_loading_in_turn_gives(monkeypatch):
    """A large archive is read by several processes: the same articles in the same order,
    and every problem of every file."""
    folders = [ROOT / "articles", *INVALID]
    in_turn = load_archive(folders, root=ROOT)
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 2)
    monkeypatch.setattr(parallel, "CHUNK", 3)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    spawned = []
    real_pool = parallel.ProcessPoolExecutor
    monkeypatch.setattr(
        parallel, "ProcessPoolExecutor", lambda *a, **k: spawned.append(1) or real_pool(*a, **k)
    )
    on_every_core = load_archive(folders, root=ROOT, each=parallel.on_every_core)
    assert spawned
    articles, problems = on_every_core

    def facts(article: Article) -> tuple:
        return article.path, article.meta.model_dump(), article.body, article.lines

    assert [facts(a) for a in articles] == [facts(a) for a in in_turn[0]]
    assert len(articles) >= 5 and sorted(problems) == sorted(in_turn[1]) and problems


def test_valid_fixture_loads():
    articles, problems = load_archive([VALID])
    assert problems == []
    assert articles[0].meta.figures[0].value == 40


def test_same_file_name_in_two_folders_is_a_collision(tmp_path: Path):
    other = VALID.read_text("utf-8").replace("https://example.org/report", "https://e.org/x")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / VALID.name).write_text(VALID.read_text("utf-8"))
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / VALID.name).write_text(other)
    _, problems = load_archive([tmp_path / "a", tmp_path / "b"], root=tmp_path)
    assert [str(p) for p in problems] == [
        f"b/{VALID.name}:1: file: same page address as a/{VALID.name}; give it another name"
    ]


def test_crlf_and_byte_order_mark_are_read_like_plain_files():
    raw = ("\ufeff" + VALID.read_text("utf-8")).replace("\n", "\r\n").encode("utf-8")
    assert isinstance(parse_article(VALID, raw), Article)


# --- the real archive -------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_articles() -> list[Article]:
    articles, problems = load_archive([ROOT / "articles"], root=ROOT)
    assert problems == []
    return articles


def test_the_five_reports_load_cleanly(real_articles):
    assert len(real_articles) == 5
    assert {a.meta.source.outlet for a in real_articles} == {
        "Gay Times",
        "Scroll.in",
        "OutNews Global",
    }


def test_every_claim_of_the_real_reports_is_verbatim_in_its_body(real_articles):
    for article in real_articles:
        meta = article.meta
        passages = meta.cited_passages()
        assert passages, article.slug
        for _, passage in passages:
            assert find_passage(article.body, passage), (article.slug, passage)


def test_unknown_facts_are_said_to_be_unknown(real_articles):
    for article in real_articles:
        source = article.meta.source
        assert source.published.date is None and source.published.basis
        assert article.meta.title_source == "url-slug" and article.meta.title_note
        assert source.author or source.author_note
    authors = {a.meta.source.outlet: a.meta.source.author for a in real_articles}
    assert authors["OutNews Global"] == "Rob Harkavy"
    assert authors["Scroll.in"] is None


def test_page_furniture_is_removed_and_the_removal_recorded(real_articles):
    outnews = next(a for a in real_articles if a.meta.source.outlet == "OutNews Global")
    for furniture in ("Read time", "Leave a Reply", "Latest articles", "About the author"):
        assert furniture not in outnews.body
    assert any("Read time" in cut for cut in outnews.meta.removed)


# --- no input crashes the loader --------------------------------------------------------

_VALID_TEXT = VALID.read_text("utf-8")


def _mutations() -> st.SearchStrategy[bytes]:
    """Arbitrary bytes, arbitrary text, and the valid file with a slice replaced."""
    spliced = st.tuples(
        st.integers(0, len(_VALID_TEXT)), st.integers(0, 40), st.text(max_size=40)
    ).map(lambda t: _VALID_TEXT[: t[0]] + t[2] + _VALID_TEXT[t[0] + t[1] :])
    return st.one_of(
        st.binary(max_size=400),
        st.text(max_size=400).map(lambda s: s.encode("utf-8", "surrogatepass")),
        st.text(max_size=200).map(
            lambda s: f"---\n{s}\n---\nBody text.\n".encode("utf-8", "surrogatepass")
        ),
        spliced.map(lambda s: s.encode("utf-8", "surrogatepass")),
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_mutations())
def test_any_file_gives_an_article_or_problems_never_an_exception(raw: bytes):
    result = parse_article(VALID, raw)
    if isinstance(result, list):
        assert result and all(isinstance(p, Problem) and p.line >= 1 for p in result)
    else:
        assert isinstance(result, Article)


def test_every_case_reads_alike_with_the_pure_python_yaml_parser(monkeypatch):
    # PyYAML wheels carry libyaml; a platform without it must tell editors the same.
    monkeypatch.setattr(front_matter, "_PlainLoader", front_matter.plain_loader(yaml.SafeLoader))
    for case in INVALID:
        expected = case.with_suffix(".txt").read_text("utf-8").splitlines()
        _, problems = load_archive([case], root=case)
        assert [str(p) for p in sorted(problems)] == expected, case.name


NESTING_ERRORS = {
    "recursion": RecursionError("maximum recursion depth exceeded"),
    "libyaml limit": yaml.scanner.ScannerError(
        "while increasing flow level", None, "exceeded maximum nesting depth", None
    ),
}


@pytest.mark.parametrize("error", NESTING_ERRORS.values(), ids=NESTING_ERRORS.keys())
def test_deep_nesting_gets_one_message_whichever_way_the_parser_stops(monkeypatch, error):
    def stop(loader):
        raise error

    monkeypatch.setattr(front_matter._PlainLoader, "get_single_node", stop)
    case = FIXTURES / "hostile" / "deep-nesting"
    _, problems = load_archive([case], root=case)
    expected = case.with_suffix(".txt").read_text("utf-8").splitlines()
    assert [str(p) for p in problems] == expected


def test_no_message_is_pydantics_own_wording():
    # Pydantic's messages change between its versions; editors get the project's words.
    for case in INVALID:
        text = case.with_suffix(".txt").read_text("utf-8")
        assert "should be" not in text and "should match" not in text.lower(), case.name
