"""The Plt/Plh assignments input (inbox/reference/, issue 22): read by header, Indonesian
wordings understood, bad rows quarantined with their reason, and absent, empty or header-only
files run with the stated default (no addition)."""

from pathlib import Path

import pandas as pd
import pytest

from ingest.kinds import Context
from ingest.reference import read_source
from resources.rulebook import load_profile
from tests.conftest import E1, E2
from vocabulary import columns as c

HEADER = "nomor_sk,nip,assignment_kind,covered_kelas,covered_position,date_from,date_to,sk_number\n"
DEFAULT = "no Plt/Plh assignments: nobody's TPP has a Plt/Plh addition"


def _read(tmp_path: Path, text: str | None):
    inbox = tmp_path / "inbox"
    (inbox / "reference").mkdir(parents=True)
    if text is not None:
        (inbox / "reference" / "plt.csv").write_text(text, encoding="utf-8")
    known = pd.Series([E1, E2], dtype="string")
    return read_source("tpp_reference", inbox, Context(load_profile("nasional"), known))[
        "plt_assignments"
    ]


def test_rows_are_read_by_header_and_bad_ones_quarantined(tmp_path):
    text = (
        "nip,jabatan,assignment_kind,covered_kelas,date_from,date_to,sk_number,covered_position\n"
        f"{E1},x,Pelaksana Tugas,12,01/10/2024,31/12/2024,800/12/2024,Kepala Dinas\n"
        f"{E2},x,plh,9,2024-10-07,2024-10-11,800/13/2024,\n"
        f"{E2},x,plt,18,2024-10-01,2024-10-31,800/14/2024,\n"
        f"{E2},x,plt,9,2024-11-01,2024-10-31,800/15/2024,\n"
        f"{E2},x,acting,9,2024-11-01,2024-11-30,800/16/2024,\n"
        f"{E2},x,plt,9,2024-12-01,2024-12-31,,\n"
        f"199901012020011001,x,plt,9,2024-12-01,2024-12-31,800/17/2024,\n"
    )
    checked = _read(tmp_path, text)
    v = checked.valid
    assert v[c.NIP].tolist() == [E1, E2]
    assert v[c.ASSIGNMENT_KIND].tolist() == ["plt", "plh"]
    assert v[c.COVERED_KELAS].tolist() == [12, 9]
    assert v[c.COVERED_POSITION].tolist()[0] == "Kepala Dinas"
    assert v[c.DATE_FROM].dt.strftime("%Y-%m-%d").tolist() == ["2024-10-01", "2024-10-07"]
    assert v[c.SK_NUMBER].tolist() == ["800/12/2024", "800/13/2024"]
    q = checked.quarantine.sort_values(c.SOURCE_LINE)
    assert q[c.SOURCE_LINE].tolist() == [4, 5, 6, 7, 8]
    reasons = q[c.REASON].tolist()
    assert reasons[0].startswith("covered_kelas '18' is not a kelas 1-17")
    assert reasons[1] == "date_to is before date_from"
    assert reasons[2] == "assignment_kind 'acting' is not plt or plh"
    assert reasons[3] == "sk_number is empty: an assignment is paid on its SK"
    assert reasons[4] == "nip 199901012020011001 is not in the employee master"
    assert len(v) + len(q) == 7


@pytest.mark.parametrize("text", [None, "", HEADER], ids=["absent", "0 bytes", "header only"])
def test_absent_empty_or_header_only_means_no_addition_and_says_so(tmp_path, text):
    checked = _read(tmp_path, text)
    assert checked.valid.empty
    assert DEFAULT in checked.audit["message"].astype("string").tolist()


def test_a_sanctions_file_may_give_the_new_posts_kelas(tmp_path):
    inbox = tmp_path / "inbox"
    (inbox / "reference").mkdir(parents=True)
    (inbox / "reference" / "sanctions.csv").write_text(
        "nip,sanction_type,decision_date,months,new_kelas\n"
        f"{E1},penurunan jabatan,2024-10-16,12,11\n"
        f"{E2},pembebasan jabatan,2024-10-16,12,18\n"
        f"{E2},teguran lisan,2024-10-16,0,\n",
        encoding="utf-8",
    )
    known = pd.Series([E1, E2], dtype="string")
    ctx = Context(load_profile("nasional"), known)
    checked = read_source("tpp_reference", inbox, ctx)["disciplinary_sanctions"]
    assert checked.valid[c.NEW_KELAS].tolist() == [11, pd.NA]
    assert checked.quarantine[c.REASON].tolist() == ["new_kelas '18' is not a kelas 1-17"]
