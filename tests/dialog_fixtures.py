"""Hand-made dialog kinerja data (issue 25), shared by the rules, warehouse and asset tests.

The worked example of shared/domain/dialog-kinerja.md §4: one unit ("Dinas Contoh") with three
pegawai of 4, 3 and 5 RHK in 2024-Q1 and feedback from their penilai on 4, 1 and 5 of them
(RHK coverage 10/12 = 83.33 %, pegawai coverage 2/3 = 66.67 %). Pegawai 2 is rated Di Bawah
Ekspektasi for 2024-Q1 on 2024-04-05 and his only feedback before that was on 2023-11-20 (the
note's look-back of one period starts 2024-01-01): one ``dialog_none_before_rating`` case, for
the penilai's atasan. Everyone else is there for the flags: PENILAI (kasi) rates the three,
ATASAN (kabid) is his penilai, OTHER sits in a unit without any umpan balik.
"""

from __future__ import annotations

import json

import pandas as pd

from formats.dialog import empty_dialog_frame
from formats.ekinerja import empty_frame
from formats.feedback_rhk_lapkin import empty_cycle_frame
from rules.performance.dialog import DialogInputs
from tests.feedback_rhk_lapkin_fixtures import nip
from vocabulary import columns as c

P1, P2, P3, PENILAI, ATASAN, OTHER = (nip(i) for i in range(21, 27))
UNIT, ELSEWHERE = "Dinas Contoh", "Dinas Lain"
RHK_OF = {P1: 4, P2: 3, P3: 5}
COVERED = {P1: 4, P2: 1, P3: 5}
HASHES = [f"{i:064x}" for i in range(1, 200)]


def day(text: str) -> pd.Timestamp:
    return pd.Timestamp(text)


def _frame(empty: pd.DataFrame, rows: list[dict]) -> pd.DataFrame:
    """Rows typed like the reader's output (columns and dtypes of its empty frame)."""
    if not rows:
        return empty
    new = pd.DataFrame(rows).reindex(columns=empty.columns)
    new[c.SOURCE_FILE] = "ekinerja/test.csv"
    new[c.SOURCE_LINE] = range(2, len(new) + 2)
    for col, kind in empty.dtypes.items():  # counts the tests do not set: 0, flags False
        if str(kind) in ("int64", "bool"):
            new[col] = new[col].fillna(0 if kind == "int64" else False)
    return pd.concat([empty, new], ignore_index=True).astype(empty.dtypes.to_dict())


def employees() -> pd.DataFrame:
    nips = [P1, P2, P3, PENILAI, ATASAN, OTHER]
    units = [UNIT] * 5 + [ELSEWHERE]
    return pd.DataFrame(
        {
            c.NIP: pd.Series(nips, dtype="string"),
            c.UNIT: pd.Series(units, dtype="string"),
            c.UNIT_INDUK: pd.Series(units, dtype="string"),
            c.ACTIVE_FROM: pd.Series([day("2010-01-01")] * 6, dtype="datetime64[s]"),
            c.ACTIVE_TO: pd.Series([pd.NaT] * 6, dtype="datetime64[s]"),
        }
    )


def plans(nips=(P1, P2, P3, OTHER)) -> pd.DataFrame:
    return _frame(
        empty_frame("skp_plans"),
        [
            {c.SKP_ID: f"skp-{n[-2:]}", c.NIP: n, c.IS_PLT_PLH: False,
             c.PERIOD_START: day("2024-01-01"), c.PERIOD_END: day("2024-12-31"),
             c.SKP_STATUS: "persetujuan"}
            for n in nips
        ],
    )  # fmt: skip


def rhk_id(who: str, k: int) -> str:
    return f"R{who[-2:]}-{k}"


def rhk(jenis: dict[str, str] | None = None) -> pd.DataFrame:
    """The RHK export: 4, 3 and 5 utama RHK, all with PENILAI as nip_atasan; PENILAI's own
    with ATASAN (so ATASAN is the penilai's atasan)."""
    rows = [
        {c.RHK_ID: rhk_id(who, k), c.SKP_ID: f"skp-{who[-2:]}", c.NIP: who, c.PERIOD: "2024",
         c.PERIOD_START: day("2024-01-01"), c.PERIOD_END: day("2024-12-31"),
         c.JENIS: (jenis or {}).get(rhk_id(who, k), "utama"), c.NIP_ATASAN: boss,
         c.IS_PLT_PLH: False}
        for who, n, boss in ((P1, 4, PENILAI), (P2, 3, PENILAI), (P3, 5, PENILAI),
                             (PENILAI, 1, ATASAN), (OTHER, 2, None))
        for k in range(1, n + 1)
    ]  # fmt: skip
    return _frame(empty_cycle_frame("rhk_plans"), rows)


def feedback_row(
    to: str,
    objek: str = "rhk",
    ref: str | None = None,
    periode: str = "2024-Q1",
    given: str = "2024-03-15",
    by: str = PENILAI,
    relasi: str = "penilai",
    entered: str | None = None,
    length: int | None = 60,
    digest: str | None = None,
    **more,
) -> dict:
    return {
        c.FEEDBACK_ID: more.pop("feedback_id", None),
        c.NIP_PEMBERI: by,
        c.NIP: to,
        c.RELASI: relasi,
        c.RELASI_ASAL: more.pop("relasi_asal", relasi),
        c.OBJEK: objek,
        c.REF_ID: ref,
        c.PERIOD: periode,
        c.TANGGAL_DIBERIKAN: day(given),
        c.TANGGAL_INPUT: day(entered or given),
        c.ADA_TEKS: length is None or length > 0,
        c.TEKS_PANJANG: length,
        c.TEKS_HASH: digest,
        **more,
    }


def worked_feedback() -> list[dict]:
    rows = [
        feedback_row(who, ref=rhk_id(who, k))
        for who in (P1, P3)
        for k in range(1, COVERED[who] + 1)
    ]
    rows.append(feedback_row(P2, ref=rhk_id(P2, 1), given="2023-11-20"))
    return rows


def umpan_balik(rows: list[dict]) -> pd.DataFrame:
    numbered = [{**r, c.FEEDBACK_ID: r[c.FEEDBACK_ID] or f"F{i}"} for i, r in enumerate(rows)]
    for i, r in enumerate(numbered):
        if r[c.TEKS_HASH] is None:
            r[c.TEKS_HASH] = HASHES[i]
    return _frame(empty_dialog_frame("dialog_umpan_balik"), numbered)


def pembinaan(rows: list[dict]) -> pd.DataFrame:
    full = [
        {c.SESI_ID: f"S{i}", c.NIP_PEMBINA: PENILAI, c.JENIS: "konseling", c.STATUS: "selesai",
         **r, c.TANGGAL: day(r[c.TANGGAL])}
        for i, r in enumerate(rows)
    ]  # fmt: skip
    return _frame(empty_dialog_frame("dialog_pembinaan"), full)


def ekspektasi(rows: list[dict]) -> pd.DataFrame:
    return _frame(empty_dialog_frame("dialog_ekspektasi"), rows)


def ratings(rows: list[dict]) -> pd.DataFrame:
    """Rating rows like the valid performance_assessments (period bounds added)."""
    out = []
    for r in rows:
        start, end = BOUNDS[r[c.PERIOD]]
        out.append(
            {c.RATING_HASIL_KERJA: "sesuai_ekspektasi", c.RATING_PERILAKU: "sesuai_ekspektasi",
             c.PREDIKAT: "baik", c.PERIOD_START: day(start), c.PERIOD_END: day(end), **r}
        )  # fmt: skip
    frame = pd.DataFrame(
        out,
        columns=[c.NIP, c.PERIOD, c.PERIOD_START, c.PERIOD_END, c.RATING_HASIL_KERJA,
                 c.RATING_PERILAKU, c.PREDIKAT, c.TANGGAL_RATING],
    )  # fmt: skip
    return frame.astype(
        {c.PERIOD_START: "datetime64[s]", c.PERIOD_END: "datetime64[s]",
         c.TANGGAL_RATING: "datetime64[s]"}
    )  # fmt: skip


BOUNDS = {
    "2024-Q1": ("2024-01-01", "2024-03-31"),
    "2024-Q2": ("2024-04-01", "2024-06-30"),
    "2024-03": ("2024-03-01", "2024-03-31"),
}


def worked_rating() -> dict:
    return {c.NIP: P2, c.PERIOD: "2024-Q1", c.RATING_HASIL_KERJA: "di_bawah_ekspektasi",
            c.PREDIKAT: "butuh_perbaikan", c.TANGGAL_RATING: day("2024-04-05")}  # fmt: skip


def inputs(
    feedback: list[dict] | None = None,
    sessions: list[dict] | None = None,
    rated: list[dict] | None = None,
    expectations: list[dict] | None = None,
    rhk_frame: pd.DataFrame | None = None,
) -> DialogInputs:
    """The worked example, with any part replaced."""
    return DialogInputs(
        employees=employees(),
        plans=plans(),
        rhk=rhk() if rhk_frame is None else rhk_frame,
        ekspektasi=ekspektasi(expectations or []),
        umpan_balik=umpan_balik(worked_feedback() if feedback is None else feedback),
        pembinaan=pembinaan(sessions or []),
        ratings=ratings([worked_rating()] if rated is None else rated),
    )


# --- the worked example as an inbox (tests/assets/test_dialog.py) ---------------------------------


def _csv(path, header: list[str], rows: list[list]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = ",".join(header) + "\n" + "".join(",".join(map(str, r)) + "\n" for r in rows)
    path.write_text(text, encoding="utf-8")


def write_dialog_inbox(inbox) -> None:
    """employees.csv, the Laporan SKP, the RHK export, the SIASN rating of pegawai 2 for
    Triwulan I and the three dialogue exports of the worked example (CSV, XLSX, JSON). The
    rating's day is not exported: it is assumed 2024-03-31 + 5 = 2024-04-05, the note's."""
    from tests.ekinerja_fixtures import PLAN_HEADER, _xlsx

    header = [
        "nipBaru",
        "nama",
        "unorNama",
        "unorIndukNama",
        "jabatanNama",
        "jenisJabatan",
        "kedudukanPnsNama",
        "golRuangAkhir",
        "tmtCpns",
        "tmtPensiun",
        "kelas_jabatan",
    ]
    _csv(
        inbox / "employees.csv",
        header,
        [[n, f"Pegawai {i}", u, u, "Staf", "Pelaksana", "Aktif", "III/a", "01-01-2010", "", 7]
         for i, (n, u) in enumerate(zip(employees()[c.NIP], employees()[c.UNIT], strict=True))],
    )  # fmt: skip
    d = inbox / "ekinerja"
    d.mkdir(parents=True, exist_ok=True)
    _xlsx(
        d / "Laporan SKP 2024.xlsx",
        "Sheet1",
        ["LAPORAN SKP TAHUN 2024"],
        PLAN_HEADER,
        [[f"skp-{n[-2:]}", n, "Pegawai", "x", u, "0", "2024-01-01", "2024-12-31", "persetujuan"]
         for n, u in ((P1, UNIT), (P2, UNIT), (P3, UNIT), (OTHER, ELSEWHERE))],
    )  # fmt: skip
    frame = rhk()
    _csv(
        d / "rhk_2024.csv",
        ["rhk_id", "skp_id", "nip", "tahun", "jenis", "deskripsi", "nip_atasan"],
        [[r.rhk_id, r.skp_id, r.nip, 2024, r.jenis, "x", r.nip_atasan]
         for r in frame.fillna({c.NIP_ATASAN: ""}).itertuples()],
    )  # fmt: skip
    siasn = [{"tahun": "2024", "nip": P2, "periodikNama": "Triwulan I",
              "hasilKinerja": "Di Bawah Ekspektasi", "perilakuKerja": "Sesuai Ekspektasi",
              "kuadranKinerja": "Butuh Perbaikan"}]  # fmt: skip
    (d / "rw-kinerjaperiodik.json").write_text(json.dumps({"data": siasn}))
    # umpan balik: the worked example; pegawai 2's Q1 feedback came on 2024-04-10, after his
    # rating (so it covers Q1 but not the look-back), his only earlier one on 2023-11-20 (Q4);
    # one row per kind of quarantine (a date after its entry, somebody else's RHK, a duplicate)
    lines = [
        [f"F{who[-2:]}{k}", PENILAI, "Pak Kasi", who, "Pegawai", "penilai", "rhk",
         rhk_id(who, k), "2024-Q1", "2024-03-15", "2024-03-15 08:00",
         '"Sudah sesuai target, lanjutkan dengan bukti dukung"']
        for who in (P1, P3) for k in range(1, COVERED[who] + 1)
    ]  # fmt: skip
    lines += [
        ["F2a", PENILAI, "Pak Kasi", P2, "P", "penilai", "rhk", rhk_id(P2, 1), "2024-Q1",
         "2024-04-10", "2024-04-10", '"Target belum tercapai, perbaiki laporan bulanan"'],
        ["F2b", PENILAI, "Pak Kasi", P2, "P", "penilai", "umum", "", "2023-Q4", "2023-11-20",
         "2023-11-20", "Rencana kerja tahun depan perlu diperjelas"],
        ["F9", PENILAI, "Pak Kasi", P1, "P", "penilai", "rhk", rhk_id(P1, 1), "2024-Q1",
         "2024-03-20", "2024-03-01", "Tanggal diberikan setelah dicatat di aplikasi"],
        ["F8", PENILAI, "Pak Kasi", P1, "P", "penilai", "rhk", rhk_id(P3, 1), "2024-Q1",
         "2024-03-15", "2024-03-15", "Umpan balik untuk RHK milik pegawai lain"],
        ["F211", PENILAI, "Pak Kasi", P1, "P", "penilai", "rhk", rhk_id(P1, 1), "2024-Q1",
         "2024-03-16", "2024-03-16", "Salinan kedua dengan id yang sama"],
    ]  # fmt: skip
    _csv(
        d / "umpan_balik_kinerja_2024.csv",
        ["feedback_id", "nip_pemberi", "nama_pemberi", "nip_penerima", "nama_penerima",
         "relasi", "objek", "ref_id", "periode", "tanggal_diberikan", "tanggal_input", "teks"],
        lines,
    )  # fmt: skip
    _xlsx(
        d / "ekspektasi_skp_2024.xlsx",
        "ekspektasi",
        [],
        ["tahun", "nip", "nip_penilai", "objek", "ref_id", "ekspektasi_khusus"],
        [["2024", P1, PENILAI, "perilaku", "akuntabel", "Laporan tepat waktu setiap bulan"]],
    )
    session = {"nip": P3, "nip_pembina": PENILAI, "jenis": "coaching", "tanggal": "2024-02-10",
               "pemicu": "rutin"}  # fmt: skip
    (d / "pembinaan_kinerja_2024.json").write_text(json.dumps({"data": [session]}))
