"""Dataset loaders for GONERD and the paper's other tasks (GLUE, SQuAD, HotpotQA, TriviaQA, CoNLL-2003), in three
task formats (token classification, extractive QA, sequence classification) for the baselines.

    >>> import loaders
    >>> ds = loaders.load("conll2003", "path/to/conll2003")        # eng.train / eng.testa / eng.testb
    >>> ds = loaders.load("glue", task="mrpc")                     # from the Hub

Importing this package is light (no datasets/transformers until a loader runs).
"""

from loaders.errors import AnswerError, DataFormatError, LoaderError
from loaders.registry import LOADERS, load, load_with_report
from loaders.report import LoadReport

__all__ = ["LOADERS", "AnswerError", "DataFormatError", "LoadReport", "LoaderError", "load", "load_with_report"]
