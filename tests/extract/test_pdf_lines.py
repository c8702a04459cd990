"""The PDF line model on small, built layouts: lines, cells, tables across pages, split codes, titles."""

from __future__ import annotations

from bdw.extract.final_account.sections import is_other_table, locate_tables, title_code
from bdw.extract.pdf import (
    Cell,
    Page,
    PageTable,
    TableRow,
    TextLine,
    Word,
    cell_text,
    join_continuations,
    merge_code_columns,
    render,
    text_lines,
)
from bdw.extract.pdf.chars import Char
from bdw.extract.pdf.grid import find_tables
from bdw.extract.pdf.paths import Edge
from bdw.extract.pdf.words import words
from bdw.extract.source import SourceDocument


def _word(text, x0, top, size=12.0):
    return Word(text, x0, x0 + size * len(text), top, top + size, size, True)


def test_words_a_little_below_the_line_stay_on_it():
    words = [_word("上海市普陀区财政局", 95, 183.1), _word("2024", 203, 187.9), _word("年度收入支出总计", 227, 183.1),
             _word("2995.39", 323, 187.9), _word("万元。", 362, 183.1), _word("支出总计减少", 72, 197.0)]
    lines = text_lines(words)
    assert [line.text for line in lines] == ["上海市普陀区财政局2024年度收入支出总计2995.39万元。", "支出总计减少"]


def test_a_printed_space_stays_a_space():
    words = [_word("第二部分", 100, 70, 18), _word("上海市", 100 + 4 * 18 + 9, 70, 18)]
    assert text_lines(words)[0].text == "第二部分 上海市"


def test_cell_text_joins_wrapped_and_letter_spaced_text():
    assert cell_text("本年收入合\n计") == "本年收入合计"
    assert cell_text("附属单\n位上\n缴收入") == "附属单位上缴收入"
    assert cell_text("因 公 出 国 （ 境 ） 费\n用") == "因公出国（境）费用"
    assert cell_text("1,511.9\n0") == "1,511.90"
    assert cell_text(None) == "" and cell_text("a\tb") == "a b"


def _table(page, rows, columns, width=842.0):
    return PageTable(page, width, 100.0, columns,
                     [TableRow(100.0 + i, [Cell(t, *columns[j]) for j, t in enumerate(r)]) for i, r in enumerate(rows)])


COLUMNS = [(10, 40), (40, 60), (60, 200), (200, 260), (260, 320)]


def test_continuation_drops_the_repeated_header_and_keeps_its_rows():
    first = _table(1, [["类", "款", "科目名称", "合计", "基本支出"],
                       ["201", "", "一般公共服务支出", "10.00", "10.00"]], COLUMNS)
    second = _table(2, [["类", "款", "科目名称", "合计", "基本支出"],
                        ["201", "06", "财政事务", "10.00", "10.00"]], COLUMNS)
    pages = [Page(1, 842, [TextLine(50, "支出决算表"), first]), Page(2, 842, [TextLine(20, "- 2 -"), second])]
    join_continuations(pages)
    merge_code_columns(pages)
    lines, page_of, _ = render(pages)
    assert lines == ["支出决算表", "类款\t科目名称\t合计\t基本支出", "201\t一般公共服务支出\t10.00\t10.00",
                     "- 2 -", "20106\t财政事务\t10.00\t10.00"]
    assert page_of == [1, 1, 1, 2, 2]


def test_a_narrower_continuation_is_realigned_by_position():
    first = _table(1, [["类", "款", "科目名称", "合计", "基本支出"], ["201", "", "一般公共服务支出", "10.00", "10.00"]],
                   COLUMNS)
    # the continuation page prints no code columns: its name starts where the first part's name column is
    narrow = [(60, 200), (200, 260), (260, 320)]
    second = _table(2, [["财政事务", "3.00", "3.00"]], narrow)
    pages = [Page(1, 842, [first]), Page(2, 842, [second])]
    join_continuations(pages)
    assert second.rows[0].texts() == ["", "", "财政事务", "3.00", "3.00"]
    assert second.continues is first


def test_a_continuation_on_a_page_of_another_size_is_right_aligned():
    first = _table(1, [["项目", "合计", "基本支出"], ["合计", "1.00", "1.00"]], [(0, 100), (100, 150), (150, 200)])
    second = _table(2, [["2.00", "2.00"]], [(0, 50), (50, 100)], width=595.0)
    join_continuations([Page(1, 842, [first]), Page(2, 595, [second])])
    assert second.rows[0].texts() == ["", "2.00", "2.00"]


def test_a_table_after_a_title_is_not_a_continuation():
    first = _table(1, [["项目", "合计"], ["合计", "1.00"]], [(0, 100), (100, 150)])
    second = _table(2, [["项目", "合计"], ["合计", "2.00"]], [(0, 100), (100, 150)])
    join_continuations([Page(1, 842, [first]), Page(2, 842, [TextLine(10, "收入决算表"), second])])
    assert second.continues is None and len(second.rows) == 2


def test_code_columns_are_merged_only_under_class_headers():
    table = _table(1, [["项目", "", "合计", "基本支出"], ["类", "款", "", ""], ["301", "01", "12", "13"]],
                   [(0, 40), (40, 60), (60, 120), (120, 180)])
    merge_code_columns([Page(1, 842, [table])])
    assert [row.texts() for row in table.rows] == [["项目", "合计", "基本支出"], ["类款", "", ""],
                                                   ["30101", "12", "13"]]
    plain = _table(1, [["项目", "一", "二"], ["合计", "12", "13"]], [(0, 40), (40, 60), (60, 120)])
    merge_code_columns([Page(1, 842, [plain])])
    assert [row.texts() for row in plain.rows] == [["项目", "一", "二"], ["合计", "12", "13"]]


def test_titles_of_other_templates_map_to_their_codes():
    assert title_code("财政拨款收支决算总表") == "04"
    assert title_code("四、财政拨款收入支出决算总表") == "04"
    assert title_code("一般公共预算财政拨款支出决算明细表") == "05"
    assert title_code("一般公共预算财政拨款基本支出决算明细表") == "06"
    assert title_code("财政拨款“三公”经费支出决算表") == "07"
    assert title_code("财政拨款 三公 经费支出决算表") == "07"
    assert title_code("国有资本经营预算财政拨款收入支出决算表") == "09"
    assert title_code("收入支出决算总表") == "01" and title_code("支出决算表") == "03"


def test_tables_outside_the_nine_are_never_one_of_them():
    for title in ("机关运行经费支出决算表", "政府采购情况表", "一般公共预算财政拨款项目支出决算表"):
        assert title_code(title) is None
        assert is_other_table(title)
    lines = ("一般公共预算财政拨款基本支出决算表", "单位：万元", "科目编码\t科目名称\t金额",
             "301\t工资福利支出\t1.00", "人员经费合计\t1.00", "机关运行经费支出决算表", "单位：万元",
             "项目\t金额", "机关运行经费\t5.00", "政府采购情况表", "项目\t金额", "合计\t9.00")
    doc = SourceDocument("x.txt", "0" * 64, "utf-8", lines)
    located = locate_tables(doc)
    assert sorted(located) == ["06"]
    assert [row.line for row in located["06"].rows] == [3, 4, 5]
    assert located["06"].trailer == "机关运行经费支出决算表"


def _char(text, x0, top, size=12.0, width=None):
    width = size if width is None else width
    return Char(text, x0, x0 + width, top, top + size, size, True)


def test_a_gap_of_exactly_the_tolerance_ends_a_word():
    # PDFium gives the printed positions, so a gap of 3.00 pt is exactly the tolerance: it splits
    # (pdfminer's float noise used to decide); a gap a little under it does not
    assert [w.text for w in words([_char("局", 0, 10), _char("决", 15, 10)])] == ["局", "决"]
    assert [w.text for w in words([_char("局", 0, 10), _char("决", 14.99, 10)])] == ["局决"]
    assert [w.text for w in words([_char("1", 0, 10, width=6), _char(" ", 6, 10, width=3), _char("2", 9, 10)])] \
        == ["1", "2"]


def test_runs_of_another_size_never_join_a_word_outside_tables():
    chars = [_char("2", 0, 10, size=12.0), _char("0", 6, 10, size=14.0)]
    assert [w.text for w in words(chars)] == ["2", "0"]
    assert [w.text for w in words(chars, by_size=False)] == ["20"]


def test_ruled_cells_need_edges_closer_than_the_join_tolerance():
    def box(x0, top, x1, bottom):
        return [Edge("h", x0, top, x1, top), Edge("h", x0, bottom, x1, bottom),
                Edge("v", x0, top, x0, bottom), Edge("v", x1, top, x1, bottom)]

    two_by_one = box(0, 0, 50, 20) + box(50, 0, 100, 20)
    apart = two_by_one + [e._replace(top=e.top + 23, bottom=e.bottom + 23) for e in two_by_one]  # 3.0 pt gap
    assert [len(grid.rows) for grid in find_tables(apart)] == [1, 1]
    touching = two_by_one + [e._replace(top=e.top + 22.9, bottom=e.bottom + 22.9) for e in two_by_one]
    assert len(find_tables(touching)) == 1
