"""Every attendance layout with a header row is read by the names in it, never by position
(issue 19): for each, the same records with the columns shuffled and unknown columns added give
exactly the same punches (line, PIN, local time, hint, verify) and the same quarantine."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from formats.attendance import read_attendance
from formats.headers import HEADER_LAYOUTS
from formats.tabular import header_key
from vocabulary import columns as c

FAST = settings(max_examples=30, deadline=None, derandomize=True)
KNOWN = {alias for h in HEADER_LAYOUTS for aliases in h.columns.values() for alias in aliases}

# layout -> (delimiter, date order, {header name: values of the two records}, the punches)
LAYOUTS = {
    "zktime_acno": (
        ",",
        None,
        {
            "AC-No.": ["12", "7"],
            "No.": ["1", "2"],
            "Name": ["BUDI", "SITI"],
            "Time": ["3/4/2024 7:31 AM", "3/4/2024 4:02 PM"],
            "State": ["C/In", "C/Out"],
        },
        [("12", "2024-03-04 07:31:00", "C/In"), ("7", "2024-03-04 16:02:00", "C/Out")],
    ),
    "zk_glog": (
        "\t",
        None,
        {
            "No": ["1", "2"],
            "TMNo": ["1", "1"],
            "EnNo": ["12", "7"],
            "Name GMNo": ["BUDI 1", " 1"],
            "Mode": ["1", "3"],
            "IN/OUT": ["0", "1"],
            "DateTime": ["2024/03/04 07:21:05", "2024/03/04 16:31:59"],
        },
        [("12", "2024-03-04 07:21:05", "0"), ("7", "2024-03-04 16:31:59", "1")],
    ),
    "biotime_csv": (
        ",",
        "dmy",
        {
            "emp_code": ["1001", "1002"],
            "first_name": ["Budi", "Siti"],
            "punch_time": ["04/03/2024 07:21:05", "04/03/2024 16:05:40"],
            "punch_state": ["0", "1"],
            "verify_type": ["1", "15"],
            "terminal_sn": ["BT01", "BT01"],
        },
        [("1001", "2024-03-04 07:21:05", "0"), ("1002", "2024-03-04 16:05:40", "1")],
    ),
    "zk_standalone_csv": (
        ",",
        None,
        {
            "Department": ["DINKES", "DINKES"],
            "Name": ["Budi", "Siti"],
            "No.": ["12", "7"],
            "Date/Time": ["04/03/2024 07:31", "04/03/2024 16:02"],
            "Status": ["C/In", "C/Out"],
            "Location ID": ["1", "1"],
        },
        [("12", "2024-03-04 07:31:00", "C/In"), ("7", "2024-03-04 16:02:00", "C/Out")],
    ),
    "att2000_checkinout": (
        ",",
        None,
        {
            "USERID": ["12", "7"],
            "CHECKTIME": ["3/4/2024 7:26 AM", "3/4/2024 5:31 PM"],
            "CHECKTYPE": ["I", "O"],
            "VERIFYCODE": ["1", "1"],
            "SENSORID": ["1", "1"],
            "sn": ["3485154901201", "3485154901201"],
        },
        [("12", "2024-03-04 07:26:00", "I"), ("7", "2024-03-04 17:31:00", "O")],
    ),
}

names = st.text("abcdefghijklmnopqrstuvwxyzXYZ_ ", min_size=3, max_size=12).filter(
    lambda n: n.strip() == n and header_key(n) and header_key(n) not in KNOWN
)
values = st.text("abcdefghijklmnopqrstuvwxyz0123456789 -", max_size=8)


def render(delim: str, columns: dict[str, list[str]]) -> bytes:
    rows = [delim.join(columns)]
    rows += [delim.join(col[i] for col in columns.values()) for i in range(2)]
    return ("\n".join(rows) + "\n").encode()


def read(layout: str, columns: dict[str, list[str]]):
    delim, order, _, _ = LAYOUTS[layout]
    return read_attendance(render(delim, columns), "attendance/m1/export", "m1", order)


def seen(result) -> list[tuple]:
    rows = result.rows
    return [
        (int(line), pin, str(when), hint, verify)
        for line, pin, when, hint, verify in zip(
            rows[c.SOURCE_LINE],
            rows[c.PIN],
            rows[c.LOCAL_TIME],
            rows[c.DIRECTION_HINT].fillna("-"),
            rows[c.VERIFY].fillna("-"),
            strict=True,
        )
    ]


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_the_fixture_reads_as_its_layout(layout):
    _, _, columns, expected = LAYOUTS[layout]
    result = read(layout, columns)
    assert result.layout == layout
    assert [(pin, when, hint) for _, pin, when, hint, _ in seen(result)] == expected
    assert result.quarantine.empty


@pytest.mark.parametrize("layout", list(LAYOUTS))
@FAST
@given(data=st.data())
def test_shuffled_columns_and_unknown_columns_give_the_same_punches(layout, data):
    _, _, columns, _ = LAYOUTS[layout]
    baseline = read(layout, columns)
    extra = data.draw(st.lists(names, max_size=4, unique_by=header_key), label="extra columns")
    extra = [n for n in extra if header_key(n) not in {header_key(k) for k in columns}]
    mixed = dict(columns)
    for name in extra:
        mixed[name] = [data.draw(values), data.draw(values)]
    order = data.draw(st.permutations(list(mixed)), label="column order")
    result = read(layout, {name: mixed[name] for name in order})
    assert result.layout == layout
    assert seen(result) == seen(baseline)
    assert result.quarantine.empty
