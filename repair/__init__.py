"""repair: find and fix the artefacts machine translation and OCR leave in English text."""

import logging

from ._version import __version__

logging.getLogger(__name__).addHandler(logging.NullHandler())

from .edits import Edit  # noqa: E402
from .errors import RepairError  # noqa: E402
from .pipeline import Pipeline, PipelineConfig, repair  # noqa: E402
from .result import Result  # noqa: E402

__all__ = ["Edit", "Pipeline", "PipelineConfig", "RepairError", "Result", "repair", "__version__"]
