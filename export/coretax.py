"""The Coretax DJP files finance imports (shared/domain/year-end.md §2): for a month the BPMP
(``MmPayrollBulk``, one row per employee), for a year the BPA2 (``A2Bulk``, one row per
employee), each validated against ``formats/coretax.xsd`` before it is written, plus a review
CSV of every employee-row with the reason of those left off (no NIK in it).

The ``coretax_export`` asset hands in the warehouse engine (the TER lines are read through
``resources.warehouse.tax.read``), the employee master and payroll frames of the ingest assets,
the employees' NIK/NPWP read from the master when the export runs (``ingest.reference
.read_tax_ids``; never stored, logged or shown) and the withholder's NPWP/NITKU from the
environment. ``rules.tpp.coretax`` decides each row, ``formats.coretax`` makes the bytes.
``python -m pipelines export coretax`` runs the same asset.

Refused (``CoretaxRefused``, nothing written) when the withholder's NPWP/NITKU is missing, the
month (for a year: December) is not closed, or a row lacks a required field: the message names
each such row by its position in the file and its masked NIP, never a NIK.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from formats import coretax as fmt
from resources.state import atomic_write_bytes
from resources.warehouse.tax import read as tax_read
from rules.profile import Profile
from rules.rulebook.tpp import CoretaxRules
from rules.tax.profile import TaxProfile
from rules.tpp import coretax as rules
from vocabulary import columns as c
from vocabulary.tax import A2_AMOUNTS, A2_INCOME_LINES, BPA2, BPMP, PTKP_STATUSES
from vocabulary.units import month_bounds

NIK, NPWP = "nik", "npwp"
ENV_HINT = "KINERJA_CORETAX_TIN (and KINERJA_CORETAX_NITKU)"
REVIEW_RUPIAH = (c.PPH21_BASE, "bruto_year", "Article21IncomeTax")
IN_MASTER = (
    "not in the employee master (a leaver no longer in the SIASN export? their row, with the "
    "NIK, is needed for the bukti potong)"
)


class CoretaxRefused(ValueError):
    """The export cannot be written; the message says why and what to do."""


@dataclass(frozen=True)
class Withholder:
    tin: str
    nitku: str


@dataclass(frozen=True)
class CoretaxExport:
    """What an export wrote."""

    form: str
    period: str
    xml: tuple[Path, ...]  # one per masa; empty when no row is reported
    review: Path
    rows: int
    left_off: int
    validators: tuple[str, ...]
    reasons: tuple[tuple[str, int], ...]

    def metadata(self) -> dict[str, object]:
        return {
            "form": self.form,
            "period": self.period,
            "xml": ", ".join(str(p) for p in self.xml),
            "review": str(self.review),
            "rows": self.rows,
            "left_off": self.left_off,
            "validated_with": ", ".join(self.validators),
        }


def mask(nip: str) -> str:
    return "…" + str(nip)[-4:]


def withholder(coretax: CoretaxRules, tin: str | None, nitku: str | None) -> Withholder:
    """The withholder's NPWP and NITKU: the environment's, else the profile's; NITKU defaults
    to a 16-digit NPWP + 000000 (the head office) [S]."""
    tin = tin or coretax.withholder_tin
    nitku = nitku or coretax.withholder_nitku
    if not tin or not re.fullmatch(r"[0-9]{15,16}", tin):
        raise CoretaxRefused(
            "the withholder's NPWP (15 or 16 digits) is not set: set "
            f"{ENV_HINT} or tpp.coretax.withholder_tin in the profile"
        )
    if not nitku and len(tin) == 16:
        nitku = tin + "000000"
    if not nitku or not re.fullmatch(r"[0-9]{22}", nitku):
        raise CoretaxRefused(
            "the withholder's NITKU (22 digits) is not set and cannot be derived from a "
            "15-digit NPWP: set KINERJA_CORETAX_NITKU or tpp.coretax.withholder_nitku"
        )
    return Withholder(tin, nitku)


def counterpart_tin(ids: pd.DataFrame, coretax: CoretaxRules) -> tuple[pd.Series, str]:
    """Per NIP (index) the employee's CounterpartTin (16 digits, <NA> where unusable) and the
    column of the master it comes from."""
    ids = ids.set_index(c.NIP)
    if coretax.counterpart_id == "nik":
        value = ids[NIK].where(ids[NIK].str.fullmatch(r"[0-9]{16}").fillna(False))
        return value.astype("string"), "nik"
    npwp = ids[NPWP].astype("string")
    npwp16 = npwp.where(npwp.str.len().ne(15), "0" + npwp)  # NPWP15 -> 0 + NPWP15
    value = npwp16.where(npwp16.str.fullmatch(r"[0-9]{16}").fillna(False))
    return value.astype("string"), "noNpwp"


def _required(rows: pd.DataFrame, checks: list[tuple[str, str]], where: list[str]) -> list[str]:
    """'<where>, NIP …1234: <what>' for every row missing a required field; ``where`` names
    each row's place ('MmPayroll row 3 of bpmp_2024-03.xml')."""
    problems = []
    for place, row in zip(where, rows.itertuples(index=False), strict=True):
        for col, what in checks:
            value = getattr(row, col)
            if value is None or value is pd.NA or (isinstance(value, str) and not value.strip()):
                problems.append(f"{place}, NIP {mask(row.nip)}: {what}")
                if col == "in_master":
                    break  # the rest follows from it
    return problems


def _places(tag: str, form: str, masa: pd.Series) -> list[str]:
    """Each row's position in its file: 'A2 row 2 of bpa2_2024-12.xml'."""
    position = masa.groupby(masa).cumcount() + 1
    return [f"{tag} row {n} of {xml_name(form, m)}" for n, m in zip(position, masa, strict=True)]


def _refuse_missing(form: str, period: str, problems: list[str]) -> None:
    if problems:
        shown = "\n".join(f"  * {p}" for p in problems[:50])
        more = f"\n  ... and {len(problems) - 50} more" if len(problems) > 50 else ""
        raise CoretaxRefused(
            f"Coretax {form.upper()} {period}: {len(problems)} row(s) lack a required field; "
            f"nothing was written. Fix the employee master (or the profile) and export again:\n"
            f"{shown}{more}"
        )


def _validated(form: str, period: str, tin: str, records: list[dict], nips: list[str]) -> bytes:
    data = fmt.bulk_xml(form, tin, records)
    errors = fmt.validate(data)
    if errors:

        def named(error: str) -> str:  # MmPayroll[3] -> MmPayroll[3] (NIP …1001)
            return re.sub(
                r"(MmPayroll|A2)\[(\d+)\]",
                lambda m: f"{m.group(0)} (NIP {mask(nips[int(m.group(2)) - 1])})",
                error,
            )

        shown = "\n".join(f"  * {named(e)}" for e in errors[:50])
        raise CoretaxRefused(
            f"Coretax {form.upper()} {period}: the file does not validate against "
            f"formats/coretax.xsd ({len(errors)} error(s)); nothing was written:\n{shown}"
        )
    return data


def _people(employees: pd.DataFrame, ids: pd.DataFrame, coretax: CoretaxRules):
    tin, source = counterpart_tin(ids, coretax)
    master = employees.drop_duplicates(c.NIP).set_index(c.NIP)
    return master, tin, source


def export_coretax(
    period: str,
    engine: sa.Engine,
    agency: str,
    employees: pd.DataFrame,
    tax_ids: pd.DataFrame,
    payroll: pd.DataFrame,
    status_events: pd.DataFrame,
    profile: Profile,
    tax: TaxProfile,
    out: Path,
    env_withholder: tuple[str | None, str | None] = (None, None),
) -> list[CoretaxExport]:
    """Write the Coretax files of a month ('YYYY-MM': its BPMP, and the BPA2 of the employees
    whose tax year closed in it) or of a year ('YYYY': the BPA2 of every masa of the year) to
    ``out``: one XML per form and masa, and a review CSV beside each export."""
    year = period[:4]
    needed = period if len(period) == 7 else f"{year}-12"
    first_day = month_bounds(needed)[0]
    coretax = profile.version_for(first_day).tpp.coretax
    who = withholder(coretax, *env_withholder)
    if needed not in tax_read.closed_months(engine, year, agency):
        raise CoretaxRefused(
            f"Coretax {period}: {needed} is not closed, so its PPh 21 is not final; close it "
            f"first (python -m pipelines close --month {needed}) and export again"
        )
    people = _people(employees, tax_ids, coretax)
    version = tax.version_for(first_day)
    lines = tax_read.tax_lines(engine, f"{year}-01", needed, agency)
    if len(period) == 7:
        masa = period
        rows, left = rules.a2_lines(lines, payroll, status_events, version, coretax, year, masa)
        done = [_bpmp(period, lines, people, coretax, who, out)]
        if len(rows) or len(left):
            done.append(_bpa2(period, rows, left, people, coretax, who, out))
        return done
    rows, left = rules.a2_lines(lines, payroll, status_events, version, coretax, year)
    return [_bpa2(year, rows, left, people, coretax, who, out)]


def _bpmp(period, lines, people, coretax, who, out) -> CoretaxExport:
    master, tin, tin_source = people
    rows, left = rules.bpmp_lines(lines[lines[c.MONTH] == period], coretax)
    rows = rows.sort_values(c.NIP, kind="stable").reset_index(drop=True)
    rows = _identified(rows, master, tin)
    places = _places(fmt.BPMP_ROW, BPMP, rows[c.MONTH])
    _refuse_missing(BPMP, period, _required(rows, _checks(tin_source, "the month's TER line"),
                                            places))  # fmt: skip
    month = int(period[5:7])
    day = month_bounds(period)[1]
    records = [
        {
            "TaxPeriodMonth": month,
            "TaxPeriodYear": int(period[:4]),
            "CounterpartOpt": "Resident",
            "CounterpartPassport": None,
            "CounterpartTin": r.tin,
            "StatusTaxExemption": r.ptkp_status,
            "Position": r.position,
            "TaxCertificate": coretax.tax_certificate,
            "TaxObjectCode": coretax.tax_object_code,
            "Gross": int(r.pph21_base),
            "Rate": r.ter_rate_pct,
            "IDPlaceOfBusinessActivity": who.nitku,
            "WithholdingDate": day,
        }
        for r in rows.itertuples(index=False)
    ]
    shown = rows[[c.NIP, c.MONTH, c.PTKP_STATUS, c.PPH21_BASE, c.TER_RATE_PCT]]
    review = pd.concat([shown.assign(**{rules.REASON: ""}), left], ignore_index=True)
    files = {period: (records, rows[c.NIP].tolist())} if records else {}
    return _write(BPMP, period, who, files, review, left, out)


def _identified(rows: pd.DataFrame, master: pd.DataFrame, tin: pd.Series) -> pd.DataFrame:
    """The rows with the employee's CounterpartTin, jabatan and golongan from the master."""
    rows = rows.copy()
    rows["tin"] = rows[c.NIP].map(tin).astype("string")
    rows["position"] = rows[c.NIP].map(master[c.JABATAN]).astype("string")
    rows["rank"] = rows[c.NIP].map(master[c.GOLONGAN]).astype("string")
    rows[c.PTKP_STATUS] = rows[c.PTKP_STATUS].where(rows[c.PTKP_STATUS].isin(PTKP_STATUSES))
    rows["in_master"] = rows[c.NIP].where(rows[c.NIP].isin(master.index))
    return rows


def _checks(tin_source: str, ptkp_from: str) -> list[tuple[str, str]]:
    return [
        ("in_master", IN_MASTER),
        ("tin", f"no valid {tin_source.upper()} (16 digits) in the employee master "
                f"(column {tin_source})"),
        (c.PTKP_STATUS, f"no PTKP status TK/0..K/3 on {ptkp_from}"),
        ("position", "no jabatan (jabatanNama) in the employee master"),
    ]  # fmt: skip


def _bpa2(label, rows, left, people, coretax, who, out) -> CoretaxExport:
    """The A2s of a masa ('YYYY-MM') or of a year ('YYYY': one XML per masa, one review)."""
    master, tin, tin_source = people
    files: dict[str, tuple[list[dict], list[str]]] = {}
    cols = ["masa", c.NIP, "first_month", "last_month", c.PTKP_STATUS, "bruto_year",
            "Article21IncomeTax"]  # fmt: skip
    if len(rows):
        rows = rows.sort_values(["last_month", c.NIP], kind="stable").reset_index(drop=True)
        rows = _identified(rows, master, tin)
        places = _places(fmt.A2_ROW, BPA2, rows["last_month"])
        _refuse_missing(BPA2, label, _required(rows, _checks(tin_source, "the year's first month"),
                                               places))  # fmt: skip
        for masa, group in rows.groupby("last_month", sort=True):
            records = [_a2_record(row, coretax, who) for row in group.to_dict("records")]
            _reconcile_a2(str(masa), records, group)
            files[str(masa)] = (records, group[c.NIP].tolist())
        shown = rows.assign(masa=rows["last_month"])[cols]
    else:
        shown = pd.DataFrame(columns=cols)
    review = pd.concat([shown.assign(**{rules.REASON: ""}), left], ignore_index=True)
    return _write(BPA2, label, who, files, review, left, out)


def _a2_record(row: dict, coretax: CoretaxRules, who: Withholder) -> dict[str, object]:
    rank = row["rank"]
    return {
        "WorkForSecondEmployer": row["work_for_second_employer"],
        "TaxPeriodMonthStart": int(row["first_month"][5:7]),
        "TaxPeriodMonthEnd": int(row["last_month"][5:7]),
        "TaxPeriodYear": int(row["last_month"][:4]),
        "CounterpartTin": row["tin"],
        "CounterpartNipNrp": row[c.NIP],
        "TaxExemptOpt": row[c.PTKP_STATUS],
        "StatusOfWithholding": row["status_of_withholding"],
        "CounterpartPosition": row["position"],
        "CounterpartRank": None if rank is pd.NA or not rank else rank,
        "TaxObjectCode": coretax.tax_object_code,
        "NumberOfMonths": int(row["number_of_months"]),
        **{line: int(row[line]) for line in A2_AMOUNTS},
        "PrevWhTaxSlip": None,
        "IDPlaceOfBusinessActivity": who.nitku,
        "WithholdingDate": month_bounds(row["last_month"])[1],
    }


def _reconcile_a2(masa: str, records: list[dict], rows: pd.DataFrame) -> None:
    """Before writing: each A2's income lines add up to the year's TER base and its PPh is the
    year's Pasal 17 tax (withheld + true-up); otherwise nothing is written."""
    off = [
        mask(nip)
        for record, nip, bruto, pph in zip(
            records, rows[c.NIP], rows["bruto_year"], rows["pph_year"], strict=True
        )
        if sum(record[line] for line in A2_INCOME_LINES) != bruto
        or record["Article21IncomeTax"] != pph
    ]
    if off:
        raise CoretaxRefused(
            f"Coretax BPA2 {masa}: the A2 of NIP {', '.join(off)} does not reconcile with the "
            "warehouse (income lines = the year's TER base, PPh = withheld + true-up); nothing "
            "was written. This is a defect: send the run log to whoever maintains the pipeline"
        )


def xml_name(form: str, masa: str) -> str:
    """'bpmp_2024-03.xml', 'bpa2_2024-12.xml': one file per form and masa."""
    return f"{form}_{masa}.xml"


def review_name(form: str, period: str) -> str:
    """'coretax_bpmp_2024-03.csv', 'coretax_bpa2_2024.csv': the review of one export."""
    return f"coretax_{form}_{period}.csv"


def _write(form, period, who, files, review, left, out: Path) -> CoretaxExport:
    """Validate every file first, then write them and the review CSV (nothing on a refusal)."""
    data = {
        masa: _validated(form, masa, who.tin, records, nips)
        for masa, (records, nips) in files.items()
    }
    review = review.sort_values([c.NIP], kind="stable").reset_index(drop=True)
    for col in REVIEW_RUPIAH:
        if col in review:
            review[col] = review[col].astype("Int64")  # whole rupiah, also beside empty cells
    text = review.to_csv(index=False, lineterminator="\n")
    for masa, content in data.items():
        atomic_write_bytes(out / xml_name(form, masa), content)
    if len(period) == 7 and period not in data:  # an earlier export's rows are no longer due
        (out / xml_name(form, period)).unlink(missing_ok=True)
    atomic_write_bytes(out / review_name(form, period), text.encode("utf-8"))
    counts = left[rules.REASON].str.split(":").str[0].value_counts().sort_index()
    return CoretaxExport(
        form,
        period,
        tuple(out / xml_name(form, masa) for masa in data),
        out / review_name(form, period),
        sum(len(records) for records, _nips in files.values()),
        len(left),
        tuple(fmt.validators()),
        tuple((str(k), int(v)) for k, v in counts.items()),
    )
