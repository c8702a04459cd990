"""The extraction step: every file under the raw folder → staged Parquet datasets.

The asset keys are ``staged/<dataset>``, the same as the dbt source keys, so Dagster shows
extraction and dbt as one lineage graph.
"""


import logging

import dagster as dg

from .. import stage
from ..config import settings
from ..extract.pipeline import extract_corpus
from ..extract.schema import DATASETS

log = logging.getLogger("bdw")

STAGED_SPECS = [
    dg.AssetSpec(
        ["staged", name],
        description=f"Staged `{name}` rows (Parquet under BDW_STAGED_DIR).",
        group_name="staged",
        kinds={"polars", "parquet"},
    )
    for name in DATASETS
]


@dg.multi_asset(specs=STAGED_SPECS, name="extract_documents")
def extract_documents(context: dg.AssetExecutionContext):
    """Read, identify and extract every document under BDW_RAW_DIR; account for every file."""
    cfg = settings()
    if not cfg.raw_dir.is_dir():
        raise dg.Failure(f"raw folder {cfg.raw_dir} does not exist (set BDW_RAW_DIR or create it)")
    previous = stage.read_loaded_documents(cfg.staged_dir)

    def progress(index: int, total: int, source_file: str) -> None:
        if index == total or index % max(1, total // 20) == 0 or total <= 20:
            log.info("extract [%d/%d] %s", index, total, source_file)

    extraction = extract_corpus(
        cfg.raw_dir, context.run_id, previous, max_bytes=cfg.max_file_bytes, progress=progress
    )
    for name, rows in extraction.rows.items():
        df = stage.frame(name, rows)
        if name == "ingest_log":
            path = stage.ingest_log_path(cfg.staged_dir, context.run_id)
        else:
            path = stage.dataset_path(cfg.staged_dir, name)
        stage.write_parquet(df, path)
        yield dg.MaterializeResult(
            asset_key=["staged", name],
            metadata={"rows": dg.MetadataValue.int(len(df)), "path": dg.MetadataValue.path(str(path))},
        )
    counts = {s: extraction.count(s) for s in ("loaded", "unchanged", "duplicate", "rejected")}
    log.info("extract done: %s", ", ".join(f"{v} {k}" for k, v in counts.items()))
    context.log.info(f"files: {counts}")
