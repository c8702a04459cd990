"""part_source_lines as the report, bdw check and the page regions read them: one reading for all three."""

from bdw.present.regions import line_numbers


def test_a_range_gives_both_its_ends_and_a_list_each_line():
    assert line_numbers("319–525") == [319, 525]  # a scorecard's rows: the region outlines both ends
    assert line_numbers("12, 14; 20") == [12, 14, 20]
    assert line_numbers(None) == [] and line_numbers("—") == []
