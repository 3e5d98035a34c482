"""Employees no machine knows (issue 19): per month, the working days of active employees that
no valid PIN-map row covers, with HR's decisions, and the warning check HR acts on."""

import dagster as dg
import pandas as pd

from assets.metadata import label, labelled, mask_nip, mask_text
from assets.partitions import month_of, monthly
from resources.clock import ClockResource
from resources.rulebook import RulebookResource
from rules.calendar import work_calendar
from rules.enrolment import (
    describe_enrolment,
    enrolment_gaps,
    open_enrolment_gaps,
    unenrolled_days,
)
from vocabulary import columns as c
from vocabulary.frames import Checked
from vocabulary.units import month_bounds

GROUP = "attendance"


@dg.asset(
    group_name=GROUP,
    partitions_def=monthly,
    kinds={"pandas"},
    deps=["attendance_punches"],  # a month refused for lack of exports computes nothing
    check_specs=[
        dg.AssetCheckSpec(
            "attendance_enrolment_gaps",
            asset="attendance_enrolment",
            blocking=False,
            description="Peringatan bila pegawai aktif punya hari kerja yang tidak dicakup "
            "baris peta PIN yang berlaku: tidak ada mesin yang dapat menyimpan presensinya, jadi "
            "hari itu no_data (bukan TK, tanpa potongan) dan bulan tidak dapat ditutup sampai "
            "peta PIN diperbaiki atau HR memutuskan per NIP (attendance_decisions.csv).",
        )
    ],
)
def attendance_enrolment(
    context: dg.AssetExecutionContext,
    rulebook: RulebookResource,
    clock: ClockResource,
    employees: Checked,
    pin_map: Checked,
    leave_records: Checked,
    attendance_decisions: Checked,
):
    """Pegawai yang tidak terdaftar di mesin mana pun: per pegawai aktif dan hari kerja tanpa
    baris peta PIN yang berlaku (pegawai baru atau pindahan yang belum didaftarkan, valid_to
    yang sudah lewat), dengan keputusan HR per NIP. Hari itu no_data, bukan TK.
    (attendance_enrolment)"""
    month = month_of(context.partition_key)
    first, last = month_bounds(month)
    profile = rulebook.load()
    today = clock.today_in(profile.version_for(first).timezone)
    days = unenrolled_days(
        employees.valid,
        pin_map.valid,
        leave_records.valid,
        work_calendar(profile, first, last),
        profile.for_period(month).fingerprint_exempt,
        attendance_decisions.valid,
        as_of=today if today <= last else None,
    )
    gap_list = enrolment_gaps(days)
    table = enrolment_table(gap_list, employees.valid)
    yield dg.Output(
        days,
        metadata=labelled(
            {
                label("employees"): int(days[c.NIP].nunique()),
                "employee_days_not_enrolled": len(days),
                "gaps": table,
            }
        ),
    )
    yield enrolment_check(gap_list, table)


def enrolment_table(gap_list: pd.DataFrame, employees: pd.DataFrame) -> dg.MetadataValue:
    """The runs as a table HR reads: NIP masked, with unit and jabatan to find the person."""
    if gap_list.empty:
        return dg.MetadataValue.md("_every active employee has a valid PIN-map row every day_")
    master = employees.drop_duplicates(c.NIP).set_index(c.NIP)
    nip = gap_list[c.NIP].astype("string")
    table = pd.DataFrame(
        {
            "NIP": mask_nip(nip),
            "unit": nip.map(master[c.UNIT]).astype("string").fillna(""),
            "jabatan": nip.map(master[c.JABATAN]).astype("string").fillna(""),
            "dari": pd.to_datetime(gap_list[c.DATE_FROM]).dt.strftime("%Y-%m-%d"),
            "sampai": pd.to_datetime(gap_list[c.DATE_TO]).dt.strftime("%Y-%m-%d"),
            "hari kerja": gap_list[c.WORKDAYS].astype("int64"),
            "sebab": gap_list[c.GAP_REASON].astype("string"),
            "keputusan HR": gap_list[c.DECISION].astype("string").fillna("belum"),
        }
    )
    return dg.MetadataValue.md(table.to_markdown(index=False))


def enrolment_check(gap_list: pd.DataFrame, table: dg.MetadataValue) -> dg.AssetCheckResult:
    """A warning while such days remain undecided: nobody is charged for them, and the month
    cannot be closed (the CLI summary and the close refusal name the full NIPs)."""
    open_list = open_enrolment_gaps(gap_list)
    described = "; ".join(mask_text(describe_enrolment(g)) for _, g in open_list.iterrows())
    return dg.AssetCheckResult(
        check_name="attendance_enrolment_gaps",
        passed=open_list.empty,
        severity=dg.AssetCheckSeverity.WARN,
        description=None
        if open_list.empty
        else f"{described}. Tambahkan baris pegawai itu di pin_map.csv, atau catat keputusan per "
        "NIP di attendance_decisions.csv.",
        metadata=labelled({"open_gaps": len(open_list), "gaps": table}),
    )
