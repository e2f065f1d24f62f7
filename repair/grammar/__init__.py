"""LanguageTool: the pinned server and the edits its matches become.

- :mod:`.install`: the pinned version (``pom.xml``), the jars in the cache, Java;
- :mod:`.process`: one JVM owned by this process, its HTTP probes and cleanup;
- :mod:`.daemon`: the persistent server (``repair languagetool start``) and its state file;
- :mod:`.manager`: which server a run uses;
- :mod:`.match`: a server match typed at the border (code points, not UTF-16 units);
- :mod:`.confidence`: each match's kind and confidence (tables and heuristics);
- :mod:`.context`: the speller's suggestions for a lowercase word chosen in their sentence;
- :mod:`.mapping`: matches -> edits, texts -> request-sized pieces;
- :mod:`.proposer`: the client, as a :class:`~repair.proposers.Proposer`.

Importing this package starts nothing and does not import ``language_tool_python``;
the client is imported when the first text is checked.
"""

from .install import pinned_version
from .manager import ServerManager
from .mapping import to_edits
from .match import LTMatch
from .proposer import LanguageToolProposer

__all__ = ["LTMatch", "LanguageToolProposer", "ServerManager", "pinned_version", "to_edits"]
