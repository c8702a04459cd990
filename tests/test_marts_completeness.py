"""Every figure printed in tables 01–07 of both final-account samples is a row in the warehouse.

The printed cells are counted by the independent rule of ``tests/extract/test_final_account_counts.py``;
the rows are counted in the marts built by the real pipeline.
"""

from __future__ import annotations

import duckdb
import pytest

from tests.extract.rerender import GUYUAN, NINGDE, raw_text
from tests.extract.test_final_account_counts import NOT_FIGURES, printed_figures

pytestmark = pytest.mark.e2e

ROWS_OF_TABLE = """
    select (select count(*) from marts.fct_expenditure where document_id = $1 and table_code = $2)
         + (select count(*) from marts.fct_income where document_id = $1 and table_code = $2)
         -- 本年支出合计 is also an expenditure TOTAL row: the printed figure counts once
         + (select count(*) from marts.fct_summary_line
            where document_id = $1 and table_code = $2 and line_key <> 'expenditure_total')
"""
ROWS_OF_TABLE_07 = "select count(*) from marts.fct_three_public where document_id = $1 and source = 'table'"


@pytest.mark.parametrize("document", [NINGDE, GUYUAN])
@pytest.mark.parametrize("table", ["01", "02", "03", "04", "05", "06", "07"])
def test_every_printed_figure_is_a_row_in_the_marts(pipeline_run, document, table):
    printed = printed_figures(raw_text(document), table) - NOT_FIGURES.get((document, table), 0)
    assert printed > 0
    with duckdb.connect(str(pipeline_run["warehouse"]), read_only=True) as con:
        (document_id,) = con.execute("select document_id from marts.dim_document where source_file = ?",
                                     [f"samples/{document}"]).fetchone()
        if table == "07":
            (rows,) = con.execute(ROWS_OF_TABLE_07, [document_id]).fetchone()
        else:
            (rows,) = con.execute(ROWS_OF_TABLE, [document_id, table]).fetchone()
    assert rows == printed


def test_amounts_are_exact_decimals_in_yuan(pipeline_run):
    with duckdb.connect(str(pipeline_run["warehouse"]), read_only=True) as con:
        types = dict(con.sql("select table_name || '.' || column_name, data_type from information_schema.columns "
                             "where table_schema = 'marts' and column_name like '%_yuan'").fetchall())
        ningde_03_total = con.sql(
            "select e.amount_yuan, e.reported_unit, e.source_line from marts.fct_expenditure e "
            "join marts.dim_document d using (document_id) where d.department_name = '宁德市医疗保障局' "
            "and table_code = '03' and subject_code = 'TOTAL' and expenditure_type = 'total'").fetchall()
    assert types and set(types.values()) == {"DECIMAL(18,2)"}
    assert [(str(a), u, line) for a, u, line in ningde_03_total] == [("9555400.00", "万元", 183)]
