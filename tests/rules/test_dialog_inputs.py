"""Dialog kinerja validation (rules/performance/dialog_inputs.py): one hand-made row per rule of
dialog §3.4 with its exact reason, the penilai the org tree gives, and the relation check that
keeps a row as pimpinan_lain instead of quarantining it."""

from __future__ import annotations

import pandas as pd
import pytest

from rules.performance import dialog_inputs as di
from tests.dialog_fixtures import (
    ATASAN,
    P1,
    P2,
    P3,
    PENILAI,
    day,
    ekspektasi,
    employees,
    feedback_row,
    pembinaan,
    plans,
    rhk,
    rhk_id,
    umpan_balik,
)
from vocabulary import columns as c

KNOWN = employees()[c.NIP]
STRANGER = "199001012015031099"


def umpan_balik_reasons(*rows: dict, expected: list[dict] = ()) -> list:
    frame = umpan_balik(list(rows))
    return di.umpan_balik_reasons(frame, KNOWN, plans(), rhk(), ekspektasi(list(expected))).tolist()


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        pytest.param(feedback_row(P1, ref=rhk_id(P1, 1)), None, id="valid"),
        pytest.param(
            feedback_row(P1, ref=rhk_id(P1, 1), by=STRANGER),
            f"nip_pemberi {STRANGER} is not in the employee master",
            id="unknown giver",
        ),
        pytest.param(
            feedback_row(P1, ref=rhk_id(P1, 1), given="2024-03-20", entered="2024-03-18"),
            "tanggal_diberikan 2024-03-20 is after tanggal_input 2024-03-18 by more than a day: "
            "feedback cannot be given after it was entered",
            id="given after its entry",
        ),
        pytest.param(
            feedback_row(P1, ref=rhk_id(P1, 1), given="2024-03-19", entered="2024-03-18"),
            None,
            id="a day after its entry is tolerated",
        ),
        pytest.param(
            feedback_row(P1, ref=rhk_id(P1, 1), given="2023-12-20"),
            "tanggal_diberikan 2023-12-20 is before the SKP start 2024-01-01 of nip_penerima",
            id="before the SKP",
        ),
        pytest.param(
            feedback_row(P1, ref=None),
            "ref_id is empty: feedback on an RHK names it (ref_id or rhk_id)",
            id="rhk without ref",
        ),
        pytest.param(
            feedback_row(P1, ref=rhk_id(P3, 1)),
            f"ref_id '{rhk_id(P3, 1)}' is not an RHK of nip_penerima's SKP 2024",
            id="somebody else's RHK",
        ),
        pytest.param(
            feedback_row(P1, objek="rencana_aksi", ref="RA1", rhk_id="R99"),
            "rhk_id 'R99' of the rencana aksi is not an RHK of nip_penerima's SKP 2024",
            id="rencana aksi of an unknown RHK",
        ),
        pytest.param(
            feedback_row(P1, objek="perilaku", ref="jujur"),
            "ref_id 'jujur' is not a BerAKHLAK core value (berorientasi_pelayanan, akuntabel, "
            "kompeten, harmonis, loyal, adaptif, kolaboratif)",
            id="not a core value",
        ),
    ],
)
def test_each_umpan_balik_rule(row, reason):
    assert umpan_balik_reasons(row) == [reason if reason else pd.NA]


def test_an_rhk_is_only_checked_when_the_pegawai_has_an_rhk_list():
    # no RHK list of P1 for 2025: we cannot say the reference is wrong (unknown is not absent)
    row = feedback_row(P1, ref="R-anything", periode="2025-Q1", given="2025-02-01")
    assert umpan_balik_reasons(row) == [pd.NA]
    # an RHK named only in the ekspektasi export is an RHK of his SKP too
    expected = [{c.TAHUN: 2024, c.NIP: P1, c.OBJEK: "rhk", c.REF_ID: "R-EXTRA"}]
    assert umpan_balik_reasons(feedback_row(P1, ref="R-EXTRA"), expected=expected) == [pd.NA]


def test_a_later_copy_of_a_feedback_id_is_dropped():
    rows = [
        feedback_row(P1, ref=rhk_id(P1, 1), feedback_id="X1"),
        feedback_row(P1, ref=rhk_id(P1, 2), feedback_id="X1"),
    ]
    assert umpan_balik_reasons(*rows) == [
        pd.NA,
        "duplicate feedback_id; first at ekinerja/test.csv:2",
    ]


def test_ekspektasi_rules():
    rows = ekspektasi(
        [
            {c.TAHUN: 2024, c.NIP: P1, c.NIP_PENILAI: PENILAI, c.OBJEK: "rhk",
             c.REF_ID: rhk_id(P1, 1)},
            {c.TAHUN: 2024, c.NIP: P1, c.OBJEK: "rhk", c.REF_ID: rhk_id(P2, 1)},
            {c.TAHUN: 2024, c.NIP: P1, c.OBJEK: "perilaku", c.REF_ID: "santun"},
            {c.TAHUN: 2024, c.NIP: P1, c.NIP_PENILAI: STRANGER, c.OBJEK: "perilaku",
             c.REF_ID: "loyal"},
            {c.TAHUN: 2024, c.NIP: P1, c.NIP_PENILAI: PENILAI, c.OBJEK: "rhk",
             c.REF_ID: rhk_id(P1, 1)},
        ]
    )  # fmt: skip
    assert di.ekspektasi_reasons(rows, KNOWN, rhk()).tolist() == [
        pd.NA,
        f"ref_id '{rhk_id(P2, 1)}' is not an RHK of the pegawai's SKP 2024 in the RHK export",
        "ref_id 'santun' is not a BerAKHLAK core value (berorientasi_pelayanan, akuntabel, "
        "kompeten, harmonis, loyal, adaptif, kolaboratif)",
        f"nip_penilai {STRANGER} is not in the employee master",
        "duplicate ekspektasi of the SKP object; first at ekinerja/test.csv:2",
    ]


def test_pembinaan_rules():
    rows = pembinaan(
        [
            {c.NIP: P1, c.TANGGAL: "2024-04-20", c.TANGGAL_REVIU_BERIKUT: day("2024-05-20")},
            {c.NIP: P1, c.TANGGAL: "2024-04-20", c.TANGGAL_REVIU_BERIKUT: day("2024-04-19")},
            {c.NIP: STRANGER, c.TANGGAL: "2024-04-21"},
            {c.NIP: P2, c.TANGGAL: "2024-04-22", c.SESI_ID: "S0"},
        ]
    )  # fmt: skip
    assert di.pembinaan_reasons(rows, KNOWN).tolist() == [
        pd.NA,
        "tanggal_reviu_berikut is before the session's tanggal",
        f"nip {STRANGER} is not in the employee master",
        "duplicate sesi_id; first at ekinerja/test.csv:2",
    ]


def test_penilai_comes_from_the_ekspektasi_else_the_rhk_export():
    expected = ekspektasi(
        [{c.TAHUN: 2024, c.NIP: P1, c.NIP_PENILAI: ATASAN, c.OBJEK: "rhk", c.REF_ID: "x"}]
    )
    got = di.penilai_of(expected, rhk()).set_index([c.NIP, c.TAHUN])[c.NIP_PENILAI]
    assert got[(P1, 2024)] == ATASAN  # the ekspektasi wins over the RHK export's PENILAI
    assert got[(P2, 2024)] == PENILAI and got[(PENILAI, 2024)] == ATASAN


def test_a_relation_the_org_tree_contradicts_is_kept_not_counted():
    rows = umpan_balik(
        [
            feedback_row(P1, ref=rhk_id(P1, 1)),  # PENILAI is P1's penilai
            feedback_row(P1, ref=rhk_id(P1, 1), by=ATASAN),  # ATASAN is the penilai's penilai
            feedback_row(P1, ref=rhk_id(P1, 1), by=P3),  # P3 is neither
            feedback_row(P1, ref=rhk_id(P1, 1), by=PENILAI, relasi="atasan_penilai"),
            feedback_row(P3, ref=rhk_id(P3, 1), by=P1, relasi="rekan"),  # not checked
            feedback_row(ATASAN, ref="x", by=P1),  # ATASAN's penilai is unknown: kept as said
        ]
    )
    out = di.classify_relasi(rows, ekspektasi([]), rhk())
    assert out[c.RELASI].tolist() == [
        "penilai",
        "atasan_penilai",
        "pimpinan_lain",
        "penilai",
        "rekan",
        "penilai",
    ]
    assert out[c.RELASI_ASAL].tolist() == [
        "penilai", "penilai", "penilai", "atasan_penilai", "rekan", "penilai"
    ]  # fmt: skip
