"""The data-quality report as an asset: rewritten after every build of ``marts.dq_check_result``."""

import logging
import time

import dagster as dg

from ..present.findings import write_report
from ..present.overview import write_overview
from .resources import BdwResource, WriterLockResource

log = logging.getLogger("bdw")


@dg.asset(
    key=dg.AssetKey(["report", "quality_html"]),
    deps=[dg.AssetKey(["marts", "dq_check_result"])],
    description="HTML data-quality report (index.html + one page per document) and the overview "
                "(overview.html) under BDW_REPORT_DIR.",
    group_name="report",
)
def quality_report(bdw: BdwResource, writer: WriterLockResource) -> dg.MaterializeResult:
    settings = bdw.settings()
    started = time.perf_counter()
    index = write_report(settings.warehouse, settings.report_dir, settings.raw_dir, settings.workers)
    overview = write_overview(settings.warehouse, settings.report_dir)
    elapsed = time.perf_counter() - started
    log.debug("data-quality report written to %s in %.1f s", index, elapsed)
    return dg.MaterializeResult(metadata={"index": dg.MetadataValue.path(str(index)),
                                          "overview": dg.MetadataValue.path(str(overview)),
                                          "seconds": round(elapsed, 2)})
