"""The fast paths of the detectors' hot loops give exactly what the plain definitions give."""

import pytest
import regex
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from repair.detect.ocr_channel import ConfusionModel
from repair.document import _PROTECTED_PATTERNS, Document, Span, protected_spans
from repair.edits import Edit
from repair.lexicon import zipf_table

ONE_ALTERNATION = regex.compile("|".join(f"(?:{p})" for p, _ in _PROTECTED_PATTERNS))
PIECES = ["see", "grumbletext.co.uk", "report.PDF", "www.x.com/a?b=1.", "http://a.b/c).", ".com", "a@b.co",
          "@user", "u / Forjoin", "r/news", "~/x/y.txt", "../a/b", "$1,200.50", "3rd", "12:30", "45%", "`code`",
          "Kasparov.Ru", "U.S.", "e.g.", "1.5bn", "2km", "x.io", "the", "and", ",", "2024", "Mr."]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=12), st.sampled_from([" ", "", "\n"]))
def test_protected_spans_are_those_of_one_alternation(pieces, sep):
    text = sep.join(pieces)
    assert protected_spans(text) == [Span(m.start(), m.end()) for m in ONE_ALTERNATION.finditer(text)]


def _touches(spans, start, end):
    return any(s.start < end and start < s.end for s in spans)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 50), st.integers(1, 8)), max_size=6), st.integers(0, 60), st.integers(0, 5))
def test_is_protected_finds_any_touching_span(raw, start, width):
    doc = Document("x" * 60)
    spans = tuple(sorted(Span(a, a + w) for a, w in raw))
    doc.__dict__["protected"] = spans  # overlapping spans too, as a glossary can add
    assert doc.is_protected(start, start + width) == _touches(spans, start, start + width)


def _two_edits_by_definition(model: ConfusionModel, lw: str, min_zipf: float) -> dict[str, float]:
    known = zipf_table()
    best: dict[str, float] = {}
    for cand, lp in model.edits(lw):
        if cand == lw:
            continue
        for cand2, lp2 in model.edits(cand):
            if cand2 != lw and known.get(cand2, 0.0) >= min_zipf and lp + lp2 > best.get(cand2, -99.0):
                best[cand2] = lp + lp2
    return best


@pytest.mark.parametrize("word", ["tlie", "tbeir", "fonnd", "arid", "qnestion", "wbicli", "govemment",
                                  "tiie", "liaving", "cornrnittee", "xqzvw", "modem"])
def test_two_edits_find_what_the_definition_finds(word):
    model = ConfusionModel.load()
    fast: dict[str, float] = {}
    model._two_edits(word, 2.0, fast)
    assert fast == _two_edits_by_definition(model, word, 2.0)
    assert fast or word in ("xqzvw", "modem")


# --- The bigram table as a dict: what the sorted rows say, searched by bisection. -------------

def _shipped_rows() -> list[str]:
    import gzip

    from repair.lm import DEFAULT_TABLE

    with gzip.open(DEFAULT_TABLE, "rt", encoding="utf-8") as f:
        return f.read().split("\n")[1:-1]


_ROWS = _shipped_rows()


def _row_value(key: str) -> float | None:
    from bisect import bisect_left

    probe = key + "\t"
    i = bisect_left(_ROWS, probe)
    return int(_ROWS[i][len(probe):]) / -1000.0 if i < len(_ROWS) and _ROWS[i].startswith(probe) else None


def _logprob_by_definition(lm, prev: str, word: str) -> float:
    from repair.lm import BOS, EOS, normalize

    w = normalize(word) if word != EOS else EOS
    p = normalize(prev) if prev != BOS else BOS
    hit = _row_value(f"{p} {w}")
    if hit is not None:
        return hit
    backoff = _row_value(p) or 0.0
    return backoff - 1.3 if w == EOS else backoff + lm.unigram(w)


_PAIRS = st.sampled_from(_ROWS[::997]).map(lambda row: row.split("\t")[0])
_LM_WORDS = st.one_of(st.sampled_from(["the", "The", "modern", "modem", "world", "it’s", "<s>", "</s>", "qzxv", ""]),
                      _PAIRS.map(lambda key: key.split(" ")[-1]), st.text(alphabet="abtheo' ", max_size=6))


@settings(max_examples=400, deadline=None)
@given(st.one_of(_PAIRS.map(lambda key: tuple((key.split(" ") + ["</s>"])[:2])), st.tuples(_LM_WORDS, _LM_WORDS)))
def test_logprob_reads_the_dict_as_the_rows_read(pair):
    from repair.lm import NgramModel

    lm = NgramModel.load()
    prev, word = pair
    assume(word != "" or prev != "")
    assert lm.logprob(prev, word) == _logprob_by_definition(lm, prev, word)
    assert lm.bigram(prev, word) == _row_value(f"{prev} {word}")


@settings(max_examples=300, deadline=None)
@given(_LM_WORDS, _LM_WORDS, _LM_WORDS)
def test_a_word_between_its_neighbours_scores_as_its_two_bigrams(prev, word, nxt):
    from repair.lm import NgramModel

    lm = NgramModel.load()
    assert lm.between(prev, word, nxt) == lm.logprob(prev, word) + lm.logprob(word, nxt)
    assert lm.chain(prev, [word], nxt) == pytest.approx(lm.between(prev, word, nxt))
    assert lm.chain(prev, [word, nxt], nxt) == pytest.approx(
        lm.logprob(prev, word) + lm.logprob(word, nxt) + lm.logprob(nxt, nxt))


# --- The OCR detector's per-word checks, cached, against its plain rule. -----------------------

def _eligible_by_definition(doc: Document, tok) -> bool:
    from repair.detect.ocr import MIN_LENGTH, REAL_WORD_ZIPF, SHORT_WORD_ZIPF, old_spelling
    from repair.lexicon import zipf

    word = tok.text
    if len(word) < MIN_LENGTH or not word.isalpha() or word in doc.glossary:
        return False
    if len(word) == 2 and zipf(word) >= SHORT_WORD_ZIPF:
        return False
    if sum(c.isupper() for c in word) > 1:
        return False
    if zipf(word) >= REAL_WORD_ZIPF and doc.count(word) > 1:
        return False
    if old_spelling(word):
        return False
    return not doc.is_protected(tok.start, tok.end)


OCR_WORDS = ["tlie", "Tlie", "the", "The", "of", "ot", "IOG", "McCall", "meane", "keepe", "modem", "arid", "and",
             "wiU", "foUowed", "x", "it's", "don’t", "thé", "ﬁne", "1850", "co-op", "Modem", "www.x.com", "tbe"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(OCR_WORDS), st.text(alphabet="tlhieamodrnUI'", min_size=1, max_size=7)),
                min_size=1, max_size=12),
       st.frozensets(st.sampled_from(OCR_WORDS), max_size=2))
def test_ocr_eligibility_is_the_plain_rule(words, glossary):
    from repair.detect.ocr import OcrConfusions

    doc = Document(" ".join(words), glossary=glossary)
    detector = OcrConfusions()
    for tok in doc.words:
        assert (detector._eligible(doc, tok) is not None) == _eligible_by_definition(doc, tok)


# --- The candidate search, pruned by the known words' beginnings, against every edit. ----------

def _candidates_by_definition(model: ConfusionModel, lw: str, min_zipf: float, deep: bool, generic: bool):
    from repair.detect.ocr_channel import (ACCENT, COMMONEST_ZIPF, GENERIC_SUBSTITUTE, GENERIC_ZIPF,
                                           SHORT_TWO_LENGTH, _generic_edits)
    from repair.lexicon import zipf

    known = zipf_table()
    best: dict[str, float] = {}
    for cand, lp in model.edits(lw):  # every string one edit away, none pruned
        if cand != lw and known.get(cand, 0.0) >= min_zipf and lp > best.get(cand, -99.0):
            best[cand] = lp
    if deep and len(lw) >= 4 and zipf(lw) < min_zipf:
        model._two_edits(lw, min_zipf, best)
    elif deep and len(lw) <= SHORT_TWO_LENGTH:  # a short string: the commonest words only
        model._two_edits(lw, COMMONEST_ZIPF, best)
        for i in range(len(lw)):
            for c in "abcdefghijklmnopqrstuvwxyz":
                cand = lw[:i] + c + lw[i + 1:]
                if cand != lw and known.get(cand, 0.0) >= COMMONEST_ZIPF and GENERIC_SUBSTITUTE > best.get(cand, -99.0):
                    best[cand] = GENERIC_SUBSTITUTE
    for cand, lp in _generic_edits(lw, deep, generic and zipf(lw) == 0):  # no prefixes: none pruned
        if cand != lw and lp > best.get(cand, -99.0) and known.get(cand, 0.0) >= (min_zipf if lp == ACCENT else GENERIC_ZIPF):
            best[cand] = lp
    return tuple(sorted(best.items(), key=lambda kv: -kv[1]))


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.sampled_from(["tlie", "tbeir", "fonnd", "arid", "qnestion", "wbicli", "govemment", "offide",
                                  "wahich", "thé", "modem", "the", "cornrnittee", "xqzvw", "a", ""]),
                 st.text(alphabet="tlhieamodrncbwqué", max_size=9)),
       st.booleans(), st.booleans(), st.sampled_from([2.0, 3.0]))
def test_candidates_are_those_of_every_edit(lw, deep, generic, min_zipf):
    model = ConfusionModel.load()
    fast = ConfusionModel._candidates.__wrapped__(model, lw, min_zipf, deep, generic)  # not the cache
    assert fast == _candidates_by_definition(model, lw, min_zipf, deep, generic)


# --- Rendering: one old line replaced, without the character diff. ------------------------------

_LINE = st.text(alphabet="ab \n", max_size=12).map(lambda s: s.replace("\n", "") + "\n")


@settings(max_examples=400, deadline=None)
@given(st.one_of(_LINE, _LINE.map(lambda s: s[:-1])), st.lists(st.one_of(_LINE, _LINE.map(lambda s: s[:-1])),
                                                                 min_size=1, max_size=4))
def test_one_replaced_line_renders_as_the_character_diff_renders_it(old, new):
    from repair.render.unified import _replace_lines, _replace_lines_matched, split_lines

    b = split_lines("".join(new))  # lines as the line diff hands them over
    assume(old and b and old not in b)  # a replaced block shares no line with the old one
    assert list(_replace_lines([old], b)) == list(_replace_lines_matched([old], b))


# --- Edit.to_dict, built field by field, against dataclasses.asdict. ---------------------------

@settings(max_examples=200, deadline=None)
@given(st.builds(lambda s, w, o, r, src, c, alts: Edit(s, s + w, o, r, "kind", src, c, "why", "rule", alts),
    st.integers(0, 99), st.integers(0, 5), st.text(max_size=4), st.text(max_size=4),
    st.lists(st.sampled_from(["detector:ocr", "languagetool", "model"]), min_size=1, max_size=3).map(tuple),
    st.floats(0, 1), st.lists(st.text(max_size=3), max_size=3).map(tuple)))
def test_edit_to_dict_is_asdict_with_one_source_label(edit):
    from dataclasses import asdict

    plain = {("source" if k == "sources" else k): ("+".join(v) if k == "sources" else list(v) if k == "alternatives" else v)
             for k, v in asdict(edit).items()}
    record = edit.to_dict()
    assert record == plain and list(record) == list(plain)


# --- The consistency and repeat detectors, cheap checks first, against their plain rules. -------

def _consistency_by_definition(doc: Document) -> list[tuple[int, int, str]]:
    from collections import defaultdict

    from repair.lexicon import spelling_family, zipf

    families: dict = defaultdict(lambda: defaultdict(list))
    for tok in doc.words:
        if len(tok.text) >= 4 and tok.text.replace("-", "").isalpha() and tok.text.islower():
            families[spelling_family(tok.text)][tok.text.lower()].append(tok)
    out = []
    for spellings in families.values():
        if len(spellings) >= 2 and all(zipf(s) >= 2.0 for s in spellings):
            others = sorted(spellings)
            for spelling, toks in spellings.items():
                alt = ", ".join(f"'{o}'" for o in others if o != spelling)
                out += [(t.start, t.end, f"'{t.text}' is also spelled {alt} in this document") for t in toks]
    return out


SPELLINGS = ["colour", "color", "Colour", "organise", "organize", "organising", "e-mail", "email", "judgement",
             "judgment", "theatre", "theater", "colr", "the", "in", "and", "four", "your", "manoeuvre", "maneuver"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(SPELLINGS), max_size=14))
def test_consistency_flags_what_its_plain_rule_flags(words):
    from repair.detect.consistency import Consistency

    doc = Document(" ".join(words))
    assert [(e.start, e.end, e.message) for e in Consistency().find(doc)] == _consistency_by_definition(doc)


def _repeats_by_definition(doc: Document) -> list[tuple[int, int]]:
    from repair.detect.repeat import ALLOWED, MAX_PHRASE

    words, text = doc.words, doc.text
    lowered = [w.text.lower() for w in words]
    out, i = [], 0
    while i < len(words):
        for size in range(1, MAX_PHRASE + 1):
            if i + 2 * size > len(words) or lowered[i:i + size] != lowered[i + size:i + 2 * size]:
                continue
            first, second = words[i], words[i + size]
            gaps = [text[words[k].end:words[k + 1].start] for k in range(i, i + 2 * size - 1)]
            if any(not g or not g.isspace() or "\n" in g for g in gaps):
                continue
            if i and text[words[i - 1].end:first.start] in ("-", "'", "’"):
                continue
            if lowered[i] in ALLOWED or size > 1 and lowered[i] in ("and", "or"):
                continue
            if second.text[0].isupper():
                continue
            out.append((words[i + size - 1].end, words[i + 2 * size - 1].end))
            i += 2 * size - 1
            break
        i += 1
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["the", "The", "in", "the", "and", "or", "had", "a", "b"]), max_size=16),
       st.sampled_from([" ", "  ", "-", "\n"]))
def test_repeats_are_those_of_the_plain_rule(words, sep):
    from repair.detect.repeat import RepeatedWords

    doc = Document(sep.join(words))
    assert [(e.start, e.end) for e in RepeatedWords().find(doc)] == _repeats_by_definition(doc)


# --- Spelling families: a fold is applied only where its pattern is found. ----------------------

@settings(max_examples=400, deadline=None)
@given(st.one_of(st.sampled_from(SPELLINGS + ["oeuvres", "favourites", "defence", "travelled", "foetus", "aesthetic",
                                              "catalogue", "centres", "acknowledgements", "four", "Colour"]),
                 st.text(alphabet="aeiouyrstlcgmnd-", max_size=12)))
def test_spelling_family_is_every_fold_applied(word):
    from repair.lexicon import _VARIANT_FOLDS, spelling_family

    key = word.lower()
    for pattern, repl in _VARIANT_FOLDS:
        key = pattern.sub(repl, key)
    assert spelling_family.__wrapped__(word) == key


# --- Introductory commas: markers tried only where a sentence opens. ----------------------------

INTRO_PIECES = ["For example", "for instance", "In addition", "in addition to", "Moreover", "On the other hand",
                "the", "we", "said", ".", "?", ":", "\n", "\"", "(", "“", "  ", "\t", "Furthermore,", "x", "3",
                "Firstly", "to sum up", "As far as I know", "is", "ſecondly"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(INTRO_PIECES), max_size=14), st.sampled_from([" ", "", "\n"]))
def test_markers_found_at_sentence_openings_are_those_of_the_whole_search(pieces, sep):
    from repair.detect.introductory import _MARKER_RE, marker_matches

    text = sep.join(pieces)
    doc = Document(text)

    def opening(m):
        return not (m.start() and text[m.start() - 1].isalnum()) and doc.starts_sentence(m.start())

    assert [m.span() for m in marker_matches(text) if opening(m)] == \
        [m.span() for m in _MARKER_RE.finditer(text) if opening(m)]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["commit", "tee", "inva", "sion", "mem", "bers", "well", "known", "peni", "tent",
                                 "-", "- ", "-\n", " ", "pre", "and", "post"]), max_size=12))
def test_broken_words_skip_only_hyphen_patterns_a_text_cannot_match(pieces):
    from repair.detect.broken import BrokenWords

    doc = Document("".join(pieces))
    detector = BrokenWords()
    plain = [*detector._hyphen_breaks(doc), *detector._inner_hyphens(doc), *detector._split_words(doc)]
    assert list(detector.find(doc)) == plain


# --- Rare words misread twice: candidates whose beginnings and endings are rare. --------------

_RARE_WORDS = sorted(w for w, z in zipf_table().items() if 2.0 <= z < 3.0 and w.isalpha() and 4 <= len(w) <= 9)[::40]


def _misread(model: ConfusionModel, word: str, picks: list[int]) -> str:
    """``word`` with a table row undone backwards (what was printed -> what OCR read) per pick."""
    for pick in picks:
        options = [(i, truth, ocr) for ocr, rows in model._by_ocr.items() for truth, _ in rows
                   for i in range(len(word)) if word.startswith(truth, i)]
        if options:
            i, truth, ocr = options[pick % len(options)]
            word = word[:i] + ocr + word[i + len(truth):]
    return word


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_RARE_WORDS), st.lists(st.integers(0, 10 ** 6), min_size=1, max_size=2), st.booleans())
def test_rare_words_misread_twice_find_their_candidates_as_every_edit_does(word, picks, generic):
    model = ConfusionModel.load()
    lw = _misread(model, word, picks)
    fast: dict[str, float] = {}
    model._two_edits(lw, 2.0, fast)
    assert fast == _two_edits_by_definition(model, lw, 2.0)
    assert ConfusionModel._candidates.__wrapped__(model, lw, 2.0, True, generic) == \
        _candidates_by_definition(model, lw, 2.0, True, generic)


UNREADABLE_WORDS = ["the", "The", "THE", "priiseer", "Priiseer", "pliCe", "s10p", "flo;ting", "iPod", "BoE",
                    "DaimlerChrysler", "meane", "sthine", "x", "Oetober", "a", "U.K.", "wa9", "it,-and", "and"]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(UNREADABLE_WORDS), st.text(alphabet="abcdefgijklmnoprstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=9))
def test_words_read_plainly_are_words_the_unreadable_rules_never_flag(word, other):
    from repair.detect.unreadable import Unreadable, _plainly_read, garbled_reason

    doc = Document(f"the man and the {word} of it")
    for w in (word, other):
        if _plainly_read(w):
            assert garbled_reason(w) is None and Unreadable._unknown(doc, w) is None
