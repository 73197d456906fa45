import pytest

from socialrx_desk.core.needs import NeedsVocabulary, VocabularyError, content_stems
from socialrx_desk.core.text import stems

VOCAB = NeedsVocabulary.from_json(
    {
        "version": 1,
        "needs": [
            {
                "id": "warmth",
                "label": "Heating",
                "kiosk_tile": "cold_damp",
                "service_types": ["affordable warmth", "heating grants"],
                "phrases": ["boiler broken", "cold house", "no heating"],
                "search_terms": ["heating"],
            },
            {
                "id": "money",
                "label": "Money",
                "kiosk_tile": "money",
                "service_types": ["debt advice"],
                "phrases": ["skint", "can't pay", "gas bill"],
                "search_terms": ["debt"],
            },
        ],
    }
)


def test_phrase_matches_regardless_of_order_and_function_words() -> None:
    assert VOCAB.match_query(stems("the boiler is totally broken")) == {"warmth": 1.0}
    assert VOCAB.match_query(stems("broke the boiler")) == {}  # "broke" and "broken" stem apart
    assert "money" in VOCAB.match_query(stems("I cant pay"))


def test_two_needs_are_weighted_by_evidence() -> None:
    result = VOCAB.match_query(stems("can't pay the gas bill and no heating"))
    assert set(result) == {"money", "warmth"}
    assert max(result.values()) == 1.0


def test_service_tagging_prefers_taxonomy_over_description() -> None:
    strong = VOCAB.tag_service(["Affordable warmth"], "Warm homes", "Grants for heating")
    weak = VOCAB.tag_service([], "Community hub", "We also offer debt advice now and then")
    assert strong["warmth"] > weak["money"]
    assert VOCAB.tag_service([], "Knitting circle", "Knit and natter") == {}


def test_duplicate_need_is_rejected() -> None:
    need = {"id": "x", "label": "X", "service_types": [], "phrases": [], "search_terms": []}
    with pytest.raises(VocabularyError):
        NeedsVocabulary.from_json({"needs": [need, need]})


def test_malformed_vocabulary_is_rejected() -> None:
    with pytest.raises(VocabularyError):
        NeedsVocabulary.from_json({"needs": [{"label": "no id"}]})


def test_content_stems_drop_function_words() -> None:
    assert content_stems("on the stairs") == ("stair",)
