"""One exception root; the CLI turns each into one line and exit code 2."""


class RepairError(Exception):
    """Anything repair can explain to a user in one line."""


class InputError(RepairError):
    """The input cannot be read as text (binary, bad encoding, missing file)."""


class OutputError(RepairError):
    """The output cannot be written (missing folder, a directory, read-only, disk full)."""


class ConfigError(RepairError):
    """A setting, flag or glossary is invalid."""


class GrammarError(RepairError):
    """LanguageTool is missing, failed to start, or stopped answering."""


class ModelError(RepairError):
    """The seq2seq model is missing or cannot be loaded."""


class DataError(RepairError):
    """An evaluation or training data set is absent or malformed."""
