"""RHK cascading (issue 16, tax-360 §3.2) on a hand-made tree of one dinas in 2024: two roots,
a Plt kabid for July-December, an orphan id, a text below the threshold, an unlinked RHK, a
wrong atasan, a sub-period that does not overlap, and a cycle."""

import datetime as dt

import pandas as pd
import pytest

from rules.performance import cascading
from tests.feedback_rhk_lapkin_fixtures import (
    KABID,
    KASI_A,
    KASI_B,
    KEPALA,
    STAF_1,
    STAF_2,
    STAF_3,
    STAF_4,
    employees,
)
from vocabulary import columns as c
from vocabulary.performance import (
    ALIGNED,
    NO_OVERLAP,
    NOT_UTAMA,
    ORPHAN,
    ROOT,
    UNLINKED,
    WRONG_ATASAN,
)

SEKDA = "196801011990031001"  # not in the master: the kepala's RHK are roots
H1, H2, FULL = (
    ("2024-01-01", "2024-06-30"),
    ("2024-07-01", "2024-12-31"),
    ("2024-01-01", "2024-12-31"),
)
# rhk_id, owner, nip_atasan, jenis, period, plt, rhk_atasan_id, rhk_atasan_text (desc below)
TREE = [
    ("K1", KEPALA, SEKDA, "utama", FULL, False, None, None),
    ("K2", KEPALA, SEKDA, "utama", FULL, False, None, None),
    ("B1", KABID, KEPALA, "utama", H1, False, "K1", None),
    ("B2", KABID, KEPALA, "utama", H1, False, None, "Meningkatnya mutu pelayanan rujukan RS"),
    ("P1", KASI_B, KEPALA, "utama", H2, True, "K1", None),
    ("A1", KASI_A, KABID, "utama", H1, False, "B1", None),
    ("A2", KASI_A, KASI_B, "utama", H2, False, "P1", None),
    ("A3", KASI_A, KABID, "utama", H2, False, "B1", None),
    ("T1", STAF_1, KASI_A, "utama", FULL, False, "A1", None),
    ("T2", STAF_1, KASI_A, "tambahan", FULL, False, None, None),
    ("T3", STAF_2, KASI_A, "utama", FULL, False, "X-DELETED", None),
    ("T4", STAF_2, KASI_A, "utama", FULL, False, None, "Menyusun laporan keuangan tahunan"),
    ("T5", STAF_3, KASI_B, "utama", FULL, False, None, None),
    ("T6", STAF_3, KASI_B, "utama", FULL, False, "A1", None),
    ("C1", STAF_4, KASI_B, "utama", FULL, False, "C2", None),
    ("C2", KASI_B, KABID, "utama", FULL, False, "C1", None),
]  # fmt: skip
DESKRIPSI = {
    "K1": "Meningkatnya derajat kesehatan masyarakat",
    "K2": "Meningkatnya mutu pelayanan rujukan",
    "B1": "Meningkatnya cakupan pelayanan kesehatan dasar",
    "B2": "Rujukan",
    "P1": "Plt: cakupan pelayanan dasar",
    "A1": "Tersusunnya laporan pelayanan kesehatan dasar",
    "A2": "Terlaksananya rujukan pasien",
    "A3": "Terlaksananya supervisi puskesmas",
    "T1": "Laporan bulanan puskesmas",
    "T2": "Panitia hari kesehatan",
    "T3": "Data rujukan",
    "T4": "Keuangan",
    "T5": "Sosialisasi",
    "T6": "Rekap laporan",
    "C1": "Survei kepuasan",
    "C2": "Pelayanan prima",
}


def tree() -> pd.DataFrame:
    rows = []
    for rid, nip, atasan, jenis, (start, end), plt, pid, text in TREE:
        rows.append(
            {
                c.RHK_ID: rid,
                c.SKP_ID: f"skp-{nip[-3:]}-{start[5:7]}",
                c.NIP: nip,
                c.NIP_ATASAN: atasan,
                c.JENIS: jenis,
                c.PERIOD: "2024",
                c.PERIOD_START: pd.Timestamp(start),
                c.PERIOD_END: pd.Timestamp(end),
                c.IS_PLT_PLH: plt,
                c.RHK_ATASAN_ID: pid,
                c.RHK_ATASAN_TEXT: text,
                c.DESKRIPSI: DESKRIPSI[rid],
            }
        )
    frame = pd.DataFrame(rows)
    for col in (c.RHK_ID, c.SKP_ID, c.NIP, c.NIP_ATASAN, c.JENIS, c.PERIOD):
        frame[col] = frame[col].astype("string")
    for col in (c.RHK_ATASAN_ID, c.RHK_ATASAN_TEXT, c.DESKRIPSI):
        frame[col] = frame[col].astype("string")
    for col in (c.PERIOD_START, c.PERIOD_END):
        frame[col] = frame[col].astype("datetime64[s]")
    return frame


@pytest.fixture(scope="module")
def rules(nasional):
    return nasional.version_for(dt.date(2024, 1, 1)).performance.cascading


@pytest.fixture(scope="module")
def facts(rules):
    return cascading.cascade_facts(tree(), employees(), rules).set_index(c.RHK_ID)


def test_link_status_of_every_rhk(facts):
    assert facts[c.LINK_STATUS].to_dict() == {
        "A1": ALIGNED, "A2": ALIGNED, "A3": NO_OVERLAP, "B1": ALIGNED, "B2": ALIGNED,
        "C1": ALIGNED, "C2": WRONG_ATASAN, "K1": ROOT, "K2": ROOT, "P1": ALIGNED,
        "T1": ALIGNED, "T2": NOT_UTAMA, "T3": ORPHAN, "T4": ORPHAN, "T5": UNLINKED,
        "T6": WRONG_ATASAN,
    }  # fmt: skip


def test_fuzzy_text_links_report_their_score(facts):
    # above the threshold (85): linked to K2; below: an orphan with its best score
    assert (facts.loc["B2", c.PARENT_ID], facts.loc["B2", c.MATCH_SCORE]) == ("K2", 95.89)
    assert pd.isna(facts.loc["T4", c.PARENT_ID]) and facts.loc["T4", c.MATCH_SCORE] == 56.41
    assert facts.loc["B2", c.LINK] == "text" and facts.loc["B1", c.LINK] == "id"
    assert pd.isna(facts.loc["B1", c.MATCH_SCORE])


def test_depth_root_and_cycle(facts):
    depth = facts[c.DEPTH].astype("float64").fillna(-1).astype(int).to_dict()
    assert depth == {
        "K1": 1, "K2": 1, "B1": 2, "B2": 2, "P1": 2, "A1": 3, "A2": 3, "A3": 3, "T1": 4,
        "T2": 1, "T3": 1, "T4": 1, "T5": 1, "T6": 4, "C1": -1, "C2": -1,
    }  # fmt: skip
    assert facts[c.IN_CYCLE].loc[["C1", "C2"]].all() and facts[c.IN_CYCLE].sum() == 2
    assert facts.loc["T1", c.ROOT_ID] == "K1" and facts.loc["B2", c.ROOT_ID] == "K2"
    assert pd.isna(facts.loc["C1", c.ROOT_ID])


def test_plt_sub_periods(facts):
    # A2 (July-December) intervenes the Plt kabid's P1; A3 points at the definitive kabid's B1
    # of January-June: no common day, not aligned; T1 (whole year) is linked for January-June
    def window(rid):
        return str(facts.loc[rid, c.LINK_FROM])[:10], str(facts.loc[rid, c.LINK_TO])[:10]

    assert window("A2") == ("2024-07-01", "2024-12-31")
    assert window("T1") == ("2024-01-01", "2024-06-30")
    assert pd.isna(facts.loc["A3", c.LINK_FROM]) and bool(facts.loc["P1", c.IS_PLT_PLH])


def test_coverage_counts_aligned_children_outside_cycles(facts):
    assert facts[c.INTERVENED_BY].to_dict() == {
        "A1": 1, "A2": 0, "A3": 0, "B1": 1, "B2": 0, "C1": 0, "C2": 0, "K1": 2, "K2": 1,
        "P1": 1, "T1": 0, "T2": 0, "T3": 0, "T4": 0, "T5": 0, "T6": 0,
    }  # fmt: skip


def test_unit_score(rules):
    facts = cascading.cascade_facts(tree(), employees(), rules)
    score = cascading.cascade_scores(facts, rules).iloc[0].to_dict()
    assert score == {
        c.UNIT: "Dinas Kesehatan", c.PERIOD: "2024", "rhk": 16, "utama": 15, "roots": 2,
        "aligned": 6, "orphans": 2, "unlinked": 1, "misaligned": 3, "text_links": 1,
        "in_cycle": 2, "too_deep": 0, "max_depth": 4, "atasan_rhk": 9, "covered": 5,
        # 6 / 13 aligned; 5 of 9 atasan RHK (K1 K2 B1 P1 A1) intervened; 0.5 x both
        "alignment_pct": 46.15, "coverage_pct": 55.56, "cascade_score": 50.86,
    }  # fmt: skip
    deep = cascading.cascade_scores(facts, rules.model_copy(update={"max_depth": 3}))
    assert deep["too_deep"].tolist() == [2]  # T1 and T6 at depth 4


def test_warnings_list_orphans_unlinked_and_the_cycle(facts, rules):
    warnings = cascading.cascade_warnings(cascading.cascade_facts(tree(), employees(), rules))
    assert warnings[c.RHK_ID].tolist() == ["C1", "C2", "T3", "T4", "T5"]
    assert warnings["warning"].iloc[0] == "RHK C1 is in a cycle of intervened RHK"


def test_rhk_row_reasons():
    frame = tree().head(3).assign(**{c.SOURCE_FILE: "rhk.csv", c.SOURCE_LINE: [2, 3, 4]})
    frame.loc[1, c.RHK_ID] = "K1"
    frame.loc[2, c.NIP_ATASAN] = "12345"
    reasons = cascading.rhk_reasons(frame, employees()[c.NIP]).tolist()
    assert reasons == [
        pd.NA,
        "duplicate rhk_id; first at rhk.csv:2",
        "nip_atasan '12345' is not a valid NIP",
    ]


def test_a_tree_linked_only_by_ids_needs_no_text_matching(rules):
    """No row carries only an atasan text (the usual e-Kinerja export): nothing to match."""
    by_id = tree()
    by_id = by_id[by_id[c.RHK_ATASAN_ID].notna() | by_id[c.RHK_ATASAN_TEXT].isna()]
    matched = cascading.match_texts(by_id, rules)
    assert matched.empty and list(matched.columns) == [c.PARENT_ID, c.MATCH_SCORE]
    facts = cascading.cascade_facts(by_id, employees(), rules).set_index(c.RHK_ID)
    assert facts.loc["A1", c.LINK_STATUS] == ALIGNED
