"""EDTF dates: the build's own reading of the subset agrees with the `edtf` package, and
intervals overlap and contain as the timeline needs."""

from __future__ import annotations

import datetime as dt

import pytest
from edtf import parse_edtf, struct_time_to_date
from hypothesis import given
from hypothesis import strategies as st

from newsarchive.dates import EdtfDate

_DAYS = st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2100, 12, 31))


@st.composite
def _endpoint(draw) -> str:
    day = draw(_DAYS)
    precision = draw(st.sampled_from(["year", "month", "day"]))
    text = {"year": f"{day:%Y}", "month": f"{day:%Y-%m}", "day": f"{day:%Y-%m-%d}"}[precision]
    return text + draw(st.sampled_from(["", "?", "~", "%"]))


@given(_endpoint(), _endpoint())
def test_strict_bounds_agree_with_the_edtf_package(first: str, second: str):
    for text in (first, f"{min(first, second)}/{max(first, second)}"):
        try:
            ours = EdtfDate.parse(text)
        except ValueError as error:
            assert "ends before it starts" in str(error)
            continue
        theirs = parse_edtf(text)
        assert ours.earliest() == struct_time_to_date(theirs.lower_strict())
        assert ours.latest() == struct_time_to_date(theirs.upper_strict())


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("2018-12/2019-01-14", "December 2018 – 14 January 2019"),
        ("2018-12/..", "from December 2018 on"),
        ("2018-12/", "from December 2018 (end not known)"),
        ("../2019-01-14", "until 14 January 2019"),
        ("2017~", "about 2017"),
        ("2017?", "2017 (uncertain)"),
    ],
)
def test_each_kind_reads_as_a_reader_says_it(text: str, said: str):
    assert EdtfDate.parse(text).human() == said


def test_since_december_contains_a_monday_in_january_and_does_not_conflict_with_it():
    since = EdtfDate.parse("2018-12/2019-01-14")
    monday = EdtfDate.parse("2019-01-14")
    assert since.contains(monday) and since.overlaps(monday)
    assert not EdtfDate.parse("2018-12").overlaps(EdtfDate.parse("2019-01"))
    assert EdtfDate.parse("2018-12~").overlaps(EdtfDate.parse("2019-01"))  # about December


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("14/01/2019", "is not an EDTF date"),
        ("2019-01-1X", "is EDTF, but not a kind of date this archive takes"),
        ("2019-02-30", "is not a real date"),
        ("2019/2018", "ends before it starts"),
        ("/", "not an EDTF date"),
    ],
)
def test_a_value_outside_the_subset_is_refused_with_the_reason(text: str, message: str):
    with pytest.raises(ValueError, match=message):
        EdtfDate.parse(text)
