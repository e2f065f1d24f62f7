"""The LanguageTool proposer: the client that sends texts to the server and maps its matches.

Which server it talks to is :class:`~repair.grammar.manager.ServerManager`'s business; the
client (``language_tool_python``) is imported when the first text is checked.
"""

from __future__ import annotations

import logging
from typing import Any, Callable, Sequence

from ..document import Document
from ..edits import Edit
from ..errors import GrammarError
from ..lm import NgramModel
from ..proposers import Proposer
from .context import in_context
from .install import find_jars, find_java
from .manager import ServerManager
from .mapping import MAX_CHUNK, SOURCE, chunks, to_edits
from .match import CLIENT_LOCK, LTMatch
from .process import DEFAULT_HEAP, DEFAULT_STARTUP_TIMEOUT, is_loopback
from .speller import Vocabulary, came_without_suggestions, ensure_vocabulary, fill, vocabulary

log = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "en-US"
DEFAULT_TIMEOUT = 30.0


class LanguageToolProposer(Proposer):
    """Grammar, spelling and confused-word edits from a LanguageTool server.

    The server is found or started by :class:`~repair.grammar.manager.ServerManager`: the
    given ``url`` (or ``REPAIR_LANGUAGETOOL_URL``), else the persistent local server, else
    a JVM of its own started on first use and stopped by :meth:`close` or at exit.
    """

    name = "languagetool"
    source = SOURCE

    def __init__(
        self,
        url: str | None = None,
        disabled_rules: Sequence[str] = (),
        disabled_categories: Sequence[str] = (),
        *,
        language: str = DEFAULT_LANGUAGE,
        timeout: float = DEFAULT_TIMEOUT,
        max_chunk: int = MAX_CHUNK,
        heap: str = DEFAULT_HEAP,
        startup_timeout: float = DEFAULT_STARTUP_TIMEOUT,
        server: ServerManager | None = None,
        client_factory: Callable[[str], Any] | None = None,
    ):
        self.disabled_rules = tuple(disabled_rules)
        self.disabled_categories = tuple(disabled_categories)
        self.language = language
        self.timeout = timeout
        self.max_chunk = max_chunk
        self.server = server or ServerManager(url, heap=heap, startup_timeout=startup_timeout,
                                              check_timeout=timeout)
        # base URL -> an object with ``check(text)`` returning ``language_tool_python`` matches;
        # by default the ``language_tool_python`` client (tests pass a fake)
        self.client_factory = client_factory or self._connect
        self._client: Any = None
        self._client_url: str | None = None
        self._words: Vocabulary | None | bool = False  # False: not looked for yet

    @property
    def identity(self) -> str:
        """The LanguageTool version, for the result's signature."""
        return self.server.version

    def propose(self, doc: Document, prior: Sequence[Edit] = ()) -> list[Edit]:
        return to_edits(doc, in_context(doc, self.check(doc.text), NgramModel.load()))

    def check(self, text: str) -> list[LTMatch]:
        """Every match in ``text``, its offsets in code points into ``text``."""
        out: list[LTMatch] = []
        if not text.strip():
            return out
        for offset, piece in chunks(text, self.max_chunk):
            if not piece.strip():
                continue
            found = [m for raw in self._check_piece(piece) if (m := LTMatch.from_client(raw, piece)) is not None]
            if any(came_without_suggestions(m) for m in found):
                found = fill(found, piece, self._speller_words())
            out.extend(m.shifted(offset) for m in found)
        return out

    def _speller_words(self) -> Vocabulary | None:
        """The dictionary repair searches for respellings, read once; None when it cannot be
        printed here (the server's speller matches then come without suggestions)."""
        if self._words is False:
            self._words = None
            try:
                jars = self.server.jars or find_jars()
                path = ensure_vocabulary(self.server.java or find_java(), jars)
            except GrammarError as exc:
                log.warning("no respellings for LanguageTool's speller matches: %s", exc)
                path = None
            if path is not None:
                self._words = vocabulary(path)
        return self._words or None

    def _check_piece(self, text: str) -> list:
        from language_tool_python.exceptions import LanguageToolError

        for attempt in (0, 1):
            try:
                client = self._get_client()
                with CLIENT_LOCK:
                    return client.check(text)
            except (LanguageToolError, OSError) as exc:
                if attempt == 0 and self.server.is_down() and self.server.restart():
                    self._client = None
                    continue
                raise self._failure(exc) from exc
        raise AssertionError("unreachable")

    def _failure(self, exc: BaseException) -> GrammarError:
        url = self._client_url or self.server.explicit_url or "LanguageTool"
        if any("timed out" in str(e).lower() or "timeout" in type(e).__name__.lower() for e in _chain(exc)):
            return GrammarError(f"LanguageTool at {url!r} did not answer within {self.timeout:g} s")
        local = self.server.local
        died = f" (the server died: {local.exit_note()})" if local is not None and not local.alive() else ""
        return GrammarError(f"LanguageTool at {url!r} failed: {_one_line(exc)}{died}")

    def _get_client(self) -> Any:
        url = self.server.url()
        if self._client is not None and self._client_url == url:
            return self._client
        self._client_url = url
        client = self.client_factory(url)
        client.disabled_rules = set(self.disabled_rules)
        client.disabled_categories = set(self.disabled_categories)
        self._client = client
        return client

    def _connect(self, url: str) -> Any:
        from language_tool_python import LanguageTool
        from language_tool_python.exceptions import LanguageToolError

        client_class = type("_RepairLanguageTool", (LanguageTool,), {"_TIMEOUT": self.timeout})
        proxies = {"http": None, "https": None} if is_loopback(url) else None  # type: ignore[dict-item]
        try:
            return client_class(language=self.language, remote_server=url + "/", proxies=proxies)
        except (LanguageToolError, OSError) as exc:
            raise self._failure(exc) from exc
        except ValueError as exc:  # an unknown language tag
            raise GrammarError(f"LanguageTool language {self.language!r}: {_one_line(exc)}") from exc

    def close(self) -> None:
        self._client = None
        self.server.close()


def _chain(exc: BaseException | None):
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:300] if text else type(exc).__name__
