"""The staged datasets: one Parquet dataset per kind of table, written under ``BDW_STAGED_DIR``.

Column types are named here in plain words so the extraction library stays free of any
DataFrame or orchestration import; :mod:`bdw.stage` maps them to polars/Arrow types:

- ``text``: string; ``int``: 64-bit integer; ``money``: ``Decimal(18, 2)`` in 元;
- ``number``: ``Decimal(20, 6)`` (scores, weights, rates, indicator values); ``date``; ``timestamp``.

Conventions every parser follows: rates and changes in percent are fractions
(``execution_rate_reported`` "98.5%" → 0.985; ``change_pct`` "增长 13.41%" → 0.1341, 下降/减少
negative); indicator values keep the printed scale with their ``unit`` ("98%" → 98, unit ``%``);
names keep their text but ``clean_cell`` folds full-width punctuation （），to ASCII.

Every extracted dataset starts with ``document_id`` and ``batch_id`` (the run that extracted
it; filled by the pipeline, not by parsers) and ends with ``source_line``, the 1-based line of
the figure in the raw file. Datasets are written in batches, one Parquet file per batch under
``<dataset>/``; a document extracted again (new extractor version) is read from its latest batch.
"""

from __future__ import annotations

DATASETS: dict[str, dict[str, str]] = {
    # one row per extraction of a document
    "documents": {
        "document_id": "text",
        "batch_id": "text",
        "source_file": "text",
        "sha256": "text",
        "encoding": "text",
        "department_name": "text",
        "department_line": "int",
        "fiscal_year": "int",
        "fiscal_year_line": "int",
        "document_kind": "text",
        "reported_unit": "text",
        "printed_date": "date",  # the latest date it prints as its own (填报日期, a 落款 line), if any
        "printed_date_line": "int",
        "file_mtime": "timestamp",  # the file's modification time when it was extracted
        "line_count": "int",
        "extractor_version": "text",
        "extracted_at": "timestamp",
    },
    # one row per file found, per run (history accumulates, one Parquet file per run)
    "ingest_log": {
        "run_id": "text",
        "source_file": "text",
        "sha256": "text",
        "document_id": "text",
        "status": "text",
        "reason": "text",
        "logged_at": "timestamp",
    },
    # tables that could not be parsed: the rest of the document still loads
    "extraction_errors": {
        "document_id": "text",
        "batch_id": "text",
        "source_file": "text",
        "extractor": "text",
        "table_code": "text",
        "expected": "text",
        "message": "text",
        "source_line": "int",
    },
    # 公开01/03/04/05/06/08/09 expenditure figures
    "expenditure": {
        "document_id": "text",
        "batch_id": "text",
        "table_code": "text",
        "classification": "text",
        "subject_code": "text",
        "subject_name": "text",
        "subject_level": "int",
        "expenditure_type": "text",
        "fund_type": "text",
        "amount_yuan": "money",
        "reported_unit": "text",
        "reported_decimals": "int",
        "source_line": "int",
    },
    # 公开01/02/04 income figures
    "income": {
        "document_id": "text",
        "batch_id": "text",
        "table_code": "text",
        "subject_code": "text",
        "subject_name": "text",
        "income_source": "text",
        "amount_yuan": "money",
        "reported_unit": "text",
        "reported_decimals": "int",
        "source_line": "int",
    },
    # balancing lines of 01 and 04 (本年收入合计, 年初结转和结余, 总计 …)
    "summary_line": {
        "document_id": "text",
        "batch_id": "text",
        "table_code": "text",
        "side": "text",
        "line_key": "text",
        "line_label": "text",
        "fund_type": "text",
        "amount_yuan": "money",
        "reported_unit": "text",
        "reported_decimals": "int",
        "source_line": "int",
    },
    # amount cells a table prints blank in a row that prints other figures (tables of the 2024
    # template print a blank where the amount is zero): the facts stay NULL, the quality rules
    # count these as 0 where the table prints no zero of its own. Keys as in dq_table_figures:
    # row_key a subject code, TOTAL, a 01/04 line key or a 07 category; column_key the amount
    # column (expenditure type, income source, fund, ``side:fund`` of a balancing line, measure)
    "blank_cell": {
        "document_id": "text",
        "batch_id": "text",
        "table_code": "text",
        "row_key": "text",
        "column_key": "text",
        "row_label": "text",
        "reported_unit": "text",
        "source_line": "int",
    },
    # one row per table 公开01–09 of a final account: printed, empty, unreadable or missing, and the
    # statement (note or prose) that an empty one is empty
    "document_table": {
        "document_id": "text",
        "batch_id": "text",
        "table_code": "text",
        "status": "text",
        "title": "text",
        "figures": "int",
        "blank_cells": "int",
        "empty_statement": "text",
        "empty_statement_line": "int",
        "problem": "text",
        "source_line": "int",
    },
    # every place a final account names its department or its year (cover, contents, part headings,
    # table labels, prose), placeholders left from the template, doubled punctuation and repeated
    # words, and the note that figures carry rounding differences (尾数误差)
    "document_mention": {
        "document_id": "text",
        "batch_id": "text",
        "mention_kind": "text",
        "place": "text",
        "found_text": "text",
        "year_found": "int",
        "year_role": "text",
        "context": "text",
        "source_line": "int",
    },
    # the function/economic classification as the documents print it
    "subject": {
        "document_id": "text",
        "batch_id": "text",
        "classification": "text",
        "subject_code": "text",
        "subject_name": "text",
        "subject_level": "int",
        "parent_code": "text",
        "source_line": "int",
    },
    # figures stated in prose
    "narrative_fact": {
        "document_id": "text",
        "batch_id": "text",
        "metric_key": "text",
        "subject_code": "text",
        "amount_yuan": "money",
        "number_value": "number",
        "change_yuan": "money",
        "change_pct": "number",
        "change_pct_decimals": "int",
        "reported_unit": "text",
        "reported_decimals": "int",
        "text": "text",
        "source_line": "int",
    },
    # shares stated in prose ("基本支出 1,420,085.06 元，占 40.92%"): the part, the base it is a
    # share of (NULL when the words name none that was stated) and the percentage as a fraction
    "narrative_share": {
        "document_id": "text",
        "batch_id": "text",
        "part_label": "text",
        "part_metric_key": "text",
        "part_yuan": "money",
        "part_unit": "text",
        "part_decimals": "int",
        "part_line": "int",
        "base_label": "text",
        "base_metric_key": "text",
        "base_yuan": "money",
        "base_unit": "text",
        "base_decimals": "int",
        "base_line": "int",
        "share_pct": "number",
        "share_decimals": "int",
        "text": "text",
        "source_line": "int",
    },
    # budget against outcome as the explanation states it ("…（项）。年初预算为 X 万元，支出决算为 Y 万元，
    # 完成年初预算的 Z%。决算数小于预算数…"): per item (subject_kind item, subject_code its 项 code), the
    # fund's total (total, subject_code the fund) and the 三公 (three_public, subject_code the category);
    # direction gt | lt | eq | approx (大于 | 小于 | 等于/持平 | 基本持平)
    "narrative_execution": {
        "document_id": "text",
        "batch_id": "text",
        "subject_kind": "text",
        "subject_code": "text",
        "fund_type": "text",
        "subject_label": "text",
        "budget_yuan": "money",
        "budget_unit": "text",
        "budget_decimals": "int",
        "budget_line": "int",
        "actual_yuan": "money",
        "actual_unit": "text",
        "actual_decimals": "int",
        "actual_line": "int",
        "rate": "number",
        "rate_decimals": "int",
        "rate_line": "int",
        "direction": "text",
        "direction_text": "text",
        "direction_line": "int",
        "text": "text",
        "source_line": "int",
    },
    # "三公" expenses from table 07, prose and base-data tables
    "three_public": {
        "document_id": "text",
        "batch_id": "text",
        "category": "text",
        "measure": "text",
        "period": "text",
        "amount_yuan": "money",
        "source": "text",
        "reported_unit": "text",
        "reported_decimals": "int",
        "source_line": "int",
    },
    # one row per project (or department-wide) self-evaluation
    "project_performance": {
        "document_id": "text",
        "batch_id": "text",
        "project_key": "text",
        "project_name": "text",
        "budget_yuan": "money",
        "adjusted_yuan": "money",
        "funds_received_yuan": "money",
        "executed_yuan": "money",
        "balance_yuan": "money",
        "execution_rate_reported": "number",
        "execution_rate_decimals": "int",
        "total_score": "number",
        "grade": "text",
        "deviation_reason": "text",
        "source_line": "int",
    },
    # rows of a department-wide self-evaluation's funds table: by source (资金来源) and by structure
    # (资金结构), each with 全年预算数, 全年执行数 and 执行率 as printed (a fraction)
    "performance_fund": {
        "document_id": "text",
        "batch_id": "text",
        "project_key": "text",
        "fund_group": "text",
        "label": "text",
        "budget_yuan": "money",
        "executed_yuan": "money",
        "budget_decimals": "int",
        "executed_decimals": "int",
        "rate": "number",
        "rate_decimals": "int",
        "reported_unit": "text",
        "source_line": "int",
    },
    # one row per performance indicator
    "performance_indicator": {
        "document_id": "text",
        "batch_id": "text",
        "project_key": "text",
        "project_name": "text",
        "level1": "text",
        "level2": "text",
        "indicator_name": "text",
        "target_text": "text",
        "actual_text": "text",
        "comparator": "text",
        "target_value": "number",
        "actual_value": "number",
        "unit": "text",
        "weight": "number",
        "score": "number",
        "deviation_reason": "text",
        "source_line": "int",
    },
    # weights declared in the 一级/二级指标 labels of a scorecard ("产出(60%)", "质量指标（20）"):
    # the indicators under the label should add to it (a percentage is points of a 100-point card)
    "performance_group": {
        "document_id": "text",
        "batch_id": "text",
        "project_key": "text",
        "group_level": "int",
        "level1": "text",
        "level2": "text",
        "declared_weight": "number",
        "declared_text": "text",
        "source_line": "int",
    },
    # where each line of a PDF document was printed: page and row on the page (filled by the
    # pipeline, not by parsers; text documents have no rows here)
    "source_page": {
        "document_id": "text",
        "batch_id": "text",
        "source_line": "int",
        "page": "int",
        "row_on_page": "int",
    },
    # where each printed cell of a line of a PDF document is on its page, so a figure's cell can be
    # outlined without reading the PDF again (filled by the pipeline from the reader's boxes; text
    # documents have no rows here): cell_index is the 0-based TAB-separated cell of the line (0 for a
    # line of text), the box is in PDF points on the page as displayed, in image coordinates (origin
    # at its top-left corner, y down: (x0, y0) top-left, (x1, y1) bottom-right)
    "source_box": {
        "document_id": "text",
        "batch_id": "text",
        "source_line": "int",
        "cell_index": "int",
        "page": "int",
        "x0": "number",
        "y0": "number",
        "x1": "number",
        "y1": "number",
        "text": "text",
    },
}

# Datasets that parsers fill (documents, ingest_log and extraction_errors are the pipeline's own).
EXTRACTED_DATASETS = tuple(name for name in DATASETS if name not in ("documents", "ingest_log", "extraction_errors"))
