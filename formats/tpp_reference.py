"""TPP reference files in inbox/reference/ (any names; the kind is detected from the header):

- disciplinary sanctions (hukuman disiplin, PP 94/2021): ``nip, sanction_type, decision_date,
  months[, new_kelas]`` (``new_kelas``: the kelas of the post a demotion moves to, when the SK
  says it);
- status events that change eligibility: ``nip, status, date_from[, date_to]`` with status
  ``cpns``, ``cltn``, ``diberhentikan_sementara``, ``tugas_belajar`` (intervals; an empty
  ``date_to`` is open) or ``pensiun``, ``mutasi_keluar``, ``berhenti`` (from ``date_from`` on);
- the region's TPP ceilings (optional; the profile has a default): ``kelas_jabatan, valid_from,
  amount``;
- Plt/Plh assignments (optional; issue 22): ``nip, assignment_kind, covered_kelas, date_from,
  date_to, sk_number[, covered_position]``: who holds which post as Plt or Plh (``Pelaksana
  Tugas``/``Pelaksana Harian`` understood), the covered post's kelas jabatan, the SK's dates
  (an empty ``date_to`` is open) and number;
- PTKP status for PPh 21 (``ptkp.csv``, optional): ``nip, ptkp_status, valid_from[,
  npwp_status]``, dated, the latest on or before the start of the tax year holding (rules/tax);
  ``K1``, ``k/1``, ``K-1`` read as ``K/1``; ``npwp_status`` valid/none (``ada``/``tidak ada``).

Indonesian wordings of the codes are understood (``Pemotongan TPP 25%``, ``Cuti di Luar
Tanggungan Negara``, ``Pemberhentian Sementara``, ...). Extra columns (nomor SK, names) are
dropped; the raw record kept for quarantine is made of the kept columns only.
"""

from __future__ import annotations

import pandas as pd

from formats.base import FileRejected, ReadResult
from formats.payroll import header_missing, parse_rupiah
from formats.reference import (
    column_dates,
    nip_text,
    numeric_cells,
    range_dates,
    raw_of,
    reference_result,
)
from formats.tabular import read_table
from vocabulary import columns as c
from vocabulary.frames import first_reason
from vocabulary.nip import number_reason
from vocabulary.tax import NPWP_NONE, NPWP_STATUSES, NPWP_VALID, PTKP_REFERENCE, PTKP_STATUSES
from vocabulary.tpp import (
    ASSIGNMENT_KINDS,
    CEILINGS,
    PLT_ASSIGNMENTS,
    SANCTION_TYPES,
    SANCTIONS,
    STATUS_EVENTS,
    STATUSES,
)

SANCTIONS_REQUIRED = {"nip", "sanctiontype", "decisiondate", "months"}
STATUS_REQUIRED = {"nip", "status", "datefrom"}
CEILINGS_REQUIRED = {"kelasjabatan", "validfrom", "amount"}
PTKP_REQUIRED = {"nip", "ptkpstatus", "validfrom"}
PLT_REQUIRED = {"nip", "assignmentkind", "coveredkelas", "datefrom", "dateto", "sknumber"}
ASSIGNMENT_ALIASES = {
    "pelaksana tugas": "plt", "pelaksana harian": "plh", "plt.": "plt", "plh.": "plh",
}  # fmt: skip
NPWP_ALIASES = {
    "valid": NPWP_VALID, "ada": NPWP_VALID, "ya": NPWP_VALID, "y": NPWP_VALID,
    "punya": NPWP_VALID, "padan": NPWP_VALID, "sudah padan": NPWP_VALID,
    "none": NPWP_NONE, "tidak": NPWP_NONE, "tidak ada": NPWP_NONE, "belum": NPWP_NONE,
    "belum padan": NPWP_NONE, "n": NPWP_NONE,
}  # fmt: skip
ACCEPTED = (
    "accepted in inbox/reference/: sanctions (nip, sanction_type, decision_date, months), "
    "status events (nip, status, date_from, date_to), TPP ceilings (kelas_jabatan, "
    "valid_from, amount), PTKP (nip, ptkp_status, valid_from, npwp_status) and Plt/Plh "
    "assignments (nip, assignment_kind, covered_kelas, date_from, date_to, sk_number); see "
    "docs/tpp.md"
)

SANCTION_ALIASES = {
    "teguran lisan": "teguran_lisan",
    "teguran tertulis": "teguran_tertulis",
    "pernyataan tidak puas": "pernyataan_tidak_puas",
    "pernyataan tidak puas secara tertulis": "pernyataan_tidak_puas",
    "pemotongan tpp": "pemotongan_tpp",
    "pemotongan tpp 25%": "pemotongan_tpp",
    "pemotongan tunjangan kinerja": "pemotongan_tpp",
    "pemotongan tunjangan kinerja 25%": "pemotongan_tpp",
    "hukuman disiplin sedang": "pemotongan_tpp",
    "sedang": "pemotongan_tpp",
    "penurunan jabatan": "penurunan_jabatan",
    "penurunan jabatan setingkat lebih rendah": "penurunan_jabatan",
    "pembebasan jabatan": "pembebasan_jabatan",
    "pembebasan dari jabatan": "pembebasan_jabatan",
    "pemberhentian": "pemberhentian",
    "pemberhentian dengan hormat": "pemberhentian",
    "pemberhentian tidak dengan hormat": "pemberhentian",
}
STATUS_ALIASES = {
    "calon pns": "cpns",
    "cuti di luar tanggungan negara": "cltn",
    "pemberhentian sementara": "diberhentikan_sementara",
    "diberhentikan sementara": "diberhentikan_sementara",
    "tugas belajar": "tugas_belajar",
    "tb": "tugas_belajar",
    "pensiun": "pensiun",
    "bup": "pensiun",
    "mutasi": "mutasi_keluar",
    "mutasi keluar": "mutasi_keluar",
    "pindah": "mutasi_keluar",
    "meninggal": "berhenti",
    "meninggal dunia": "berhenti",
    "diberhentikan": "berhenti",
}


def _code(values: pd.Series, aliases: dict[str, str], codes: tuple[str, ...]) -> pd.Series:
    """Free text to a code: lower case, spaces collapsed; a code itself or an alias."""
    key = values.astype("string").str.strip().str.lower().str.replace(r"\s+", " ", regex=True)
    snake = key.str.replace(r"[\s\-]+", "_", regex=True)
    out = key.map(aliases).astype("string")
    return out.fillna(snake.where(snake.isin(codes))).astype("string")


def _int(values: pd.Series) -> pd.Series:
    return pd.to_numeric(values.str.strip(), errors="coerce").astype("Int64")


def _nip_reasons(table, v: pd.DataFrame) -> list:
    return [
        (numeric_cells(table, "nip"), number_reason(v["nip"])),
        (v["nip"].isna(), "nip is empty"),
    ]


def read_sanctions(data: bytes, file: str) -> ReadResult:
    table = read_table(data, file, SANCTIONS_REQUIRED)
    v = table.values
    kind = _code(v["sanctiontype"], SANCTION_ALIASES, SANCTION_TYPES)
    decided = column_dates(table, "decisiondate")
    months = _int(v["months"])
    has_new = "newkelas" in v.columns
    new_text = v["newkelas"] if has_new else pd.Series(pd.NA, index=v.index, dtype="string")
    new_kelas = _int(new_text.astype("string").fillna(""))
    frame = pd.DataFrame(
        {
            c.NIP: nip_text(v["nip"]),
            c.SANCTION_TYPE: kind,
            c.DECISION_DATE: decided,
            c.MONTHS: months,
            c.NEW_KELAS: new_kelas,
        }
    )
    reason = first_reason(
        *_nip_reasons(table, v),
        (
            kind.isna(),
            "sanction_type '" + v["sanctiontype"].fillna("") + "' is not a PP 94/2021 hukuman "
            "disiplin (" + ", ".join(SANCTION_TYPES) + ")",
        ),
        (decided.isna(), "decision_date '" + v["decisiondate"].fillna("") + "' is not a date"),
        (
            v["months"].notna() & (months.isna() | (months < 0)).fillna(True),
            "months '" + v["months"].fillna("") + "' is not a whole number of months",
        ),
        (
            new_text.notna()
            & (new_text.astype("string").str.strip() != "")
            & ~new_kelas.between(1, 17).fillna(False),
            "new_kelas '" + new_text.astype("string").fillna("") + "' is not a kelas 1-17",
        ),
        index=v.index,
    )
    raw = raw_of(v, ["nip", "sanctiontype", "decisiondate", "months"] + ["newkelas"] * has_new)
    return reference_result(SANCTIONS, file, table, frame, reason, raw)


def read_status_events(data: bytes, file: str) -> ReadResult:
    table = read_table(data, file, STATUS_REQUIRED)
    v = table.values
    status = _code(v["status"], STATUS_ALIASES, STATUSES)
    no_end = pd.Series(pd.NaT, index=v.index, dtype="datetime64[s]")
    start, end = [*range_dates(table, "datefrom", "dateto"), no_end][:2]
    end_text = v["dateto"] if "dateto" in v.columns else pd.Series(pd.NA, index=v.index)
    frame = pd.DataFrame(
        {c.NIP: nip_text(v["nip"]), c.STATUS: status, c.DATE_FROM: start, c.DATE_TO: end}
    )
    reason = first_reason(
        *_nip_reasons(table, v),
        (
            status.isna(),
            "status '" + v["status"].fillna("") + "' is not one of " + ", ".join(STATUSES),
        ),
        (start.isna(), "date_from '" + v["datefrom"].fillna("") + "' is not a date"),
        (
            end_text.notna() & end.isna(),
            "date_to '" + end_text.fillna("").astype("string") + "' is not a date (leave it "
            "empty if open)",
        ),
        (end < start, "date_to is before date_from"),
        index=v.index,
    )
    raw = raw_of(v, ["nip", "status", "datefrom", "dateto"])
    return reference_result(STATUS_EVENTS, file, table, frame, reason, raw)


def read_ceilings(data: bytes, file: str) -> ReadResult:
    table = read_table(data, file, CEILINGS_REQUIRED)
    v = table.values
    kelas = _int(v["kelasjabatan"])
    start = column_dates(table, "validfrom")
    amount, why = parse_rupiah(v["amount"], round_sen=False)
    frame = pd.DataFrame(
        {c.KELAS_JABATAN: kelas, c.VALID_FROM: start, c.AMOUNT: amount.fillna(0).astype("int64")}
    )
    reason = first_reason(
        (
            kelas.isna() | ~kelas.between(1, 17).fillna(False),
            "kelas_jabatan '" + v["kelasjabatan"].fillna("") + "' is not a kelas 1-17",
        ),
        (start.isna(), "valid_from '" + v["validfrom"].fillna("") + "' is not a date"),
        (why.notna(), "amount " + why.fillna("")),
        (amount.isna(), "amount is empty"),
        index=v.index,
    )
    return reference_result(
        CEILINGS, file, table, frame, reason, raw_of(v, ["kelasjabatan", "validfrom", "amount"])
    )


def ptkp_status(values: pd.Series) -> pd.Series:
    """'K1', 'k / 1', 'K-1', 'TK0' -> 'K/1', 'TK/0'; anything else <NA>."""
    key = values.astype("string").str.upper().str.replace(r"\s+", "", regex=True)
    parts = key.str.extract(r"^(TK|K)[/\-]?([0-9])$")
    out = (parts[0] + "/" + parts[1]).astype("string")
    return out.where(out.isin(PTKP_STATUSES))


def read_ptkp(data: bytes, file: str) -> ReadResult:
    table = read_table(data, file, PTKP_REQUIRED)
    v = table.values
    status = ptkp_status(v["ptkpstatus"])
    start = column_dates(table, "validfrom")
    npwp_text = v["npwpstatus"] if "npwpstatus" in v.columns else pd.Series(pd.NA, index=v.index)
    npwp = _code(npwp_text, NPWP_ALIASES, NPWP_STATUSES)
    frame = pd.DataFrame(
        {c.NIP: nip_text(v["nip"]), c.PTKP_STATUS: status, c.VALID_FROM: start, c.NPWP_STATUS: npwp}
    )
    reason = first_reason(
        *_nip_reasons(table, v),
        (
            status.isna(),
            "ptkp_status '" + v["ptkpstatus"].fillna("") + "' is not one of "
            + ", ".join(PTKP_STATUSES) + " (at most 3 dependants count for PTKP)",
        ),
        (start.isna(), "valid_from '" + v["validfrom"].fillna("") + "' is not a date"),
        (
            npwp_text.notna() & npwp.isna(),
            "npwp_status '" + npwp_text.fillna("").astype("string") + "' is not valid or none",
        ),
        index=v.index,
    )  # fmt: skip
    raw = raw_of(v, [k for k in ("nip", "ptkpstatus", "validfrom", "npwpstatus") if k in v])
    return reference_result(PTKP_REFERENCE, file, table, frame, reason, raw)


def read_plt_assignments(data: bytes, file: str) -> ReadResult:
    table = read_table(data, file, PLT_REQUIRED)
    v = table.values
    kind = _code(v["assignmentkind"], ASSIGNMENT_ALIASES, ASSIGNMENT_KINDS)
    kelas = _int(v["coveredkelas"])
    start, end = range_dates(table, "datefrom", "dateto")
    sk = v["sknumber"].astype("string").str.strip().replace("", pd.NA)
    position = (
        v["coveredposition"].astype("string").str.strip()
        if "coveredposition" in v.columns
        else pd.Series(pd.NA, index=v.index, dtype="string")
    )
    frame = pd.DataFrame(
        {
            c.NIP: nip_text(v["nip"]),
            c.ASSIGNMENT_KIND: kind,
            c.COVERED_KELAS: kelas,
            c.COVERED_POSITION: position,
            c.DATE_FROM: start,
            c.DATE_TO: end,
            c.SK_NUMBER: sk,
        }
    )
    reason = first_reason(
        *_nip_reasons(table, v),
        (
            kind.isna(),
            "assignment_kind '" + v["assignmentkind"].fillna("") + "' is not plt or plh",
        ),
        (
            kelas.isna() | ~kelas.between(1, 17).fillna(False),
            "covered_kelas '" + v["coveredkelas"].fillna("") + "' is not a kelas 1-17 (the "
            "covered post's kelas jabatan is what the addition is computed from)",
        ),
        (start.isna(), "date_from '" + v["datefrom"].fillna("") + "' is not a date"),
        (
            v["dateto"].notna() & end.isna(),
            "date_to '" + v["dateto"].fillna("") + "' is not a date (leave it empty if open)",
        ),
        (end < start, "date_to is before date_from"),
        (sk.isna(), "sk_number is empty: an assignment is paid on its SK"),
        index=v.index,
    )
    keep = ["nip", "assignmentkind", "coveredkelas", "datefrom", "dateto", "sknumber"]
    raw = raw_of(v, keep + (["coveredposition"] if "coveredposition" in v.columns else []))
    return reference_result(PLT_ASSIGNMENTS, file, table, frame, reason, raw)


READERS = (
    (PTKP_REFERENCE, read_ptkp),
    (CEILINGS, read_ceilings),
    (SANCTIONS, read_sanctions),
    (STATUS_EVENTS, read_status_events),
    (PLT_ASSIGNMENTS, read_plt_assignments),
)


def read_tpp_reference(data: bytes, file: str) -> ReadResult:
    """Read a reference file, its kind detected from the header (``result.layout``).

    Raises:
        FileRejected: no known header (the message lists the kinds).
    """
    for _kind, reader in READERS:
        try:
            return reader(data, file)
        except FileRejected as exc:
            if not header_missing(exc):
                raise
    raise FileRejected(file, f"is not a TPP reference file this pipeline knows; {ACCEPTED}")


EMPTY = {
    SANCTIONS: {
        c.NIP: "string",
        c.SANCTION_TYPE: "string",
        c.DECISION_DATE: "datetime64[s]",
        c.MONTHS: "Int64",
        c.NEW_KELAS: "Int64",
    },
    STATUS_EVENTS: {
        c.NIP: "string",
        c.STATUS: "string",
        c.DATE_FROM: "datetime64[s]",
        c.DATE_TO: "datetime64[s]",
    },
    CEILINGS: {c.KELAS_JABATAN: "Int64", c.VALID_FROM: "datetime64[s]", c.AMOUNT: "int64"},
    PLT_ASSIGNMENTS: {
        c.NIP: "string",
        c.ASSIGNMENT_KIND: "string",
        c.COVERED_KELAS: "Int64",
        c.COVERED_POSITION: "string",
        c.DATE_FROM: "datetime64[s]",
        c.DATE_TO: "datetime64[s]",
        c.SK_NUMBER: "string",
    },
    PTKP_REFERENCE: {
        c.NIP: "string",
        c.PTKP_STATUS: "string",
        c.VALID_FROM: "datetime64[s]",
        c.NPWP_STATUS: "string",
    },
}


def empty_frame(kind: str) -> pd.DataFrame:
    """The frame a kind has when the inbox holds none of it."""
    lineage = {c.SOURCE_FILE: "string", c.SOURCE_LINE: "int64"}
    return pd.DataFrame({k: pd.Series(dtype=t) for k, t in {**lineage, **EMPTY[kind]}.items()})
