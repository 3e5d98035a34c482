"""NIP and NI PPPK validation: structure, as text, with reasons an HR clerk can act on."""

import pandas as pd
import pytest

from vocabulary.nip import check_nips


@pytest.mark.parametrize(
    ("value", "nip", "kind"),
    [
        pytest.param("199001012015031001", "199001012015031001", "pns", id="pns"),
        pytest.param(
            "19860926 201505 1 001", "198609262015051001", "pns", id="printed with spaces"
        ),
        pytest.param(
            " 198609262015052001\u00a0", "198609262015052001", "pns", id="nbsp and blanks"
        ),
        pytest.param("200012312024211001", "200012312024211001", "pppk", id="pppk code 2 count 1"),
        pytest.param("199507202022291003", "199507202022291003", "pppk", id="pppk 9th contract"),
    ],
)
def test_valid(value, nip, kind):
    out = check_nips(pd.Series([value]))
    assert out.loc[0, "nip"] == nip and out.loc[0, "kind"] == kind
    assert pd.isna(out.loc[0, "reason"])


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        pytest.param(
            "1.99001E+17",
            "NIP in scientific notation (1.99001E+17): it was stored as a "
            "spreadsheet number and its last digits are lost; re-export the column as text",
            id="scientific notation",
        ),
        pytest.param(
            "199001012015031001.0",
            "NIP has a decimal part (199001012015031001.0): it was "
            "stored as a spreadsheet number; re-export the column as text",
            id="float text",
        ),
        pytest.param("19900101201503100", "NIP must have 18 digits, got 17", id="17 digits"),
        pytest.param("1990010120150310011", "NIP must have 18 digits, got 19", id="19 digits"),
        pytest.param(
            "19900101-2015031001",
            "NIP must contain digits only, got '19900101-2015031001'",
            id="dash",
        ),
        pytest.param(
            "199013012015031001",
            "NIP digits 1-8 are not a valid birth date (YYYYMMDD)",
            id="month 13",
        ),
        pytest.param(
            "199002302015031001",
            "NIP digits 1-8 are not a valid birth date (YYYYMMDD)",
            id="30 February",
        ),
        pytest.param(
            "192001012015031001",
            "NIP birth year is implausible for a serving employee",
            id="born 1920",
        ),
        pytest.param(
            "199001012015131001",
            "NIP digits 13-14 are neither a TMT month (PNS) nor a PPPK code '2' + contract count",
            id="tmt month 13",
        ),
        pytest.param(
            "199001012024201001",
            "NIP digits 13-14 are neither a TMT month (PNS) nor a PPPK code '2' + contract count",
            id="pppk count 0",
        ),
        pytest.param(
            "199001012005031001",
            "NIP TMT year is less than 18 years after the birth date",
            id="appointed at 15",
        ),
        pytest.param("199001012015033001", "NIP digit 15 (gender) must be 1 or 2", id="gender 3"),
        pytest.param(
            "199001012015031000", "NIP sequence (digits 16-18) cannot be 000", id="seq 000"
        ),
        pytest.param("", "NIP is empty", id="empty"),
    ],
)
def test_invalid(value, reason):
    out = check_nips(pd.Series([value]))
    assert out.loc[0, "reason"] == reason and pd.isna(out.loc[0, "kind"])


def test_missing_values_and_index_preserved():
    out = check_nips(pd.Series([None, "199001012015031001"], index=[7, 9]))
    assert list(out.index) == [7, 9]
    assert out.loc[7, "reason"] == "NIP is empty" and pd.isna(out.loc[9, "reason"])
