"""Authority records: names resolve to records, close misses are errors that name the
candidate, counts are by record, and `newsarchive records` lists what editors can reuse.
The new reports here are fictional, written as the three a new editor added were."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT
from newsarchive.analyse.archive import analyse
from newsarchive.cli import main
from newsarchive.load import load_archive, load_records

BASE = (FIXTURES / "valid" / "2019-01-14-example-minimal.md").read_text("utf-8")
RECORDS = """\
organisations:
  - id: russian-lgbt-network
    name: Russian LGBT Network
    aliases: [Российская ЛГБТ-сеть]
people:
  - id: alvi-karimov
    name: Alvi Karimov
    aliases: [Alvi Kraimov]
outlets:
  - id: example-news
    name: Example News
  - id: other-daily
    name: Other Daily
"""


def _archive(tmp_path: Path, files: dict[str, str], records: str = RECORDS):
    (tmp_path / "articles").mkdir()
    (tmp_path / "records.yml").write_text(records, "utf-8")
    for name, text in files.items():
        (tmp_path / "articles" / name).write_text(text, "utf-8")
    records_found, problems = load_records(tmp_path)
    articles, more = load_archive([tmp_path / "articles"], root=tmp_path, records=records_found)
    return articles, problems + more


def _report(*, outlet="Example News", source=None, speaker="Igor Kochetkov", person=None):
    text = BASE.replace("outlet: Example News", f"outlet: {outlet}")
    text = text.replace(
        "attributed_to: officials",
        "attributed_to: officials" + (f"\n    primary_source: {source}" if source else ""),
    )
    text = text.replace(
        "name: Igor Kochetkov", f"name: {speaker}" + (f"\n    person: {person}" if person else "")
    )
    body = f" {source} said so." if source else ""
    return text + body + f" {speaker} spoke.\n"


def test_a_name_written_short_is_an_error_naming_the_record_and_both_fixes(tmp_path):
    _, problems = _archive(tmp_path, {"2019-01-14-short.md": _report(source="LGBT Network")})
    (problem,) = [p for p in problems if p.field == "figures[0].primary_source"]
    assert problem.path == "articles/2019-01-14-short.md" and problem.line > 1
    message = problem.message
    assert "'LGBT Network' is not in records.yml" in message
    assert "Russian LGBT Network" in message and "russian-lgbt-network" in message
    assert "add 'LGBT Network' to that record's aliases" in message
    assert "add a record for it to organisations" in message


def test_primary_sources_are_counted_by_record_whatever_the_spelling_or_script(tmp_path):
    articles, problems = _archive(
        tmp_path,
        {
            "2019-01-14-latin.md": _report(source="Russian LGBT Network"),
            "2019-01-15-cyrillic.md": _report(outlet="Other Daily", source="Российская ЛГБТ-сеть")
            .replace("example.org/report", "example.org/other")
            .replace("date: 2019-01-14", "date: 2019-01-15"),
        },
    )
    assert not problems, problems
    (row,) = analyse(articles).figures
    (value,) = row.values()
    assert value.primary_sources == ["Russian LGBT Network"]
    assert len(value.reports) == 2  # (one outlet: the second copies the first paragraph)


def test_a_person_spelled_two_ways_is_one_person_by_record(tmp_path):
    articles, problems = _archive(
        tmp_path,
        {
            "2019-01-14-one.md": _report(speaker="Alvi Karimov"),
            "2019-01-15-two.md": _report(speaker="Alvi Kraimov")
            .replace("example.org/report", "example.org/two")
            .replace("date: 2019-01-14", "date: 2019-01-15"),
        },
    )
    assert not problems, problems
    (person,) = analyse(articles).people
    assert len(person.quotes) == 2


def test_a_person_key_on_some_quotes_of_a_name_only_is_reported(tmp_path):
    _, problems = _archive(
        tmp_path,
        {
            "2019-01-14-one.md": _report(speaker="Musa Dadaev", person="musa-dadaev"),
            "2019-01-15-two.md": _report(speaker="Musa Dadaev")
            .replace("example.org/report", "example.org/two")
            .replace("date: 2019-01-14", "date: 2019-01-15"),
        },
    )
    (problem,) = [p for p in problems if p.field.endswith(".person")]
    assert "'Musa Dadaev' is quoted with person: musa-dadaev" in problem.message
    assert "with none here" in problem.message


def test_a_misspelt_outlet_is_caught_and_an_unknown_one_is_listed_for_the_records(
    tmp_path, capsys: pytest.CaptureFixture
):
    _, problems = _archive(tmp_path, {"2019-01-14-one.md": _report(outlet="Exampel News")})
    assert any("close to 'Example News'" in p.message for p in problems)
    (tmp_path / "articles" / "2019-01-14-one.md").write_text(
        _report(outlet="Quite Different Herald"), "utf-8"
    )
    assert main(["records", "--root", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "russian-lgbt-network" in out and "Russian LGBT Network; Российская ЛГБТ-сеть" in out
    assert "Not in records.yml" in out and "Quite Different Herald (1 reports)" in out


def test_two_records_sharing_a_name_is_an_error_at_its_line(tmp_path):
    clash = RECORDS + "  - id: example-news-2\n    name: Example news\n"
    _, problems = _archive(tmp_path, {"2019-01-14-one.md": _report()}, clash)
    (problem,) = problems
    assert problem.path == "records.yml" and problem.line == 14
    assert "names both example-news and example-news-2" in problem.message


def test_every_name_of_the_five_reports_is_a_record():
    records, problems = load_records(ROOT)
    articles, more = load_archive([ROOT / "articles"], root=ROOT, records=records)
    assert not problems + more
    for article in articles:
        meta = article.meta
        names = [meta.source.outlet] + [q.name for q in meta.quotes if q.name]
        names += [f.primary_source for f in meta.figures if f.primary_source]
        names += [e.key for e in meta.events if e.key] + [
            f.period for f in meta.figures if f.period
        ]
        assert not [n for n in names if n not in article.named], article.slug


def test_a_records_file_that_is_a_link_is_refused_not_followed(tmp_path):
    (tmp_path / "elsewhere.yml").write_text(RECORDS, "utf-8")
    (tmp_path / "records.yml").symlink_to(tmp_path / "elsewhere.yml")
    _, problems = load_records(tmp_path)
    (problem,) = problems
    assert problem.path == "records.yml" and "cannot be read" in problem.message
