"""The validation runner: reasons per row, merged with the rules' reasons; never passes silently."""

import great_expectations as gx
import pandas as pd
import pytest

from expectations.runner import ValidationFailed, validate
from vocabulary import columns as c


def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            c.SOURCE_FILE: ["f.csv"] * 4,
            c.SOURCE_LINE: [2, 3, 4, 5],
            c.RAW: ["a", "b", "c", "d"],
            c.NIP: ["199001012015031001", "x", None, "199001012015031001"],
            c.KELAS_JABATAN: [7, 8, 30, 9],
        }
    )


def suite(*expectations) -> gx.ExpectationSuite:
    return gx.ExpectationSuite(name="t", expectations=list(expectations))


E = gx.expectations
NIP_FORMAT = E.ExpectColumnValuesToMatchRegex(
    column=c.NIP, regex=r"^[0-9]{18}$", meta={"reason": "nip is not 18 digits"}
)
KELAS = E.ExpectColumnValuesToBeBetween(
    column=c.KELAS_JABATAN, min_value=1, max_value=17, meta={"reason": "kelas_jabatan must be 1-17"}
)
NOT_NULL = E.ExpectColumnValuesToNotBeNull(column=c.NIP, meta={"reason": "nip is empty"})


def test_rows_are_split_with_every_reason_and_lineage():
    rules = pd.Series([pd.NA, pd.NA, pd.NA, "duplicate nip; first at f.csv:2"], dtype="string")
    out = validate(frame(), suite(NIP_FORMAT, KELAS, NOT_NULL), rules)
    assert out.valid[c.SOURCE_LINE].tolist() == [2]
    assert out.quarantine.values.tolist() == [
        ["f.csv", 3, "b", "contract: nip is not 18 digits"],
        ["f.csv", 4, "c", "contract: kelas_jabatan must be 1-17; contract: nip is empty"],
        ["f.csv", 5, "d", "duplicate nip; first at f.csv:2"],
    ]
    assert out.rows_in == 4 and out.failed_expectations == {
        "expect_column_values_to_match_regex(nip)": 1,
        "expect_column_values_to_be_between(kelas_jabatan)": 1,
        "expect_column_values_to_not_be_null(nip)": 1,
    }


def test_an_expectation_without_a_reason_fails_validation():
    bare = E.ExpectColumnValuesToNotBeNull(column=c.NIP)
    with pytest.raises(ValidationFailed, match="has no reason"):
        validate(frame(), suite(bare))


def test_a_missing_column_fails_validation_instead_of_passing():
    missing = E.ExpectColumnValuesToNotBeNull(column="no_such_column", meta={"reason": "x"})
    with pytest.raises(ValidationFailed):
        validate(frame(), suite(missing))
