"""LanguageTool: the pinned server (pom.xml), its lifecycle (server.py), matches -> edits.

Importing this package starts nothing and does not import ``language_tool_python``;
the client is imported when the first text is checked.
"""

from .languagetool import LanguageToolProposer, LTMatch, to_edits
from .server import ServerManager, pinned_version

__all__ = ["LTMatch", "LanguageToolProposer", "ServerManager", "pinned_version", "to_edits"]
