"""gonerd: build, annotate, publish and benchmark long-context NER datasets.

The core package holds the document schema, the processing steps, `gonerd build` and the CLI. It never imports
the packages above it (`annotation`, `loaders`, `baselines`) and never imports torch: those contribute their
commands through the ``gonerd.commands`` entry-point group.
"""

__version__ = "0.1.0"


def load(path_or_repo_id: str, *, revision: str | None = None, **kwargs):
    """A GONERD dataset as a ``datasets.DatasetDict``: a folder written by ``gonerd build`` (or a ``gonerd publish
    --dry-run``) by its path, anything else as a Hugging Face Hub repo id (``ORG/NAME``).

    ``kwargs`` go to ``datasets.load_dataset`` (e.g. ``cache_dir``). No loading script is involved.
    """
    from pathlib import Path

    import datasets

    path = Path(path_or_repo_id)
    if path.is_file():
        raise ValueError(f"{path_or_repo_id}: a file; give the dataset folder or a Hub repo id")
    return datasets.load_dataset(str(path) if path.is_dir() else path_or_repo_id, revision=revision, **kwargs)
