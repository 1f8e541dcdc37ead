from hypothesis import given, settings
from hypothesis import strategies as st

from newsarchive.passages import (
    _normalise_with_map,
    closest_passage,
    find_passage,
    normalise,
    passage_id,
)

BODY = "Kadyrov\u00a0publicly declared \u201cwe don\u2019t have these people\u201d \u2013 twice."


def test_typography_is_folded():
    assert normalise(" \u201cA\u201d \u2013  b\u00a0c ") == '"A" - b c'


def test_passage_found_despite_quotes_dashes_and_no_break_spaces():
    span = find_passage(BODY, 'Kadyrov publicly declared "we don\'t have these people" - twice')
    assert span is not None
    assert BODY[span.start : span.end].startswith("Kadyrov")
    assert BODY[span.start : span.end].endswith("twice")


def test_changed_word_is_not_found():
    assert find_passage(BODY, "Kadyrov privately declared") is None


def test_passage_id_is_stable_across_typography():
    assert passage_id("we don\u2019t") == passage_id("we don't")
    assert passage_id("we don't") != passage_id("we do")


def test_closest_passage_points_to_the_likely_sentence():
    body = "First sentence here. Around 40 people were detained in Argun. Last one."
    assert closest_passage(body, "around 50 people were detained in Argun") == (
        "Around 40 people were detained in Argun."
    )


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("ab \u00a0\n\u2019'\u2013-\u2026x."), max_size=60), st.data()
)
def test_any_slice_of_a_body_is_found_where_it_stands(body, data):
    start = data.draw(st.integers(0, len(body)))
    end = data.draw(st.integers(start, len(body)))
    passage = body[start:end]
    span = find_passage(body, passage)
    if not normalise(passage):
        assert span is None
        return
    assert span is not None
    # The span covers the passage (an expanded "…" may add a dot beside it).
    assert normalise(passage) in normalise(body[span.start : span.end])
    assert "  " not in normalise(body)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab \n\t\u2019'\u2013-\u0436x."), max_size=60), st.data())
def test_the_fast_path_finds_what_the_offset_map_finds(body, data):
    # Text NFKC leaves alone is matched by a pattern; the offset map must agree with it.
    start = data.draw(st.integers(0, len(body)))
    passage = body[start : data.draw(st.integers(start, len(body)))]
    needle = normalise(passage)
    haystack, origin = _normalise_with_map(body)
    at = haystack.find(needle) if needle else -1
    expected = None if at < 0 else (origin[at], origin[at + len(needle) - 1] + 1)
    span = find_passage(body, passage)
    assert ((span.start, span.end) if span else None) == expected
