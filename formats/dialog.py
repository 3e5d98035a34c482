"""Dialog kinerja exports (inbox/ekinerja/, CSV, XLSX or JSON; shared/domain/dialog-kinerja.md
§3): the ekspektasi agreed per SKP object, the umpan balik entries and the pembinaan sessions.
No public BKN export carries them (dialog §0.5): the layouts are the contract a pemda's own app
or sheet is exported to, recognised by header whatever the file's name.

- ekspektasi (``nip``, ``objek``, ``ref_id``; optional ``tahun``, ``skp_id``, ``nip_penilai``,
  ``ekspektasi_ada``, ``tanggal_klarifikasi``, ``sumber``);
- umpan balik (``nip_pemberi``, ``nip_penerima``; ``objek``, ``ref_id``, ``rhk_id`` (the RHK a
  rencana aksi belongs to), ``periode`` (YYYY-MM or YYYY-Qn, TW1..TW4 accepted),
  ``tanggal_diberikan``, optional ``feedback_id``, ``relasi`` (penilai when absent),
  ``tanggal_input``, ``bukti_dukung_n``, ``sumber``);
- pembinaan (``nip``, ``nip_pembina``; ``jenis``, ``tanggal``, optional ``sesi_id``,
  ``periode``, ``pemicu``, ``rencana_tindak_lanjut_ada``, ``tanggal_reviu_berikut``,
  ``status`` (selesai when the column is absent), ``sumber``).

**No free text is kept.** A row carries ``ada_teks``, ``teks_panjang`` and ``teks_hash`` (SHA-256
of the text lower-cased with single spaces) as exported; when the export has the text itself
(``teks``, ``umpan_balik``, ``ekspektasi_khusus``, ...) the three are computed from it here and
the text goes no further: not into the frame, not into the raw record kept for quarantine.
Names are dropped at the door like the 360 export's.
"""

from __future__ import annotations

import hashlib

import pandas as pd

from formats.base import ReadResult
from formats.dates import parse_datetimes
from formats.ekinerja_template import parse_number
from formats.feedback360 import reject_empty, text
from formats.reference import column_dates, nip_text, numeric_cells, raw_of, reference_result
from formats.tabular import Table
from vocabulary import columns as c
from vocabulary.frames import first_reason
from vocabulary.nip import number_reason
from vocabulary.performance import (
    DIALOG_EKSPEKTASI,
    DIALOG_OBJEK_ALIASES,
    DIALOG_PEMBINAAN,
    DIALOG_RELASI_ALIASES,
    DIALOG_SUMBER,
    DIALOG_UMPAN_BALIK,
    PEMBINAAN_JENIS_ALIASES,
    PEMBINAAN_STATUS_ALIASES,
    PEMICU,
    PENILAI,
    SELESAI,
    normalise_label,
)
from vocabulary.units import MONTH, QUARTER, parse_periods

EKSPEKTASI_REQUIRED = {"nip", "objek", "refid"}
UMPAN_BALIK_REQUIRED = {"nippemberi", "nippenerima"}
PEMBINAAN_REQUIRED = {"nip", "nippembina"}
TEXT_KEYS = (
    "teks",
    "umpanbalik",
    "umpanbalikberkelanjutan",
    "ekspektasikhusus",
    "ekspektasi",
    "feedback",
    "catatan",
)
BOOLEANS = {
    "1": True, "0": False, "true": True, "false": False, "ya": True, "tidak": False,
    "y": True, "n": False, "yes": True, "no": False, "ada": True, "tidak ada": False,
    "1.0": True, "0.0": False,
}  # fmt: skip
_TEXT_COLUMNS = [c.ADA_TEKS, c.TEKS_PANJANG, c.TEKS_HASH]
EKSPEKTASI_COLUMNS = [
    c.TAHUN, c.SKP_ID, c.NIP, c.NIP_PENILAI, c.OBJEK, c.REF_ID, c.EKSPEKTASI_ADA,
    c.TANGGAL_KLARIFIKASI, *_TEXT_COLUMNS, c.SUMBER,
]  # fmt: skip
UMPAN_BALIK_COLUMNS = [
    c.FEEDBACK_ID, c.NIP_PEMBERI, c.NIP, c.RELASI, c.RELASI_ASAL, c.OBJEK, c.REF_ID, c.RHK_ID,
    c.PERIOD, c.TANGGAL_DIBERIKAN, c.TANGGAL_INPUT, *_TEXT_COLUMNS, c.BUKTI_DUKUNG_N, c.SUMBER,
]  # fmt: skip
PEMBINAAN_COLUMNS = [
    c.SESI_ID, c.NIP, c.NIP_PEMBINA, c.JENIS, c.TANGGAL, c.PERIOD, c.PEMICU,
    c.RENCANA_TINDAK_LANJUT_ADA, c.TANGGAL_REVIU_BERIKUT, c.STATUS, c.SUMBER,
]  # fmt: skip
_S, _DAY, _BOOL, _INT = "string", "datetime64[s]", "boolean", "Int64"
DTYPES = {
    c.TAHUN: _INT, c.EKSPEKTASI_ADA: _BOOL, c.TANGGAL_KLARIFIKASI: _DAY, c.ADA_TEKS: _BOOL,
    c.TEKS_PANJANG: _INT, c.TANGGAL_DIBERIKAN: _DAY, c.TANGGAL_INPUT: _DAY,
    c.BUKTI_DUKUNG_N: _INT, c.TANGGAL: _DAY, c.RENCANA_TINDAK_LANJUT_ADA: _BOOL,
    c.TANGGAL_REVIU_BERIKUT: _DAY,
}  # fmt: skip
COLUMNS = {
    DIALOG_EKSPEKTASI: EKSPEKTASI_COLUMNS,
    DIALOG_UMPAN_BALIK: UMPAN_BALIK_COLUMNS,
    DIALOG_PEMBINAAN: PEMBINAAN_COLUMNS,
}
DESCRIPTION = {
    DIALOG_EKSPEKTASI: "a dialog kinerja ekspektasi export",
    DIALOG_UMPAN_BALIK: "a dialog kinerja umpan balik export",
    DIALOG_PEMBINAAN: "a dialog kinerja pembinaan export",
}
ACCEPTED = (
    "the dialog kinerja ekspektasi (nip, objek, ref_id), umpan balik (nip_pemberi, "
    "nip_penerima, objek, periode, tanggal_diberikan) and pembinaan (nip, nip_pembina, jenis, "
    "tanggal) exports"
)
_OBJEK_TEXT = "is not rhk, rencana_aksi, perilaku or umum"


def empty_dialog_frame(kind: str) -> pd.DataFrame:
    """The frame a dialogue kind has when the inbox holds none of it, with its lineage."""
    columns = {c.SOURCE_FILE: _S, c.SOURCE_LINE: "int64"}
    columns |= {col: DTYPES.get(col, _S) for col in COLUMNS[kind]}
    return pd.DataFrame({k: pd.Series(dtype=t) for k, t in columns.items()})


def detect_dialog_layout(keys: set[str]) -> str | None:
    """The dialogue layout of a header (normalised keys), or None."""
    if keys >= UMPAN_BALIK_REQUIRED:
        return DIALOG_UMPAN_BALIK
    if keys >= PEMBINAAN_REQUIRED:
        return DIALOG_PEMBINAAN
    if keys >= EKSPEKTASI_REQUIRED:
        return DIALOG_EKSPEKTASI
    return None


def read_dialog_table(table: Table, file: str, layout: str) -> ReadResult:
    return READERS[layout](table, file)


# --- shared pieces ------------------------------------------------------------------------------


def per_value(values: pd.Series, parse) -> pd.Series:
    """``parse`` run on the distinct values only, spread back to every row: a dialogue export
    repeats a few periods, codes and dates over tens of thousands of rows (missing stays
    missing, as ``parse`` gives it for a missing value)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    done = parse(pd.Series(uniques, dtype=values.dtype)).reset_index(drop=True)
    return pd.Series(done.take(codes).to_numpy(), index=values.index, dtype=done.dtype)


def flags(values: pd.Series) -> pd.Series:
    """Yes/no text as a nullable boolean (<NA> where empty or not a yes/no word)."""
    return per_value(values, lambda v: normalise_label(v).map(BOOLEANS).astype(_BOOL))


def sha256_texts(texts: pd.Series) -> pd.Series:
    """SHA-256 hex of each text, computed once per distinct text (template feedback repeats)."""
    table = {t: hashlib.sha256(t.encode("utf-8")).hexdigest() for t in texts.dropna().unique()}
    return texts.map(table).astype(_S)


def text_fields(v: pd.DataFrame) -> tuple[pd.DataFrame, list[tuple[pd.Series, object]]]:
    """``ada_teks``, ``teks_panjang`` and ``teks_hash`` of each row, from the free text when the
    export has it (which is then forgotten), else as exported; and the reasons of bad ones."""
    free = text(v, *TEXT_KEYS)
    norm = free.str.lower().str.replace(r"\s+", " ", regex=True).str.strip().replace("", pd.NA)
    ada_text, panjang_text = text(v, "adateks"), text(v, "tekspanjang", "panjangteks")
    hash_text = text(v, "tekshash", "hashteks").str.lower()
    panjang_given = per_value(panjang_text, parse_number)
    has_free = any(k in v.columns for k in TEXT_KEYS)
    if has_free:
        ada = norm.notna().astype(_BOOL)
        panjang = norm.str.len().fillna(0).astype(_INT)
        digest = sha256_texts(norm)
    else:
        # not said: a length says it (> 0), else a hash does; nothing at all stays unknown
        said = (panjang_given > 0).astype(object).where(panjang_given.notna())
        said = said.fillna(pd.Series(True, index=v.index).where(hash_text.notna()))
        ada = flags(ada_text).fillna(said.astype(_BOOL))
        panjang = panjang_given.round().astype(_INT)
        digest = hash_text
    frame = pd.DataFrame({c.ADA_TEKS: ada, c.TEKS_PANJANG: panjang, c.TEKS_HASH: digest})
    bad_panjang = panjang_given.notna() & (panjang_given != panjang_given.round())
    reasons = [
        (
            ~pd.Series(has_free, index=v.index) & ada_text.notna() & flags(ada_text).isna(),
            "ada_teks '" + ada_text.fillna("") + "' must be 0 or 1 (ya/tidak)",
        ),
        (
            panjang_text.notna() & (panjang_given.isna() | bad_panjang),
            "teks_panjang '" + panjang_text.fillna("") + "' is not a whole number",
        ),
        (panjang_given < 0, "teks_panjang is negative"),
        (
            hash_text.notna() & ~hash_text.str.fullmatch(r"[0-9a-f]{64}").fillna(False),
            "teks_hash '" + hash_text.fillna("").str.slice(0, 20) + "' is not a SHA-256 (64 hex "
            "digits)",
        ),
    ]
    return frame, reasons


def _coded(v: pd.DataFrame, keys: tuple[str, ...], aliases: dict[str, str]):
    given = text(v, *keys)
    return given, per_value(given, lambda g: normalise_label(g).map(aliases).astype(_S))


def _sumber(v: pd.DataFrame):
    given = text(v, "sumber")

    def code(g: pd.Series) -> pd.Series:
        words = normalise_label(g).str.replace(" ", "_", regex=False)
        return words.where(words.isin(DIALOG_SUMBER)).astype(_S)

    return given, per_value(given, code)


def _dates(table: Table, *keys: str) -> tuple[pd.Series, pd.Series]:
    """(the text, the date) of the first of ``keys`` the file has; a time after the date is
    dropped (an entry's system time says which day it was written)."""
    v = table.values
    key = next((k for k in keys if k in v.columns), None)
    if key is None:
        empty = pd.Series(pd.NA, index=v.index, dtype=_S)
        return empty, pd.Series(pd.NaT, index=v.index, dtype=_DAY)
    given = v[key].str.strip()
    if table.datetimes is not None and key in table.datetimes.columns:
        return given, column_dates(table, key).astype(_DAY)
    day_only = given.str.replace(r"[ T]\d{1,2}[:.]\d{2}([:.]\d{2})?.*$", "", regex=True)
    # one format for the column, chosen on its distinct values (as on all of them)
    parsed = per_value(day_only, lambda d: parse_datetimes(d, dates_only=True)[0])
    return given, parsed.astype(_DAY)


def _whole(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """A count column as Int64 and the mask of values that are not whole numbers >= 0."""
    number = per_value(values, parse_number)
    ok = number.notna() & (number == number.round()) & (number >= 0)
    return number.where(ok).round().astype(_INT), values.notna() & ~ok


def _periods(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Period labels (TW1/triwulan I written as Q1) and the mask of month or quarter labels."""

    def label_of(v: pd.Series) -> pd.Series:
        label = v.str.upper().str.replace(r"\s+", "", regex=True)
        return label.str.replace(r"-?(?:TW|TRIWULAN)", "-Q", regex=True).str.replace("--", "-")

    label = per_value(values, label_of).astype(_S)
    kind = per_value(label, lambda v: parse_periods(v)[c.PERIOD_KIND])
    return label, kind.isin([MONTH, QUARTER])


def _nip_checks(table: Table, key: str, nips: pd.Series, name: str):
    return (
        (numeric_cells(table, key), f"{name}: " + number_reason(table.values[key])),
        (nips.isna(), f"{name} is empty"),
    )


# --- the three readers --------------------------------------------------------------------------


def read_ekspektasi(table: Table, file: str) -> ReadResult:
    """The ekspektasi export (module docstring): one row per SKP x RHK or core value."""
    reject_empty(table, file, "dialog kinerja ekspektasi export")
    v = table.values
    objek_text, objek = _coded(v, ("objek",), DIALOG_OBJEK_ALIASES)
    klarifikasi_text, klarifikasi = _dates(table, "tanggalklarifikasi", "tanggalpersetujuan")
    tahun_text = text(v, "tahun")
    tahun = pd.to_numeric(tahun_text.str.extract(r"^(\d{4})$", expand=False), errors="coerce")
    tahun = tahun.fillna(klarifikasi.dt.year).astype(_INT)
    texts, text_reasons = text_fields(v)
    ada_text = text(v, "ekspektasiada")
    ada = flags(ada_text).fillna(texts[c.ADA_TEKS].where(texts[c.ADA_TEKS].notna(), True))
    sumber_text, sumber = _sumber(v)
    penilai = nip_text(text(v, "nippenilai", "nipatasan"))
    ref = text(v, "refid")
    ref = normalise_label(ref).str.replace(" ", "_", regex=False).where(objek == "perilaku", ref)
    frame = pd.DataFrame(
        {
            c.TAHUN: tahun,
            c.SKP_ID: text(v, "skpid", "idskp"),
            c.NIP: nip_text(v["nip"]),
            c.NIP_PENILAI: penilai,
            c.OBJEK: objek,
            c.REF_ID: ref.astype(_S),
            c.EKSPEKTASI_ADA: ada.astype(_BOOL),
            c.TANGGAL_KLARIFIKASI: klarifikasi,
            **{col: texts[col] for col in _TEXT_COLUMNS},
            c.SUMBER: sumber,
        }
    )
    reason = first_reason(
        (numeric_cells(table, "nip"), number_reason(v["nip"])),
        (frame[c.NIP].isna(), "nip is empty"),
        (
            numeric_cells(table, "nippenilai"),
            "nip_penilai: " + number_reason(text(v, "nippenilai")),
        ),
        (objek.isna() | ~objek.isin(["rhk", "perilaku"]),
         "objek '" + objek_text.fillna("") + "' is not rhk or perilaku"),
        (frame[c.REF_ID].isna(), "ref_id is empty: name the RHK or the core value"),
        (
            klarifikasi_text.notna() & klarifikasi.isna(),
            "tanggal_klarifikasi '" + klarifikasi_text.fillna("") + "' is not a date",
        ),
        (frame[c.TAHUN].isna(), "no tahun and no tanggal_klarifikasi: the SKP has no year"),
        (ada_text.notna() & flags(ada_text).isna(),
         "ekspektasi_ada '" + ada_text.fillna("") + "' must be 0 or 1 (ya/tidak)"),
        *text_reasons,
        (sumber_text.notna() & sumber.isna(),
         "sumber '" + sumber_text.fillna("") + "' is not ekinerja_bkn, app_daerah or manual"),
        index=v.index,
    )  # fmt: skip
    keep = ["tahun", "skpid", "nip", "nippenilai", "objek", "refid", "ekspektasiada",
            "tanggalklarifikasi", "adateks", "tekspanjang", "tekshash", "sumber"]  # fmt: skip
    return reference_result(
        DIALOG_EKSPEKTASI, file, table, frame[EKSPEKTASI_COLUMNS], reason, raw_of(v, keep)
    )


def read_umpan_balik(table: Table, file: str) -> ReadResult:
    """The umpan balik export (module docstring): one row per feedback entry."""
    reject_empty(table, file, "dialog kinerja umpan balik export")
    v = table.values
    relasi_text, relasi = _coded(v, ("relasi", "hubungan"), DIALOG_RELASI_ALIASES)
    relasi = relasi.where(relasi_text.notna(), PENILAI).astype(_S)  # the form's cell: penilai
    objek_text, objek = _coded(v, ("objek",), DIALOG_OBJEK_ALIASES)
    periode_text = text(v, "periode")
    period, period_ok = _periods(periode_text)
    given_text, given = _dates(table, "tanggaldiberikan", "tanggal", "tanggalumpanbalik")
    input_text, entered = _dates(table, "tanggalinput", "createdat", "waktuinput")
    texts, text_reasons = text_fields(v)
    bukti_text = text(v, "buktidukungn", "jumlahbuktidukung", "buktidukung")
    bukti, bad_bukti = _whole(bukti_text)
    sumber_text, sumber = _sumber(v)
    pemberi, penerima = nip_text(v["nippemberi"]), nip_text(v["nippenerima"])
    ref = text(v, "refid", "ref")
    ref = normalise_label(ref).str.replace(" ", "_", regex=False).where(objek == "perilaku", ref)
    rhk = text(v, "rhkid")
    ref = ref.fillna(rhk.where(objek == "rhk"))
    key = (
        pemberi.fillna("") + "|" + penerima.fillna("") + "|" + objek.fillna("") + "|"
        + ref.fillna("") + "|" + period.fillna("") + "|" + given_text.fillna("")
    )  # fmt: skip
    frame = pd.DataFrame(
        {
            c.FEEDBACK_ID: text(v, "feedbackid", "id", "idumpanbalik").fillna(key).astype(_S),
            c.NIP_PEMBERI: pemberi,
            c.NIP: penerima,
            c.RELASI: relasi,
            c.RELASI_ASAL: relasi,
            c.OBJEK: objek,
            c.REF_ID: ref.astype(_S),
            c.RHK_ID: rhk,
            c.PERIOD: period,
            c.TANGGAL_DIBERIKAN: given,
            c.TANGGAL_INPUT: entered,
            **{col: texts[col] for col in _TEXT_COLUMNS},
            c.BUKTI_DUKUNG_N: bukti,
            c.SUMBER: sumber,
        }
    )
    reason = first_reason(
        *_nip_checks(table, "nippemberi", pemberi, "nip_pemberi"),
        *_nip_checks(table, "nippenerima", penerima, "nip_penerima"),
        (relasi.isna(), "relasi '" + relasi_text.fillna("") + "' is not penilai, "
         "atasan_penilai, pimpinan_lain, rekan or bawahan"),
        (objek.isna(), "objek '" + objek_text.fillna("") + "' " + _OBJEK_TEXT),
        (periode_text.isna(), "periode is empty: name the month or quarter the feedback is about"),
        (~period_ok, "periode '" + periode_text.fillna("") + "' is not a month (YYYY-MM) or a "
         "quarter (YYYY-Qn)"),
        (given_text.isna(), "tanggal_diberikan is empty"),
        (given.isna(), "tanggal_diberikan '" + given_text.fillna("") + "' is not a date"),
        (input_text.notna() & entered.isna(),
         "tanggal_input '" + input_text.fillna("") + "' is not a date"),
        *text_reasons,
        (bad_bukti, "bukti_dukung_n '" + bukti_text.fillna("") + "' is not a whole number"),
        (sumber_text.notna() & sumber.isna(),
         "sumber '" + sumber_text.fillna("") + "' is not ekinerja_bkn, app_daerah or manual"),
        index=v.index,
    )  # fmt: skip
    keep = ["feedbackid", "id", "nippemberi", "nippenerima", "relasi", "objek", "refid",
            "rhkid", "periode", "tanggaldiberikan", "tanggalinput", "adateks", "tekspanjang",
            "tekshash", "buktidukungn", "sumber"]  # fmt: skip
    return reference_result(
        DIALOG_UMPAN_BALIK, file, table, frame[UMPAN_BALIK_COLUMNS], reason, raw_of(v, keep)
    )


def read_pembinaan(table: Table, file: str) -> ReadResult:
    """The pembinaan export (module docstring): one row per bimbingan/konseling session."""
    reject_empty(table, file, "dialog kinerja pembinaan export")
    v = table.values
    jenis_text, jenis = _coded(v, ("jenis", "jenispembinaan"), PEMBINAAN_JENIS_ALIASES)
    day_text, day = _dates(table, "tanggal", "tanggalsesi")
    reviu_text, reviu = _dates(table, "tanggalreviuberikut", "tanggalreviu")
    periode_text = text(v, "periode")
    period, period_ok = _periods(periode_text)
    period = period.fillna(day.dt.strftime("%Y-%m").astype(_S))
    pemicu_text = text(v, "pemicu")
    pemicu = normalise_label(pemicu_text).str.replace(" ", "_", regex=False)
    pemicu = pemicu.where(pemicu.isin(PEMICU)).astype(_S)
    status_text, status = _coded(v, ("status",), PEMBINAAN_STATUS_ALIASES)
    if "status" not in v.columns:
        status = pd.Series(SELESAI, index=v.index, dtype=_S)  # a recorded session was held [I]
    rtl_text = text(v, "rencanatindaklanjutada", "rencanatindaklanjut")
    sumber_text, sumber = _sumber(v)
    nip, pembina = nip_text(v["nip"]), nip_text(v["nippembina"])
    key = nip.fillna("") + "|" + pembina.fillna("") + "|" + day_text.fillna("") + "|"
    frame = pd.DataFrame(
        {
            c.SESI_ID: text(v, "sesiid", "id").fillna(key + jenis.fillna("")).astype(_S),
            c.NIP: nip,
            c.NIP_PEMBINA: pembina,
            c.JENIS: jenis,
            c.TANGGAL: day,
            c.PERIOD: period,
            c.PEMICU: pemicu,
            c.RENCANA_TINDAK_LANJUT_ADA: flags(rtl_text),
            c.TANGGAL_REVIU_BERIKUT: reviu,
            c.STATUS: status,
            c.SUMBER: sumber,
        }
    )
    reason = first_reason(
        (numeric_cells(table, "nip"), number_reason(v["nip"])),
        (nip.isna(), "nip is empty"),
        *_nip_checks(table, "nippembina", pembina, "nip_pembina"),
        (jenis.isna(), "jenis '" + jenis_text.fillna("") + "' is not bimbingan, konseling, "
         "coaching, mentoring or lainnya"),
        (day_text.isna(), "tanggal is empty: when was the session?"),
        (day.isna(), "tanggal '" + day_text.fillna("") + "' is not a date"),
        (periode_text.notna() & ~period_ok, "periode '" + periode_text.fillna("") + "' is not a "
         "month (YYYY-MM) or a quarter (YYYY-Qn)"),
        (pemicu_text.notna() & pemicu.isna(), "pemicu '" + pemicu_text.fillna("") + "' is not "
         "rating_di_bawah, hasil_pemantauan, permintaan_pegawai or rutin"),
        (status.isna(), "status '" + status_text.fillna("") + "' is not dijadwalkan, selesai or "
         "batal"),
        (rtl_text.notna() & flags(rtl_text).isna(),
         "rencana_tindak_lanjut_ada '" + rtl_text.fillna("") + "' must be 0 or 1 (ya/tidak)"),
        (reviu_text.notna() & reviu.isna(),
         "tanggal_reviu_berikut '" + reviu_text.fillna("") + "' is not a date"),
        (sumber_text.notna() & sumber.isna(),
         "sumber '" + sumber_text.fillna("") + "' is not ekinerja_bkn, app_daerah or manual"),
        index=v.index,
    )  # fmt: skip
    keep = ["sesiid", "id", "nip", "nippembina", "jenis", "tanggal", "periode", "pemicu",
            "rencanatindaklanjutada", "tanggalreviuberikut", "status", "sumber"]  # fmt: skip
    return reference_result(
        DIALOG_PEMBINAAN, file, table, frame[PEMBINAAN_COLUMNS], reason, raw_of(v, keep)
    )


READERS = {
    DIALOG_EKSPEKTASI: read_ekspektasi,
    DIALOG_UMPAN_BALIK: read_umpan_balik,
    DIALOG_PEMBINAAN: read_pembinaan,
}
