"""A missing comma after a sentence-opening discourse marker (``For example the ...``).

Only markers that always take a comma when they open a sentence: on JFLEG three or four
of the four references add it after every one of them. Short adverbs that published news
often leaves bare ("However the ...", "Overall sales ...", "As a result the ...") are left
to LanguageTool, which already weighs those as house style. Machine translation keeps these
commas (no match on any MLQE-PE dev sentence), so the detector serves writers' English.

It also proposes, less surely, the comma that closes an introductory clause or phrase
(``When you are successful you will ...``, ``In todays world there is ...``): before the
first subject pronoun that is followed by an auxiliary, as a main clause's subject is. A
noun then a pronoun is often a relative clause without "that" (``If we have a job we like,
we ...``), which the auxiliary test mostly tells apart. News and MT leave these commas out
and their editors keep them out (MLQE-PE dev: added by the post-editor 4 times of 22), so at
CLAUSE_CONFIDENCE only the learner profile keeps them.
"""

from __future__ import annotations

from itertools import islice
from typing import Iterator

import regex

from ..document import Document
from ..edits import Edit
from .base import Detector

MARKERS = (
    "for example", "for instance", "in my opinion", "in my view", "from my point of view",
    "in my point of view", "on the other hand", "on the one hand", "in this case", "in that case",
    "first of all", "firstly", "secondly", "thirdly", "lastly", "in other words", "to sum up",
    "to conclude", "in short", "in summary", "as far as I am concerned", "as far as I know",
    "in addition", "moreover", "furthermore",
)
# The marker, then a word that is not a complement of it ("In addition to the costs",
# "In this case that ...", "For example is ..."): longest markers first.
_MARKER_RE = regex.compile(
    r"(?P<marker>" + "|".join(regex.escape(m) for m in sorted(MARKERS, key=len, reverse=True)) + r")"
    r"(?=[ \t]+(?!(?:to|of|that|is|was|are|were)\b)\p{L})",
    regex.IGNORECASE,
)
CONFIDENCE = 0.55
# Where a sentence may open, as ``Document.starts_sentence`` says: the start of the text or
# . ! ? : or a line break, then spaces, quotes and brackets.
_OPENING_RE = regex.compile(r"(?:^|(?<=[.!?:\n]))[ \t\"'“‘(\[]*")

# A sentence-opening subordinator or preposition (after an optional "And"/"But"/"So"), whose
# clause or phrase runs without punctuation up to a subject pronoun and an auxiliary.
_OPENER_RE = regex.compile(
    r"(?:(?:and|but|so|also|then)[ \t]+)?"
    r"(?:even though|even if|even after|as soon as|as long as|in spite of|according to|if|when|"
    r"whenever|although|though|because|since|while|once|unless|after|before|until|in|on|at|"
    r"without|with|for|as|during|by|from|despite|among|under|through|throughout)\b",
    regex.IGNORECASE,
)
_WORD_RE = regex.compile(r"[\p{L}\p{N}'’-]+|[^\s\p{L}\p{N}]")
_SUBJECTS = frozenset("I i he she we they you it there".split())
# A main clause's subject is followed by an auxiliary (or an adverb before its verb); a
# pronoun after these words is an object or opens a complement clause ("I think they are").
_AUXILIARIES = frozenset("""will would can could should must may might shall have has had are
is am was were do does did need cannot can't won't don't doesn't didn't also still always
never really usually often just""".split())
_NOT_BEFORE = frozenset("""that and or but than as if when because so which who whom where
what how why whether since until while before after once unless though although to of for
with about like think believe know feel guess hope say said thought mean suppose realize
realise find found let make made help tell told give gave ask asked""".split()) | _AUXILIARIES
CLAUSE_WORDS = 14  # the farthest the subject may be from the opener, in words
CLAUSE_CONFIDENCE = 0.4


class IntroductoryComma(Detector):
    name = "introductory"
    kind = "punctuation"

    def find(self, doc: Document) -> Iterator[Edit]:
        yield from self._after_markers(doc)
        yield from self._after_clauses(doc)

    def _after_markers(self, doc: Document) -> Iterator[Edit]:
        text = doc.text
        for m in marker_matches(text):
            start = m.start()
            if (start and text[start - 1].isalnum()) or not doc.starts_sentence(start):
                continue
            if doc.follows_ellipsis(start):
                continue  # "aren't doing... for example setting": a pause, not a sentence end
            # The edit spans the marker's last word, as LanguageTool's own comma rules do, so
            # the two agree when both see it.
            end = m.end("marker")
            last = text.rfind(" ", start, end) + 1 or start
            word = text[last:end]
            yield self.edit(doc, last, end, word + ",", CONFIDENCE,
                            f"a comma usually follows \u201c{m.group('marker')}\u201d at the start of a sentence")

    def _after_clauses(self, doc: Document) -> Iterator[Edit]:
        text = doc.text
        for sentence in doc.sentences:
            start = sentence.start
            opener = _OPENER_RE.match(text, start, sentence.end)
            if (opener is None or _MARKER_RE.match(text, start, sentence.end)
                    or not doc.starts_sentence(start) or doc.follows_ellipsis(start)):
                continue
            words = list(islice(_WORD_RE.finditer(text, opener.end(), sentence.end), CLAUSE_WORDS + 1))
            for before, word, after in zip(words, words[1:], words[2:]):
                if not before.group()[0].isalnum():
                    break  # the clause already ends in punctuation
                subject, _, contraction = word.group().replace("’", "'").partition("'")
                following = after.group().lower().replace("’", "'")
                if (subject in _SUBJECTS and before.group().lower() not in _NOT_BEFORE
                        and before.group() not in _SUBJECTS
                        and (contraction or following in _AUXILIARIES or following[0] == "'")):
                    yield self.edit(doc, before.start(), before.end(), before.group() + ",",
                                    CLAUSE_CONFIDENCE,
                                    "a comma usually closes an introductory clause or phrase")
                    break


def marker_matches(text: str) -> Iterator[regex.Match]:
    """The matches of ``_MARKER_RE`` that open a sentence, tried only where a sentence
    opens: the marker search over every position cost more than the rest of the detector.
    Every one ``_MARKER_RE.finditer`` finds there: a match holds only letters and spaces, so
    none of its inner positions opens a sentence and hides another (tests/property)."""
    for opening in _OPENING_RE.finditer(text):
        m = _MARKER_RE.match(text, opening.end())
        if m is not None:
            yield m
