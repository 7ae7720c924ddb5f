"""Dataset loaders for GONERD and the paper's other tasks (GLUE, SQuAD, HotpotQA, TriviaQA, CoNLL-2003)."""
