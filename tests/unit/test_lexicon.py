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


def test_known_beginnings_and_endings_are_those_of_the_common_words_and_built_once():
    from repair.lexicon import known_prefixes, known_suffixes, zipf_table

    prefixes, suffixes = known_prefixes(3.0), known_suffixes(3.0)
    assert {"", "th", "the", "modern"} <= prefixes and {"", "rn", "dern", "modern"} <= suffixes
    assert "qzx" not in prefixes and "qzx" not in suffixes
    common = [w for w, z in zipf_table().items() if z >= 3.0]
    assert all(w[:2] in prefixes and w[-2:] in suffixes for w in common)
    assert known_suffixes(3.0) is suffixes and known_prefixes(3.0) is prefixes  # cached: built once
