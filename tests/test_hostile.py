"""A run over the samples plus a folder of hostile files: exit 0, every sample whole, every file accounted for."""

from __future__ import annotations

from collections import Counter

import pytest

from bdw.extract.document import document_from_bytes
from bdw.extract.metadata import read_metadata
from bdw.extract.pipeline import extract_document
from tests.conftest import HOSTILE, SAMPLES, query, sample_bytes

pytestmark = pytest.mark.e2e

FACTS = {"expenditure": "fct_expenditure", "income": "fct_income", "summary_line": "fct_summary_line",
         "narrative_fact": "fct_narrative_fact", "three_public": "fct_three_public",
         "project_performance": "fct_project_performance", "performance_indicator": "fct_performance_indicator"}


def _sql(pipeline_run, sql, params=()):
    return query(pipeline_run["warehouse"], sql, params)


def test_hostile_files_are_accounted_for_with_reasons(pipeline_run):
    assert pipeline_run["first"].returncode == 0
    log = {f: (status, reason) for f, status, reason in _sql(
        pipeline_run, "select source_file, status, reason from marts.ingest_log where run_id = "
                      "(select arg_min(run_id, logged_at) from marts.ingest_log)")}
    for name, (status, phrase) in HOSTILE.items():
        assert log[name][0] == status, (name, log[name])
        if phrase:
            assert phrase in log[name][1], (name, log[name])


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_sample_loads_completely_beside_hostile_files(pipeline_run, name):
    doc = document_from_bytes(sample_bytes(name), name)
    expected = extract_document(doc, read_metadata(doc))
    assert expected.issues == []
    for dataset, table in FACTS.items():
        (count,) = _sql(pipeline_run, f"select count(*) from marts.{table} where document_id = ?", [doc.document_id])[0]
        assert count == len(expected.rows.get(dataset, [])), (name, table)


def test_a_cut_document_loads_its_complete_tables_and_reports_the_rest(pipeline_run):
    (document_id,) = _sql(pipeline_run, "select document_id from marts.dim_document "
                                        "where source_file = 'hostile/truncated.txt'")[0]
    tables = Counter(t for (t,) in _sql(pipeline_run, "select table_code from marts.fct_income "
                                                      "where document_id = ?", [document_id]))
    assert set(tables) == {"01", "02"}
    errors = dict(_sql(pipeline_run, "select table_code, message from marts.extraction_error "
                                     "where document_id = ?", [document_id]))
    assert "cut short" in errors["03"]
    assert {"04", "05", "06", "07", "08", "09"} <= set(errors)
    assert _sql(pipeline_run, "select count(*) from marts.fct_expenditure where document_id = ? "
                              "and table_code = '03'", [document_id]) == [(0,)]


def test_broken_characters_affect_only_their_lines(pipeline_run):
    (document_id,) = _sql(pipeline_run, "select document_id from marts.dim_document "
                                        "where source_file = 'hostile/broken_chars.txt'")[0]
    guyuan = document_from_bytes(sample_bytes("004_a15be56197084065.txt"), "004").document_id
    for table in FACTS.values():
        counts = _sql(pipeline_run, f"select count(*) filter (where document_id = ?), "
                                    f"count(*) filter (where document_id = ?) from marts.{table}",
                      [document_id, guyuan])[0]
        assert counts[0] == counts[1], table
