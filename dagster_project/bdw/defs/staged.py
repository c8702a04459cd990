"""The extraction step as a Dagster multi-asset: ``staged/<dataset>`` for every staged dataset.

The asset keys are the dbt source keys, so Dagster shows extraction and dbt as one lineage graph.
"""

import dagster as dg

from ..errors import ClusterUnavailable
from ..extract.schema import DATASETS
from ..present.progress import Bar
from ..stage.run import stage_raw_folder
from ..warehouse.parse import start_parse
from .resources import BdwResource, WriterLockResource

STAGED_SPECS = [
    dg.AssetSpec(
        ["staged", name],
        description=f"Staged `{name}` rows (Parquet batches under BDW_STAGED_DIR/{name}/, by fiscal year and kind).",
        group_name="staged",
        kinds={"polars", "parquet"},
    )
    for name in DATASETS
]


@dg.multi_asset(specs=STAGED_SPECS, name="extract_documents")
def extract_documents(context: dg.AssetExecutionContext, bdw: BdwResource, writer: WriterLockResource):
    """Read, identify and extract every new or changed document under BDW_RAW_DIR (in local processes, or on
    the Dask cluster BDW_CLUSTER names); log every file."""
    settings = bdw.settings()
    start_parse(settings)  # dbt's first parse for this warehouse runs beside extraction
    bar = Bar("extract", "files")
    try:
        summary = stage_raw_folder(settings, context.run_id, bar)
    except (FileNotFoundError, ClusterUnavailable) as error:
        raise dg.Failure(str(error)) from None
    bar.finish(", ".join(f"{count} {status}" for status, count in summary.counts.items()))
    for name in DATASETS:
        files = {"files": summary.counts} if name == "ingest_log" else {}
        if name == "documents" and summary.files_by_worker:  # which Dask worker read how many files
            files = {"files_by_worker": summary.files_by_worker}
        yield dg.MaterializeResult(asset_key=["staged", name],
                                   metadata={"rows_written": summary.rows_written[name], **files})
