"""Batch jobs: many documents, resumable, on local worker processes or a Ray cluster.

:func:`run_batch` is the whole job; :class:`~repair.batch.work.DocWorker` is what one
worker does with one document, whichever engine runs it.
"""

from .job import BatchOptions, BatchOutcome, run_batch, summary_lines
from .progress import Progress

__all__ = ["BatchOptions", "BatchOutcome", "Progress", "run_batch", "summary_lines"]
