"""Suite loaders on a tiny data folder laid out like ../shared/data, and their scoring."""

import pytest

from repair.errors import DataError
from repair.eval.seed import ARTEFACTS, SEED_PATH, check_artefacts, locate
from repair.eval.suites import SUITES, Item, Output, detokenize, edit_samples, get_suite, sample, tokenize


def test_every_suite_loads_its_default_split(data):
    for name, suite in SUITES.items():
        parts = suite.load(data)
        assert parts and all(p.items for p in parts), name


def test_parts_and_fields(data):
    (jf,) = SUITES["jfleg"].load(data)
    assert jf.items[1].text == "I don't like it."
    assert jf.items[1].tokens == "I do n't like it ."
    assert jf.items[0].references[0] == "He goes to school every day ."
    (ru,) = SUITES["mlqe-pe"].load(data)
    assert (ru.name, ru.items[1].text, ru.items[1].references) == ("ru-en", 'She said "yes".', ('She said "yes".',))
    (op,) = SUITES["overproof"].load(data)
    assert op.has_peer("overproof") and op.items[0].peer("overproof") == "The cat"
    (ic,) = SUITES["icdar2017"].load(data)
    assert len(ic.items) == 2 and ic.split == "all"
    (mono,) = SUITES["icdar2017"].load(data, "eng_monograph")
    assert len(mono.items) == 1


def test_absent_split_says_what_is_there(data):
    with pytest.raises(DataError, match=r"no split 'dev'.*sentences\.dev\.jsonl.*present there: sentences\.train\.jsonl"):
        SUITES["bln600"].load(data, "dev")
    with pytest.raises(DataError, match="folder is missing"):
        SUITES["jfleg"].load(data / "nowhere")
    with pytest.raises(DataError, match="unknown suite 'nope'"):
        get_suite("nope")


def test_news_reports_only_present_files(data):
    parts = SUITES["news"].load(data)
    assert [p.name for p in parts] == ["bbc"]  # ag-news absent: skipped under 'all'
    with pytest.raises(DataError, match="ag_news"):
        SUITES["news"].load(data, "ag")


def test_sample_is_fixed_and_keeps_order():
    items = [Item(str(i), f"t{i}") for i in range(100)]
    a, b = sample(items, 10), sample(items, 10)
    assert a == b and len(a) == 10
    assert [int(i.id) for i in a] == sorted(int(i.id) for i in a)
    assert sample(items, 0) == tuple(items) and sample(items, None) == tuple(items)


def test_limit_keeps_the_full_set_for_the_baseline(data):
    (bln,) = SUITES["bln600"].load(data, limit=1)
    assert len(bln.items) == 1 and bln.total == 2 and len(bln.full) == 2
    full = SUITES["bln600"].baseline_full(bln)
    assert full["cer"] == pytest.approx(100 * 1 / 12)


@pytest.mark.parametrize("tokens, text", [
    ("I do n't like it .", "I don't like it."),
    ("He said , \" Is this right ? \"", 'He said, "Is this right?"'),
    ("Mr. Smith ( the boss ) left ...", "Mr. Smith (the boss) left..."),
    ("It 's 5 % more !", "It's 5% more!"),
])
def test_jfleg_detokenize_and_tokenize_round_trip(tokens, text):
    assert detokenize(tokens) == text
    assert tokenize(text) == tokens


def test_jfleg_scoring_keeps_tokens_of_unchanged_sentences(data):
    (jf,) = SUITES["jfleg"].load(data)
    base = [Output(i.text) for i in jf.items]
    fixed = [Output("He goes to school every day."), Output(jf.items[1].text)]
    s = SUITES["jfleg"].score(jf, fixed, base)
    assert s["gleu"] == pytest.approx(100.0) and s["changed"] == 50.0 and s["worse"] == 0.0
    assert SUITES["jfleg"].score(jf, base, base)["gleu"] < 100


def test_mt_scoring_counts_worse_and_better(data):
    (ru,) = SUITES["mlqe-pe"].load(data)
    base = [Output(i.text) for i in ru.items]
    s = SUITES["mlqe-pe"].score(ru, [Output("He goes home."), Output('She said "no".')], base)
    assert (s["worse"], s["better"], s["changed"]) == (50.0, 50.0, 100.0)
    assert s["ter"] == pytest.approx(100 * 1 / 6)  # sacrebleu's TER splits on spaces only: '"no".' is one word


def test_ocr_scoring(data):
    (op,) = SUITES["overproof"].load(data)
    base = [Output(i.text) for i in op.items]
    s = SUITES["overproof"].score(op, [Output("The cat"), Output("")], base)
    assert (s["cer"], s["better"], s["worse"]) == (0.0, 50.0, 0.0)
    assert SUITES["overproof"].score(op, base, base)["cer"] == pytest.approx(100 / 7)


def test_news_counts_changes_and_flags(data):
    (bbc,) = SUITES["news"].load(data)
    outs = [Output("Shares rose on monday.", ((15, 21, "monday"), (0, 6, "Shares"))), Output("The end.")]
    s = SUITES["news"].score(bbc, outs, [Output(i.text) for i in bbc.items])
    assert (s["changes"], s["flags"], s["words"]) == (1, 1, 6)
    assert s["edits_per_kw"] == pytest.approx(1000 / 6)
    change, flag = edit_samples(bbc, outs, 5)
    assert change == "[bbc:0] …Shares rose on [Monday -> monday].…"
    assert flag == "[bbc:0] …[Shares (flag)] rose on Monday.…"


# --------------------------------------------------------------------------- seed article

def test_seed_anchors_occur_once():
    text = SEED_PATH.read_text(encoding="utf-8")
    for a in ARTEFACTS:
        for (s, e), (_, focus) in zip(locate(text, a), a.spans):
            assert text[s:e] == focus
        if a.good:
            assert a.bad in text, a.name
            assert not any(g in text for g in a.good), a.name


def test_seed_flagged_and_fixed():
    text = SEED_PATH.read_text(encoding="utf-8")
    at = text.index("Lukashenkothe")
    fixed = text.replace("Lukashenkothe", "Lukashenko, the").replace("stalls In the", "stalls on the")
    checks = {c.name: c for c in check_artefacts(text, fixed, [(at, at + 13), (at + 400, at + 400)])}
    assert checks["Lukashenkothe"].flagged and checks["Lukashenkothe"].fixed
    assert not checks["stalls In the face"].flagged and checks["stalls In the face"].fixed is False
    assert checks["manoeuvre / maneuver"].fixed is None
    unchanged = SUITES["seed"].score(SUITES["seed"].load(None)[0], [Output(text)], [Output(text)])
    assert (unchanged["flagged"], unchanged["fixed"], unchanged["other_edits"]) == (0, 0, 0)
    assert unchanged["artefacts"] == len(ARTEFACTS)


def test_other_splits_laid_out_the_same_way(data, jsonl):
    jsonl(data / "jfleg" / "test.jsonl", [{"src": "A b c . ", "refs": ["A b c ."] * 4}])
    (data / "mlqe-pe" / "et-en.test.tsv").write_text("src\tmt\tpe\nx\tA b.\tA c.\n", encoding="utf-8")
    jsonl(data / "overproof" / "loc_chronam_dataset3.lines.jsonl", [{"ocr": "x", "gt": "y", "overproof": "y"}])
    assert SUITES["jfleg"].load(data, "test")[0].items[0].text == "A b c."
    assert [(p.name, p.split) for p in SUITES["mlqe-pe"].load(data, "test")] == [("et-en", "test")]
    assert SUITES["overproof"].load(data, "loc_chronam_dataset3")[0].total == 1


def test_mqm_recall_precision_and_false_alarms(data):
    (part,) = SUITES["mqm"].load(data)
    assert [len(i.marks) for i in part.items] == [2, 0]  # the source-side span is left out
    first, clean = part.items
    one = first.text.index("one")
    outputs = [Output(first.text, ((one, one + 3, "one"), (0, 2, "He"))),  # a flag on a span, a flag off it
               Output(clean.text, ((3, 6, "was"),))]  # a flag on an unmarked segment
    sc = SUITES["mqm"].score(part, outputs, [Output(i.text) for i in part.items])
    assert sc["fluency"] == 100.0 and sc["accuracy_major"] == 0.0 and sc["all"] == 50.0
    assert sc["precision"] == pytest.approx(100 / 3)
    assert sc["unmarked_per_kw"] == pytest.approx(1000 / 12)
    assert sc["marks"] == 3 and sc["flags"] == 3
    none = SUITES["mqm"].score(part, [Output(i.text) for i in part.items], [Output(i.text) for i in part.items])
    assert none["all"] == 0.0 and none["marks"] == 0


def test_mqm_halves_split_by_source_segment(data):
    (tune,) = SUITES["mqm"].load(data, "tune")
    (held,) = SUITES["mqm"].load(data, "heldout")
    assert len(tune.items) + len(held.items) == 2
    with pytest.raises(DataError, match="no split 'dev'"):
        SUITES["mqm"].load(data, "dev")


def test_mlqe_word_f1_of_flags_and_the_all_bad_baseline(data):
    (ru,) = SUITES["mlqe-pe"].load(data)
    go = ru.items[0].text.index("go")
    flagged = [Output(ru.items[0].text, ((go, go + 2, "go"),)), Output(ru.items[1].text)]
    sc = SUITES["mlqe-pe"].score(ru, flagged, [Output(i.text) for i in ru.items])
    assert sc["bad_f1"] == 100.0
    assert sc["bad_f1_all"] == pytest.approx(2 * (1 / 6) * 1 / (1 / 6 + 1) * 100)  # 1 BAD word of 6


def test_news_counts_flagged_paragraphs(data):
    (bbc,) = SUITES["news"].load(data, "bbc")
    outs = [Output(bbc.items[0].text, ((0, 6, "Shares"),)), Output(bbc.items[1].text)]
    sc = SUITES["news"].score(bbc, outs, [Output(i.text) for i in bbc.items])
    assert sc["flagged"] == 50.0 and sc["flags"] == 1 and sc["changes"] == 0
