"""The file-level view of the new layouts (issue 19): how far a Hikvision file whose last page
says more events follow reaches, and the warning when a machine's stated UTC offset is not the
zone devices.csv gives it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd

from formats.attendance import read_attendance
from ingest.attendance import StagedFile, file_manifest
from resources.inbox import InboxFile
from tests.formats.test_glog_hikvision_biotime import PAGES
from vocabulary import columns as c

LATER = dt.datetime(2024, 4, 1, tzinfo=dt.UTC)


def manifest(text: str, zones: dict[str, str], profile) -> pd.Series:
    rel = "attendance/gerbang/acsevent.json"
    entry = InboxFile(rel, Path(rel), len(text), LATER, "gerbang")
    result = read_attendance(text.encode(), rel, "gerbang")
    staged = StagedFile(entry, "sha", "key", result, None, True)
    return file_manifest([staged], zones, profile, dt.date(2024, 1, 1))[0].valid.iloc[0]


def _more(page: dict) -> dict:
    return {"AcsEvent": {**page["AcsEvent"], "responseStatusStrg": "MORE"}}


def test_last_page_saying_more_reaches_only_its_last_event(nasional):
    row = manifest(json.dumps([PAGES[0], _more(PAGES[1])]), {"gerbang": "Asia/Makassar"}, nasional)
    # the file's last event (the valid card at 16:31:00+08:00) is where its data stops
    assert row[c.COVER_UNTIL] == pd.Timestamp("2024-03-04 08:31:00", tz="UTC")
    assert row["cover_reason"] == (
        "the last saved page says responseStatusStrg MORE: the device holds later events that "
        "are not in this file; its last readable record is at 04 Mar 2024 16:31:00 WITA"
    )
    assert pd.isna(row["message"])


def test_pages_saved_newest_first_that_stop_reach_nothing_certain(nasional):
    """Saved newest first, the page that stops is the oldest: which events are missing cannot
    be told, so the file covers none of its days whole."""
    row = manifest(json.dumps([_more(PAGES[1]), PAGES[0]]), {"gerbang": "Asia/Makassar"}, nasional)
    assert row[c.COVER_UNTIL] == pd.Timestamp("2024-03-03 16:00:00", tz="UTC")  # 00:00 WITA
    assert "its records are not in time order" in row["cover_reason"]


def test_stated_offset_against_the_declared_zone_is_told_and_the_instant_kept(nasional):
    row = manifest(json.dumps(PAGES), {"gerbang": "Asia/Jakarta"}, nasional)
    assert row["message"] == (
        "4 record(s) state UTC+08:00 but machine 'gerbang' is in Asia/Jakarta (devices.csv): "
        "the instants are exact and the days are judged in the office's zone; check the "
        "machine's time zone setting"
    )
    assert pd.isna(row[c.COVER_UNTIL])  # the last page says OK and the file was written later
    assert str(row["first_date"].date()) == "2024-03-04"
