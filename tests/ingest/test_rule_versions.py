"""Ingestion judges each row by the rulebook version in force on its own date, not by the
latest version: a Perkada that changes a rule from April must not re-judge March."""

from __future__ import annotations

import datetime as dt
import textwrap

import pandas as pd

from ingest.attendance import file_manifest, stage_attendance
from ingest.kinds import Context
from ingest.reference import read_source
from resources import inbox as ib
from resources.rulebook import load_profile
from resources.state import StagingCache
from rules.profile import parse_profile
from tests.conftest import E1
from vocabulary import columns as c

# From April 2024 the machines of this region reset to 2024-03-20 (a firmware quirk) and a
# pemotongan TPP may only last 12 months; both are April's rules, not March's.
APRIL_RULES = textwrap.dedent(
    """
    name: two_versions
    title: Two versions
    region: test
    description: a rule changed from April 2024
    extends: nasional
    versions:
      - valid_from: 2024-01-01
      - valid_from: 2024-04-01
        timezone: Asia/Makassar
        punch_sanity:
          reset_dates: [2000-01-01, 2024-03-20]
        tpp:
          sanctions:
            durations: {pemotongan_tpp: [12]}
    """
)
MODIFIED = dt.datetime(2024, 5, 2, tzinfo=dt.UTC)


def profile():
    return parse_profile(APRIL_RULES, "two_versions.yaml", load_profile)


def test_a_march_punch_is_judged_by_march_rules(tmp_path):
    inbox = tmp_path / "inbox"
    (inbox / "attendance" / "m1").mkdir(parents=True)
    (inbox / "attendance" / "m1" / "1_attlog.dat").write_text(
        "        1\t2024-03-20 07:20:00\t1\t0\t1\t0\n"
        "        1\t2024-04-03 07:20:00\t1\t0\t1\t0\n"
        "        1\t2024-03-20 07:25:00\t1\t0\t1\t0\n"
    )
    files = [
        ib.InboxFile(**{**f.__dict__, "modified": MODIFIED}) for f in ib.list_attendance(inbox)
    ]
    staged = stage_attendance(files, {}, StagingCache(tmp_path / "staging"))
    checked, months = file_manifest(staged, {}, profile(), dt.date(2020, 1, 1))
    # 2024-03-20 became a reset date only in April: March's punches of that day are valid
    assert checked.quarantine.empty
    assert checked.valid["rows_read"].tolist() == [3] and months == ["2024-03", "2024-04"]
    cache = StagingCache(tmp_path / "staging")
    rows, _q, _meta = cache.get(checked.valid["cache_key"].iloc[0])
    from ingest.attendance import sane_punches

    punches, insane = sane_punches(rows, MODIFIED, {}, profile(), dt.date(2020, 1, 1))
    assert insane.isna().all()
    # a machine without a declared zone keeps the zone of the version of each punch's date
    assert punches[c.TIMEZONE].tolist() == ["Asia/Jakarta", "Asia/Makassar", "Asia/Jakarta"]
    assert punches[c.INSTANT].dt.strftime("%H:%M").tolist() == ["00:20", "23:20", "00:25"]


def test_a_march_sanction_is_judged_by_march_durations(tmp_path):
    inbox = tmp_path / "inbox"
    (inbox / "reference").mkdir(parents=True)
    (inbox / "reference" / "hukuman.csv").write_text(
        "nip,sanction_type,decision_date,months\n"
        f"{E1},pemotongan_tpp,2024-03-10,6\n"
        f"{E1},pemotongan_tpp,2024-04-10,6\n"
    )
    known = pd.Series([E1], dtype="string")
    checked = read_source("tpp_reference", inbox, Context(profile(), known))
    sanctions = checked["disciplinary_sanctions"]
    assert sanctions.valid[c.DECISION_DATE].dt.strftime("%Y-%m-%d").tolist() == ["2024-03-10"]
    assert sanctions.quarantine[c.SOURCE_LINE].tolist() == [3]
    assert sanctions.quarantine[c.REASON].tolist() == [
        "pemotongan_tpp lasts 6 months; PP 94/2021 allows pemotongan_tpp: [12]"
    ]
