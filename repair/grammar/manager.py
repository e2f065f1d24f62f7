"""Which LanguageTool server a run (or a whole batch) uses, tried in this order:

1. a URL the user gave (``--languagetool URL`` or ``REPAIR_LANGUAGETOOL_URL``), used as is;
2. the persistent local server (``repair languagetool start``), found through its state
   file in the cache directory (:mod:`.daemon`);
3. a JVM of our own (:class:`~.process.LocalServer`), started on 127.0.0.1 and a free port
   on first use, stopped when the run ends.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

from ..errors import GrammarError
from .daemon import DaemonState, find_daemon
from .install import find_jars, find_java, pinned_version
from .process import DEFAULT_HEAP, DEFAULT_STARTUP_TIMEOUT, LocalServer, healthy, server_version

log = logging.getLogger(__name__)


class ServerManager:
    """The one server a run (or a whole batch) talks to, and the one restart it may do."""

    def __init__(self, url: str | None = None, *, heap: str = DEFAULT_HEAP,
                 startup_timeout: float = DEFAULT_STARTUP_TIMEOUT, check_timeout: float = 30.0,
                 use_daemon: bool = True, own_suggestions: bool = True):
        url = url or os.environ.get("REPAIR_LANGUAGETOOL_URL") or None
        self.explicit_url = re.sub(r"/v2/?$", "", url.rstrip("/")) if url else None
        self.heap, self.startup_timeout, self.check_timeout = heap, startup_timeout, check_timeout
        # False: a server of our own runs LanguageTool's own suggestion search (the eval's
        # "LanguageTool alone"), so the persistent server, which does not, is not used
        self.own_suggestions = own_suggestions
        use_daemon = use_daemon and own_suggestions
        self.local: LocalServer | None = None
        self.daemon: DaemonState | None = None
        self.restarted = False
        self.java: str | None = None  # found when this run may start its own server
        self.jars: Path | None = None
        self._version: str | None = None
        if self.explicit_url:
            if not re.match(r"^https?://", self.explicit_url):
                raise GrammarError(f"LanguageTool URL {url!r} must start with http:// or https://")
            return
        self.daemon = find_daemon() if use_daemon else None
        if self.daemon is None:
            # Fail now, while the pipeline is built, not halfway through a batch.
            self.java, self.jars = find_java(), find_jars()

    @property
    def mode(self) -> str:
        return "url" if self.explicit_url else "daemon" if self.daemon else "local"

    def url(self) -> str:
        """The base URL, starting our own server on first use when needed."""
        if self.explicit_url:
            return self.explicit_url
        if self.daemon:
            return self.daemon.url
        if self.local is None:
            self._start_local()  # first use; a server that died later is only restarted by restart()
        assert self.local is not None
        return self.local.url

    def _start_local(self) -> None:
        if self.java is None or self.jars is None:  # the persistent server was in use until now
            self.java, self.jars = find_java(), find_jars()
        self.local = LocalServer(self.java, self.jars, heap=self.heap, startup_timeout=self.startup_timeout,
                                 check_timeout=self.check_timeout, own_suggestions=self.own_suggestions)
        self.local.start()

    def is_down(self) -> bool:
        if self.local is not None and self.daemon is None and not self.explicit_url and not self.local.alive():
            return True
        # A JVM that has closed its port can take a moment to exit: ask whichever server it is.
        return not healthy(self.url(), timeout=5.0)

    def restart(self) -> bool:
        """Bring up a fresh server once per run; False when not ours to restart or already done."""
        if self.explicit_url or self.restarted:
            return False
        self.restarted = True
        log.warning("LanguageTool server stopped answering; restarting it once")
        if self.local is not None:
            self.local.stop()
            self.local = None
        self.daemon = None  # the persistent server is gone: carry on with our own
        self._start_local()
        return True

    @property
    def version(self) -> str:
        if self._version is None:
            if self.daemon:
                self._version = self.daemon.version
            elif self.explicit_url:
                self._version = server_version(self.explicit_url)
            else:
                self._version = pinned_version()
        return self._version

    def close(self) -> None:
        if self.local is not None:
            self.local.stop()
            self.local = None
