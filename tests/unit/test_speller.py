"""repair's respellings for LanguageTool's speller matches (repair.grammar.speller)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from repair.grammar import process, speller, typos
from repair.grammar.match import LTMatch

# A small dictionary in LanguageTool's shapes: names capitalised, "TV" in capitals,
# contractions with their apostrophe.
WORDS = """a the of in on at to for and is was we it lot plot slot alto allot
fact infant intact witness because became cause receive deceive Lukashenko British TV
to don't done dont don font tune-up tuned definitely defined elderly ends sends tends bends fiends
Sita site sit Th immediately initially cigarettes cigarette professor professed Pokemon""".split()


@pytest.fixture(scope="module")
def words():
    return speller.Vocabulary(WORDS)


def test_the_word_in_the_case_the_dictionary_knows_comes_first(words):
    assert speller.suggest("british", words)[0] == "British"
    assert speller.suggest("tv", words)[0] == "TV"
    assert speller.suggest("sita", words)[0] == "Sita"  # before "site", not far commoner
    assert speller.suggest("th", words)[0] == "the"  # far commoner than "th" (Zipf 7.7 against 4.2)


def test_a_missing_apostrophe_comes_before_commoner_words(words):
    assert speller.suggest("dont", words)[0] == "don't"
    assert speller.suggest("tuneup", words)[0] == "tune-up"


def test_words_one_edit_away_by_frequency(words):
    assert speller.suggest("iends", words)[:2] == ("ends", "sends")
    assert speller.suggest("becuase", words)[0] == "because"  # two letters swapped
    assert speller.suggest("Recieve", words)[0] == "Receive"  # in the word's case


def test_splits_rank_as_a_rarer_word(words):
    assert speller.suggest("alot", words)[:2] == ("a lot", "lot")
    assert speller.suggest("Infact", words)[0] == "In fact"
    assert speller.suggest("Lukashenkothe", words) == ("Lukashenko the",)
    assert speller.suggest("thewitness", words)[0] == "the witness"
    # a piece of one or two letters must be a function word, and a short word is not split
    assert "we is" not in speller.suggest("weis", words)


def test_two_edits_only_when_nothing_is_one_edit_away(words):
    assert speller.suggest("definitly", words)[0] == "definitely"
    assert speller.suggest("eldrly", words)[0] == "elderly"
    assert "definitely" in speller.suggest("definately", words)  # one edit
    assert speller.suggest("zzzzqq", words) == ()


def test_a_long_lowercase_word_reaches_a_writers_slips_three_edits_away(words):
    assert speller.suggest("imidiatly", words) == ("immediately",)  # not "initially": 3.0 slips away
    assert speller.suggest("cigarrets", words)[0] == "cigarettes"
    assert speller.suggest("proffeser", words)[0] == "professor"  # nearest first, then commoner


@pytest.mark.parametrize("word", [
    "Imidiatly",  # capitalised: a name as often as a slip
    "imidiatlY",  # a capital inside: OCR's, not a writer's
    "imidatly",  # "immediately" more than three edits away
    "mmidiatly",  # a writer's slips keep the first letter
    "pikimons",  # only a name ("Pokemon") three edits away
])
def test_no_far_respelling_where_no_writer_slipped(words, word):
    assert speller.suggest(word, words) == ()


def test_typo_costs_count_writers_slips_cheaper():
    assert typos.typo_cost("imidiatly", "immediately") == pytest.approx(1.7)
    assert typos.typo_cost("imidiatly", "initially") == pytest.approx(3.0)
    assert typos.typo_cost("recieve", "receive") == pytest.approx(typos.SWAPPED)
    assert typos.typo_cost("definately", "definitely") == pytest.approx(typos.VOWEL_FOR_VOWEL)
    assert typos.typo_cost("govenment", "government") == pytest.approx(typos.OTHER)
    assert typos.typo_cost("word", "word") == 0


def test_a_word_in_capitals_gets_capitals(words):
    assert speller.suggest("BECUASE", words)[0] == "BECAUSE"


def test_fill_gives_only_the_speller_matches_without_suggestions_respellings(words):
    text = "I dont know alot."
    limited = LTMatch(2, 6, "MORFOLOGIK_RULE_EN_US", "TYPOS", "misspelling", "Spelling", (speller.LIMIT_MARKER,))
    other = LTMatch(12, 16, "SOME_RULE", "GRAMMAR", "grammar", "Grammar", ("a lot",))
    filled = speller.fill([limited, other], text, words)
    assert filled[0].replacements[0] == "don't" and filled[1] is other
    assert speller.fill([limited], text, None)[0].replacements == ()  # no dictionary: no suggestion
    # the server capitalises its note like the word
    name = LTMatch(0, 4, "MORFOLOGIK_RULE_EN_US", "TYPOS", "misspelling", "Spelling", ("(Suggestion limit reached)",))
    assert speller.fill([name], "Alot of", words)[0].replacements[0] == "A lot"


def test_a_lowercase_word_opening_a_sentence_gets_capitalised_suggestions(words):
    # as LanguageTool gives them: such a word is mostly a fragment (an OCR line, an MT
    # segment cut mid-sentence), and the pipeline leaves a lowercase word respelt capitalised
    def first(text, start, end):
        m = LTMatch(start, end, "MORFOLOGIK_RULE_EN_US", "TYPOS", "misspelling", "Spelling", (speller.LIMIT_MARKER,))
        return speller.fill([m], text, words)[0].replacements[0]

    assert first("becuase it", 0, 7) == "Because"
    assert first("Done. becuase it", 6, 13) == "Because"
    assert first("it was\nbecuase it", 7, 14) == "because"  # a line break opens no sentence
    # nor is such a word searched three edits away
    m = LTMatch(0, 9, "MORFOLOGIK_RULE_EN_US", "TYPOS", "misspelling", "Spelling", (speller.LIMIT_MARKER,))
    assert speller.fill([m], "imidiatly he came", words)[0].replacements == ()
    assert speller.fill([replace(m, start=3, end=12)], "He imidiatly came", words)[0].replacements == ("immediately",)


def test_servers_skip_the_search_only_when_repair_can_do_it(tmp_path, monkeypatch):
    monkeypatch.setenv("REPAIR_CACHE", str(tmp_path))
    jars = tmp_path / "jars"
    jars.mkdir()
    assert speller.ensure_vocabulary("java", jars) is None  # no dictionary jar: LanguageTool searches
    cmd = process.LocalServer("java", jars).command(8123)
    assert speller.SERVER_PROPERTY not in open(cmd[cmd.index("--config") + 1]).read()
    path = speller.vocabulary_path(jars)
    path.parent.mkdir(parents=True)
    path.write_text("\n".join(WORDS) + "\n")
    cmd = process.LocalServer("java", jars).command(8124)
    assert open(cmd[cmd.index("--config") + 1]).read().endswith(speller.SERVER_PROPERTY + "\n")
    cmd = process.LocalServer("java", jars, own_suggestions=False).command(8125)
    assert speller.SERVER_PROPERTY not in open(cmd[cmd.index("--config") + 1]).read()
