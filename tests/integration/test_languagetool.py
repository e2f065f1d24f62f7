"""LanguageTool's findings through the real server: the proposer, the pipeline and the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from repair.cli import main
from repair.document import Document
from repair.edits import check_offsets
from repair.grammar import LanguageToolProposer
from repair.pipeline import Pipeline, PipelineConfig

pytestmark = pytest.mark.integration

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_f15f1aa9a78ce15d.txt"


@pytest.fixture(scope="module")
def proposer(languagetool_url):
    p = LanguageToolProposer(url=languagetool_url)
    yield p
    p.close()


def edits(p, text, glossary=()):
    doc = Document(text, glossary=frozenset(glossary))
    found = p.propose(doc)
    check_offsets(text, found)
    return [(e.original, e.replacement, e.kind, e.rule) for e in found]


@pytest.mark.parametrize("text, expected", [
    ("He go to school every day.", ("go", "goes", "grammar", "HE_VERB_AGR")),  # agreement
    ("She have a car.", ("have", "has", "grammar", "HE_VERB_AGR")),
    ("There is a apple on the table.", ("a", "an", "grammar", "EN_A_VS_AN")),  # articles
    ("Their is a problem with the plan.", ("Their", "There", "confused-words", "THEIR_IS")),
    ("I will loose the game if I lose focus.", ("loose", "lose", "confused-words", "LOOSE_LOSE")),
    ("The the report was late.", ("The the", "The", "repeat", "ENGLISH_WORD_REPEAT_RULE")),
    ("We recieved the letter yesterday.", ("recieved", "received", "spelling", "MORFOLOGIK_RULE_EN_US")),
    ("He could of done it.", ("could of", "could have", "spelling", "MODAL_OF")),
    ("Alot of people came.", ("Alot", "A lot", "glued-word", "MORFOLOGIK_RULE_EN_US")),
])
def test_languagetool_findings(proposer, text, expected):
    assert edits(proposer, text) == [expected]


def test_repairs_own_rule_flags_clauses_run_together(proposer):
    text = "But as the war enters its fourth week, Russia needs reinforcement is becoming increasingly clear."
    assert edits(proposer, text) == [("needs reinforcement is", "needs reinforcement is", "mt-suspect",
                                      "REPAIR_FUSED_CLAUSES")]
    # a verb that takes a clause without "that" is left alone (judged by the bigram model)
    assert edits(proposer, "He says education is important. Critics fear inflation is rising.") == []


def test_repairs_own_rules_flag_word_order_and_quoted_modifiers(proposer):
    text = "It aggregates the all world\u2019s media. This would be a \u201chigh risk\u201d strategy."
    assert edits(proposer, text) == [
        ("the all", "the all", "mt-suspect", "REPAIR_PREDETERMINER_ORDER"),
        ("high risk", "high risk", "mt-suspect", "REPAIR_QUOTED_COMPOUND"),
    ]
    # flags, never applied; the rule's suggestion is offered for review
    found = proposer.propose(Document(text))
    assert [e.is_flag for e in found] == [True, True]
    assert [e.alternatives for e in found] == [("all the",), ("high-risk",)]
    # a noun use of "all", a name, "both of", a quoted phrase not before a noun (nor before
    # a word that can be a preposition), and a quoted adverb + adjective are left alone
    clean = ("He gave his all to the team. The All Blacks won. We met the both of them. "
             "He called it a \u201cwar crime\u201d and left. It was a \u201cvery good\u201d idea. "
             "There was a \u201cpeculiar cloud\u201d over the area.")
    assert edits(proposer, clean) == []


def test_version_is_the_pinned_one(proposer):
    assert proposer.identity == "6.8"


def test_astral_characters_keep_offsets_in_code_points(proposer):
    text = "He go 😀 to school. There is a apple 😀😀 in the the tree."
    assert edits(proposer, text) == [
        ("go", "goes", "grammar", "HE_VERB_AGR"),
        ("a", "an", "grammar", "EN_A_VS_AN"),
        ("the the", "the", "repeat", "ENGLISH_WORD_REPEAT_RULE"),
    ]


def test_names_from_the_document_and_the_glossary_are_not_corrected(proposer):
    text = "Heisbourg met Baranowski in Warsaw. Later Heisbourg left."
    assert [e[0] for e in edits(proposer, text)] == ["Baranowski"]
    assert edits(proposer, text, glossary={"Baranowski"}) == []


def test_disabled_rules_and_categories(languagetool_url):
    text = "There is a apple. We recieved it."
    p = LanguageToolProposer(url=languagetool_url, disabled_rules=("EN_A_VS_AN",))
    assert [e[3] for e in edits(p, text)] == ["MORFOLOGIK_RULE_EN_US"]
    p = LanguageToolProposer(url=languagetool_url, disabled_categories=("TYPOS",))
    assert [e[3] for e in edits(p, text)] == ["EN_A_VS_AN"]


def test_chunked_long_text_finds_the_same(languagetool_url, proposer):
    text = "\n\n".join(["He go to school. There is a apple 😀 here.", "Their is a problem. The the end."] * 6)
    whole = edits(proposer, text)
    chunked = LanguageToolProposer(url=languagetool_url, max_chunk=120)
    assert len(whole) == 24
    assert edits(chunked, text) == whole


# --- merged with the detectors, through the pipeline ------------------------------------------

@pytest.fixture(scope="module")
def seed_result(languagetool_url):
    with Pipeline(PipelineConfig(languagetool_url=languagetool_url, model=None)) as p:
        return p.run(SEED.read_text(encoding="utf-8"))


@pytest.mark.parametrize("text, expected", [
    ("However I think the plan works.", "However, I think the plan works."),
    ("For example we can see two parks.", "For example, we can see two parks."),
    # an added comma that is house style stays a suggestion below the threshold
    ("The plan works and the city has two parks and a lake.", "The plan works and the city has two parks and a lake."),
])
def test_pipeline_adds_the_commas_style_guides_agree_on(languagetool_url, text, expected):
    with Pipeline(PipelineConfig(languagetool_url=languagetool_url, model=None)) as p:
        assert p.run(text).fixed == expected


def test_learner_profile_keeps_languagetool_weak_edits(languagetool_url):
    text = "The plan works and the city has two parks and a lake."
    with Pipeline(PipelineConfig(languagetool_url=languagetool_url, model=None, profile="learner")) as p:
        result = p.run(text)
    assert result.fixed == "The plan works, and the city has two parks and a lake."
    [comma] = result.changes
    assert comma.source == "languagetool" and comma.confidence < 0.5
    assert str(result.signature).endswith("|profile:learner")


def test_pipeline_signature_names_languagetool(seed_result):
    assert "|languagetool:6.8|" in str(seed_result.signature)


def test_one_decision_per_span(seed_result):
    changes = seed_result.changes
    assert not [(a, b) for i, a in enumerate(changes) for b in changes[i + 1:] if a.conflicts(b)]
    assert len({(e.start, e.end) for e in seed_result.edits}) == len(seed_result.edits)


def test_agreeing_proposals_are_merged_not_duplicated(seed_result):
    [glued] = [e for e in seed_result.edits if e.original == "Lukashenkothe"]
    assert "languagetool" in glued.source.split("+") and glued.replacement == "Lukashenko the"


def test_overlapping_proposals_are_resolved_by_the_ranker(seed_result):
    allies = SEED.read_text(encoding="utf-8").index("Allies .") + len("Allies")
    near = [e for e in seed_result.changes if e.start <= allies + 2 and e.end >= allies]
    assert len(near) == 1  # the detector's ' ' -> '' or LanguageTool's ' .' -> '.', not both
    assert "Allies.\n" in seed_result.fixed


def test_names_survive_languagetool(seed_result):
    for name in ("Lukashenko", "Danilov", "Heisbourg", "Cancian", "Baranowski", "Glod", "Guchek", "Belta"):
        assert seed_result.fixed.count(name) == seed_result.text.count(name), name


# --- check, fix and diff show LanguageTool's findings with their source --------------------------

SAMPLE = "She have a apple.\nHe came from the Allies .\n"


@pytest.fixture
def sample(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    return path


def cli(capsys, languagetool_url, *argv):
    code = main([*argv, "--no-model", "--languagetool", languagetool_url])
    out, err = capsys.readouterr()
    return code, out, err


def test_check_lists_languagetool_edits(capsys, languagetool_url, sample):
    code, out, _ = cli(capsys, languagetool_url, "check", str(sample))
    assert code == 1
    assert out.splitlines() == [
        f"{sample}:1:5: grammar [languagetool 0.70] 'have' -> 'has' (or 'had'): "
        "The pronoun ‘She’ is usually used with a third-person or a past tense verb.",
        f"{sample}:1:10: grammar [languagetool 0.85] 'a' -> 'an': "
        "Use “an” instead of ‘a’ if the following word starts with a vowel sound, e.g. ‘an article’, ‘an hour’.",
        f"{sample}:2:24: spacing [detector:spacing 0.90] ' ' -> '': no space belongs before '.'",
    ]


def test_fix_applies_languagetool_edits(capsys, languagetool_url, sample):
    code, out, _ = cli(capsys, languagetool_url, "fix", str(sample))
    assert (code, out) == (1, "She has an apple.\nHe came from the Allies.\n")


def test_diff_shows_languagetool_edits(capsys, languagetool_url, sample):
    code, out, _ = cli(capsys, languagetool_url, "diff", str(sample))
    assert code == 1
    assert "-She have a apple." in out and "+She has an apple." in out


def test_no_grammar_needs_no_java(capsys, sample, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("REPAIR_CACHE", str(tmp_path))
    monkeypatch.delenv("JAVA_HOME", raising=False)
    code = main(["check", "--no-grammar", "--no-model", str(sample)])
    out, _ = capsys.readouterr()
    assert code == 1 and "languagetool" not in out


def test_missing_java_is_one_line_and_exit_2(capsys, sample, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("REPAIR_CACHE", str(tmp_path))
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.delenv("REPAIR_LANGUAGETOOL_URL", raising=False)
    code = main(["check", "--no-model", str(sample)])
    _, err = capsys.readouterr()
    assert code == 2 and err.startswith("repair: error: Java not found") and err.count("\n") == 1


def test_the_server_finds_misspelt_words_and_repair_respells_them(languagetool_url, proposer):
    import json
    import urllib.parse
    import urllib.request

    from repair.grammar.speller import LIMIT_MARKER

    data = urllib.parse.urlencode({"text": "We recieved it.", "language": "en-US"}).encode()
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    raw = json.load(opener.open(languagetool_url + "/v2/check", data=data, timeout=60))["matches"]
    # the server skipped its own suggestion search (most of its time) ...
    assert [[r["value"] for r in m["replacements"]] for m in raw] == [[LIMIT_MARKER]]
    # ... and the proposer searched the same dictionary
    [m] = proposer.check("We recieved it.")
    assert m.replacements[0] == "received" and LIMIT_MARKER not in m.replacements


def test_a_far_misspelling_is_flagged_offering_the_word(languagetool_url, proposer):
    text = "He said it was errounuosly reported."
    [e] = [e for e in proposer.propose(Document(text)) if e.original == "errounuosly"]
    assert e.is_flag and e.kind == "far-typo" and e.alternatives[0] == "erroneously"
    # in the pipeline, one flag with the garbled-word detector's, offering the word
    with Pipeline(PipelineConfig(languagetool_url=languagetool_url, model=None)) as p:
        [flag] = p.run(text).edits
    assert flag.is_flag and flag.alternatives == ("erroneously",) and "languagetool" in flag.sources


def test_the_dictionary_is_printed_once_into_the_cache(isolated_cache):
    from repair.grammar.install import find_jars, find_java
    from repair.grammar.speller import ensure_vocabulary, vocabulary, vocabulary_path

    jars = find_jars()
    path = ensure_vocabulary(find_java(), jars)
    assert path == vocabulary_path(jars) and path.is_relative_to(isolated_cache)
    words = vocabulary(path)
    assert len(words) > 150_000 and words.forms["lukashenko"] == ("Lukashenko",)
    assert "don't" in words.forms and not list(path.parent.glob("*.tmp"))
    # a cache it cannot write to (its folder taken by a file, which stops root as well):
    # no dictionary, and the server keeps LanguageTool's own search
    path.unlink()
    path.parent.rmdir()
    path.parent.write_text("not a folder")
    assert ensure_vocabulary(find_java(), jars) is None
