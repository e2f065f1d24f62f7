"""LanguageTool's spelling suggestions reordered by the bigram model (repair.grammar.context)."""

from repair.document import Document
from repair.grammar.context import in_context
from repair.grammar.mapping import to_edits
from repair.grammar.match import LTMatch
from repair.lm import NgramModel

SPELLER = "MORFOLOGIK_RULE_EN_US"


def speller(text, word, replacements, rule=SPELLER, category="TYPOS"):
    start = text.index(word)
    return LTMatch(start, start + len(word), rule, category, "misspelling", "Possible spelling mistake found.",
                   tuple(replacements))


def chosen(text, word, replacements, **kw):
    (m,) = in_context(Document(text), [speller(text, word, replacements, **kw)], NgramModel.load())
    return m.replacements


def test_the_suggestion_its_neighbours_make_likeliest_goes_first():
    # LanguageTool's order for "wiht" ranks a rarer word first; "with the" is what was meant.
    assert chosen("He came wiht the car.", "wiht", ["witt", "with", "wight"])[0] == "with"
    assert chosen("I think ther is a problem.", "ther", ["the", "there", "her"])[0] == "there"


def test_every_suggestion_is_kept_in_order_behind_the_chosen_one():
    assert chosen("He came wiht the car.", "wiht", ["witt", "with", "wight"]) == ("with", "witt", "wight")


def test_a_split_is_scored_word_by_word():
    assert chosen("I have alot of friends.", "alot", ["allot", "a lot", "slot"])[0] == "a lot"


def test_context_that_agrees_with_languagetool_changes_nothing():
    assert chosen("I went to the libary today.", "libary", ["library", "liberty"]) == ("library", "liberty")


def test_names_other_shapes_and_other_rules_are_left_alone():
    # a capitalised word (a name, or a sentence's first word) is not judged by context
    assert chosen("Then Wiht the car came.", "Wiht", ["Witt", "With"]) == ("Witt", "With")
    # a first suggestion of another shape: LanguageTool knows the word only capitalised
    assert chosen("She is british and tall.", "british", ["British", "brutish"]) == ("British", "brutish")
    # not the speller: a grammar rule's suggestions are its own
    assert chosen("He came wiht the car.", "wiht", ["witt", "with"], rule="SOME_RULE", category="GRAMMAR") == \
        ("witt", "with")


def test_the_edit_is_judged_on_the_chosen_word():
    text = "He came wiht the car."
    doc = Document(text)
    (edit,) = to_edits(doc, in_context(doc, [speller(text, "wiht", ["witt", "with", "wight"])], NgramModel.load()))
    assert (edit.original, edit.replacement) == ("wiht", "with")
    assert edit.alternatives == ("witt", "wight")


def fused(text, span):
    start = text.index(span)
    return LTMatch(start, start + len(span), "REPAIR_FUSED_CLAUSES", "REPAIR_MT", "grammar",
                   "Two verbs with no link between them", ())


def test_clauses_run_together_are_flagged_unless_the_verb_takes_a_clause():
    kept = in_context(Document("Russia needs reinforcement is clear."),
                      [fused("Russia needs reinforcement is clear.", "needs reinforcement is")], NgramModel.load())
    assert [m.rule for m in kept] == ["REPAIR_FUSED_CLAUSES"]
    for text, span in [("He says education is important.", "says education is"),
                       ("Critics fear inflation is rising.", "fear inflation is")]:
        assert in_context(Document(text), [fused(text, span)], NgramModel.load()) == []
    (edit,) = to_edits(Document("Russia needs reinforcement is clear."), kept)
    assert edit.is_flag and edit.kind == "mt-suspect" and edit.confidence == 0.6
