"""LanguageTool matches -> edits, from recorded server responses and hand-made matches.

The fixtures are the server's JSON as it came back (tests/unit/fixtures/record_languagetool.py
re-records them); the integration tests check the same mapping against the live server.
"""

import json
import re
from pathlib import Path

import pytest

from repair.document import Document
from repair.edits import check_offsets
from repair.grammar.confidence import kind_of
from repair.grammar.mapping import chunks, to_edit, to_edits
from repair.grammar.match import LTMatch, advance_utf16, utf16_to_code_points

FIXTURES = Path(__file__).parent / "fixtures"


def recorded(name):
    data = json.loads((FIXTURES / f"languagetool_{name}.json").read_text("utf-8"))
    text = data["request"]["text"]
    return text, [LTMatch.from_json(m, text) for m in data["response"]["matches"]]


def edits_of(name, glossary=frozenset()):
    text, matches = recorded(name)
    doc = Document(text, glossary=frozenset(glossary))
    edits = to_edits(doc, matches)
    check_offsets(text, edits)
    return {(e.original, e.replacement): e for e in edits}


def lt(start, end, rule="R", category="GRAMMAR", issue="grammar", replacements=("x",), message="m"):
    return LTMatch(start, end, rule, category, issue, message, tuple(replacements))


# --- offsets: LanguageTool counts UTF-16 units, we count code points ---------------------------

def test_utf16_offsets_become_code_points():
    text = "a😀b𝒜c"
    assert [utf16_to_code_points(text, u) for u in (0, 1, 3, 4, 6, 7)] == [0, 1, 2, 3, 4, 5]
    assert advance_utf16(text, 1, 2) == 2  # the emoji is two units, one code point


def test_astral_characters_before_and_inside_a_match():
    text, matches = recorded("astral")
    assert text.count("😀") == 3 and "𝒜" in text
    spans = {m.rule: text[m.start:m.end] for m in matches}
    assert spans == {
        "HE_VERB_AGR": "go",
        "EN_A_VS_AN": "a",  # after one emoji: LanguageTool's offset is one unit higher
        "ENGLISH_WORD_REPEAT_RULE": "the the",  # after three
        "MORFOLOGIK_RULE_EN_US": "𝒜lice",  # the match itself holds a 4-byte character
    }


def test_every_recorded_match_slices_its_text():
    for name in ("astral", "names", "seed"):
        text, matches = recorded(name)
        raw = json.loads((FIXTURES / f"languagetool_{name}.json").read_text("utf-8"))["response"]["matches"]
        assert len(matches) == len(raw)
        for m, r in zip(matches, raw):
            ctx = r["context"]  # its offsets are UTF-16 units too
            start = utf16_to_code_points(ctx["text"], ctx["offset"])
            end = utf16_to_code_points(ctx["text"], ctx["offset"] + ctx["length"])
            assert text[m.start:m.end] == ctx["text"][start:end]


# --- the mapping, as a table of recorded cases -------------------------------------------------

@pytest.mark.parametrize("name, original, replacement, kind, rule, confidence", [
    ("astral", "go", "goes", "grammar", "HE_VERB_AGR", 0.7),
    ("astral", "a", "an", "grammar", "EN_A_VS_AN", 0.85),
    ("astral", "the the", "the", "repeat", "ENGLISH_WORD_REPEAT_RULE", 0.8),
    ("names", "Lukashenkothe", "Lukashenko the", "glued-word", "MORFOLOGIK_RULE_EN_US", 0.85),
    ("names", "Their", "There", "confused-words", "THEIR_IS", 0.6),
    ("names", "teh", "the", "spelling", "MORFOLOGIK_RULE_EN_US", 0.65),  # one of many suggestions
    ("names", "manoeuvre", "maneuver", "spelling", "MORFOLOGIK_RULE_EN_US", 0.2),  # a variant, not an error
    ("names", "Baranowski", "Malinowski", "spelling", "MORFOLOGIK_RULE_EN_US", 0.45),  # sentence-initial name
    ("seed", "Glod", "Good", "spelling", "MORFOLOGIK_RULE_EN_US", 0.3),  # a name inside a sentence
    ("seed", " .", ".", "spacing", "COMMA_PARENTHESIS_WHITESPACE", 0.7),  # "the Allies ."
    ("seed", " and", ", and", "punctuation", "COMMA_COMPOUND_SENTENCE", 0.4),  # a comma: house style
])
def test_recorded_matches_become_edits(name, original, replacement, kind, rule, confidence):
    e = edits_of(name)[(original, replacement)]
    assert (e.kind, e.rule, e.confidence, e.source) == (kind, rule, confidence, "languagetool")
    assert e.message  # LanguageTool's own words are kept


def test_message_is_languagetools():
    e = edits_of("astral")[("a", "an")]
    assert e.message.startswith("Use “an” instead of ‘a’")


# --- names LanguageTool must not "correct" -----------------------------------------------------

def test_name_used_twice_in_the_document_is_left_alone():
    edits = edits_of("names")
    assert not [e for e in edits.values() if e.original == "Heisbourg"]  # Heisbourg ... Heisbourg’s


def test_name_in_the_glossary_is_left_alone():
    assert ("Baranowski", "Malinowski") in edits_of("names")
    assert ("Baranowski", "Malinowski") not in edits_of("names", glossary={"Baranowski"})
    assert ("Baranowski", "Malinowski") not in edits_of("names", glossary={"Michal Baranowski"})


def test_lowercase_misspelling_repeated_is_still_corrected():
    doc = Document("teh cat and teh dog")
    [e] = to_edits(doc, [lt(0, 3, "MORFOLOGIK_RULE_EN_US", "TYPOS", "misspelling", ("the",))])
    assert e.replacement == "the"


def test_protected_spans_are_left_alone():
    doc = Document("He paid $16,000 and went to www.belta.by today.")
    start = doc.text.index("16,000")
    url = doc.text.index("belta")
    matches = [lt(start, start + 6, replacements=("16.000",)),
               lt(url, url + 5, "MORFOLOGIK_RULE_EN_US", "TYPOS", "misspelling", ("belt",))]
    assert to_edits(doc, matches) == []


def test_glued_name_is_split_even_though_the_name_is_known():
    doc = Document("Lukashenko spoke. Alexander Lukashenkothe leader left.")
    s = doc.text.index("Lukashenkothe")
    [e] = to_edits(doc, [lt(s, s + 13, "MORFOLOGIK_RULE_EN_US", "TYPOS", "misspelling", ("Lukashenko the",))])
    assert (e.kind, e.replacement) == ("glued-word", "Lukashenko the")


def test_spaced_ellipsis_is_not_a_stray_space():
    text, matches = recorded("seed")
    spacing = [e for e in to_edits(Document(text), matches) if e.rule == "COMMA_PARENTHESIS_WHITESPACE"]
    assert len([m for m in matches if m.rule == "COMMA_PARENTHESIS_WHITESPACE"]) == 2
    assert [text[e.start - 10:e.end] for e in spacing] == ["the Allies ."]  # not "could be . . ."


def test_casing_after_an_ellipsis_is_not_a_new_sentence():
    edits = edits_of("names")
    assert not [e for e in edits.values() if e.rule == "UPPERCASE_SENTENCE_START"]
    seed = edits_of("seed")
    assert not [e for e in seed.values() if e.rule == "UPPERCASE_SENTENCE_START"]


# --- one edit per span, flags, kinds -----------------------------------------------------------

def test_one_edit_per_span_keeps_the_surest():
    doc = Document("She go home.")
    edits = to_edits(doc, [lt(4, 6, "STYLE_X", "STYLE", "style", ("goes",)),
                           lt(4, 6, "AGR", "GRAMMAR", "grammar", ("goes",))])
    assert [(e.rule, e.confidence) for e in edits] == [("AGR", 0.7)]


def test_other_suggestions_travel_as_alternatives():
    many = ("Yong", "long", "young", "song", "Kong", "Long", "Young", "Yang", "yang", "tong")
    [e] = to_edits(Document("I think yong people stay."),
                   [lt(8, 12, "MORFOLOGIK_RULE_EN_US", "TYPOS", "misspelling", many)])
    assert e.replacement == "Yong"
    assert e.alternatives == many[1:8]
    [one] = to_edits(Document("She go home."), [lt(4, 6, "AGR", "GRAMMAR", "grammar", ("goes",))])
    assert one.alternatives == ()


def test_match_without_suggestion_is_a_flag():
    [e] = to_edits(Document("It was very unique."), [lt(7, 18, "X", "STYLE", "style", ())])
    assert e.is_flag and e.original == "very unique"


@pytest.mark.parametrize("rule, category, issue, kind", [
    ("X", "TYPOS", "misspelling", "spelling"),
    ("X", "GRAMMAR", "grammar", "grammar"),
    ("X", "CONFUSED_WORDS", "misspelling", "confused-words"),
    ("X", "PUNCTUATION", "typographical", "punctuation"),
    ("X", "TYPOGRAPHY", "typographical", "typography"),
    ("X", "REDUNDANCY", "style", "style"),
    ("X", "COLLOCATIONS", "grammar", "collocation"),
    ("X", "MISC", "duplication", "repeat"),
    ("X", "MISC", "whitespace", "spacing"),
    ("X", "SOMETHING_NEW", "uncategorized", "grammar"),
    ("EN_A_VS_AN", "MISC", "misspelling", "grammar"),
    ("UPPERCASE_SENTENCE_START", "CASING", "typographical", "casing"),
])
def test_kind_from_category(rule, category, issue, kind):
    assert kind_of(lt(0, 1, rule, category, issue)) == kind


def test_match_outside_the_text_is_dropped():
    assert to_edits(Document("short"), [lt(3, 40)]) == []


# --- chunks ---------------------------------------------------------------------------------------

def test_chunks_cover_the_text_at_paragraph_boundaries():
    text = "\n\n".join(f"Paragraph {i} is here. " * 5 for i in range(40))
    pieces = chunks(text, 500)
    assert "".join(p for _, p in pieces) == text
    assert all(len(p) <= 500 for _, p in pieces)
    assert all(text[o:o + len(p)] == p for o, p in pieces)
    assert all(p.endswith("\n\n") for _, p in pieces[:-1])


def test_chunks_split_a_long_line_at_a_space():
    text = "word " * 1000
    pieces = chunks(text, 300)
    assert "".join(p for _, p in pieces) == text
    assert all(p.endswith(" ") and len(p) <= 300 for _, p in pieces)


def test_short_text_is_one_chunk():
    assert chunks("Hello.", 100) == [(0, "Hello.")]


# --- confidence: what clean news taught (bench/languagetool.py) ---------------------------------

SPELLER = "MORFOLOGIK_RULE_EN_US"


def speller_edit(text, word, suggestions, glossary=frozenset()):
    doc = Document(text, glossary=frozenset(glossary))
    s = text.index(word)
    found = to_edits(doc, [lt(s, s + len(word), SPELLER, "TYPOS", "misspelling", suggestions,
                              "Possible spelling mistake found.")])
    return (found[0].kind, found[0].confidence) if found else None


@pytest.mark.parametrize("text, word, suggestions, expected", [
    ("A Mittal Steel spokeman said so.", "spokeman", ("spokesman",), ("spelling", 0.75)),
    ("GDP, on an annualised basis, fell.", "annualised", ("annualized",), ("spelling", 0.2)),  # a variant
    ("I do not wish to make any judgements.", "judgements", ("judgments",), ("spelling", 0.2)),
    ("The de-facto ruler spoke.", "de-facto", ("defect",), ("spelling", 0.4)),  # a far guess
    ("Alot of people came.", "Alot", ("A lot",), ("glued-word", 0.85)),
    ("The petcare products sold.", "petcare", ("pet care",), ("glued-word", 0.85)),
    ("Parmalat, the dairy group, fell.", "Parmalat", ("Parma lat",), ("spelling", 0.3)),  # a name, split
    ("said chairman Martin Broughton.", "Broughton", ("Brought on",), ("spelling", 0.3)),
    ("Alexander Lukashenkothe leader. Lukashenko spoke.", "Lukashenkothe", ("Lukashenko the",),
     ("glued-word", 0.85)),
    # a capitalised word where a sentence starts is as often a name as a typo ...
    ("Thoes came.", "Thoes", ("Those",), ("spelling", 0.45)),  # short: names are too
    ("Dudek fumbled a cross.", "Dudek", ("Dude",), ("spelling", 0.45)),
    ("Novell shares rose.", "Novell", ("Novel",), ("spelling", 0.45)),  # a rarer target: a name
    ("Whedon wrote it.", "Whedon", ("When",), ("spelling", 0.45)),  # too far from the target
    ("Awoman was seen.", "Awoman", ("Woman",), ("spelling", 0.45)),  # a glued "A", not a slip
    # ... unless it is long and a keystroke or two from a very common word
    ("Beacuse it rained, we stayed.", "Beacuse", ("Because",), ("spelling", 0.6)),
    ("Althogh it rained, we stayed.", "Althogh", ("Although",), ("spelling", 0.6)),
    ("Gouverment spending fell.", "Gouverment", ("Government",), ("spelling", 0.6)),
    # a common word LanguageTool only knows capitalised
    ("Many chinese firms grew.", "chinese", ("Chinese",), ("spelling", 0.6)),
    ("They flew to britain.", "britain", ("Britain",), ("spelling", 0.6)),
    ("The los angles met.", "los", ("Los",) * 40, ("spelling", 0.4)),  # a guess among many
    # a short word respelt keeping two thirds of it or less is a far guess (MT's
    # transliterations), unless it lands on one of the commonest words; a long one is OCR's
    ("The sikmi stood by the river.", "sikmi", ("semi",), ("spelling", 0.4)),
    ("I think hte answer is no.", "hte", ("the",), ("spelling", 0.75)),
    ("The cnllod meeting was late.", "cnllod", ("called",), ("spelling", 0.75)),
    ("What the kum knows.", "kum", ("km",), ("spelling", 0.4)),  # an abbreviation, not a word
    # a short piece of a split must be a function word, and may only end the split after one
    ("Inorder to win, we ran.", "Inorder", ("In order",), ("glued-word", 0.85)),
    ("The ship sank, itis said.", "itis", ("it is",), ("glued-word", 0.85)),
    ("Navalny, majorno - everything is fine.", "majorno", ("major no",), ("spelling", 0.3)),
    ("He was a yabad man.", "yabad", ("ya bad",), ("spelling", 0.3)),
    # more than two edits away (repair's search reaches that far only for a writer's slips)
    ("He brought it imidiatly.", "imidiatly", ("immediately",), ("far-typo", 0.55)),
    ("He brought it imidiatly.", "imidiatly", ("Immediately",), ("spelling", 0.4)),  # not to a name
    ("They teached us.", "teached", ("taught",), ("spelling", 0.4)),  # an irregular form, not slips: as before
])
def test_speller_confidence(text, word, suggestions, expected):
    assert speller_edit(text, word, suggestions) == expected


@pytest.mark.parametrize("rule, category, original, replacement, confidence", [
    ("EN_SPECIFIC_CASE", "CASING", "Brent crude", "Brent Crude", 0.4),
    ("MAKER_COMPOUNDS", "GRAMMAR", "car maker", "carmaker", 0.35),
    ("HOME_COMPOUNDS_EN_US", "COMPOUNDING", "home town", "hometown", 0.35),  # the en-US variant of the family
    ("EN_MULTITOKEN_SPELLING_TWO", "TYPOS", "Michael Cawley", "Michael Callen", 0.3),
    ("MISSING_HYPHEN", "PUNCTUATION", "seven-month high", "seven-month-high", 0.45),
    ("COMMA_COMPOUND_SENTENCE", "PUNCTUATION", " and", ", and", 0.4),
    # commas every style guide asks for
    ("SENT_START_CONJUNCTIVE_LINKING_ADVERB_COMMA", "PUNCTUATION", "However", "However,", 0.55),
    ("MISSING_COMMA_AFTER_INTRODUCTORY_PHRASE", "PUNCTUATION", "example", "example,", 0.55),
    ("SENT_START_CONJUNCTIVE_LINKING_ADVERB_COMMA", "PUNCTUATION", "Meanwhile", "Meanwhile,", 0.4),  # house style
    ("MISSING_COMMA_AFTER_INTRODUCTORY_PHRASE", "PUNCTUATION", "April", "April,", 0.4),
    ("FEWER_LESS", "GRAMMAR", "less", "fewer", 0.7),
    ("CONFUSION_OF_ME_I", "TYPOS", "Me", "I", 0.65),  # a pattern rule filed under typos, not a name
    ("UPPERCASE_SENTENCE_START", "CASING", "charged", "Charged", 0.45),  # "was. charged": a stray stop
    ("EN_COMPOUNDS_BINGE_DRINKING", "TYPOS", "binge drinking", "binge-drinking", 0.4),  # house style
])
def test_rule_confidence(rule, category, original, replacement, confidence):
    text = f"x {original} y"
    [e] = to_edits(Document(text), [lt(2, 2 + len(original), rule, category, "x", (replacement,))])
    assert e.confidence == confidence


def test_url_scheme_in_a_spaced_link_is_not_respelled():
    text = "streamers https: / / t.me / slivgolih2 or so"
    match = lt(10, 15, "MORFOLOGIK_RULE_EN_US", "TYPOS", "misspelling", ("HTTPS", "http"))
    assert to_edits(Document(text), [match]) == []


@pytest.mark.parametrize("text, confidence", [
    # a lone complete sentence that starts in lowercase: a slip
    ("because they spent their time on subjects that will never be useful.", 0.6),
    # a line of a column, a fragment, a paragraph cut mid-sentence: left alone
    ("of education, and then a diamond mine.", 0.3),
    ("the cottages, and walls, and field enclosures are built of such immense blocks", 0.3),
    ("the report was late. Nobody had read it before the meeting began on Monday.", 0.3),
    ("the first line of a column that runs on\nto the second line of it.", 0.3),
])
def test_lowercase_text_start_is_capitalised_only_in_a_lone_sentence(text, confidence):
    word = text.split()[0]
    match = lt(0, len(word), "UPPERCASE_SENTENCE_START", "CASING", "typographical", (word.capitalize(),))
    [e] = to_edits(Document(text), [match])
    assert e.confidence == confidence


@pytest.mark.parametrize("text, confidence", [
    ("He bought a apple in town.", 0.85),
    ("It was a 11-day run.", 0.85),  # a number: LanguageTool reads it right
    ("They were a ohort distance away.", 0.4),  # OCR debris after the article
    ("She was made a honorary member.", 0.85),  # "a" -> "an" before an h-word stays sure
    ("He stayed at an hotel in town.", 0.4),  # the older usage, kept on purpose
    ("It was a e- p ground of facts.", 0.4),
])
def test_article_rule_judged_by_the_word_after(text, confidence):
    found = re.search(r"\b(an?) ", text)
    at, article = found.start(1), found.group(1)
    other = "an" if article == "a" else "a"
    m = LTMatch(at, at + len(article), "EN_A_VS_AN", "MISC", "misspelling", "Use an", (other,))
    assert to_edit(Document(text), m).confidence == confidence


def test_two_dots_after_an_interjection_are_a_pause_not_a_doubled_stop():
    text = "'Ah.. guys, I lost it.' Then it rained.. and"
    doubled = [lt(text.index(".."), text.index("..") + 2, "DOUBLE_PUNCTUATION", "PUNCTUATION", "typographical", (".",)),
               lt(text.rindex(".."), text.rindex("..") + 2, "DOUBLE_PUNCTUATION", "PUNCTUATION", "typographical", (".",))]
    edits = to_edits(Document(text), doubled)
    assert [(e.start, e.original) for e in edits] == [(text.rindex(".."), "..")]


def test_repairs_own_rules_are_flags_that_offer_their_suggestion():
    text = "It aggregates the all world's media."
    doc = Document(text)
    e = to_edit(doc, lt(14, 21, rule="REPAIR_PREDETERMINER_ORDER", category="REPAIR_MT", replacements=("all the",)))
    assert e.is_flag and e.replacement == "the all" and e.alternatives == ("all the",) and e.kind == "mt-suspect"
    # without a suggestion: a flag with nothing to offer
    e = to_edit(doc, lt(14, 21, rule="REPAIR_FUSED_CLAUSES", category="REPAIR_MT", replacements=()))
    assert e.is_flag and e.alternatives == ()


def test_a_far_respelling_is_a_flag_offering_the_word():
    text = "He brought the car imidiatly."
    e = to_edit(Document(text), lt(19, 28, SPELLER, "TYPOS", "misspelling", ("immediately", "initially")))
    assert e.is_flag and e.kind == "far-typo" and e.alternatives == ("immediately", "initially")
    # two edits or fewer: a change, as before
    e = to_edit(Document(text), lt(19, 28, SPELLER, "TYPOS", "misspelling", ("imidiately",)))
    assert not e.is_flag and e.replacement == "imidiately"
