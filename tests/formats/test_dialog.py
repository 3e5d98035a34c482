"""The dialog kinerja readers (formats/dialog.py): each export recognised by its header in CSV,
XLSX and JSON, free text turned into a length and a SHA-256 at the door, names dropped, and each
reader-level reason with its line."""

from __future__ import annotations

import hashlib
import io
import json

import pandas as pd
import pytest
import xlsxwriter

from formats.base import FileEmpty, FileRejected
from formats.ekinerja import ALL_LAYOUTS, read_ekinerja
from vocabulary import columns as c

PEMBERI, PENERIMA = "198509122010011001", "198509122010011002"
TEXT = "  Pimpinan: menurut saya   sudah CUKUP baik "
NORMALISED = "pimpinan: menurut saya sudah cukup baik"
HASH = "a" * 64


def read(data: bytes, name: str):
    return read_ekinerja(data, f"ekinerja/{name}", ALL_LAYOUTS)


def csv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


def xlsx(header: list[str], rows: list[list[str]]) -> bytes:
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = book.add_worksheet("Sheet1")
    for i, row in enumerate([header, *rows]):
        for j, v in enumerate(row):
            ws.write_string(i, j, v)
    book.close()
    return buf.getvalue()


def test_umpan_balik_csv_keeps_no_text_and_no_name():
    result = read(
        csv(
            "feedback_id,nip_pemberi,nama_pemberi,nip_penerima,nama_penerima,relasi,objek,"
            "ref_id,periode,tanggal_diberikan,tanggal_input,umpan_balik,bukti_dukung_n",
            f"F1,{PEMBERI},Andi Wijaya,{PENERIMA},Budi Santoso,Atasan Langsung,Hasil Kerja,R1,"
            f'2024-TW1,2024-03-20,2024-03-21 10:15,"{TEXT}",2',
            f"F2,{PEMBERI},Andi Wijaya,{PENERIMA},Budi Santoso,,perilaku,Berorientasi "
            "Pelayanan,2024-03,20/03/2024,,,",
        ),
        "umpan_balik.csv",
    )
    assert result.layout == "dialog_umpan_balik"
    rows = result.rows
    assert rows[c.PERIOD].tolist() == ["2024-Q1", "2024-03"]
    assert rows[c.RELASI].tolist() == ["penilai", "penilai"]  # no relasi: the form's penilai
    assert rows[c.OBJEK].tolist() == ["rhk", "perilaku"]
    assert rows[c.REF_ID].tolist() == ["R1", "berorientasi_pelayanan"]
    assert rows[c.TANGGAL_INPUT].tolist()[0] == pd.Timestamp("2024-03-21")
    assert rows[c.TEKS_PANJANG].tolist() == [len(NORMALISED), 0]
    assert rows[c.ADA_TEKS].tolist() == [True, False]
    digest = hashlib.sha256(NORMALISED.encode()).hexdigest()
    assert rows[c.TEKS_HASH].tolist()[0] == digest and pd.isna(rows[c.TEKS_HASH].iloc[1])
    assert rows[c.BUKTI_DUKUNG_N].tolist()[0] == 2
    everything = rows.astype("string").to_csv()
    for gone in ("menurut", "Andi", "Budi"):
        assert gone not in everything


def test_ekspektasi_xlsx_and_pembinaan_json_by_header():
    ek = read(
        xlsx(
            ["tahun", "skp_id", "nip", "nama", "nip_penilai", "objek", "ref_id",
             "ekspektasi_khusus", "tanggal_klarifikasi"],
            [["2024", "skp1", PENERIMA, "Budi", PEMBERI, "perilaku", "Akuntabel",
              "Jujur dan tepat waktu", "2024-01-15"]],
        ),
        "ekspektasi.xlsx",
    )  # fmt: skip
    assert ek.layout == "dialog_ekspektasi"
    row = ek.rows.iloc[0]
    assert (row[c.TAHUN], row[c.OBJEK], row[c.REF_ID], row[c.EKSPEKTASI_ADA]) == (
        2024,
        "perilaku",
        "akuntabel",
        True,
    )
    assert row[c.TEKS_PANJANG] == len("jujur dan tepat waktu")
    assert "Jujur" not in ek.rows.astype("string").to_csv()
    sessions = [
        {"nip": PENERIMA, "nip_pembina": PEMBERI, "jenis": "Konseling Kinerja",
         "tanggal": "2024-04-20", "pemicu": "rating di bawah", "catatan": "sangat pribadi"},
    ]  # fmt: skip
    pb = read(json.dumps({"data": sessions}).encode(), "pembinaan.json")
    assert pb.layout == "dialog_pembinaan"
    got = pb.rows.iloc[0]
    assert (got[c.JENIS], got[c.PERIOD], got[c.PEMICU], got[c.STATUS]) == (
        "konseling",
        "2024-04",
        "rating_di_bawah",
        "selesai",  # no status column: a recorded session was held
    )
    assert "pribadi" not in pb.rows.astype("string").to_csv()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        pytest.param(
            "ub.csv", b"nip_pemberi,nip_penerima,objek\n", "a header row", id="umpan balik"
        ),
        pytest.param("ek.csv", b"nip,objek,ref_id\n", "a header row", id="ekspektasi"),
        pytest.param("pb.json", b'{"data": []}', "holds no records", id="pembinaan"),
    ],
)
def test_a_header_only_or_empty_export_is_empty_not_rejected(name, data, message):
    with pytest.raises(FileEmpty, match=message):
        read(data, name)


def test_a_caller_that_does_not_read_dialogue_layouts_rejects_them():
    data = csv("nip_pemberi,nip_penerima,periode", f"{PEMBERI},{PENERIMA},2024-Q1")
    with pytest.raises(FileRejected, match="dialog kinerja umpan balik export"):
        read_ekinerja(data, "ekinerja/ub.csv")


UB = "nip_pemberi,nip_penerima,relasi,objek,ref_id,periode,tanggal_diberikan,teks_hash"
OK = f"{PEMBERI},{PENERIMA},penilai,rhk,R1,2024-Q1,2024-03-20,{HASH}"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        pytest.param(
            f"{PEMBERI},{PENERIMA},boss,rhk,R1,2024-Q1,2024-03-20,{HASH}",
            "relasi 'boss' is not penilai, atasan_penilai, pimpinan_lain, rekan or bawahan",
            id="relasi",
        ),
        pytest.param(
            f"{PEMBERI},{PENERIMA},penilai,kegiatan,R1,2024-Q1,2024-03-20,{HASH}",
            "objek 'kegiatan' is not rhk, rencana_aksi, perilaku or umum",
            id="objek",
        ),
        pytest.param(
            f"{PEMBERI},{PENERIMA},penilai,rhk,R1,2024-S1,2024-03-20,{HASH}",
            "periode '2024-S1' is not a month (YYYY-MM) or a quarter (YYYY-Qn)",
            id="periode",
        ),
        pytest.param(
            f"{PEMBERI},{PENERIMA},penilai,rhk,R1,2024-Q1,kemarin,{HASH}",
            "tanggal_diberikan 'kemarin' is not a date",
            id="tanggal",
        ),
        pytest.param(
            f"{PEMBERI},{PENERIMA},penilai,rhk,R1,2024-Q1,2024-03-20,xyz",
            "teks_hash 'xyz' is not a SHA-256 (64 hex digits)",
            id="hash",
        ),
        pytest.param(
            f",{PENERIMA},penilai,rhk,R1,2024-Q1,2024-03-20,{HASH}",
            "nip_pemberi is empty",
            id="no giver",
        ),
    ],
)
def test_umpan_balik_reader_reasons(line, reason):
    result = read(csv(UB, OK, line), "ub.csv")
    assert len(result.rows) == 1
    assert result.quarantine[[c.SOURCE_LINE, c.REASON]].values.tolist() == [[3, reason]]


@pytest.mark.parametrize(
    ("header", "line", "reason"),
    [
        pytest.param(
            "nip,objek,ref_id,tahun",
            f"{PENERIMA},kegiatan,R1,2024",
            "objek 'kegiatan' is not rhk or perilaku",
            id="ekspektasi objek",
        ),
        pytest.param(
            "nip,objek,ref_id,teks_panjang",
            f"{PENERIMA},rhk,R1,-3",
            "no tahun and no tanggal_klarifikasi: the SKP has no year",
            id="ekspektasi year",
        ),
        pytest.param(
            "nip,nip_pembina,jenis,tanggal,status",
            f"{PENERIMA},{PEMBERI},ngobrol,2024-04-20,selesai",
            "jenis 'ngobrol' is not bimbingan, konseling, coaching, mentoring or lainnya",
            id="pembinaan jenis",
        ),
        pytest.param(
            "nip,nip_pembina,jenis,tanggal,status",
            f"{PENERIMA},{PEMBERI},bimbingan,2024-04-20,",
            "status '' is not dijadwalkan, selesai or batal",
            id="pembinaan status",
        ),
        pytest.param(
            "nip,nip_pembina,jenis,tanggal,status",
            f"{PENERIMA},{PEMBERI},bimbingan,,selesai",
            "tanggal is empty: when was the session?",
            id="pembinaan tanggal",
        ),
    ],
)
def test_ekspektasi_and_pembinaan_reader_reasons(header, line, reason):
    result = read(csv(header, line), "x.csv")
    assert result.rows.empty
    assert result.quarantine[[c.SOURCE_LINE, c.REASON]].values.tolist() == [[2, reason]]
