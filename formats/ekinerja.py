"""e-Kinerja exports in inbox/ekinerja/: the layout of each file is detected from its content.

- BKN e-Kinerja "Laporan SKP" (XLSX or CSV): one row per SKP; a title in A1, the snake_case
  header somewhere in the first 20 rows with ``nip`` and ``periode_akhir`` or ``skp_status``.
- BKN e-Kinerja "Laporan Penilaian SKP" per month (``jan`` ... ``des``) or ``tahunan``: header
  with ``id`` and ``hasil_akhir`` (predikat text, ``-`` = not assessed). The month and year come
  from the title (A1: "... BULAN MARET TAHUN 2024" / "... TAHUNAN 2024"), else the sheet name,
  else the file name.
- SIASN ``rw-kinerjaperiodik`` JSON (a list, or ``{"data": [...]}``): ``tahun``, ``nip``,
  ``periodikNama`` (a month, ``Triwulan I``..``IV``, ``Semester I``/``II`` or ``Tahunan``),
  ``hasilKinerja``, ``perilakuKerja``, ``kuadranKinerja``; SIASN ``rw-skp22`` (the annual
  record, no ``periodikNama``) the same for the year, with the penilai it names.
- The SKP detail template and the organisation predikat (formats/ekinerja_template.py).

Names (``nama``) are dropped at the door; each row keeps its file and line and a raw record made
of the kept columns only.
"""

from __future__ import annotations

import re
from collections.abc import Collection

import pandas as pd

from formats.assessments import assessment_frame, penilai_of, rating_reason, read_siasn_periodik
from formats.base import FileEmpty, FileRejected, ReadResult
from formats.dates import MONTHS_ID
from formats.dialog import ACCEPTED as DIALOG_ACCEPTED
from formats.dialog import DESCRIPTION as DIALOG_DESCRIPTION
from formats.dialog import UMPAN_BALIK_REQUIRED, detect_dialog_layout, read_dialog_table
from formats.ekinerja_template import (
    DETAIL_REQUIRED,
    ORGANISATION_REQUIRED,
    read_organisation_predikat,
    read_skp_detail,
)
from formats.feedback360 import REQUIRED as FEEDBACK_REQUIRED
from formats.feedback_rhk_lapkin import DESCRIPTION, detect_cycle_layout, read_cycle_table
from formats.reference import nip_text, numeric_cells, range_dates, raw_of, reference_result
from formats.tabular import HEADER_SCAN_ROWS, XLSX_MAGIC, Table, read_table
from vocabulary import columns as c
from vocabulary.frames import first_reason
from vocabulary.nip import number_reason
from vocabulary.performance import (
    ASSESSMENTS,
    BKN_LAPORAN_SKP,
    BKN_PENILAIAN,
    CYCLE_LAYOUTS,
    DETAILS,
    DIALOG_LAYOUTS,
    DIALOG_UMPAN_BALIK,
    FEEDBACK_360,
    NOT_ASSESSED,
    ORGANISATION,
    PLANS,
    PREDIKAT_ORGANISASI,
    SIASN_PERIODIK,
    SKP_DETAIL,
    predikat_code,
    rating_code,
)

LAYOUTS = (BKN_LAPORAN_SKP, BKN_PENILAIAN, SIASN_PERIODIK, SKP_DETAIL, PREDIKAT_ORGANISASI)
# with the issue-16 exports (360 feedback, RHK plans, daily activity reports) and the dialog
# kinerja exports of issue 25 (ekspektasi, umpan balik, pembinaan)
ALL_LAYOUTS = (*LAYOUTS, *CYCLE_LAYOUTS, *DIALOG_LAYOUTS)
ACCEPTED = (
    "accepted: BKN e-Kinerja 'Laporan SKP' (nip, periode_akhir or skp_status) and 'Laporan "
    "Penilaian SKP' (id, nip, hasil_akhir) as XLSX or CSV; SIASN rw-kinerjaperiodik JSON (nip, "
    "tahun, periodikNama, hasilKinerja, perilakuKerja, kuadranKinerja); the SKP detail template "
    "(nip, periode, jenis, ...) and predikat_organisasi (unit, periode, predikat_organisasi); "
    "the 360 feedback, RHK and daily activity exports of docs/performance.md; " + DIALOG_ACCEPTED
)
READER_VERSION = "1"

JABATAN_KEYS = ("jabatan", "skpjabatan", "jabatanakhir", "namajabatan")
UNIT_KEYS = ("skpunorinduk", "unitkerja", "skpunor", "skpunornama", "unornama")
HASIL_KERJA_KEYS = ("ratinghasilkerja", "hasilkerja", "ratinghasil")
PERILAKU_KEYS = ("ratingperilaku", "perilakukerja", "perilaku")
_MONTH_WORDS = sorted(MONTHS_ID, key=len, reverse=True)
_MONTH_RE = re.compile(r"(?i)(?<![a-z])(" + "|".join(_MONTH_WORDS) + r")(?![a-z])")
_YEAR_RE = re.compile(r"(?<!\d)(20\d{2})(?!\d)")


def _first_of(values: pd.DataFrame, keys: tuple[str, ...]) -> pd.Series:
    for k in keys:
        if k in values.columns:
            return values[k].str.strip()
    return pd.Series(pd.NA, index=values.index, dtype="string")


def _title_lines(data: bytes, table: Table) -> list[str]:
    """The cells above the header row (the report title, instansi, export time)."""
    above = int(table.info.get("header_row", "1")) - 1
    if above <= 0:
        return []
    if data.startswith(XLSX_MAGIC):
        return table.titles  # read with the sheet (formats.tabular.read_xlsx)
    text = data.decode("utf-8", errors="replace")
    return text.splitlines()[:above]


def period_of_report(titles: list[str], sheet: str, file: str) -> tuple[str, str]:
    """The period label of a Laporan Penilaian SKP ('2024-03' or '2024' for tahunan) and where
    it was read (title, sheet or file name)."""
    for where, texts in (("title", titles), ("sheet", [sheet]), ("file name", [file])):
        joined = " ".join(texts)
        year = _YEAR_RE.search(joined) or _YEAR_RE.search(" ".join([*titles, file]))
        if not year:
            continue
        if re.search(r"(?i)tahunan|akhir tahun", joined):
            return year.group(1), where
        month = _MONTH_RE.search(joined.replace(year.group(1), " "))
        if month:
            return f"{year.group(1)}-{MONTHS_ID[month.group(1).lower()]:02d}", where
    raise FileRejected(
        file,
        "cannot tell which month this Laporan Penilaian SKP is for: keep the title row "
        "('... BULAN MARET TAHUN 2024' or '... TAHUNAN 2024') or name the sheet jan...des or "
        "tahunan with the year in the title or the file name",
    )


def _plt(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """is_plt_plh as a boolean, and the mask of values that are not 0/1."""
    text = values.str.strip().str.lower()
    flag = text.map(
        {"0": False, "1": True, "false": False, "true": True, "0.0": False, "1.0": True}
    ).astype("boolean")
    return flag.fillna(False), text.notna() & flag.isna()


def read_laporan_skp(table: Table, file: str) -> ReadResult:
    v = table.values
    skp_id = _first_of(v, ("id", "idskp", "skpid"))
    nip = nip_text(v["nip"])
    dated = range_dates(table, *(k for k in ("periodeawal", "periodeakhir") if k in v.columns))
    start = dated.pop(0) if "periodeawal" in v.columns else None
    end = dated.pop(0) if "periodeakhir" in v.columns else None
    no_date = pd.Series(pd.NaT, index=v.index, dtype="datetime64[s]")
    plt_text = _first_of(v, ("ispltplh",))
    plt, bad_plt = _plt(plt_text)
    frame = pd.DataFrame(
        {
            c.SKP_ID: skp_id,
            c.NIP: nip,
            c.UNIT_INDUK: _first_of(v, UNIT_KEYS),
            c.JABATAN: _first_of(v, JABATAN_KEYS),
            c.IS_PLT_PLH: plt,
            c.PERIOD_START: start if start is not None else no_date,
            c.PERIOD_END: end if end is not None else no_date,
            c.SKP_STATUS: _first_of(v, ("skpstatus", "status")).str.lower(),
        }
    )
    text_of = {
        k: v[k].fillna("") if k in v.columns else "" for k in ("periodeawal", "periodeakhir")
    }
    reason = first_reason(
        (numeric_cells(table, "nip"), number_reason(v["nip"])),
        (nip.isna(), "nip is empty"),
        (skp_id.isna(), "SKP id is empty: the penilaian rows cannot be joined to this SKP"),
        (
            v.get("periodeawal", pd.Series(pd.NA, index=v.index)).notna()
            & frame[c.PERIOD_START].isna(),
            "periode_awal '" + text_of["periodeawal"] + "' is not a date",
        ),
        (
            v.get("periodeakhir", pd.Series(pd.NA, index=v.index)).notna()
            & frame[c.PERIOD_END].isna(),
            "periode_akhir '" + text_of["periodeakhir"] + "' is not a date",
        ),
        (frame[c.PERIOD_END] < frame[c.PERIOD_START], "periode_akhir is before periode_awal"),
        (bad_plt, "is_plt_plh '" + plt_text.fillna("") + "' must be 0 or 1"),
        index=v.index,
    )
    keep = [
        "id",
        "nip",
        *UNIT_KEYS,
        *JABATAN_KEYS,
        "ispltplh",
        "periodeawal",
        "periodeakhir",
        "skpstatus",
    ]
    return reference_result(BKN_LAPORAN_SKP, file, table, frame, reason, raw_of(v, keep))


def read_penilaian(table: Table, file: str, data: bytes) -> ReadResult:
    v = table.values
    period, found_in = period_of_report(
        _title_lines(data, table), table.info.get("sheet", ""), file
    )
    hasil_akhir = v["hasilakhir"].str.strip()
    predikat = predikat_code(hasil_akhir)
    hk_text, p_text = _first_of(v, HASIL_KERJA_KEYS), _first_of(v, PERILAKU_KEYS)
    hk, pk = rating_code(hk_text), rating_code(p_text)
    plt, bad_plt = _plt(_first_of(v, ("ispltplh",)))
    frame = assessment_frame(
        v.index,
        nip_text(v["nip"]),
        v["id"].str.strip(),
        period,
        hk,
        pk,
        predikat,
        BKN_PENILAIAN,
        plt,
    ).join(penilai_of(v))
    not_assessed = hasil_akhir.isna() | hasil_akhir.isin(NOT_ASSESSED)
    reason = first_reason(
        (numeric_cells(table, "nip"), number_reason(v["nip"])),
        (frame[c.NIP].isna(), "nip is empty"),
        (
            ~not_assessed & predikat.isna(),
            "hasil_akhir '" + hasil_akhir.fillna("") + "' is not a predikat (Sangat Baik, Baik, "
            "Butuh Perbaikan, Kurang/Misconduct, Sangat Kurang) nor '-' for not assessed",
        ),
        rating_reason(hk_text, hk, "rating hasil kerja"),
        rating_reason(p_text, pk, "rating perilaku"),
        (bad_plt, "is_plt_plh must be 0 or 1"),
        index=v.index,
    )
    keep = ["id", "nip", "ispltplh", *HASIL_KERJA_KEYS, *PERILAKU_KEYS, "hasilakhir"]
    result = reference_result(BKN_PENILAIAN, file, table, frame, reason, raw_of(v, keep))
    result.info.update({"period": period, "period_from": found_in})
    return result


def _cycle(table: Table, file: str, layout: str, layouts: Collection[str]) -> ReadResult:
    if layout not in layouts:
        raise FileRejected(
            file,
            f"is {DESCRIPTION[layout]} (layout {layout}), which this reader was not asked to read",
        )
    return read_cycle_table(table, file, layout)


def _dialog(table: Table, file: str, layout: str, layouts: Collection[str]) -> ReadResult:
    if layout not in layouts:
        raise FileRejected(
            file,
            f"is {DIALOG_DESCRIPTION[layout]} (layout {layout}), which this reader was not "
            "asked to read",
        )
    return read_dialog_table(table, file, layout)


def _not_found(exc: FileRejected) -> bool:
    return "no header row" in exc.message or "lack the fields" in exc.message


def read_ekinerja(data: bytes, file: str, layouts: Collection[str] = LAYOUTS) -> ReadResult:
    """Read one e-Kinerja export, whichever layout it is.

    Args:
        data, file: the file's bytes and its path relative to the inbox.
        layouts: the layouts the caller reads (default: the five of issue 3, so that a caller
            that does not know the issue-16 layouts gets a clear rejection, not a new kind);
            ``ALL_LAYOUTS`` adds the 360, RHK and daily-report exports and the dialog
            kinerja exports.

    Raises:
        FileRejected: empty, unknown layout, a layout not in ``layouts``, or unreadable.
    """
    try:
        table = read_table(data, file, {"nip"})
    except FileRejected as exc:
        if not _not_found(exc):
            raise
        try:  # the umpan balik export names its two NIPs nip_pemberi and nip_penerima
            table = read_table(data, file, UMPAN_BALIK_REQUIRED)
            return _dialog(table, file, DIALOG_UMPAN_BALIK, layouts)
        except FileRejected as not_dialog:
            if not _not_found(not_dialog):
                raise
        try:
            return _cycle(read_table(data, file, FEEDBACK_REQUIRED), file, FEEDBACK_360, layouts)
        except FileRejected as not_360:
            if "no header row" not in not_360.message and "lack the fields" not in not_360.message:
                raise
        try:
            table = read_table(data, file, ORGANISATION_REQUIRED)
        except FileRejected:
            raise FileRejected(
                file,
                f"layout not recognised (no header with nip in the first "
                f"{HEADER_SCAN_ROWS} rows); {ACCEPTED}",
            ) from exc
        return read_organisation_predikat(table, file)
    keys = set(table.values.columns)
    if not keys:
        raise FileEmpty(file, "no records; export it again")
    dialog = detect_dialog_layout(keys)
    if dialog is not None:
        return _dialog(table, file, dialog, layouts)
    cycle = detect_cycle_layout(keys)
    if cycle is not None:
        return _cycle(table, file, cycle, layouts)
    if {"id", "hasilakhir"} <= keys:
        return read_penilaian(table, file, data)
    if keys >= DETAIL_REQUIRED:
        return read_skp_detail(table, file)
    if keys & {"periodiknama", "kuadrankinerja", "hasilkinerja", "hasilkinerjanilai"}:
        return read_siasn_periodik(table, file)
    if keys & {"periodeakhir", "skpstatus"}:
        return read_laporan_skp(table, file)
    raise FileRejected(file, f"has an nip column but is none of the e-Kinerja layouts; {ACCEPTED}")


def _empty(columns: dict[str, str]) -> pd.DataFrame:
    lineage = {c.SOURCE_FILE: "string", c.SOURCE_LINE: "int64"}
    return pd.DataFrame({k: pd.Series(dtype=t) for k, t in {**lineage, **columns}.items()})


EMPTY = {
    PLANS: {
        c.SKP_ID: "string",
        c.NIP: "string",
        c.UNIT_INDUK: "string",
        c.JABATAN: "string",
        c.IS_PLT_PLH: "bool",
        c.PERIOD_START: "datetime64[s]",
        c.PERIOD_END: "datetime64[s]",
        c.SKP_STATUS: "string",
    },
    ASSESSMENTS: {
        c.SOURCE: "string",
        c.NIP: "string",
        c.SKP_ID: "string",
        c.PERIOD: "string",
        c.PREDIKAT: "string",
        c.RATING_HASIL_KERJA: "string",
        c.RATING_PERILAKU: "string",
        c.IS_PLT_PLH: "bool",
        c.SKP_PERIOD_END: "datetime64[s]",
        c.PERIOD_KIND: "string",
        c.PERIOD_START: "datetime64[s]",
        c.PERIOD_END: "datetime64[s]",
        **dict.fromkeys(c.PENILAI_COLUMNS, "string"),
    },
    DETAILS: {
        c.NIP: "string",
        c.PERIOD: "string",
        c.JENIS: "string",
        c.URAIAN: "string",
        c.ASPEK: "string",
        **dict.fromkeys(c.SKP_DETAIL_NUMBERS, "float64"),
        c.ARAH: "string",
        c.MAKSIMAL: "bool",
        c.IDE_BARU: "bool",
    },
    ORGANISATION: {c.UNIT: "string", c.PERIOD: "string", c.PREDIKAT_ORGANISASI: "string"},
}


def empty_frame(kind: str) -> pd.DataFrame:
    """The frame an e-Kinerja kind (rules.performance.EKINERJA_KINDS) has when the inbox holds
    none of it."""
    return _empty(EMPTY[kind])
