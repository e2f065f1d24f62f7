import signal

import pytest


@pytest.fixture
def default_signals():
    """A ``preexec_fn`` that gives a child process the default SIGINT, SIGHUP and SIGTERM
    handling, even when the test run ignores them (under nohup, or started in the background)."""

    def reset() -> None:
        for sig in (signal.SIGINT, signal.SIGHUP, signal.SIGTERM):
            signal.signal(sig, signal.SIG_DFL)

    return reset
