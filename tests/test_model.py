import datetime as dt
import json
from pathlib import Path

import frontmatter
import jsonschema
import pydantic
import pytest

from newsarchive.model import FrontMatter, PartialDate, json_schema


def test_partial_dates_sort_year_before_month_before_day():
    dates = [PartialDate.parse(v) for v in ["2017-04-01", "2018", "2017", "2017-04", "2016-12-31"]]
    assert [d.iso() for d in sorted(dates)] == [
        "2016-12-31",
        "2017",
        "2017-04",
        "2017-04-01",
        "2018",
    ]


@pytest.mark.parametrize(
    ("value", "iso", "human"),
    [
        (2017, "2017", "2017"),
        ("2018-12", "2018-12", "December 2018"),
        ("2017-05-26", "2017-05-26", "26 May 2017"),
        (dt.date(2019, 1, 14), "2019-01-14", "14 January 2019"),
    ],
)
def test_partial_date_reads_and_says_each_precision(value, iso, human):
    date = PartialDate.parse(value)
    assert (date.iso(), date.human()) == (iso, human)


@pytest.mark.parametrize("value", ["2017-13", "2019-02-30", "17", "May 2017", True, 3.5, "1700"])
def test_partial_date_rejects_what_is_not_a_date(value):
    with pytest.raises(ValueError):
        PartialDate.parse(value)


def test_json_schema_forbids_unknown_keys_and_lists_required_fields():
    schema = json_schema()
    assert schema["additionalProperties"] is False
    assert {"title", "source", "language", "summary"} <= set(schema["required"])
    assert schema["$defs"]["Figure"]["properties"]["qualifier"]["enum"][0] == "exactly"


@pytest.mark.parametrize(
    ("value", "accepted"), [(None, True), ([], True), (3, False), ("x", False)]
)
@pytest.mark.parametrize("key", ["figures", "events", "quotes"])
def test_the_schema_and_the_loader_agree_on_a_list_key_left_empty(key, value, accepted):
    # "figures:" with nothing under it is YAML null; editors' tools must not flag what builds
    article = next(Path(__file__).parents[1].joinpath("articles").glob("*.md"))
    meta = json.loads(json.dumps(frontmatter.load(article).metadata, default=str))
    meta[key] = value
    schema_accepts = jsonschema.Draft202012Validator(json_schema()).is_valid(meta)
    try:
        FrontMatter.model_validate(meta)
        loader_accepts = True
    except pydantic.ValidationError:
        loader_accepts = False
    assert (schema_accepts, loader_accepts) == (accepted, accepted)
