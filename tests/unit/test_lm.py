import gzip
from collections import Counter

import pytest

from repair.errors import DataError
from repair.lm import BOS, EOS, NgramModel, tokens
from repair.lm.build import count, estimate, write_table

SENTENCES = ["The modern world is large.", "In the modern world we live.", "The modern age began.",
             "A modem and a router sat there.", "The old world is small."] * 3


@pytest.fixture
def tiny(tmp_path):
    bigrams, backoff = estimate(count(SENTENCES), {("modem", "and"): 10})
    path = tmp_path / "t.tsv.gz"
    write_table(path, bigrams, backoff, {"sentences": str(len(SENTENCES))})
    return NgramModel.load(path)


def test_tokens_lowercase_and_straight_apostrophes():
    assert tokens("It’s The Modern-day world, isn't it?") == ["it's", "the", "modern-day", "world", "isn't", "it"]


def test_a_table_built_from_text_prefers_what_it_saw(tiny):
    assert tiny.meta["sentences"] == "15"
    assert tiny.logprob("the", "modern") > tiny.logprob("the", "modem") + 2
    assert tiny.logprob("modem", "and") > tiny.logprob("modern", "and")
    assert tiny.logprob(BOS, "the") > tiny.logprob(BOS, "router")


def test_backoff_gives_every_word_a_probability(tiny):
    for prev in ("the", "unseen", None):
        lp = tiny.logprob(prev, "zebra")
        assert -12 < lp < 0
    assert tiny.logprob("the", "qzxv") < tiny.logprob("the", "zebra")


def test_score_sums_the_bigrams(tiny):
    words = ["the", "modern", "world"]
    expected = sum(tiny.logprob(a, b) for a, b in zip([BOS, *words], [*words, EOS]))
    assert tiny.score(words) == pytest.approx(expected)
    assert tiny.score(words, bos=False, eos=False) == pytest.approx(
        tiny.logprob(None, "the") + tiny.logprob("the", "modern") + tiny.logprob("modern", "world"))


def test_the_shipped_table_reads_ocr_misreadings_in_context():
    lm = NgramModel.load()
    assert len(lm) > 100_000
    assert lm.score(tokens("the modern world")) > lm.score(tokens("the modem world")) + 3
    assert lm.score(tokens("he had been there")) > lm.score(tokens("he bad been there")) + 3


def test_a_missing_or_foreign_table_is_a_data_error(tmp_path):
    with pytest.raises(DataError, match="not found"):
        NgramModel.load(tmp_path / "none.gz")
    bad = tmp_path / "bad.gz"
    with gzip.open(bad, "wt") as f:
        f.write("something else\n")
    with pytest.raises(DataError, match="not an n-gram table"):
        NgramModel.load(bad)
    (tmp_path / "plain.gz").write_text("not gzip")
    with pytest.raises(DataError, match="cannot read"):
        NgramModel.load(tmp_path / "plain.gz")


def test_bigram_is_the_tables_row_and_none_where_logprob_backs_off(tiny):
    assert tiny.bigram("the", "modern") == tiny.logprob("the", "modern")
    assert tiny.bigram("The", "modern") is None  # bigram() takes normalised words, logprob() normalises
    assert tiny.bigram("the", "zebra") is None
    assert tiny.logprob("the", "zebra") == pytest.approx(tiny.logprob("the", "qzxv") + tiny.unigram("zebra")
                                                         - tiny.unigram("qzxv"))
    assert len(tiny) > 10


def test_a_line_that_stops_with_no_stop_does_not_end_its_sentence():
    from repair.document import Document
    from repair.lm import CUT, neighbour

    def after(text: str, i: int) -> str:
        doc = Document(text)
        return neighbour(doc, doc.words, i, +1)

    assert after("the parties were married nt", 4) == CUT  # a column's line: the sentence goes on
    assert after("the parties were married nt,", 4) == CUT
    assert after("the parties were married.", 3) == EOS
    assert after("he said\nthat it was so", 1) == "that"  # a wrapped line: the sentence goes on
    assert after("he said\nThat was so", 1) == CUT  # a heading, or a sentence OCR lost the stop of
    assert after("he said.\nThat was so", 1) == EOS
    assert after("he said\n\nThat was so", 1) == EOS  # a paragraph ends
    doc = Document("the parties were married nt")
    assert neighbour(doc, doc.words, 0, -1) == BOS  # a line's first word keeps the sentence start
    doc = Document("he said\nthat it was so")
    assert neighbour(doc, doc.words, 2, -1) == "said"


def test_nothing_is_scored_past_a_cut(tiny):
    from repair.lm import CUT

    assert tiny.logprob("the", CUT) == 0.0
    assert tiny.between("the", "modern", CUT) == tiny.logprob("the", "modern")
    assert tiny.between("the", "modern", EOS) < tiny.between("the", "modern", CUT)
