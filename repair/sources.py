"""Who proposed an edit: the names every stage uses for the proposers.

An edit names its proposers in ``Edit.sources``: ``"languagetool"``, ``"model"``, or
``"detector:<name>"`` for one detector. The part before ``:`` is the proposer's family.
These names, and the few facts about them several layers need (which LanguageTool rules are
its speller), live here so no layer imports another's internals to learn them.
"""

from __future__ import annotations

import re

from .edits import Edit

DETECTOR = "detector"
LANGUAGETOOL = "languagetool"
MODEL = "model"
MTQE = "mtqe"  # the MT flagger (repair.mtqe)
TAGGER = "tagger"  # the function-word tagger (repair.tagger)


def family(source: str) -> str:
    """``"detector:glued"`` -> ``"detector"``; ``"languagetool"`` -> itself."""
    return source.partition(":")[0]


def detector_source(name: str) -> str:
    return f"{DETECTOR}:{name}"


def is_speller_rule(rule: str) -> bool:
    """A LanguageTool dictionary look-up (the speller), as opposed to a pattern rule filed under typos."""
    return rule.startswith(("MORFOLOGIK_RULE", "HUNSPELL_RULE")) or rule.endswith("SPELLER_RULE")


# LanguageTool's number and agreement rules ("they was", "this books", "there is two days"):
# they pick one side of a clash, and in machine translation the other side is as often the slip.
_AGREEMENT_RULE_RE = re.compile(r"AGREEMENT|(?:^|_)AGR(?:_|$)|(?:^|_)NNS(?:_|$)|(?:^|_)(?:THERE|WAS|RE|S)_MANY$"
                                r"|PLURAL|SINGULAR")


def is_agreement_rule(rule: str) -> bool:
    """A LanguageTool rule about number or agreement (``HE_VERB_AGR``, ``THIS_NNS``, ``THERE_S_MANY``)."""
    return bool(_AGREEMENT_RULE_RE.search(rule))


def is_speller_change(e: Edit) -> bool:
    """A change LanguageTool's speller alone proposed (not a flag, not agreed by another source)."""
    return e.sources == (LANGUAGETOOL,) and is_speller_rule(e.rule) and not e.is_flag
