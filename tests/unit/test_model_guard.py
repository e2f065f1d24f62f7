from repair.document import Document
from repair.model.align import align
from repair.model.guard import check_change, same_letters, sentence_budget_ok


def _reasons(original, rewritten, doc_text=None):
    doc = Document(doc_text or original)
    off = doc.text.index(original)
    return [check_change(c, original, doc, offset=off) for c in align(original, rewritten)]


def test_allows_artefact_repairs():
    assert _reasons("Alexander Lukashenkothe authoritarian leader.",
                    "Alexander Lukashenko the authoritarian leader.") == [None]
    assert _reasons("the inva- sion of Ukraine", "the invasion of Ukraine") == [None]
    assert _reasons("as the war stalls In the face of it", "as the war stalls in the face of it") == [None]
    assert _reasons("the Allies . And then", "the Allies. And then") == [None]
    assert _reasons("he went to the the market", "he went to the market") == [None]
    assert _reasons("it was usеd by Вelarus", "it was used by Belarus") == [None, None]
    assert _reasons("he has allowed Russia to use it", "he has allowed Russia to use it") == []
    assert _reasons("They go in the market", "They go to the market") == [None]
    assert _reasons("He have gone", "He has gone") == [None]


def test_refuses_numbers():
    # numbers are protected spans in a document, and refused by the guard on their own
    assert _reasons("about 6,000 Russians died", "about 600 Russians died") == ["touches a protected span"]
    for a, b in [("about 6,000 Russians died", "about 600 Russians died"), ("in 2020 he won", "in 2021 he won"),
                 ("it is 3.5 km", "it is 35 km")]:
        assert [check_change(c, a, None) for c in align(a, b)] == ["changes a number"]
    # letters misread as digits may be repaired
    assert [check_change(c, "I 1ike it", None) for c in align("I 1ike it", "I like it")] == [None]


def test_refuses_names():
    r = _reasons("officials said Lukashenko agreed", "officials said Lukashevich agreed")
    assert r and r[0].startswith("changes the name")
    # a repeated non-dictionary word is a name too, even lower-case
    text = "the grumbletext site. Later grumbletext was sold."
    assert _reasons("the grumbletext site.", "the grumble text site.", text)[0] is None  # letters kept
    assert _reasons("the grumbletext site.", "the grumbler site.", text)[0].startswith("changes the name")


def test_refuses_negation():
    assert _reasons("We will not interfere", "We will interfere") == ["changes a negation"]
    assert _reasons("I don't know", "I do know") == ["changes a negation"]
    assert _reasons("he never came", "he ever came")[0] == "changes a negation"


def test_refuses_dropped_content_words():
    r = _reasons("Swim to the bottom if you have paddles", "Swim to the bottom if you have oars")
    assert r[0].startswith("drops the word")


def test_budget():
    s = "the cat sat on the mat today"
    assert sentence_budget_ok(s, align(s, "the cat sat on a mat today"))
    assert not sentence_budget_ok(s, align(s, "a dog lay under a rug today"))


def test_same_letters():
    assert same_letters("Lukashenkothe", "Lukashenko the")
    assert same_letters("inva- sion", "invasion")
    assert same_letters("usе", "use")
    assert not same_letters("use", "used")


def test_protected_span():
    doc = Document("see www.example.com now")
    ch = align("see www.example.com now", "see www.exampel.com now")[0]
    assert check_change(ch, doc.text, doc) == "touches a protected span"


def test_refuses_british_american_spelling():
    # house style, not an artefact: the model must not move a text between spellings
    assert _reasons("the civilisation grew", "the civilization grew") == ["changes British to American spelling"]
    assert _reasons("prices were subsidised", "prices were subsidized") == ["changes British to American spelling"]
    assert _reasons("the colour of money", "the color of money") == ["changes British to American spelling"]
    # a real repair of a neighbouring word is still allowed
    assert _reasons("the civilisation grow", "the civilisation grows") == [None]


def test_a_misspelling_may_be_respelled_but_vocabulary_may_not_change():
    # a rare lowercase word to a far commoner one spelled almost alike: a repaired misspelling
    assert _reasons("I think yong people stay", "I think young people stay") == [None]
    assert _reasons("it is becouse of that", "it is because of that") == [None]
    # two ordinary words, or a name, are not respellings of each other
    assert _reasons("the tall house stood", "the tale house stood") == ["introduces the new word 'tale'"]
    assert _reasons("we met Yong there", "we met young there")[0].startswith("changes the name")
