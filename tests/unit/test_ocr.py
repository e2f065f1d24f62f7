"""OCR misreadings read in context: the learned confusion table and the bigram model."""

import pytest

from repair.detect.ocr import OcrConfusions
from repair.train.ocr_confusions import learn, word_edits, write
from repair.detect.ocr_channel import ConfusionModel
from repair.document import Document
from repair.edits import apply_edits
from repair.errors import DataError


def fix(text: str, detector: OcrConfusions | None = None) -> str:
    edits = [e for e in (detector or OcrConfusions()).propose(Document(text)) if e.confidence >= 0.5]
    return apply_edits(text, edits)


@pytest.mark.parametrize("text, expected", [
    ("We live in the modem world.", "We live in the modern world."),
    ("He said that he bad been there.", "He said that he had been there."),
    ("The judge arid the jury left.", "The judge and the jury left."),
    ("It was tho best of times.", "It was the best of times."),
    ("He gave it to bis wife.", "He gave it to his wife."),
    ("The prisoner was oharged with stealing.", "The prisoner was charged with stealing."),
    # capitals misread inside a word, accents of an engine trained on French, stray letters
    ("They foUowed him and he wiU come.", "They followed him and he will come."),
    ("It took two hourB to reach the town.", "It took two hours to reach the town."),
    ("It was thé best of times.", "It was the best of times."),
    ("He came out of the offide at noon.", "He came out of the office at noon."),
])
def test_misreadings_that_make_another_word_are_fixed_in_context(text, expected):
    assert fix(text) == expected


@pytest.mark.parametrize("text", [
    "He bought a modem and a router.",
    "The land was arid and the crops failed.",
    "It was a bad day for his family.",
    "The US naval base at Guantánamo Bay and the café opened.",  # accents of names and loans
    "The kitchin was warm and the fire was bright.",  # old spellings stay
    "They could not keepe the bridge, and in the meane season he came home.",
])
def test_real_words_that_fit_their_context_stay(text):
    assert fix(text) == text


def test_a_repeated_misreading_is_fixed_throughout():
    text = ("I saw tlie man and tlie dog near tlie house. Then tlie cat ran past tlie gate, "
            "and the man smiled.")
    assert fix(text) == text.replace("tlie", "the")


def test_a_real_word_the_document_uses_twice_is_its_own():
    text = "The modem world of modems: a modem world again."
    assert fix(text) == text


def test_a_name_seen_once_keeps_its_protection():
    for text in ("We met Mr. Hadley at the station.", "The letter from Lord Bouse arrived.",
                 "Dan Jolin beat Selima Sfar at the Open."):
        assert fix(text) == text


def test_the_confusion_table_learned_from_a_tiny_fixture(tmp_path):
    lines = [("the modem world", "the modern world"), ("tlie house", "the house"),
             ("a rnodern house", "a modern house"), ("tbe man", "the man")] * 3
    lines += [("the morning", "the morning"), ("the moment", "the moment")] * 5
    rows, stats = learn(lines)
    assert stats["misread words"] == 12
    table = {(o, t): lp for o, t, lp in rows}
    assert ("m", "rn") in table and ("li", "h") in table and ("tb", "th") in table
    assert table[("m", "rn")] > table[("rn", "m")]  # seen three times, against the prior alone
    write(tmp_path / "c.tsv", rows, stats)
    model = ConfusionModel.load(tmp_path / "c.tsv")
    assert model.logprob("m", "rn") == pytest.approx(table[("m", "rn")])
    assert [c for c, _ in model.candidates("tlie")][:3].count("the") == 1
    assert dict(model.candidates("Modem"))["Modern"] == pytest.approx(table[("m", "rn")])
    detector = OcrConfusions(confusions=model)
    assert fix("We live in the modem world.", detector) == "We live in the modern world."


def test_word_edits_widen_each_difference_by_its_context():
    edits = word_edits("modern", "modem")
    assert ("rn", "m") in edits and ("ern", "em") in edits and ("dern", "dem") not in edits
    assert word_edits("the", "tlie") >= {("h", "li"), ("th", "tli"), ("he", "lie")}


def test_a_broken_confusion_table_is_a_data_error(tmp_path):
    with pytest.raises(DataError, match="not found"):
        ConfusionModel.load(tmp_path / "none.tsv")
    (tmp_path / "bad.tsv").write_text("something\n")
    with pytest.raises(DataError, match="not an OCR confusion table"):
        ConfusionModel.load(tmp_path / "bad.tsv")


def test_the_per_word_checks_are_cached_and_answer_as_uncached():
    from repair.detect.ocr import readable
    from repair.lexicon import zipf

    for word in ("tlie", "Tlie", "of", "IOG", "keepe", "it's", "modem"):
        first = readable(word)
        hits = readable.cache_info().hits
        assert readable(word) == first == readable.__wrapped__(word)
        assert readable.cache_info().hits == hits + 1
    assert readable("tlie") == zipf("tlie") and readable("of") is None and readable("IOG") is None
    assert readable("keepe") is None and readable("it's") is None and readable("modem") > 3


def test_candidates_are_cached_per_word_as_written():
    model = ConfusionModel.load()
    first = model.candidates("Tlie")
    assert model.candidates("Tlie") is first  # the cached tuple itself
    assert first == ConfusionModel.candidates.__wrapped__(model, "Tlie")
    assert dict(first)["The"] == dict(model.candidates("tlie"))["the"]  # the case forms share the search
    assert model.candidates("Tlie", deep=False) == ConfusionModel.candidates.__wrapped__(model, "Tlie", deep=False)


@pytest.mark.parametrize("text, expected", [
    # a function word run into the next word: read so anywhere
    ("He was tried before ajury of twelve men.", "He was tried before a jury of twelve men."),
    # words run together with no function word: only in a text that reads as OCR (tho)
    ("He had lived there fourteenyears with tho family.", "He had lived there fourteen years with the family."),
])
def test_words_whose_space_ocr_dropped_are_split_in_context(text, expected):
    assert fix(text) == expected


@pytest.mark.parametrize("text, expected", [
    # no misreading in the text: words run together may be a compound
    ("He had lived there fourteenyears with his family.", "He had lived there fourteenyears with his family."),
    # "car making" reads worse in context than the compound as printed
    ("The carmaking industry grew in tho town.", "The carmaking industry grew in the town."),
])
def test_a_split_needs_its_context_and_an_ocr_text(text, expected):
    assert fix(text) == expected


@pytest.mark.parametrize("text, expected", [
    # run together and one of them misread: b for h, o for e
    ("Tbe prisoner said he badbeen at home all tbe day.", "The prisoner said he had been at home all the day."),
    ("It was at tbe requostof tbe mayor.", "It was at the request of the mayor."),
])
def test_words_run_together_are_read_with_a_misreading_in_one_of_them(text, expected):
    assert fix(text) == expected


def test_misread_splits_cost_the_dropped_space_and_the_edit():
    model = ConfusionModel.load()
    splits = dict(model.misread_splits("badbeen"))
    misread = max(lp for c, lp in model.edits("bad") if c == "had")  # the likeliest row for b -> h here
    assert splits["had been"] == pytest.approx(model.dropped_space + misread)
    assert "bad been" not in splits  # no misreading: a plain split, splits()'s
    assert all(len(p) >= 2 for s in splits for p in s.split())


def test_the_dropped_space_rate_is_learned():
    lines = [("tothe house", "to the house"), ("the man", "the man"), ("a dog ran", "a dog ran")]
    rows, stats = learn(lines)
    # one space of five dropped, add-one smoothed: (1 + 1) / (5 + 1)
    assert stats["dropped space"] == pytest.approx(-0.477, abs=1e-3)


def test_splits_are_common_words_with_the_learned_cost_of_each_dropped_space():
    model = ConfusionModel.load()
    assert model.dropped_space == float(model.meta["dropped_space"]) < -2
    splits = dict(model.splits("thathe"))
    assert splits["that he"] == model.dropped_space
    assert "t hat he" not in splits  # one letter: "a" only
    assert all(len(s.split()) in (2, 3) for s in splits)
    assert dict(model.splits("seyears")).get("se years") is None  # "se": two letters, not common enough
    assert ConfusionModel([]).dropped_space == -2.8  # a table built before the rate was learned


@pytest.mark.parametrize("text, expected", [
    ("It was written, as 1 was told, by a friend.", "It was written, as I was told, by a friend."),
    ("When 1 came to myself the room was dark.", "When I came to myself the room was dark."),
    # numbers stay numbers: amounts, dates, a name with its number, No. 1
    ("Sales rose by 1 percent to 1.5 million on 1 January.", None),
    ("Radio 1 said the show would go on.", None),
    ("The newly crowned No. 1 walked into the room.", None),
    ("The lots, Nos. 1 and 2, were sold.", None),
    ("He paid £1 and 1,000 people came.", None),
])
def test_the_digit_1_is_read_as_the_pronoun_only_where_the_context_asks_for_it(text, expected):
    assert fix(text) == (expected or text)


def test_a_words_reading_is_given_decided_or_not():
    detector = OcrConfusions()
    doc = Document("He bought a modem and a router.")
    words = doc.words
    i = [t.text for t in words].index("modem")
    r = detector.reading(doc, words, i, set())
    assert r is not None and not r.decided and r.odds < r.margin  # scored, not applied
    assert detector.reading(doc, words, 0, set()) is None  # "He": as common as "of", never read


# --- Words read together, far readings, garbled text ---------------------------------------------

@pytest.mark.parametrize("text, expected", [
    # two misreadings side by side: each is judged with the other at its best reading
    ("ballot, for tho purposo of considering the matter", "ballot, for the purpose of considering the matter"),
    ("being alive nt tho time of the fire", "being alive nt the time of the fire"),
])
def test_neighbouring_misreadings_are_read_together(text, expected):
    assert fix(text) == expected


def test_a_lone_misreading_reads_as_it_did_word_by_word():
    # a run of one word is the word between its neighbours, as before
    doc = Document("We live in the modem world.")
    detector = OcrConfusions()
    words = doc.words
    reading = detector.reading(doc, words, 4, {0})
    assert reading.candidate == "modern" and reading.decided
    assert fix(doc.text, detector) == "We live in the modern world."


@pytest.mark.parametrize("text, expected", [
    ("his uppoiutmont as judge", "his appointment as judge"),
    ("would lncrcaso the value", "would increase the value"),
    ("the eompotont authority", "the competent authority"),
])
def test_a_string_garbled_in_several_places_is_read_as_the_word_a_few_edits_away(text, expected):
    assert fix(text) == expected


def test_far_readings_are_charged_by_the_table_and_per_unexplained_character():
    model = ConfusionModel.load()
    found = dict(model.far("uppoiutmont"))
    assert "appointment" in found
    assert model.aligned("tbe", "the") == model.logprob("b", "h")
    assert model.aligned("xhe", "the") < model.aligned("tbe", "the")
    assert "appointment" not in dict(ConfusionModel.load().candidates("uppoiutmont", deep=False))


def test_a_real_word_needs_less_evidence_in_text_that_reads_as_raw_ocr():
    # "bj" for "by": about 10^2 likelier here, short of the clean-text margin (10^3)...
    assert fix("the land owned bj the government was sold.") == "the land owned bj the government was sold."
    # ... enough in a text a twentieth of whose lowercase words are garbled
    assert fix("the land owned bj the government was sold, he was oharged.") == \
        "the land owned by the government was sold, he was charged."


def test_the_ocr_profile_reads_real_words_at_the_raw_ocr_odds_in_any_text():
    from repair.detect.ocr import UNSURE
    from repair.pipeline import Pipeline, PipelineConfig

    text = "the land owned bj the government was sold."
    (edit,) = [e for e in OcrConfusions().propose(Document(text)) if e.original == "bj"]
    assert edit.replacement == "by" and edit.confidence == UNSURE < PipelineConfig().min_confidence
    assert Pipeline(PipelineConfig(model=None, grammar=False)).run(text).fixed == text
    ocr = Pipeline(PipelineConfig(model=None, grammar=False, profile="ocr"))
    assert ocr.run(text).fixed == "the land owned by the government was sold."
    assert ocr.run("He bought a modem and a router.").fixed == "He bought a modem and a router."
    # only as another common word, written as plainly: an accent is no misreading of a letter
    from repair.detect.ocr import _plain_swap

    assert _plain_swap("bo", "he") and _plain_swap("nô", "no")
    assert not _plain_swap("no", "nô") and not _plain_swap("costly", "mostlyx") and not _plain_swap("tho", "t ho")


def test_the_ocr_profile_reads_every_text_as_raw_ocr():
    from repair.detect.base import reads_as_raw_ocr
    from repair.pipeline import Pipeline, PipelineConfig

    clean = ("He said that his uppoiutmont as a judge of the high court was made today, and that the "
             "other judges of the court were told of it in a letter sent by the clerk.")
    assert not reads_as_raw_ocr(Document(clean)) and reads_as_raw_ocr(Document(clean, ocr=True))
    assert Pipeline(PipelineConfig(model=None, grammar=False)).run(clean).fixed == clean
    ocr = Pipeline(PipelineConfig(model=None, grammar=False, profile="ocr"))
    assert ocr.document(clean).ocr
    assert ocr.run(clean).fixed == clean.replace("uppoiutmont", "appointment")  # a far reading, sure


def test_far_readings_are_sought_in_raw_ocr_only():
    model = ConfusionModel.load()
    assert "appointment" in dict(model.candidates("uppoiutmont", far=True))
    assert "appointment" not in dict(model.candidates("uppoiutmont"))
    # the detector asks in a text that reads as raw OCR: one in three words unknown here
    assert fix("his uppoiutmont as judge") == "his appointment as judge"
    clean = ("He said that his uppoiutmont as a judge of the high court was made today, and that the "
             "other judges of the court were told of it in a letter sent by the clerk.")
    assert fix(clean) == clean  # one word in twenty-five: no far reading


def test_a_line_that_stops_mid_sentence_is_read_as_going_on():
    # Overproof's column lines: the last word is not a sentence's last (``the`` rarely is)
    assert fix("hospital committee, medical oflicor, &c. only tho") == \
        "hospital committee, medical officer, &c. only the"
    assert fix("hospital committee, medical oflicor, &c. only tho.") == \
        "hospital committee, medical officer, &c. only tho."


def test_half_a_word_broken_at_the_line_end_is_not_read():
    # read alone, ``declina`` would be ``decline`` and ``endea`` ``ended``
    assert fix("to plaintiff's nife, to whom, accordiug to the declina-").endswith("according to the declina-")
    assert fix("it has boen decided by the balvaliou Anny to endea-").endswith(" Anny to endea-")
    assert fix("in- dictuxent of tho prisoner and his speci-\nfied crimes").startswith("indictment of the prisoner")


def test_a_short_string_two_misread_letters_from_the_commonest_words():
    # ``lho``: l for t and o for e; only the commonest words are sought two edits away
    model = ConfusionModel.load()
    assert "the" in dict(model.candidates("lho")) and "the" not in dict(model.candidates("lho", deep=False))
    assert fix("They stated that lho letter was refeired to the council.") == \
        "They stated that the letter was referred to the council."


def test_a_short_capitalised_string_after_a_lost_stop_is_read_as_a_word_that_opens_sentences():
    def raw(text: str) -> str:
        edits = [e for e in OcrConfusions().propose(Document(text, ocr=True)) if e.confidence >= 0.5]
        return apply_edits(text, edits)

    assert raw("the winchman was swept away Tho man secured a rope") == \
        "the winchman was swept away The man secured a rope"
    assert raw("he got a month with hard labour Ho was also charged") == \
        "he got a month with hard labour He was also charged"
    assert raw("Mr. Ho said that the man was there") == "Mr. Ho said that the man was there"  # a name
    # no sentence ends with "of"; and "His" opens sentences no more often than its frequency says
    assert raw("the lodge was also of Hie Masonic order") == "the lodge was also of Hie Masonic order"
    assert raw("with the cause Hie speech ended") == "with the cause Hie speech ended"


def test_a_short_string_one_unexplained_letter_from_the_commonest_words():
    assert ("by", -4.5) in ConfusionModel.load().candidates("bj")
    assert ("by", -4.5) not in ConfusionModel.load().candidates("bj", deep=False)
    assert fix("the land owned bj the government was sold, he was oharged.") == \
        "the land owned by the government was sold, he was charged."


def test_short_strings_are_not_read_as_english_words_in_a_paragraph_in_french():
    text = ("Chartered adopte la fabrication de precision automatise d'AMD et prevoit de fabriquer des "
            "processeurs AMD64 en 2006.")
    assert fix(text) == text  # ``en`` is no misread ``in`` here
    assert fix("the land owned bj the government was sold, he was oharged.").startswith("the land owned by")
