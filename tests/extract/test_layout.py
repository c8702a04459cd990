"""Cutting text printed without tabs into cells: column widths, columns from shared positions."""

from __future__ import annotations

from bdw.extract import layout
from bdw.extract.numbers import parse_amount


def is_figure(word: str) -> bool:
    return parse_amount(word) is not None


def cut(lines: list[str], wide: int | None = None) -> layout.AlignedPart:
    data = [any(is_figure(w) for w in line.split()) for line in lines]
    return layout.aligned_cells(lines, data, is_figure, wide)


def draw(rows: list[list[str]], wide: int = layout.WIDE, gap: int = 2) -> list[str]:
    """Rows printed in columns as wide as their widest cell (CJK ``wide`` columns), amounts
    right-aligned, empty cells blank: how a fixed-width rendering prints a table."""
    count = max(len(row) for row in rows)
    widths = [max(layout.display_width(row[c], wide) for row in rows if c < len(row)) for c in range(count)]
    lines = []
    for row in rows:
        line = ""
        for c, cell in enumerate(row):
            if not cell:
                continue
            start = sum(widths[:c]) + gap * c
            if "." in cell:
                start += widths[c] - layout.display_width(cell, wide)
            line += " " * (start - layout.display_width(line, wide)) + cell
        lines.append(line)
    return lines


def test_a_cjk_character_is_two_columns_as_drawn_and_one_as_pdftotext_counts():
    assert layout.display_width("项目 12.5") == 2 + 2 + 1 + 4
    assert layout.display_width("项目 12.5", layout.NARROW) == 7
    assert layout.display_width("\u3000") == 2  # an ideographic space is as wide as a character
    assert layout.display_width("\f项目") == 4  # a form feed (page break) takes no room


def test_one_space_joins_words_into_a_cell_two_part_them():
    words = layout.words("项 目   决算数  201 06")
    assert [(s.text, s.start, s.end) for s in layout.segments(words)] == [
        ("项 目", 0, 5), ("决算数", 8, 14), ("201 06", 16, 22)]


def test_columns_come_from_the_rows_with_figures_and_keep_blank_cells():
    rows = [
        ["项目", "", "本年支出合计", "基本支出", "项目支出"],
        ["201", "一般公共服务支出", "2,106.66", "1,503.52", "603.14"],
        ["2010602", "一般行政管理事务", "10.00", "", "10.00"],
    ]
    for wide in (layout.WIDE, layout.NARROW):
        part = cut(draw(rows, wide))
        assert part.cells == rows
        assert part.kinds == ["number", "text", "amount", "amount", "amount"]


def test_a_header_label_no_row_fills_gets_a_column_of_its_own():
    """``科目名称`` printed between the codes and the first figures: a label column, never a figure one."""
    part = cut([
        "项目                 科目名称  本年收入合计",
        "201 一般公共服务支出            42,320.00",
    ])
    assert part.cells == [["项目", "科目名称", "本年收入合计"], ["201 一般公共服务支出", "", "42,320.00"]]


def test_a_header_piece_over_narrow_numbers_widens_their_column():
    """``上级补助`` / ``收入`` left-aligned over a right-aligned ``0.00``: one column, not two."""
    part = cut([
        "项目      上级补助  事业收入",
        "          收入",
        "合计          0.00      0.00",
    ])
    assert part.cells == [["项目", "上级补助", "事业收入"], ["", "收入", ""], ["合计", "0.00", "0.00"]]


def test_two_pieces_of_one_line_in_one_column_do_not_fit():
    """A row printed off the table's columns (pdftotext squeezes some) is left to be read in order."""
    lines = draw([["208", "05", "05", "机关事业单位基本养老保险缴费支出", "160.75", "160.75"],
                  ["210", "11", "", "行政事业单位医疗", "60.99", "60.99"]], layout.NARROW)
    lines.append("210  11  01  行政单位医疗    60.99    60.99")  # squeezed: its figures under the names
    part = cut(lines, layout.NARROW)
    assert part.cells[1] == ["210", "11", "", "行政事业单位医疗", "60.99", "60.99"]
    assert part.cells[2] is None


def test_the_width_that_lines_the_rows_up_is_taken():
    rows = [["一、一般公共预算财政拨款收入", "930.50", "一、一般公共服务支出", "0.00"],
            ["八、其他收入", "15.60", "八、社会保障和就业支出", "32.93"],
            ["", "", "九、卫生健康支出", "899.97"]]
    drawn, counted = draw(rows, layout.WIDE), draw(rows, layout.NARROW)  # as an editor / as pdftotext
    assert layout.cjk_width([(drawn, [True] * 3)]) == layout.WIDE
    assert layout.cjk_width([(counted, [True] * 3)]) == layout.NARROW
    assert cut(drawn).cells == cut(counted).cells == rows


def test_a_page_without_its_header_follows_the_previous_pages_columns():
    first = cut(draw([["项目", "行次", "决算数", "项目", "行次", "决算数"],
                      ["一、财政拨款收入", "1", "930.50", "一、一般公共服务支出", "31", "46.00"]]))
    # the next page, laid out on its own: no header, other positions, the income amounts empty
    page = cut(draw([["七、附属单位上缴收入", "7", "", "七、文化旅游体育与传媒支出", "37", "12.00"]]))
    followed = layout.follow_columns(page, first)
    assert followed is not None
    assert followed.cells == [["七、附属单位上缴收入", "7", "", "七、文化旅游体育与传媒支出", "37", "12.00"]]


def test_a_page_whose_columns_match_the_previous_ones_in_several_ways_is_not_placed():
    first = cut(draw([["项目", "决算数", "项目", "决算数"],
                      ["一、财政拨款收入", "930.50", "一、一般公共服务支出", "46.00"]]))
    page = cut(["十九、住房保障支出    22.63"])  # a label and an amount: left half or right half?
    assert layout.follow_columns(page, first) is None


def test_single_spaced_text_is_not_space_aligned():
    spaced = ["208 社会保障和就业支出 32.93 31.57 1.36 0.00", "合计 955.54 491.03 464.51"]
    aligned = ["208  社会保障和就业支出   32.93  31.57", "合计                955.54 491.03"]
    assert not layout.is_space_aligned(spaced, is_figure)
    assert layout.is_space_aligned(aligned, is_figure)
