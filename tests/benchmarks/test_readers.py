"""The reader benchmark measures what it says: every layout's generated file is read back as
that layout, every record valid (timings are never asserted: BENCHMARKS.md records them)."""

import pytest

from benchmarks.readers import LAYOUTS, measure_layout, table


@pytest.mark.parametrize("label", list(LAYOUTS))
def test_each_generated_layout_reads_back_whole(label):
    result = measure_layout(label, 300, 1)  # raises SystemExit on a wrong layout or a lost row
    assert result["records"] == 300 and result["bytes"] > 0 and len(result["times"]) == 1
    assert table([result], 1)[2].startswith(f"| {label} | 300 |")
