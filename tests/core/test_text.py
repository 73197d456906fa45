from socialrx_desk.core.text import clean_text, fold, index_text, search_words, stem


def test_clean_text_strips_tags_and_decodes_entities() -> None:
    raw = "<p>Help with <b>bills</b> &amp; debts&nbsp;&ndash; free</p><p>Call&amp;amp;us</p>"
    assert clean_text(raw) == "Help with bills & debts – free\n\nCall&us"


def test_clean_text_empty_and_none() -> None:
    assert clean_text(None) is None
    assert clean_text("   <br/>  ") is None
    assert clean_text(42) == "42"


def test_fold_removes_accents_and_smart_quotes() -> None:
    assert fold("Café Ł’s") == "cafe ł's"


def test_search_words_drop_apostrophes_and_cut_long_words() -> None:
    assert search_words("Boiler's packed-in, can't pay!") == ["boilers", "packed", "in", "cant", "pay"]
    assert len(search_words("x" * 5000)[0]) == 40


def test_index_and_query_stem_the_same_way() -> None:
    assert index_text("Falls on the stairs") == "fall on the stair"
    assert stem("falling") == stem("falls")
