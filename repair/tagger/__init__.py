"""A learned judge of articles and prepositions: the seq2seq model's first encoder layers,
tuned with two heads that say what belongs at each article or preposition and what is
missing before each word (docs/slips.md). Trained by ``python -m repair.tagger.train``;
measured by ``bench/tagger_margins.py``; not part of the pipeline (no checkpoint passed).
Importing this package does not import torch.
"""
