"""One accounting identity of the catalogue as a Great Expectations expectation, validated in DuckDB.

:class:`ExpectIdentityToHold` is GX's ``UnexpectedRowsExpectation`` (the batch is
``marts.dq_check_result``; the query returns the rule's failed evaluations, so the identity holds
when it returns none) that also carries the rule's name and meaning, keeps the failing rows in
every result format but ``BOOLEAN_ONLY``, and renders them in the Data Docs:

- the expectation line: ``check_id · 中文 · English`` (table and comparison under it);
- the observed value: how many evaluations failed;
- the failing rows: document, table, row, column, reported, computed, difference, tolerance, lines.

GX counts the rows with ``count(*)`` and fetches at most ``MAX_RESULT_RECORDS`` (200) of them, both
in DuckDB; only those rows travel into Python. Importing this module registers the expectation
type ``expect_identity_to_hold`` with GX (needed before a suite that uses it is loaded).
"""

from __future__ import annotations

from typing import Any, ClassVar

from great_expectations.core.result_format import ResultFormat
from great_expectations.expectations import UnexpectedRowsExpectation
from great_expectations.render.components import (
    LegacyDiagnosticRendererType,
    LegacyRendererType,
    RenderedStringTemplateContent,
    RenderedTableContent,
)
from great_expectations.render.renderer.renderer import renderer

from .catalogue import Rule

SHOWN_ROWS = 20  # failing rows a Data Docs page shows per rule (the result keeps up to 200)
# the columns of a failing row, as the query names them, and their heading in the Data Docs
ROW_COLUMNS = {
    "document_id": "document",
    "department_name": "department",
    "fiscal_year": "year",
    "table_code": "table",
    "row_key": "row",
    "column_key": "column",
    "reported": "reported",
    "computed": "computed",
    "difference": "difference",
    "tolerance": "tolerance",
    "source_line": "line",
    "part_source_lines": "lines of the parts",
}
COMPARISONS = {"eq": "reported = computed", "le": "reported ≤ computed"}


def _exact(column: str) -> str:
    """A DECIMAL column as exact text without the trailing zeros of its scale (1308016.960000 → 1308016.96)."""
    return f"regexp_replace(cast(r.{column} as varchar), '\\.?0+$', '') as {column}"


def failing_rows_query(check_id: str) -> str:
    """The rule's failed evaluations in ``{batch}`` (``marts.dq_check_result``), figures as exact decimal text.

    ``check_id`` is a catalogue name (lowercase letters, digits, underscores: checked when the
    catalogue is read), so it can stand in the SQL as a literal. The amounts of dq_check_result
    are DECIMAL(38, 6), always printed with a decimal point, so trimming zeros keeps every digit.
    """
    figures = ", ".join(_exact(c) for c in ("reported", "computed", "difference", "tolerance"))
    return (
        "select r.document_id, d.department_name, d.fiscal_year, r.table_code, r.row_key, r.column_key, "
        f"{figures}, r.source_line, r.part_source_lines "
        "from {batch} as r left join marts.dim_document as d on r.document_id = d.document_id "
        f"where r.check_id = '{check_id}' and r.status = 'fail' "
        "order by r.document_id, r.source_line, r.row_key, r.column_key"
    )


class ExpectIdentityToHold(UnexpectedRowsExpectation):
    """Every evaluation of one accounting identity is within the rounding tolerance (none has status ``fail``)."""

    check_id: str
    check_family: str
    table_code: str | None = None
    comparison: str
    rule_zh: str
    rule_en: str

    library_metadata: ClassVar[dict[str, Any]] = {"maturity": "production", "tags": ["bdw", "accounting identity"],
                                                   "contributors": ["bdw"]}

    @classmethod
    def for_rule(cls, rule: Rule, expectation_id: str | None = None) -> ExpectIdentityToHold:
        return cls(id=expectation_id, check_id=rule.check_id, check_family=rule.check_family,
                   table_code=rule.table_code, comparison=rule.comparison, rule_zh=rule.rule_zh,
                   rule_en=rule.rule_en, unexpected_rows_query=failing_rows_query(rule.check_id))

    def _validate(self, metrics: dict, runtime_configuration: dict | None = None, execution_engine=None):
        """GX's verdict (no failing row), with the failing rows kept in SUMMARY as well as COMPLETE."""
        result_format = self._get_result_format(runtime_configuration=runtime_configuration)
        if isinstance(result_format, dict):
            result_format = result_format.get("result_format", ResultFormat.SUMMARY)
        count = metrics["unexpected_rows_query.row_count"]
        if result_format == ResultFormat.BOOLEAN_ONLY:
            return {"success": count == 0}
        return {"success": count == 0,
                "result": {"observed_value": count,
                           "details": {"unexpected_rows": metrics["unexpected_rows_query.table"]}}}

    # --- Data Docs --------------------------------------------------------------------------------

    @classmethod
    @renderer(renderer_type=LegacyRendererType.PRESCRIPTIVE)
    def _prescriptive_renderer(cls, configuration=None, result=None, runtime_configuration=None, **kwargs):
        kw = (configuration or result.expectation_config).kwargs
        table = f"table {kw['table_code']} · " if kw.get("table_code") else ""
        return [
            RenderedStringTemplateContent(content_block_type="string_template", string_template={
                "template": "$check_id · $rule_zh · $rule_en",
                "params": {"check_id": kw["check_id"], "rule_zh": kw["rule_zh"], "rule_en": kw["rule_en"]},
                "styling": {"default": {"classes": []},
                            "params": {"check_id": {"tag": "code"}, "rule_zh": {"classes": ["font-weight-bold"]}}},
            }),
            RenderedStringTemplateContent(content_block_type="string_template", string_template={
                "template": f"{table}family $family · {COMPARISONS.get(kw.get('comparison'), '$comparison')} "
                            "within the rounding tolerance, in every evaluation",
                "params": {"family": kw["check_family"], "comparison": kw.get("comparison")},
                "styling": {"classes": ["text-muted", "small"], "default": {"classes": []}},
            }),
        ]

    @classmethod
    @renderer(renderer_type=LegacyDiagnosticRendererType.OBSERVED_VALUE)
    def _diagnostic_observed_value_renderer(cls, configuration=None, result=None, runtime_configuration=None,
                                            **kwargs) -> str:
        count = ((result and result.result) or {}).get("observed_value")
        if count is None:
            return "--"
        return "no failing evaluation" if count == 0 else f"{count} failing evaluation{'s' * (count != 1)}"

    @classmethod
    @renderer(renderer_type=LegacyDiagnosticRendererType.UNEXPECTED_TABLE)
    def _diagnostic_unexpected_table_renderer(cls, configuration=None, result=None, runtime_configuration=None,
                                              **kwargs):
        outcome = (result and result.result) or {}
        rows = (outcome.get("details") or {}).get("unexpected_rows") or []
        if not rows:
            return None
        shown = rows[:SHOWN_ROWS]
        table = RenderedTableContent(
            content_block_type="table",
            header_row=list(ROW_COLUMNS.values()),
            table=[["—" if row.get(column) is None else str(row.get(column)) for column in ROW_COLUMNS]
                   for row in shown],
            styling={"body": {"classes": ["table-bordered", "table-sm", "mt-3", "small"]}},
        )
        count = outcome.get("observed_value") or len(rows)
        if count <= len(shown):
            return [table]
        check_id = result.expectation_config.kwargs["check_id"]
        note = RenderedStringTemplateContent(content_block_type="string_template", string_template={
            "template": f"first {len(shown)} of $count; all of them: "
                        f"select * from marts.dq_check_result where check_id = '{check_id}' and status = 'fail'",
            "params": {"count": count},
            "styling": {"classes": ["text-muted", "small"]},
        })
        return [table, note]
