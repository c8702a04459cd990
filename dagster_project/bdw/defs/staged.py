"""The extraction step: every file under the raw folder → staged Parquet batches.

The asset keys are ``staged/<dataset>``, the same as the dbt source keys, so Dagster shows
extraction and dbt as one lineage graph. Only new or changed documents are extracted; both
cores are used when there are many.
"""

import logging
import os
import time

import dagster as dg

from .. import stage
from ..config import settings
from ..extract.pipeline import LOADED, STATUSES, IngestLog, extractor_version, iter_outcomes, ordered_files
from ..extract.schema import DATASETS

log = logging.getLogger("bdw")

STAGED_SPECS = [
    dg.AssetSpec(
        ["staged", name],
        description=f"Staged `{name}` rows (Parquet batches under BDW_STAGED_DIR/{name}/).",
        group_name="staged",
        kinds={"polars", "parquet"},
    )
    for name in DATASETS
]


@dg.multi_asset(specs=STAGED_SPECS, name="extract_documents")
def extract_documents(context: dg.AssetExecutionContext):
    """Read, identify and extract every new or changed document under BDW_RAW_DIR; log every file."""
    cfg = settings()
    if not cfg.raw_dir.is_dir():
        raise dg.Failure(f"raw folder {cfg.raw_dir} does not exist (set BDW_RAW_DIR or create it)")
    known = stage.read_known_documents(cfg.staged_dir, extractor_version())
    paths = ordered_files(cfg.raw_dir, known.values())
    ingest = IngestLog(context.run_id)
    writer = stage.BatchWriter(cfg.staged_dir, context.run_id)
    workers = int(os.environ.get("BDW_WORKERS", os.cpu_count() or 1))
    started, step = time.perf_counter(), max(1, len(paths) // 20)
    log.info("extract: %d files under %s (%d already extracted, %d workers)", len(paths), cfg.raw_dir,
             len(known), workers)
    outcomes = iter_outcomes(paths, cfg.raw_dir, frozenset(known), cfg.max_file_bytes, context.run_id, workers)
    for index, outcome in enumerate(outcomes, start=1):
        if ingest.record(outcome) == LOADED:
            writer.add_document(outcome.document, outcome.rows, outcome.errors)
        if index % step == 0 or index == len(paths):
            done = round(20 * index / len(paths))
            log.info("extract [%s%s] %d/%d %.1f s  %s", "#" * done, "." * (20 - done), index, len(paths),
                     time.perf_counter() - started, outcome.source_file)
    writer.flush()
    writer.ensure_every_dataset_exists()
    writer.write_ingest_log(ingest.rows)
    counts = {s: ingest.count(s) for s in STATUSES}
    log.info("extract done: %s", ", ".join(f"{v} {k}" for k, v in counts.items()))
    for name in DATASETS:
        rows = len(ingest.rows) if name == "ingest_log" else writer.written.get(name, 0)
        yield dg.MaterializeResult(asset_key=["staged", name], metadata={"rows_written": rows, **(
            {"files": counts} if name == "ingest_log" else {})})
