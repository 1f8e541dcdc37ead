"""`newsarchive suggest`: figures, events and quotes read from texts written for these tests;
every suggested passage found by the checker's own passage finder; `--write` adds
commented-out items that pass the check once uncommented, and never changes what is there."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from newsarchive.load import load_archive
from newsarchive.passages import find_passage
from newsarchive.suggest import suggest, suggestions_yaml
from newsarchive.suggest.merge import merge_suggestions

BIN = Path(sys.executable).parent

FRONT = """---
title: "A test report"
title_source: editorial
title_note: "Written for the test suite."
source:
  outlet: Test Wire
  url: "https://example.org/{slug}"
  author: Jane Doe
  published:
    date: {published}
language: en
summary: "A report written for the tests."
{extra}---

{body}
"""


def article(folder: Path, slug: str, body: str, published: str = "2020-03-11", extra: str = ""):
    path = folder / f"{published}-{slug}.md"
    path.write_text(FRONT.format(slug=slug, published=published, extra=extra, body=body), "utf-8")
    return path


def items(path: Path, archive=()) -> dict[str, list[dict]]:
    suggestions = suggest(path, list(archive))
    body = path.read_text("utf-8").split("\n---\n", 1)[1]
    for kind, found in suggestions.kinds().items():
        for suggestion in found:
            passage = suggestion.item["text" if kind == "quotes" else "quote"]
            assert find_passage(body, passage), (kind, passage)  # verbatim by construction
            assert suggestion.why
    return {kind: [s.item for s in found] for kind, found in suggestions.kinds().items()}


def test_figures_in_digits_and_words_with_qualifiers_ranges_and_vague_counts(tmp_path):
    body = (
        "Police detained at least 12 people on Friday, according to Memorial. "
        "Between 10 and 20 men were killed, activists said. Dozens of gay men fled the region. "
        "Forty-two people remain in custody. A 19-year-old was beaten. "
        "One of the organisers spoke to the press."
    )
    figures = items(article(tmp_path, "figures", body))["figures"]
    said = {(f["label"], f.get("value"), f.get("value_max"), f["qualifier"]) for f in figures}
    assert said == {
        ("detained", 12, None, "at least"),
        ("deaths", 10, 20, "between"),
        ("fled", None, None, "dozens"),
        ("still_detained", 42, None, "unqualified"),
        ("victim_age", 19, None, "unqualified"),
    }
    detained = next(f for f in figures if f["label"] == "detained")
    assert detained["attributed_to"] == "Memorial"
    assert detained["quote"] == "Police detained at least 12 people on Friday"
    deaths = next(f for f in figures if f["label"] == "deaths")
    assert deaths["attributed_to"] == "activists"


def test_a_denied_figure_is_suggested_as_a_denial(tmp_path):
    body = "“Not even one person was detained, let alone 30,” the ministry said."
    (figure,) = items(article(tmp_path, "denial", body))["figures"]
    assert (figure["label"], figure["value"], figure["stance"]) == ("detained", 30, "denies")


def test_dates_absolute_and_relative_are_resolved_against_publication(tmp_path):
    # Published Wednesday 11 March 2020.
    body = (
        "On Monday, police raided a bar in the city centre.\n\n"
        "Last week, two activists were arrested at their homes.\n\n"
        "On Dec. 29 the first arrests were made by the police.\n\n"
        "The campaign against them began in 2017, a lawyer recalled.\n\n"
        "It was first reported on 26 May 2017 by a local newspaper."
    )
    events = items(article(tmp_path, "dates", body))["events"]
    dates = {e["date"]: e for e in events}
    assert dates["2020-03-09"]["date_basis"].startswith("'On Monday', counted back")
    assert dates["2020-03"]["date_basis"].startswith("'Last week'")
    assert dates["2019-12-29"]["date_basis"].startswith("the last Dec. 29 before publication")
    assert "date_basis" not in dates["2017"] and "date_basis" not in dates["2017-05-26"]
    assert dates["2020-03-09"]["quote"] == "On Monday, police raided a bar in the city centre"


def test_russian_dates_are_read_in_every_case_a_month_takes(tmp_path):
    # Published Wednesday 11 March 2020.
    body = (
        "С декабря 2018 года в Чечне задержаны около 40 человек.\n\n"
        "14 января 2019 года сеть сообщила о новой волне задержаний.\n\n"
        "В феврале полиция провела обыски в Грозном.\n\n"
        "2 марта активисты обратились в прокуратуру."
    )
    events = items(article(tmp_path, "ru-dates", body))["events"]
    dates = {e["date"]: e for e in events}
    assert set(dates) == {"2018-12", "2019-01-14", "2020-02", "2020-03-02"}
    assert "date_basis" not in dates["2018-12"] and "date_basis" not in dates["2019-01-14"]
    assert dates["2020-02"]["date_basis"].startswith("'феврале', the last February before")
    assert dates["2020-03-02"]["date_basis"].startswith("the last 2 марта before publication")


def test_russian_figures_with_their_qualifiers_sources_and_denials(tmp_path):
    body = (
        "По данным Российской ЛГБТ-сети, с декабря 2018 года в Чечне задержаны около сорока "
        "человек, по меньшей мере двое погибли.\n\n"
        "14 января 2019 года сеть сообщила о новой волне задержаний.\n\n"
        "Один из задержанных рассказал о пытках.\n\n"
        "Пресс-секретарь главы республики заявил, что сообщения о 40 задержанных — ложь.\n\n"
        "Несколько человек по-прежнему под стражей."
    )
    figures = items(article(tmp_path, "ru-figures", body))["figures"]
    said = [
        (f["label"], f.get("value"), f["qualifier"], f.get("stance", "states"), f["attributed_to"])
        for f in figures
    ]
    assert said == [
        ("detained", 40, "around", "states", "Российской ЛГБТ-сети"),
        ("deaths", 2, "at least", "states", "Российской ЛГБТ-сети"),
        ("detained", 40, "unqualified", "denies", "Пресс-секретарь главы республики"),
        ("still_detained", None, "several", "states", "unattributed"),
    ]  # not the day (14 января) nor "один из задержанных", one of them


def test_a_window_of_publication_days_leaves_the_date_only_as_precise_as_it_allows(tmp_path):
    extra_free = FRONT.replace(
        "    date: {published}",
        "    date: 2020-03-09/2020-03-17\n    basis: test",
    )
    path = tmp_path / "2020-03-09-window.md"
    body = "Police raided a bar on Monday, witnesses said."
    path.write_text(extra_free.format(slug="window", published="", extra="", body=body), "utf-8")
    (event,) = items(path)["events"]
    assert event["date"] == "2020-03"  # Monday 9 or Monday 16 March
    assert "9–17 March 2020" in event["date_basis"]


def test_an_event_the_archive_already_tells_gets_its_key(tmp_path):
    known = article(
        tmp_path,
        "earlier",
        "Police raided a gay bar in Grozny on Monday night.",
        extra=(
            "events:\n  - date: 2020-03-09\n    summary: Police raid a bar\n"
            "    quote: Police raided a gay bar in Grozny on Monday night\n"
            "    key: grozny-bar-raid-2020\n"
        ),
    )
    archive, problems = load_archive([known])
    assert not problems
    new = article(
        tmp_path,
        "later",
        "On Monday police raided the gay bar in Grozny, again.",
        published="2020-03-12",
    )
    (event,) = items(new, archive)["events"]
    assert event["key"] == "grozny-bar-raid-2020" and event["date"] == "2020-03-09"


def test_quotes_with_their_speakers_split_quotes_and_known_spellings(tmp_path):
    body = (
        "“We will not leave,” said Anna Ivanova, a lawyer for the group. “They must answer.”\n\n"
        "The head of the network, Igor Kochetkov, told reporters: «Nothing has changed.»\n\n"
        "“It is worse than before,” Kochetkov added.\n\n"
        "Dmitry Petrov reportedly said the ministry would look into the claims."
    )
    known = article(
        tmp_path,
        "known",
        "“Words,” said Igor Kochetkov.",
        extra=(
            "quotes:\n  - name: Igor Kochetkov\n"
            "    role: programme director, LGBT Network\n    text: Words,\n"
        ),
    )
    archive, problems = load_archive([known])
    assert not problems
    quotes = items(article(tmp_path, "quotes", body), archive)["quotes"]
    said = [(q["name"], q["role"], q["text"], q.get("speech", "direct")) for q in quotes]
    assert said == [
        ("Anna Ivanova", "lawyer for the group", "We will not leave,", "direct"),
        ("Anna Ivanova", "lawyer for the group", "They must answer.", "direct"),
        ("Igor Kochetkov", "head of the network", "Nothing has changed.", "direct"),
        (
            "Igor Kochetkov",
            "programme director, LGBT Network",
            "It is worse than before,",
            "direct",
        ),
        (
            "Dmitry Petrov",
            "TODO: who they are, as the report says",
            "Dmitry Petrov reportedly said the ministry would look into the claims",
            "reported",
        ),
    ]


TODO_ROLE = "TODO: who they are, as the report says"


def test_russian_attributions_name_the_speaker_and_role(tmp_path):
    body = (
        "«Задержаны около сорока человек», — сказал Игорь Кочетков, руководитель программы.\n\n"
        "«Двое погибли», — заявила глава Российской ЛГБТ-сети Ольга Баранова.\n\n"
        "«Их держат в Аргуне», — добавила она.\n\n"
        "«Это неправда», — говорит Кочетков.\n\n"
        "Баранова подчеркнула: «Мы продолжим работу».\n\n"
        "Алви Каримов, пресс-секретарь главы республики, сказал: «Таких людей здесь нет».\n\n"
        "«Мы здесь ни при чём», — добавил он."
    )
    path = article(tmp_path, "ru", body)
    path.write_text(path.read_text("utf-8").replace("language: en", "language: ru"), "utf-8")
    quotes = items(path)["quotes"]
    said = [(q["name"], q["role"], q["text"]) for q in quotes]
    assert said == [
        ("Игорь Кочетков", "руководитель программы", "Задержаны около сорока человек"),
        ("Ольга Баранова", "глава Российской ЛГБТ-сети", "Двое погибли"),
        ("Ольга Баранова", TODO_ROLE, "Их держат в Аргуне"),  # "она"; no genitive as role
        ("Игорь Кочетков", TODO_ROLE, "Это неправда"),  # the full name from earlier
        ("Ольга Баранова", TODO_ROLE, "Мы продолжим работу"),  # not "Российской ЛГБТ-сети"
        ("Алви Каримов", "пресс-секретарь главы республики", "Таких людей здесь нет"),
        ("Алви Каримов", TODO_ROLE, "Мы здесь ни при чём"),  # "он": the last one named
    ]


def test_the_printed_suggestions_are_yaml_in_the_front_matter_shape(tmp_path):
    path = article(tmp_path, "shape", "Police detained 40 people on Monday, activists said.")
    text = suggestions_yaml(suggest(path, []))
    assert re.search(r"^  # why: '40' counts 'detained'", text, re.M)
    data = yaml.safe_load(text)
    assert set(data) == {"figures", "events", "quotes"} and data["quotes"] == []
    assert data["figures"][0]["value"] == 40 and data["events"][0]["date"] == "2020-03-09"


def test_write_adds_commented_items_that_pass_the_check_once_uncommented(tmp_path):
    body = (
        "Police detained 40 people on Monday, activists said. “We are afraid,” said Anna Ivanova."
    )
    path = article(
        tmp_path,
        "write",
        body,
        extra=(
            "figures: []\nquotes:\n  - name: Anna Ivanova\n    role: activist\n"
            "    text: We are afraid,\n"
        ),
    )
    before = path.read_text("utf-8")
    merged, added = merge_suggestions(before, suggest(path, []))
    assert added == 2  # the figure and the event; the quote is there already
    kept = [line for line in merged.splitlines() if not line.lstrip().startswith("#")]
    kept.remove("events:")  # the key the file did not have
    assert kept == [line.replace("figures: []", "figures:") for line in before.splitlines()]
    path.write_text(merged, "utf-8")
    _, problems = load_archive([path])
    assert not problems  # commented out, nothing changes
    assert merge_suggestions(merged, suggest(path, []))[1] == 0  # twice adds nothing
    accepted = re.sub(r"^  # (-|  )", r"  \1", merged, flags=re.M)
    path.write_text(accepted, "utf-8")
    (checked,), problems = load_archive([path])
    assert not problems
    assert [f.value for f in checked.meta.figures] == [40]
    assert [e.date.iso() for e in checked.meta.events if e.date] == ["2020-03-09"]


def test_new_with_suggest_writes_the_scaffold_with_suggestions(tmp_path):
    text = tmp_path / "report.txt"
    text.write_text("Police detained at least 12 people in Grozny on Friday, Memorial said.\n")
    result = subprocess.run(
        [
            str(BIN / "newsarchive"), "new", "--outlet", "Test Wire", "--title", "Raid",
            "--published", "2020-03-11", "--author", "Jane Doe", "--summary", "A raid.",
            "--url", "https://example.org/raid", "--text", str(text), "--suggest",
            "--folder", str(tmp_path / "articles"),
        ],
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    (path,) = (tmp_path / "articles").glob("*.md")
    written = path.read_text("utf-8")
    assert "#   value: 12" in written and "#   qualifier: at least" in written
    assert "# - date: '2020-03-06'" in written  # "on Friday", before Wednesday 11 March


def test_write_refuses_a_file_without_front_matter(tmp_path):
    path = tmp_path / "x.md"
    path.write_text("Just text, 40 detained.\n")
    result = subprocess.run(
        [str(BIN / "newsarchive"), "suggest", "--write", str(path)], capture_output=True, text=True
    )
    assert result.returncode == 1 and "no front matter" in result.stderr
    assert path.read_text() == "Just text, 40 detained.\n"
