"""`gonerd build` never imports torch (spaCy's thinc would, wherever it is installed) nor pandas (pyarrow would):
a dedicated build process stays lean. Nor datasets, not even when datasets' cache holds an entry of an earlier
load of a folder of the same name, which the build must forget. A library call keeps the caller's imports as they
are."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def cached_load(folder: Path, cache: Path, columns: dict[str, list], features=None) -> Path:
    """Load ``folder`` (a parquet folder) through datasets with ``cache`` as its cache; return the entry made."""
    import datasets

    (folder / "data").mkdir(parents=True)
    parquet = folder / "data" / "train-00000-of-00001.parquet"
    datasets.Dataset.from_dict(columns, features=features).to_parquet(str(parquet))
    builder = datasets.load_dataset_builder(str(folder), cache_dir=str(cache))
    datasets.load_dataset(str(folder), cache_dir=str(cache))
    assert Path(builder.cache_dir).is_dir()
    return Path(builder.cache_dir)


def test_the_build_command_imports_neither_torch_nor_pandas_nor_spacy_cli(corpus, tmp_path: Path) -> None:
    import datasets
    from gonerd_parquet import row

    from gonerd.schema import features

    cache = tmp_path / "hf-datasets"  # datasets' cache, holding entries for two earlier folders named "ds"
    ours = {name: [value] for name, value in row("d1", ["Ada", "Lovelace"], ["B-PER", "I-PER"]).items()}
    gonerd_entry = cached_load(tmp_path / "earlier" / "ds", cache, ours, features())
    other_entry = cached_load(tmp_path / "unrelated" / "ds", cache, {"a": [1, 2]})  # not a GONERD dataset
    assert datasets.load_dataset_builder(str(tmp_path / "earlier" / "ds"), cache_dir=str(cache)).info.features \
        == features()  # fmt: skip
    args = ["build", "--out", str(tmp_path / "ds"), "--gold", str(corpus.gold), "--min-tokens", "20",
            *[arg for path in corpus.inputs for arg in ("--input", path)]]  # fmt: skip
    script = (
        "import sys\n"
        "from gonerd.cli import main\n"
        f"main({args!r}, standalone_mode=False)\n"
        "print('imported:', sorted(m for m in ('torch', 'pandas', 'datasets', 'spacy.cli') if m in sys.modules))\n"
        "import spacy, spacy.cli\n"  # spaCy's command-line package was skipped, not broken
        "print('spacy.cli:', callable(spacy.cli.download), spacy.info()['spacy_version'] == spacy.__version__)\n"
    )
    env = {**os.environ, "HF_DATASETS_CACHE": str(cache)}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=600, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-2:] == ["imported: []", "spacy.cli: True True"]
    assert not gonerd_entry.exists() and other_entry.is_dir()  # forgotten without datasets; the other one kept


def test_a_library_call_hides_nothing() -> None:
    script = (
        "import sys\n"
        "from gonerd.lean_imports import hidden\n"
        "with hidden('pandas'):\n"
        "    import pandas\n"
        "print('ok', 'pandas' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.stdout.strip() == "ok True", done.stderr
