"""Loading from the Hugging Face Hub (``path=None``): one small wrapper, so that every loader fails the same way.

The Hub repositories used (script-free, readable by ``datasets`` >= 4):

==============  ==================================  ==========================================================
loader          Hub id (config)                     note
==============  ==================================  ==========================================================
conll2003       eriktks/conll2003                   the canonical repo still holds a loading script on ``main``;
                (revision ``refs/convert/parquet``)  its parquet export branch is read instead. Override with
                                                    ``hub_id=``/``revision=`` (e.g. a parquet copy such as
                                                    ``lhoestq/conll2003`` with ``revision=None``)
glue            nyu-mll/glue (``task``)             parquet
squad           rajpurkar/squad (plain_text)        parquet
squad_v2        rajpurkar/squad_v2 (squad_v2)       parquet
hotpotqa        hotpotqa/hotpot_qa (distractor)     parquet
triviaqa        mandarjoshi/trivia_qa (rc.web,      parquet; contexts inline
                rc.wikipedia)
gonerd          none: pass ``hub_id=``              a Hub copy of a folder written by ``gonerd build``
==============  ==================================  ==========================================================

These paths need the network, which the test suite does not have: the tests cover the row normalisation with
rows shaped like the Hub's, and the wiring by replacing :func:`load_hub`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from loaders.errors import LoaderError
from loaders.report import LoadReport

if TYPE_CHECKING:
    import datasets


def load_hub(
    hub_id: str,
    config: str | None = None,
    *,
    report: LoadReport,
    revision: str | None = None,
    cache_dir: str | Path | None = None,
) -> datasets.DatasetDict:
    import datasets

    try:
        loaded = datasets.load_dataset(
            hub_id, config, revision=revision, cache_dir=str(cache_dir) if cache_dir else None
        )
    except Exception as exc:  # offline, unknown repo or config, a script-only repo...
        raise LoaderError(
            f"could not load {hub_id!r} (config {config!r}, revision {revision!r}) from the Hugging Face Hub: "
            f"{type(exc).__name__}: {exc}. Pass path=... to read local files instead."
        ) from exc
    for split in loaded:
        report.source(split, f"hub:{hub_id}" + (f"/{config}" if config else "") + (f"@{revision}" if revision else ""))
    return loaded
