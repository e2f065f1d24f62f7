"""One real LanguageTool server for the whole integration run, started by the run itself.

The jars must be in place (``make languagetool``; ``make test`` and ``.ci/run`` do it):
without them every integration test fails with the setup command, rather than skipping.
Deselect them with ``pytest -m "not integration"``.
"""

from __future__ import annotations

import pytest

from repair.errors import GrammarError


@pytest.fixture(scope="session")
def languagetool_server():
    from repair.grammar.install import find_jars, find_java
    from repair.grammar.process import LocalServer

    try:
        java, jars = find_java(), find_jars()
    except GrammarError as exc:
        pytest.fail(f"the integration tests need LanguageTool: {exc}", pytrace=False)
    server = LocalServer(java, jars).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def languagetool_url(languagetool_server) -> str:
    return languagetool_server.url


@pytest.fixture
def isolated_cache(tmp_path, monkeypatch):
    """A cache of its own (so no persistent server is found), the real jars kept."""
    from repair.grammar.install import find_jars

    jars = find_jars()
    monkeypatch.setenv("REPAIR_CACHE", str(tmp_path))
    monkeypatch.setenv("REPAIR_LANGUAGETOOL_JARS", str(jars))
    monkeypatch.delenv("REPAIR_LANGUAGETOOL_URL", raising=False)
    return tmp_path
