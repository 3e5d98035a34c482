"""Quarantine reason codes: one stable code per kind of rejected row, derived from the reason
sentence by one table, so HR can count, filter and look a code up (docs/glossary.md) while the
sentence itself (the detail, with the file's own values) is kept beside it.

Vocabulary only: names and patterns, no regulation. Readers, contracts and rules keep writing
their sentences; ``reason_codes`` maps them. Order matters: the first matching pattern wins, and
the match is on the first reason of a combined one ('a; b') after the contract prefix.
Add a row here (and to the glossary) when a new kind of sentence appears; an unmatched sentence
gets ``LAINNYA`` and a test over the generated inbox fails on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

REASON_CODE = "reason_code"
OTHER = "LAINNYA"


@dataclass(frozen=True)
class ReasonCode:
    code: str
    label: str  # Indonesian, for HR
    pattern: str  # a regex searched in the reason sentence (case-insensitive)


CODES: tuple[ReasonCode, ...] = (
    ReasonCode("DUPLIKAT", "baris ganda (sudah ada baris yang sama)", r"^duplicate"),
    ReasonCode("PIN_TANPA_NIP", "PIN mesin belum dipetakan ke NIP", r"is not mapped to an NIP"),
    ReasonCode(
        "NIP_TIDAK_DIKENAL",
        "NIP tidak ada di data pegawai",
        r"\bnip\b.*is not in (the )?employee master|not in the employee master",
    ),
    ReasonCode("PEGAWAI_TIDAK_AKTIF", "pegawai tidak aktif pada tanggal itu", r"is not active on"),
    ReasonCode(
        "NIP_TIDAK_VALID",
        "NIP kosong atau rusak (angka, panjang, tanggal lahir, urutan)",
        r"\bnip\b.*(spreadsheet number|is empty|18 digits|not a valid|cannot be 000|digits? "
        r"\d)|nipbaru is empty|^nip digits",
    ),
    ReasonCode(
        "JAM_MESIN_SALAH",
        "waktu presensi mustahil (jam mesin salah atau direset)",
        r"clock|impossible time|later than the file itself|time of day out of range|"
        r"local time does not exist|the first month this pipeline computes",
    ),
    ReasonCode(
        "BERKAS_TERPOTONG",
        "berkas berhenti di tengah baris (salinan atau unduhan terputus)",
        r"^file ends mid-record",
    ),
    ReasonCode(
        "TIDAK_TERDAFTAR",
        "sidik jari/kartu/wajah yang tidak terdaftar di mesin (EnNo 0), bukan presensi",
        r"not enrolled",
    ),
    ReasonCode(
        "VERIFIKASI_GAGAL",
        "verifikasi ditolak mesin (sidik jari/wajah/kartu tidak cocok), bukan presensi",
        r"^failed verification",
    ),
    ReasonCode(
        "BUKAN_PRESENSI",
        "kejadian pintu, alarm, gangguan atau operasi mesin, bukan presensi",
        r"^(door|alarm|device exception|operation log) event|^access event that is not|"
        r"^event without a major",
    ),
    ReasonCode(
        "BARIS_TIDAK_TERBACA",
        "baris tidak dapat dibaca sesuai format ekspor",
        r"not an? attlog record|not (a valid )?yyyy-mm-dd hh|not a valid date-time|record has no|"
        r"no punch time|empty pin|json records lack|does not match the file's date-time format|"
        r"ssr serial line|not a glog record|not an iso 8601 time|event has no time|"
        r"transaction has no|without employeenostring|not an event record|not a transaction",
    ),
    ReasonCode(
        "MENUNGGU_KEPUTUSAN",
        "berkas sejenis saling bertentangan; tidak dipakai sampai HR/keuangan memilih berkasnya",
        r"^payroll rows disagree",
    ),
    ReasonCode(
        "BERTENTANGAN",
        "bertentangan dengan baris lain untuk hal yang sama (baris lain yang dipakai)",
        r"^conflicting",
    ),
    ReasonCode(
        "TUMPANG_TINDIH",
        "rentang tanggal bertumpang tindih dengan baris lain",
        r"^overlaps",
    ),
    ReasonCode(
        "TANGGAL_TIDAK_VALID",
        "tanggal atau periode tidak valid",
        r"is not a date|not yyyy-mm|is not a month|is not a period|is not a year|"
        r"period does not exist|is before (periode_awal|valid_from|date_from)|has no period|"
        r"cannot tell which month|is after tanggal_input|is before the (skp start|session)|"
        r"has no year",
    ),
    ReasonCode(
        "JUMLAH_TIDAK_VALID",
        "jumlah atau angka tidak valid (negatif, ada sen, lama di luar aturan)",
        r"is negative|has sen|lasts \d+ months|is not a (number|whole number|kelas)|"
        r"not an amount",
    ),
    ReasonCode(
        "NILAI_TIDAK_DIKENAL",
        "nilai di luar daftar yang diizinkan",
        r"outside|is not one of|^unknown|is not a predikat|is not an? |is not (approved|"
        r"atasan|utama|kegiatan|di atas)|must be|no predikat|not naik|' is not ",
    ),
    ReasonCode(
        "DATA_WAJIB_KOSONG",
        "kolom wajib kosong",
        r"is empty|^no |has no duration|^empty ",
    ),
)

_CONTRACT = re.compile(r"^contract:\s*", re.IGNORECASE)
_COMPILED = [(code.code, re.compile(code.pattern, re.IGNORECASE)) for code in CODES]
LABELS: dict[str, str] = {code.code: code.label for code in CODES} | {
    OTHER: "alasan lain (lihat detail)"
}


def reason_code(reason: str | None) -> str:
    """The code of one reason sentence (``LAINNYA`` when no pattern matches)."""
    if not reason:
        return OTHER
    first = _CONTRACT.sub("", str(reason).split("; ")[0].strip())
    for code, pattern in _COMPILED:
        if pattern.search(first):
            return code
    return OTHER


def reason_codes(reasons: pd.Series) -> pd.Series:
    """The code of every reason, computed once per distinct sentence shape: only the first
    reason counts and long numbers (lines, PINs, NIPs, dates) do not change a code, so both are
    cut away in Arrow first ('duplicate punch; first at x.dat:12' has a line in every row) and
    the patterns run on the few shapes left, not on every row of a 20k month."""
    text = reasons.astype("string[pyarrow]").fillna("")
    shape = text.str.replace(r"; .*$", "", regex=True).str.replace(r"\d{4,}", "0", regex=True)
    table = {value: reason_code(value) for value in shape.unique()}
    return shape.map(table).astype("string")
