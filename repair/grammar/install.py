"""Where LanguageTool comes from: the pinned version, its jars in the cache, and Java.

Nothing here starts a process; :mod:`.process` and :mod:`.daemon` run what this finds.
"""

from __future__ import annotations

import os
import re
import shutil
import zlib
from functools import lru_cache
from pathlib import Path

from ..errors import GrammarError
from ..paths import cache_dir as _repair_cache_dir

POM = Path(__file__).with_name("pom.xml")
# repair's own rules (rules/org/languagetool/rules/en/grammar_custom.xml): LanguageTool reads
# a file of that name from its class path, so this folder goes first on it.
RULES_DIR = Path(__file__).with_name("rules")
RULES_FILE = RULES_DIR / "org" / "languagetool" / "rules" / "en" / "grammar_custom.xml"
MAIN_CLASS = "org.languagetool.server.HTTPServer"
JAVA_NEEDED = 17  # LanguageTool 6.8's classes are compiled for Java 17 (class file 61)
SETUP_COMMAND = "make languagetool"


def pinned_version() -> str:
    """The LanguageTool version the pom pins (its ``languagetool.version`` property)."""
    m = re.search(r"<languagetool\.version>\s*([^<\s]+)\s*</languagetool\.version>", POM.read_text("utf-8"))
    if not m:
        raise GrammarError(f"no <languagetool.version> property in {str(POM)!r}")
    return m.group(1)


# Bumped when repair starts its servers with other settings (speller-1: LanguageTool no
# longer searches respellings, repair.grammar.speller does), so an older server is not reused.
SERVER_SETTINGS = b"speller-1"


@lru_cache(maxsize=1)  # the file ships with the package: read once per process
def rules_signature() -> str:
    """A short checksum of repair's own rules and its server settings: a server started
    with other rules or settings is not reused."""
    return f"{zlib.crc32(RULES_FILE.read_bytes() + SERVER_SETTINGS):08x}"


def class_path(jars: Path) -> str:
    """repair's rules, then LanguageTool's jars."""
    return f"{RULES_DIR}{os.pathsep}{jars / '*'}"


def cache_dir() -> Path:
    return _repair_cache_dir().expanduser()


def jar_dir() -> Path:
    """Where the jars live: ``REPAIR_LANGUAGETOOL_JARS`` or ``<cache>/languagetool-<version>``."""
    env = os.environ.get("REPAIR_LANGUAGETOOL_JARS")
    if env:
        return Path(env).expanduser()
    return cache_dir() / f"languagetool-{pinned_version()}"


def fetch_command(dest: Path | None = None) -> list[str]:
    """The Maven command that copies the pinned jars into ``dest`` (default: :func:`jar_dir`)."""
    return ["mvn", "-q", "-f", str(POM), "dependency:copy-dependencies",
            f"-DoutputDirectory={dest or jar_dir()}"]


def setup_hint() -> str:
    return (f"fetch them once with `{SETUP_COMMAND}` or `repair languagetool fetch` "
            f"(Maven, Java {JAVA_NEEDED}+), or run with --no-grammar")


def find_jars(directory: Path | None = None) -> Path:
    """The jar directory, checked to hold the server and the English rules."""
    d = directory or jar_dir()
    missing = [name for name in ("languagetool-server", "language-en", "languagetool-core")
               if not any(d.glob(f"{name}-*.jar"))]
    if missing:
        raise GrammarError(f"LanguageTool jars not found in {str(d)!r} (no {missing[0]}-*.jar); {setup_hint()}")
    return d


def find_java() -> str:
    """``$REPAIR_JAVA``, then ``$JAVA_HOME/bin/java``, then ``java`` on the PATH."""
    for candidate in (os.environ.get("REPAIR_JAVA"),
                      os.path.join(os.environ["JAVA_HOME"], "bin", "java") if os.environ.get("JAVA_HOME") else None):
        if candidate:
            if os.access(candidate, os.X_OK):
                return candidate
            raise GrammarError(f"Java not found at {candidate!r}; LanguageTool needs Java {JAVA_NEEDED}+ "
                               f"(fix JAVA_HOME or REPAIR_JAVA), or run with --no-grammar")
    found = shutil.which("java")
    if not found:
        raise GrammarError(f"Java not found; LanguageTool needs Java {JAVA_NEEDED}+ on the PATH or in JAVA_HOME, "
                           f"and its jars ({setup_hint()})")
    return found


def diagnose_start(log_tail: str, java: str, code: int | None) -> str:
    """Why a JVM exited while starting, from its log: Java too old, jars incomplete, or its last words."""
    if "UnsupportedClassVersionError" in log_tail:
        return (f"LanguageTool {pinned_version()} needs Java {JAVA_NEEDED}+ but {java!r} is older; "
                f"point JAVA_HOME or REPAIR_JAVA at a newer JDK")
    if "ClassNotFoundException" in log_tail or "NoClassDefFoundError" in log_tail:
        return f"LanguageTool jars in {str(jar_dir())!r} are incomplete; {setup_hint()}"
    last = next((line for line in reversed(log_tail.strip().splitlines()) if line.strip()), "")
    return f"LanguageTool server exited with code {code} while starting: {last[:200]!r}"
