"""Each detector on real positive and negative cases."""

import pytest

from repair.detect import build_detectors
from repair.document import Document
from repair.edits import apply_edits
from repair.rank import rank


def run(name: str, text: str) -> str:
    (detector,) = build_detectors([name])
    edits = [e for e in detector.propose(Document(text)) if e.confidence >= 0.5]
    return apply_edits(text, edits)


def flags(name: str, text: str) -> list[str]:
    (detector,) = build_detectors([name])
    return [e.original for e in detector.propose(Document(text)) if e.is_flag]


@pytest.mark.parametrize("name, text, expected", [
    # glued words
    ("glued", "Alexander Lukashenkothe leader met Lukashenko again.",
     "Alexander Lukashenko the leader met Lukashenko again."),
    ("glued", "It was one ofthe best and inthe end it worked.", "It was one of the best and in the end it worked."),
    ("glued", "A statement released bythe association.", "A statement released by the association."),
    ("glued", "He spoke about thecontroversial layoffs.", "He spoke about the controversial layoffs."),
    # broken words
    ("broken", "The commit- tee met.", "The committee met."),
    ("broken", "The inva-\nsion began.", "The invasion began."),
    ("broken", "The mem bers voted.", "The members voted."),
    # a line-end hyphen left inside the word when the lines were joined
    ("broken", "A starv-ing man, character-istic of the time.", "A starving man, characteristic of the time."),
    # a line-end hyphen OCR read as a full stop, a comma or an apostrophe
    ("broken", "He was in. dicted and repre. sented on suspi' cion.", "He was indicted and represented on suspicion."),
    # OCR confusions
    ("ocr", "The cornmittee rnet today.", "The committee met today."),
    ("ocr", "Tlie house vvhere we lived.", "The house where we lived."),
    ("ocr", "A ﬁne ﬂag and the ſame.", "A fine flag and the same."),
    # homoglyphs: Cyrillic с and о inside Latin words
    ("homoglyph", "The \u0441ompany and its l\u043ego.", "The company and its logo."),
    # spacing and punctuation
    ("spacing", "arms supplies from the Allies .", "arms supplies from the Allies."),
    ("spacing", "It rose in March.Critics said so.", "It rose in March. Critics said so."),
    ("spacing", "Fine,, and this,. and that.. ok", "Fine, and this, and that. ok"),
    # before a lowercase word the stop is a misread space; before a capital, a sentence end
    ("spacing", "The trial lasted two days,.and the judge spoke", "The trial lasted two days, and the judge spoke"),
    ("spacing", "It ended,. The next day came", "It ended. The next day came"),
    ("spacing", "Note:: read this", "Note: read this"),
    # a speck OCR read as a mark between two words
    ("spacing", "He might.have seen the infant'daughter at the.same time.",
     "He might have seen the infant daughter at the same time."),
    # ... and on a word's edge inside a sentence: a stop before a lowercase word, a hyphen
    # before a function word, a mark alone between words
    ("spacing", "he was of opinion. that the man was. charged with it", "he was of opinion that the man was charged with it"),
    ("spacing", "His wife agreed to such- a course and to obtain | evidence.", "His wife agreed to such a course and to obtain evidence."),
    # a quote mark before a lowercase word, in a text that reads as raw OCR
    ("spacing", "tlie prisoner was indicted for the 'murder of his wifo, wbicli he denied.",
     "tlie prisoner was indicted for the murder of his wifo, wbicli he denied."),
    # casing
    ("casing", "as Russia's invasion stalls In the face of resistance", "as Russia's invasion stalls in the face of resistance"),
    # repeats
    ("repeat", "It was the the best and and worst.", "It was the best and worst."),
    ("repeat", "The the report was late.", "The report was late."),
    # a sentence-opening discourse marker takes a comma
    ("introductory", "For example people like it. in my opinion it is good.",
     "For example, people like it. in my opinion, it is good."),
    ("introductory", "\"On the other hand it is cheap.\" Secondly the place is near.",
     "\"On the other hand, it is cheap.\" Secondly, the place is near."),
    # run-on boundaries
    ("runon", "reporting by Felicia Schwartz in Bratislava The stalled Russian offensive",
     "reporting by Felicia Schwartz in Bratislava. The stalled Russian offensive"),
])
def test_fixes(name, text, expected):
    assert run(name, text) == expected


@pytest.mark.parametrize("name, text", [
    # names are never split or "corrected" into dictionary words
    ("glued", "Heisbourg, Cancian, Baranowski, Glod and Guchek spoke."),
    ("glued", "The inquests began, and the carmaking unit and the mailshot were cut."),
    ("glued", "Interbrew and Asher and Petercam and Bridgewell."),
    # real compounds and two real words stay
    ("broken", "A well-known pre- and post-war study of the in quests."),
    ("broken", "The anti- and pro-regime camps."),
    ("broken", "To-day the co-ordinator sent an e-mail about the foot-print and the infra-red lamp."),
    # names, acronyms and model numbers are not OCR errors
    ("ocr", "Dan Jolin beat Selima Sfar; IOG and BAI1 and the Power5 chip; a modem."),
    ("ocr", "Lukashenko met Danilov."),
    ("homoglyph", "Plain English text with naïve café accents."),
    # abbreviations, numbers, URLs, domains, tokens of news style
    ("spacing", "e.g. the U.S. grew 3.5% and Kasparov.Ru and the .com suffix, grumbletext.co.uk and www.bbc.co.uk."),
    ("spacing", "Chelsea v Birmingham, an 82% rise, 6,000 troops."),
    ("spacing", "So the idea of filling with Belarusians. . . would make sense."),
    ("spacing", "LOS ANGELES : France's Amelie Mauresmo won."),
    ("spacing", "There was no fight::"),  # a trailing doubled colon: the writer's own habit
    ("spacing", "'Ah.. guys, I think I've lost our money.' Oh.. how long has it been?"),  # a two-dot pause
    ("spacing", "The leitmotif of all the speeches was:."),  # flagged (below), never made a full stop
    # contractions, elisions, plural possessives, abbreviations; two sentences run together
    ("spacing", "It's 10 a.m. and we don't know; ne'er at five o'clock, the favourites'exodus and years.perhaps"),
    ("spacing", "which no gentleman'a library ought to be without"),  # 's misread: not a space
    # marks that belong: abbreviations, suspended hyphens, compounds broken at a line end,
    # domains, dashes, quotes that open or close, elisions, and any quote outside raw OCR
    ("spacing", "The 5th inst. the court sat, per cent. of the men, six- and eight-year-olds, ill- treating, a second- half goal."),
    ("spacing", "I have gone about this vii. years; cloth gilt, pub. at two shillings."),
    ("spacing", "The .post and .travel domains were taken -which may matter."),
    ("spacing", "He said, 'but I will go', he said 'yes' to it, and go get 'em now."),
    ("spacing", "Netflix's' The Witch 'series and the travel 'can also be studied."),
    # real words after the mark, and marks that end sentences
    ("broken", "He said so. Indeed, he came in. Ed went out, and the men' s room."),
    # tokenised text is a style, not an error
    ("spacing", "This is tokenised , see . And here ; too . Yes ! And more , again ."),
    # titles and names keep their capitals; sentence starts are fine
    ("casing", "the Center for European Policy Analysis said. In the end, it was won for On the Waterfront."),
    ("casing", "comedy duo and the hit Through the Fire by her."),
    # titles and idioms repeat words
    ("repeat", "Please Please Me and Duran Duran and we had had enough, more and more so."),
    ("repeat", "a break-in in 1999"),
    ("repeat", "Hey hey, he said, oh oh."),  # doubled interjections are deliberate
    ("introductory", "In addition to the costs, it is slow. For example, fine. In this case that holds."),
    ("introductory", "He said for example that it was fine. Informally speaking, yes."),
    ("introductory", "They aren't doing... for example setting targets."),  # a pause, not a new sentence
    ("introductory", "However the news sent shares up. Overall sales rose."),  # news leaves these bare
    ("runon", "The film The Aviator won. He said The government was wrong. Show Faking It and more."),
])
def test_leaves_alone(name, text):
    assert run(name, text) == text


def clause_commas(text: str) -> list[tuple[str, float]]:
    (detector,) = build_detectors(["introductory"])
    return [(e.replacement, e.confidence) for e in detector.propose(Document(text))]


@pytest.mark.parametrize("text, expected", [
    ("When you are successful you will have reasons to live.", [("successful,", 0.4)]),
    ("In todays world there is a high risk.", [("world,", 0.4)]),
    ("So in this field it's very important.", [("field,", 0.4)]),
    ("If you stay home you can’t win. When older people think like this it 's hard.", [("home,", 0.4), ("this,", 0.4)]),
    ("As a young person you can do a lot. After school he has to play.", [("person,", 0.4), ("school,", 0.4)]),
    # a marker's own comma is the surer one, proposed once
    ("For example they can play.", [("example,", 0.55)]),
    # a relative clause without "that", a complement clause, an inverted question, a comma there
    ("If we have a job we like we will love it.", []),
    ("Because I think they are wrong we left.", []),
    ("But when we own these products are we really living?", []),
    ("When it rains, we stay home.", []),
    ("She said that in this field it is important.", []),  # not a sentence opener
])
def test_introductory_clause_comma(text, expected):
    assert clause_commas(text) == expected


def test_introductory_clause_comma_is_below_the_default_threshold():
    text = "When you are successful you will have reasons to live."
    assert run("introductory", text) == text


def test_consistency_flags_both_spellings():
    text = "He has no room for manoeuvre. But how much room for maneuver he has."
    assert flags("consistency", text) == ["manoeuvre", "maneuver"]


def test_consistency_ignores_names_and_different_words():
    text = "The Labor Department and the labour market. He filed and filled it. A licence to license."
    assert flags("consistency", text) == []


def test_untranslated_fragment_is_flagged_once():
    assert flags("homoglyph", "He said Мы не будем вмешиваться to them.") == ["Мы не будем вмешиваться"]


def test_unbalanced_bracket_is_flagged():
    assert flags("spacing", "The deal (worth $3bn was signed.") == ["("]


def test_handles_are_protected_from_every_proposer():
    # Reddit's u/ and r/ names, spaced out by machine translation, and @names
    doc = Document("The official u / Forjoin statement to the r / PikabuPolitics panel of moderators")
    (glued,) = build_detectors(["glued"])
    proposed = list(glued.propose(doc))
    assert [e.original for e in proposed] == ["Forjoin"]  # the detector alone would split it
    assert rank(doc, proposed) == []
    assert [doc.text[s.start:s.end] for s in doc.protected] == ["u / Forjoin", "r / PikabuPolitics"]
    assert [s.start for s in Document("ask @Forjoin, or mail a@b.org").protected] == [4, 22]


def test_colon_before_the_final_stop_is_flagged():
    assert flags("spacing", "The leitmotif of all the speeches was:.") == [":."]
    assert flags("spacing", "He said:. The end came.") == []


def test_running_quote_is_news_style_not_an_error():
    assert flags("spacing", '"We will go on," he said. "And the next\n"Paragraph goes on," he added.') == []


def test_glossary_protects_words():
    from repair.pipeline import Pipeline, PipelineConfig

    text = "They met the tlie tribe."
    with Pipeline(PipelineConfig(grammar=False, model=None)) as p:
        assert p.run(text).fixed == "They met the the tribe."
    with Pipeline(PipelineConfig(grammar=False, model=None, glossary=frozenset({"tlie"}))) as p:
        assert p.run(text).fixed == text


def test_document_knows_its_first_word():
    doc = Document("  \n the end. of it")
    assert [doc.starts_text(i) for i in (0, 4, 5, 8)] == [True, True, False, False]
    assert Document("").starts_text(0) and Document("   ").starts_text(3)


def test_the_consistency_detectors_family_of_a_word_is_cached():
    from repair.detect.consistency import compared_family
    from repair.lexicon import spelling_family

    assert compared_family("colour") == compared_family("color") == spelling_family("color")
    assert compared_family("Colour") is None and compared_family("col") is None and compared_family("e-mail") == "email"
    hits = compared_family.cache_info().hits
    assert compared_family("colour") == compared_family.__wrapped__("colour")
    assert compared_family.cache_info().hits == hits + 1
