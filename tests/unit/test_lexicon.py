import pytest

from repair.lexicon import is_spelling_variant, spelling_family


@pytest.mark.parametrize("british, american", [
    ("colour", "color"), ("behaviour", "behavior"), ("civilisation", "civilization"),
    ("subsidised", "subsidized"), ("analyse", "analyze"), ("organisers", "organizers"),
    ("centre", "center"), ("catalogue", "catalog"), ("defence", "defense"),
    ("travelled", "traveled"), ("judgement", "judgment"), ("manoeuvre", "maneuver"),
    ("foetus", "fetus"), ("anaemia", "anemia"), ("e-mail", "email"),
])
def test_variants_share_a_family(british, american):
    assert spelling_family(british) == spelling_family(american)
    assert is_spelling_variant(british, american)
    assert is_spelling_variant(british.capitalize(), american.capitalize())


@pytest.mark.parametrize("a, b", [
    ("filled", "filed"), ("filling", "filing"), ("does", "des"), ("shoes", "shes"),
    ("licence", "license"), ("four", "for"), ("poor", "pour"), ("rise", "raze"),
])
def test_different_words_stay_apart(a, b):
    assert not is_spelling_variant(a, b)


def test_word_for_word():
    assert is_spelling_variant("the colour red", "the color red")
    assert not is_spelling_variant("colour", "colour")  # no change is no variant
    assert not is_spelling_variant("the colour", "color")
