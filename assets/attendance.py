"""Attendance: exports from the machines, punches of a month, daily attendance, monthly
discipline. Asset bodies read inputs, call one function, and describe the result."""

import datetime as dt

import dagster as dg
import pandas as pd

from assets.metadata import (
    MONTH_INPUTS_CHECK,
    checked_metadata,
    count_table,
    counts,
    coverage_check,
    coverage_metadata,
    label,
    labelled,
    month_refusal,
    preview,
    rejected_files,
    selected_only,
    unmapped_pins_check,
)
from assets.partitions import FIRST_DAY, month_of, monthly
from expectations import punches as punches_contract
from ingest.attendance import (
    file_manifest,
    missing_month_inputs,
    month_punches,
    stage_attendance,
)
from resources.clock import ClockResource
from resources.inbox import InboxResource
from resources.rulebook import RulebookResource
from resources.state import StateResource
from rules.attendance import classify_days
from rules.calendar import DAY, IS_WORKDAY, work_calendar
from rules.coverage import (
    employee_days_without_data,
    expected_devices,
    gaps,
    machine_days,
    punch_counts,
)
from rules.discipline import monthly_discipline as discipline_of_month
from rules.enrolment import exempt_nips, not_judged
from vocabulary import columns as c
from vocabulary.frames import Checked
from vocabulary.units import month_bounds

GROUP = "attendance"


def _zones(devices: Checked) -> dict[str, str]:
    v = devices.valid
    return dict(zip(v[c.DEVICE_KEY], v[c.TIMEZONE], strict=True))


@dg.asset(
    group_name=GROUP,
    kinds={"pandas"},
    check_specs=[
        dg.AssetCheckSpec(
            "attendance_files_contract",
            asset="attendance_files",
            blocking=False,
            description="Peringatan bila sebuah ekspor tidak dapat dibaca; ekspor lain tetap "
            "dimuat.",
        )
    ],
)
def attendance_files(
    context: dg.AssetExecutionContext,
    inbox: InboxResource,
    state: StateResource,
    rulebook: RulebookResource,
    devices: Checked,
):
    """Ekspor mesin absensi: satu baris per berkas di inbox/attendance/<mesin>/ dengan format
    yang dikenali, jumlah baris terbaca, baris dikarantina (baris tak terbaca, waktu mustahil) dan
    rentang tanggalnya. (attendance_files)"""
    orders = {
        k: o
        for k, o in zip(devices.valid[c.DEVICE_KEY], devices.valid[c.DATE_ORDER], strict=True)
        if isinstance(o, str)
    }
    staged = stage_attendance(inbox.attendance_files(), orders, state.staging())
    checked, new_months = file_manifest(staged, _zones(devices), rulebook.load(), FIRST_DAY)
    numbers = counts(checked)
    layouts = checked.valid[c.LAYOUT].value_counts().to_dict()
    yield dg.Output(
        checked,
        metadata=labelled(
            {
                **checked_metadata(checked),
                label("rejected_files"): rejected_files(checked.audit),
                label("layouts"): count_table(
                    {str(k): int(v) for k, v in layouts.items()}, "format", "export layout"
                ),
                "files_parsed_now": int(checked.valid["parsed_now"].sum()),
                "months_with_new_files": dg.MetadataValue.json(new_months),
            }
        ),
    )
    yield dg.AssetCheckResult(
        check_name="attendance_files_contract",
        passed=numbers["files_rejected"] == 0,
        severity=dg.AssetCheckSeverity.WARN,
        metadata=labelled(
            {
                label("rejected_files"): rejected_files(checked.audit),
                label("files"): numbers["files"],
            }
        ),
    )


PUNCHES_DESCRIPTION = (
    "Presensi bulanan: setiap presensi bertanggal di bulan itu, dikaitkan ke NIP lewat peta "
    "PIN, dengan waktu dan tanggal setempat; presensi ganda, PIN tanpa NIP dan NIP yang tidak "
    "dikenal dikarantina. Bulan tanpa ekspor mesin (atau tanpa data pegawai atau peta PIN) "
    "ditolak sebelum dihitung: cek attendance_punches_month_inputs menyebut apa yang kurang, dan "
    "semua langkah bulan itu dilewati (skipped). (attendance_punches)"
)


@dg.multi_asset(
    # skippable: a month that cannot be computed yields no punches, so every monthly step after
    # it is skipped (not failed) and the refusal is the failed month-inputs check below
    outs={
        "attendance_punches": dg.AssetOut(
            group_name=GROUP,
            kinds={"pandas"},
            is_required=False,
            description=PUNCHES_DESCRIPTION,
        )
    },
    partitions_def=monthly,
    can_subset=True,  # (what makes the checks' results optional when the month is refused)
    check_specs=[
        dg.AssetCheckSpec(
            MONTH_INPUTS_CHECK,
            asset="attendance_punches",
            blocking=False,
            description="Bulan dapat dihitung: ada data pegawai, peta PIN dan ekspor mesin yang "
            "mencakup bulan itu. Bila gagal, bulan ditolak: tidak ada yang dihitung atau "
            "diterbitkan untuk bulan itu, dan pesan ini menyebut apa yang kurang dan apa yang "
            "harus dilakukan. (attendance_punches_month_inputs)",
        ),
        dg.AssetCheckSpec(
            "attendance_punches_contract",
            asset="attendance_punches",
            blocking=True,
            description="Menahan bulan itu bila tidak ada data pegawai, tidak ada peta PIN, "
            "atau tidak ada satu pun presensi yang sah.",
        ),
        dg.AssetCheckSpec(
            "attendance_punches_unmapped_pins",
            asset="attendance_punches",
            blocking=False,
            description="Peringatan, dengan nama berkas dan porsinya, bila sebagian besar "
            "catatan sebuah berkas membawa PIN yang tidak ada di peta PIN: format yang dibaca "
            "dengan kolom PIN yang salah terlihat persis seperti itu (ambang "
            "data_coverage.unmapped_pin_warn_share).",
        ),
    ],
)
def attendance_punches(
    context: dg.AssetExecutionContext,
    state: StateResource,
    rulebook: RulebookResource,
    attendance_files: Checked,
    devices: Checked,
    pin_map: Checked,
    employees: Checked,
):
    month = month_of(context.partition_key)
    first, last = month_bounds(month)
    missing = missing_month_inputs(
        attendance_files.valid, employees.valid, pin_map.valid, month, first, last
    )
    if missing:  # refused: no output, so the month's later steps are skipped, not failed
        refusal = month_refusal(month, missing)
        context.log.error(refusal.description)
        yield from selected_only(context, [refusal])
        return
    checked = month_punches(
        attendance_files.valid,
        state.staging(),
        _zones(devices),
        rulebook.load(),
        FIRST_DAY,
        first,
        last,
        pin_map.valid,
        employees.valid,
        punches_contract.suite(),
        "attendance_punches",
        month,
    )
    yield from selected_only(
        context,
        [
            dg.AssetCheckResult(check_name=MONTH_INPUTS_CHECK, passed=True),
            *_punches_results(checked, employees, pin_map, month),
        ],
    )


def _punches_results(checked: Checked, employees: Checked, pin_map: Checked, month: str):
    """The month's punches with their preview, and the blocking contract check: no master, no
    PIN map or not one valid punch stops the month."""
    meta = checked_metadata(checked)
    yield dg.Output(
        checked,
        output_name="attendance_punches",
        metadata=labelled(
            {
                **meta,
                label("preview"): preview(
                    checked.valid, [c.NIP, c.DEVICE_KEY, c.LOCAL_TIME, c.TIMEZONE, c.LAYOUT]
                ),
            }
        ),
    )
    problems = [
        text
        for ok, text in (
            (len(employees.valid) > 0, "no employee master (inbox/employees.*)"),
            (len(pin_map.valid) > 0, "no PIN map (inbox/pin_map.csv)"),
            (len(checked.valid) > 0, f"no valid punches at all for {month}"),
        )
        if not ok
    ]
    yield dg.AssetCheckResult(
        check_name="attendance_punches_contract",
        passed=not problems,
        severity=dg.AssetCheckSeverity.ERROR,
        description="; ".join(problems) or None,
        metadata=labelled(
            {
                "presensi sah (punches)": len(checked.valid),
                label("rows_quarantined"): len(checked.quarantine),
                label("quarantine_by_code"): meta[label("quarantine_by_code")],
            }
        ),
    )
    yield unmapped_pins_check(checked.audit)


@dg.asset(
    group_name=GROUP,
    partitions_def=monthly,
    kinds={"pandas"},
    check_specs=[
        dg.AssetCheckSpec(
            "attendance_coverage_gaps",
            asset="attendance_coverage",
            blocking=False,
            description="Peringatan bila sebuah mesin tidak menyimpan data yang terbaca untuk "
            "hari kerja bulan itu: pegawainya tidak dipotong untuk hari itu (no_data) dan bulan "
            "tidak dapat ditutup sampai HR memberi datanya atau memutuskan "
            "(attendance_decisions.csv).",
        )
    ],
)
def attendance_coverage(
    context: dg.AssetExecutionContext,
    rulebook: RulebookResource,
    attendance_files: Checked,
    attendance_punches: Checked,
    devices: Checked,
    pin_map: Checked,
    attendance_decisions: Checked,
):
    """Cakupan data mesin: per mesin dan hari kerja, apakah ada data yang terbaca (berkas
    ditolak, mesin tanpa ekspor, hari yang tidak tercakup ekspor atau mesin diam berarti tidak
    ada), dan keputusan HR atas hari tanpa data. (attendance_coverage)"""
    month = month_of(context.partition_key)
    first, last = month_bounds(month)
    profile = rulebook.load()
    days = work_calendar(profile, first, last)
    machines = expected_devices(attendance_files.valid, devices.valid, pin_map.valid, first, last)
    frame = machine_days(
        attendance_files.valid,
        punch_counts(attendance_punches.valid),
        machines,
        days.loc[days[IS_WORKDAY], DAY],
        profile.for_period(month).data_coverage,
        attendance_decisions.valid,
    )
    affected = employee_days_without_data(frame, pin_map.valid, first, last)
    gap_list = gaps(frame, affected, pin_map.valid)
    yield dg.Output(frame, metadata=labelled(coverage_metadata(frame, gap_list)))
    yield coverage_check(gap_list)


@dg.asset(
    group_name=GROUP,
    partitions_def=monthly,
    kinds={"pandas"},
    check_specs=[
        dg.AssetCheckSpec(
            "daily_attendance_contract",
            asset="daily_attendance",
            blocking=True,
            description="Satu baris per pegawai dan hari kerja; hari TK tidak membawa TL/PSW.",
        )
    ],
)
def daily_attendance(
    context: dg.AssetExecutionContext,
    rulebook: RulebookResource,
    clock: ClockResource,
    attendance_punches: Checked,
    attendance_coverage: pd.DataFrame,
    attendance_enrolment: pd.DataFrame,
    employees: Checked,
    leave_records: Checked,
    pin_map: Checked,
):
    """Kehadiran harian: satu baris per pegawai aktif per hari kerja, dengan jam masuk dan
    pulang, menit terlambat dan pulang cepat, kode TL/PSW, TK, no_data (tidak ada mesin pegawai
    yang punya data, atau pegawai tidak terdaftar di mesin mana pun) atau cuti, dan persen
    potongan hari itu; jabatan yang dikecualikan dari absensi sidik jari dihitung hadir.
    (daily_attendance)"""
    month = month_of(context.partition_key)
    first, last = month_bounds(month)
    profile = rulebook.load()
    today = clock.today_in(profile.version_for(first).timezone)
    daily = classify_days(
        attendance_punches.valid,
        employees.valid,
        leave_records.valid,
        profile,
        first,
        last,
        as_of=today if today <= last else None,
        without_data=pd.concat(
            [
                employee_days_without_data(attendance_coverage, pin_map.valid, first, last),
                not_judged(attendance_enrolment),
            ]
        ),
        exempt=exempt_nips(employees.valid, profile.for_period(month).fingerprint_exempt),
    )
    yield from _daily_results(daily, last, today)


def _daily_results(daily: pd.DataFrame, last: dt.date, today: dt.date):
    """The day rows with their code counts and preview, and the contract check: one row per
    employee and day, and a TK day carries no TL/PSW code."""
    yield dg.Output(
        daily,
        metadata=labelled(
            {
                label("rows"): len(daily),
                label("employees"): int(daily[c.NIP].nunique()),
                label("codes"): count_table(
                    _code_counts(daily), "kode", "TL1-4, PSW1-4, TK, cuti... (docs/glossary.md)"
                ),
                label("complete_through"): str(min(last, today - dt.timedelta(days=1))),
                label("preview"): preview(
                    daily,
                    [c.NIP, c.WORK_DATE, c.LATE_MINUTES, c.LATE_CODE, c.EARLY_CODE, c.ABSENCE_CODE],
                ),
            }
        ),
    )
    keys_unique = not daily.duplicated([c.NIP, c.WORK_DATE]).any()
    tk = daily[c.ABSENCE_CODE] == c.TK
    tk_clean = not (daily.loc[tk, [c.LATE_CODE, c.EARLY_CODE]].notna().any().any())
    yield dg.AssetCheckResult(
        check_name="daily_attendance_contract",
        passed=bool(keys_unique and tk_clean),
        metadata=labelled({"unique_keys": keys_unique, "tk_without_tl_psw": tk_clean}),
    )


def _code_counts(daily: pd.DataFrame) -> dict[str, int]:
    counts: dict[str, int] = {}
    for col in (c.LATE_CODE, c.EARLY_CODE, c.ABSENCE_CODE):
        for k, v in daily[col].value_counts().items():
            counts[str(k)] = int(v)
    return dict(sorted(counts.items()))


@dg.asset(group_name=GROUP, partitions_def=monthly, kinds={"pandas"})
def monthly_discipline(
    context: dg.AssetExecutionContext, rulebook: RulebookResource, daily_attendance: pd.DataFrame
) -> dg.Output[pd.DataFrame]:
    """Disiplin bulanan: satu baris per pegawai per bulan dengan jumlah TL1-4, PSW1-4, TK dan
    hari cuti, serta persen potongan disiplin bulan itu (dibatasi) yang dipakai TPP.
    (monthly_discipline)"""
    monthly_rows = discipline_of_month(
        daily_attendance, rulebook.load(), month_of(context.partition_key)
    )
    units = monthly_rows["deduction_units"]
    return dg.Output(
        monthly_rows,
        metadata=labelled(
            {
                label("rows"): len(monthly_rows),
                label("mean_deduction_pct"): round(float(units.mean()) / c.PCT_SCALE, 4)
                if len(units)
                else 0.0,
                label("employees_at_cap"): int((units >= 100 * c.PCT_SCALE).sum()),
                label("employees_without_deduction"): int((units == 0).sum()),
            }
        ),
    )
