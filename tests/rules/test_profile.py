"""Rulebook profiles: shipped ones load, errors name the file and the field, versions apply."""

import datetime as dt
from decimal import Decimal

import pytest

from resources.rulebook import available_profiles, load_profile
from rules.calendar import work_calendar
from rules.profile import ProfileError, parse_profile


def test_shipped_profiles_load_with_a_source_for_every_section():
    assert available_profiles() == ["jawa_timur", "nasional", "pakpak_bharat", "tulang_bawang"]
    for name in available_profiles():
        for v in load_profile(name).versions:
            for section in (
                "calendar",
                "schedule",
                "scan_windows",
                "lateness",
                "absence",
                "punch_sanity",
            ):
                assert len(getattr(v, section).source) > 10, (name, section)


def test_nasional_numbers():
    v = load_profile("nasional").version_for(dt.date(2024, 3, 1))
    assert [(b.code, b.from_minute, b.to_minute, b.pct) for b in v.lateness.late_bands] == [
        ("TL1", 1, 30, Decimal("0.5")),
        ("TL2", 31, 60, Decimal("1.0")),
        ("TL3", 61, 90, Decimal("1.25")),
        ("TL4", 91, None, Decimal("1.5")),
    ]
    assert v.absence.tk_pct == Decimal("5.0") and v.absence.monthly_cap_pct == 100
    assert v.schedule.regular["fri"].end == "16:30" and v.schedule.ramadan["mon"].end == "15:00"


def test_regional_profile_inherits_what_it_does_not_change():
    tb = load_profile("tulang_bawang").version_for(dt.date(2024, 6, 1))
    nas = load_profile("nasional").version_for(dt.date(2024, 6, 1))
    assert tb.absence.tk_pct == Decimal("1.5") and tb.lateness.late_makeup_max_minutes == 30
    assert tb.schedule == nas.schedule and tb.calendar == nas.calendar
    with pytest.raises(ProfileError, match="no version in force on 2023-12-31"):
        load_profile("tulang_bawang").version_for(dt.date(2023, 12, 31))


BASE = """
name: t
title: t
region: t
description: t
extends: nasional
versions:
  - valid_from: 2024-01-01
"""


@pytest.mark.parametrize(
    ("patch", "message"),
    [
        pytest.param(
            "    timezone: Asia/Atlantis\n",
            "versions[0] (valid_from 2024-01-01).timezone: "
            "Value error, unknown IANA time zone 'Asia/Atlantis'",
            id="zone",
        ),
        pytest.param(
            "    scan_windows:\n      check_in: {start: '04:00', end: 12:00}\n",
            "write clock times in quotes",
            id="unquoted time",
        ),
        pytest.param(
            "    lateness:\n      late_bands:\n        - {code: TL1, from_minute: 1, "
            "to_minute: 30, pct: 0.5}\n        - {code: TL2, from_minute: 40, to_minute: "
            "null, pct: 1}\n      no_check_in: TL2\n",
            "bands must be contiguous (TL1 then TL2)",
            id="gap in bands",
        ),
        pytest.param(
            "    absence:\n      tk_pct: 150\n", "less than or equal to 100", id="pct > 100"
        ),
        pytest.param(
            "    absence:\n      source: x\n",
            "String should have at least 3 characters",
            id="source too short",
        ),
        pytest.param("    tpp_split: 0.6\n", "Extra inputs are not permitted", id="unknown key"),
    ],
)
def test_errors_name_the_file_and_the_field(patch, message):
    with pytest.raises(ProfileError) as err:
        parse_profile(BASE + patch, "/etc/kinerja/t.yaml", resolve_base=load_profile)
    assert str(err.value).startswith("/etc/kinerja/t.yaml: ")
    assert message in str(err.value)


def test_unknown_profile_name_lists_the_shipped_ones():
    with pytest.raises(
        ProfileError, match=r"no rulebook profile 'kab_x'.*nasional, pakpak_bharat, tulang_bawang"
    ):
        load_profile("kab_x")


def test_later_version_changes_a_number_from_its_date(tmp_path):
    path = tmp_path / "two.yaml"
    path.write_text(
        BASE + "  - valid_from: 2024-03-15\n    absence:\n      source: new Perbup"
        "\n      tk_pct: 3\n"
    )
    p = load_profile(str(path))
    assert p.version_for(dt.date(2024, 3, 14)).absence.tk_pct == 5
    assert p.version_for(dt.date(2024, 3, 15)).absence.tk_pct == 3
    cal = work_calendar(p, dt.date(2024, 3, 14), dt.date(2024, 3, 15))
    assert cal.version.tolist() == [0, 1]


def test_calendar_march_2024():
    cal = work_calendar(load_profile("nasional"), dt.date(2024, 3, 1), dt.date(2024, 3, 31))
    work = cal[cal.is_workday]
    assert len(work) == 18
    named = cal[cal.holiday_name.notna()]
    hol = dict(zip(named.day.dt.day, named.holiday_name, strict=True))
    assert hol == {
        11: "Day of Silence",
        12: "Day of Silence Joint Holiday",
        29: "Good Friday",
        31: "Easter Sunday",
    }
    assert cal[cal.ramadan].day.dt.day.min() == 12 and cal[cal.ramadan].day.dt.day.max() == 31
    fri = work[work.day.dt.day == 15].iloc[0]
    assert (fri.sched_start_s, fri.sched_end_s) == (8 * 3600, 15 * 3600 + 1800)


def test_profile_extra_and_removed_holidays(tmp_path):
    path = tmp_path / "local.yaml"
    path.write_text(
        BASE + "    calendar:\n      source: Perbup hari jadi kabupaten\n"
        "      extra_holidays: [{date: 2024-03-04, name: Hari Jadi}]\n"
        "      removed_holidays: [2024-03-12]\n"
    )
    cal = work_calendar(load_profile(str(path)), dt.date(2024, 3, 1), dt.date(2024, 3, 31))
    days = cal[cal.is_workday].day.dt.day.tolist()
    assert 4 not in days and 12 in days and len(days) == 18
