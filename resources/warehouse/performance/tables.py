"""Warehouse tables of performance, on the shared ``metadata``.

- results: one row per employee and period (``fact_performance_period``: months, the predikat TPP
  uses, quarters, semesters and years, each under the regime that applied; the regimes without
  numbers, 6/2022, leave the scores empty) and per unit (OPD) and period the employees with an
  SKP, an approved SKP and an assessment (``fact_skp_compliance``);
- 360 perilaku: the valid feedback rows (``fact_feedback_360``, the inbox snapshot; no free
  text: ``umpan_balik`` may name people and stays in the inbox), the numeric regimes' aggregate
  per employee and period (``fact_perilaku_360``) and, under PermenPAN-RB 6/2022, the summary
  beside the atasan's rating (``fact_feedback_360_summary``, ``fact_feedback_360_counts``);
- cascading: one row per RHK with its link status (``fact_rhk_cascade``) and the score per unit
  and period (``fact_cascade_score``);
- e-Lapkin: per employee and month (``fact_lapkin_monthly``) and the reporting compliance per
  unit and month (``fact_lapkin_compliance``);
- tindak lanjut: the follow-up cases per period (``fact_tindak_lanjut``), each with whom it is
  assigned to where the rule says (the dialog cases: the penilai's atasan);
- dialog kinerja (issue 25): per unit and evaluation period the coverage of RHK, pegawai and
  perilaku by umpan balik, silent atasan, timeliness, template and back-dated feedback
  (``fact_dialog_coverage``; ``status`` tanpa_data = unknown, its measures empty), per pegawai
  (``fact_dialog_pegawai``) and per penilai (``fact_dialog_penilai``). No text of any feedback.

Scores and percentages are NUMERIC with two (scores) or four (the Lapkin kinerja percentage,
exact units of 1/10,000 %) decimals. No names or personal numbers.
"""

import sqlalchemy as sa

from resources.warehouse.tables import PCT, agency_column, metadata
from vocabulary import columns as c

SCORE = sa.Numeric(7, 2)
SHARE = sa.Numeric(5, 2)
TEXT = sa.String(200)


def _ints(*names: str) -> list[sa.Column]:
    return [sa.Column(name, sa.Integer, nullable=False) for name in names]


fact_feedback_360 = sa.Table(
    "fact_feedback_360", metadata,
    agency_column(),
    sa.Column(c.NIP, sa.String(18), nullable=False),
    sa.Column(c.NIP_PENILAI, sa.String(18), nullable=False),
    sa.Column(c.RELASI, sa.String(24), nullable=False),
    sa.Column(c.PERIOD, sa.String(7), nullable=False),
    sa.Column(c.REGIME, sa.String(32)),
    sa.Column(c.ASPEK, sa.String(64), nullable=False),
    sa.Column(c.SKOR, SCORE),
    sa.Column(c.RATING, sa.String(24)),
    sa.Column(c.TANGGAL_ISI, sa.Date),
    sa.Column(c.SOURCE_FILE, sa.Text, nullable=False),
    sa.Column(c.SOURCE_LINE, sa.BigInteger, nullable=False),
    sa.PrimaryKeyConstraint(c.AGENCY, c.NIP, c.NIP_PENILAI, c.PERIOD, c.ASPEK),
)  # fmt: skip

fact_perilaku_360 = sa.Table(
    "fact_perilaku_360", metadata,
    agency_column(),
    sa.Column(c.NIP, sa.String(18), nullable=False),
    sa.Column(c.PERIOD, sa.String(7), nullable=False),
    sa.Column(c.REGIME, sa.String(32), nullable=False),
    sa.Column(c.RATERS, sa.Integer, nullable=False),
    sa.Column(c.NILAI_ATASAN, SCORE),
    sa.Column(c.NILAI_REKAN, SCORE),
    sa.Column(c.NILAI_BAWAHAN, SCORE),
    sa.Column(c.NILAI_PERILAKU_360, SCORE),
    sa.Column(c.WITH_360, sa.Boolean, nullable=False),
    sa.PrimaryKeyConstraint(c.AGENCY, c.NIP, c.PERIOD),
)  # fmt: skip

fact_feedback_360_summary = sa.Table(
    "fact_feedback_360_summary", metadata,
    agency_column(),
    sa.Column(c.NIP, sa.String(18), nullable=False),
    sa.Column(c.PERIOD, sa.String(7), nullable=False),
    *_ints(c.RATERS, c.RATINGS, c.N_DI_ATAS, c.N_SESUAI, c.N_DI_BAWAH),
    sa.Column(c.PCT_DI_BAWAH, SHARE),
    sa.Column(c.RATING_PERILAKU, sa.String(24)),  # the atasan's rating: the one that counts
    sa.Column(c.PREDIKAT, sa.String(24)),  # copied, never changed by the feedback
    sa.PrimaryKeyConstraint(c.AGENCY, c.NIP, c.PERIOD),
)  # fmt: skip

fact_feedback_360_counts = sa.Table(
    "fact_feedback_360_counts", metadata,
    agency_column(),
    sa.Column(c.NIP, sa.String(18), nullable=False),
    sa.Column(c.PERIOD, sa.String(7), nullable=False),
    sa.Column(c.RELASI, sa.String(24), nullable=False),
    sa.Column(c.RATING, sa.String(24), nullable=False),
    sa.Column(c.N, sa.Integer, nullable=False),
    sa.PrimaryKeyConstraint(c.AGENCY, c.NIP, c.PERIOD, c.RELASI, c.RATING),
)  # fmt: skip

fact_rhk_cascade = sa.Table(
    "fact_rhk_cascade", metadata,
    agency_column(),
    sa.Column(c.UNIT, TEXT, nullable=False),
    sa.Column(c.PERIOD, sa.String(7), nullable=False),
    sa.Column(c.RHK_ID, sa.String(64), nullable=False),
    sa.Column(c.SKP_ID, sa.String(64)),
    sa.Column(c.NIP, sa.String(18), nullable=False),
    sa.Column(c.NIP_ATASAN, sa.String(18)),
    sa.Column(c.JENIS, sa.String(16), nullable=False),
    sa.Column(c.IS_PLT_PLH, sa.Boolean, nullable=False),
    sa.Column(c.PERIOD_START, sa.Date),
    sa.Column(c.PERIOD_END, sa.Date),
    sa.Column(c.LINK, sa.String(8), nullable=False),
    sa.Column(c.RHK_ATASAN_ID, sa.String(64)),
    sa.Column(c.PARENT_ID, sa.String(64)),
    sa.Column(c.MATCH_SCORE, SHARE),
    sa.Column(c.LINK_STATUS, sa.String(16), nullable=False),
    sa.Column(c.LINK_FROM, sa.Date),
    sa.Column(c.LINK_TO, sa.Date),
    sa.Column(c.DEPTH, sa.Integer),
    sa.Column(c.IN_CYCLE, sa.Boolean, nullable=False),
    sa.Column(c.ROOT_ID, sa.String(64)),
    sa.Column(c.INTERVENED_BY, sa.Integer, nullable=False),
    sa.PrimaryKeyConstraint(c.AGENCY, c.RHK_ID),
)  # fmt: skip

fact_cascade_score = sa.Table(
    "fact_cascade_score", metadata,
    agency_column(),
    sa.Column(c.UNIT, TEXT, nullable=False),
    sa.Column(c.PERIOD, sa.String(7), nullable=False),
    *_ints("rhk", "utama", "roots", "aligned", "orphans", "unlinked", "misaligned",
           "text_links", "in_cycle", "too_deep"),
    sa.Column("max_depth", sa.Integer),
    *_ints("atasan_rhk", "covered"),
    sa.Column("alignment_pct", SHARE),
    sa.Column("coverage_pct", SHARE),
    sa.Column("cascade_score", SHARE),
    sa.PrimaryKeyConstraint(c.AGENCY, c.UNIT, c.PERIOD),
)  # fmt: skip

fact_lapkin_monthly = sa.Table(
    "fact_lapkin_monthly", metadata,
    agency_column(),
    sa.Column(c.NIP, sa.String(18), nullable=False),
    sa.Column(c.MONTH, sa.String(7), nullable=False),
    sa.Column(c.UNIT, TEXT, nullable=False),
    *_ints(c.REPORTS, c.DAYS_REPORTED, "days_verified", c.MINUTES_REPORTED,
           c.MINUTES_APPROVED, "reports_decided", c.REPORTS_ON_TIME, c.WORKDAYS,
           c.MINUTES_TARGET),
    sa.Column(c.BASIS, sa.String(24), nullable=False),
    sa.Column("kinerja_pct", PCT),  # the basis' percentage; empty under the predikat basis
    # issue 22 (migration 0013): leave days off the yardstick, approved minutes credited
    sa.Column(c.LEAVE_WORKDAYS, sa.Integer, server_default="0", nullable=False),
    sa.Column(c.MINUTES_CREDITED, sa.Integer, server_default="0", nullable=False),
    sa.PrimaryKeyConstraint(c.AGENCY, c.NIP, c.MONTH),
)  # fmt: skip

fact_lapkin_compliance = sa.Table(
    "fact_lapkin_compliance", metadata,
    agency_column(),
    sa.Column(c.UNIT, TEXT, nullable=False),
    sa.Column(c.PERIOD, sa.String(7), nullable=False),
    *_ints(c.EMPLOYEES, c.REPORTED, c.ASSESSED, c.ON_TIME, c.REPORTS, c.REPORTS_ON_TIME),
    sa.PrimaryKeyConstraint(c.AGENCY, c.UNIT, c.PERIOD),
)  # fmt: skip

fact_tindak_lanjut = sa.Table(
    "fact_tindak_lanjut", metadata,
    agency_column(),
    sa.Column(c.UNIT, TEXT),
    sa.Column(c.NIP, sa.String(18), nullable=False),
    sa.Column(c.PERIOD, sa.String(7), nullable=False),
    sa.Column(c.RULE, sa.String(40), nullable=False),
    sa.Column(c.DETAIL, sa.Text, nullable=False),
    sa.Column(c.SINCE, sa.String(7)),
    sa.Column(c.PERIODS, sa.Integer),
    # who follows the case up (migration 0011, last like its ALTER TABLE); empty: BKPSDM assigns
    sa.Column(c.ASSIGNED_TO, sa.String(18)),
    sa.PrimaryKeyConstraint(c.AGENCY, c.NIP, c.PERIOD, c.RULE),
)  # fmt: skip

fact_dialog_coverage = sa.Table(
    "fact_dialog_coverage", metadata,
    agency_column(),
    sa.Column(c.UNIT, TEXT, nullable=False),
    sa.Column(c.PERIOD, sa.String(7), nullable=False),
    sa.Column(c.PERIOD_START, sa.Date, nullable=False),
    sa.Column(c.PERIOD_END, sa.Date, nullable=False),
    sa.Column(c.DATA_SAMPAI, sa.Date, nullable=False),  # before period_end: provisional
    sa.Column(c.STATUS, sa.String(16), nullable=False),  # ada_data | tanpa_data
    sa.Column(c.PEGAWAI, sa.Integer, nullable=False),
    *[sa.Column(name, sa.Integer) for name in (c.PEGAWAI_RHK, c.PEGAWAI_COVERED)],
    sa.Column(c.PEGAWAI_COVERAGE_PCT, SHARE),
    *[sa.Column(name, sa.Integer) for name in (c.RHK, c.RHK_COVERED)],
    sa.Column(c.RHK_COVERAGE_PCT, SHARE),
    sa.Column(c.PEGAWAI_PERILAKU, sa.Integer),
    sa.Column(c.PERILAKU_COVERAGE_PCT, SHARE),
    *[sa.Column(name, sa.Integer) for name in (c.PENILAI_N, c.PENILAI_DIAM, c.UMPAN_BALIK_N,
                                               c.TEPAT_WAKTU)],
    sa.Column(c.TEPAT_WAKTU_PCT, SHARE),
    sa.Column(c.MEDIAN_LAG_HARI, sa.Numeric(7, 1)),
    sa.Column(c.TEMPLATE, sa.Integer),
    sa.Column(c.TEMPLATE_PCT, SHARE),
    *[sa.Column(name, sa.Integer) for name in (c.BACKDATED, c.RELASI_DIUBAH,
                                               c.SKP_EKSPEKTASI_KHUSUS)],
    sa.PrimaryKeyConstraint(c.AGENCY, c.UNIT, c.PERIOD),
)  # fmt: skip

fact_dialog_pegawai = sa.Table(
    "fact_dialog_pegawai", metadata,
    agency_column(),
    sa.Column(c.UNIT, TEXT, nullable=False),
    sa.Column(c.NIP, sa.String(18), nullable=False),
    sa.Column(c.PERIOD, sa.String(7), nullable=False),
    sa.Column(c.NIP_PENILAI, sa.String(18)),
    *_ints(c.RHK, c.RHK_COVERED),
    sa.Column(c.COVERED, sa.Boolean, nullable=False),
    sa.Column(c.PERILAKU_ADA, sa.Boolean, nullable=False),
    *_ints(c.UMPAN_BALIK_N, c.PEMBINAAN_N),
    sa.PrimaryKeyConstraint(c.AGENCY, c.NIP, c.PERIOD),
)  # fmt: skip

fact_dialog_penilai = sa.Table(
    "fact_dialog_penilai", metadata,
    agency_column(),
    sa.Column(c.UNIT, TEXT, nullable=False),
    sa.Column(c.NIP_PENILAI, sa.String(18), nullable=False),
    sa.Column(c.PERIOD, sa.String(7), nullable=False),
    *_ints(c.BAWAHAN_N, c.BAWAHAN_DENGAN_UMPAN_BALIK, c.UMPAN_BALIK_N),
    sa.Column(c.DIAM, sa.Boolean, nullable=False),
    *_ints(c.TEPAT_WAKTU, c.TEMPLATE, c.BACKDATED),
    sa.PrimaryKeyConstraint(c.AGENCY, c.NIP_PENILAI, c.PERIOD),
)  # fmt: skip


fact_performance_period = sa.Table(
    "fact_performance_period", metadata,
    agency_column(),
    sa.Column(c.NIP, sa.String(18), nullable=False),
    sa.Column(c.PERIOD, sa.String(7), nullable=False),
    sa.Column(c.PERIOD_KIND, sa.String(8), nullable=False),
    sa.Column(c.REGIME, sa.String(32), nullable=False),
    sa.Column(c.NILAI_SKP, SCORE),
    sa.Column(c.NILAI_PERILAKU, SCORE),
    sa.Column(c.NILAI_KINERJA, SCORE),
    sa.Column(c.RATING_HASIL_KERJA, sa.String(24)),
    sa.Column(c.RATING_PERILAKU, sa.String(24)),
    sa.Column(c.PREDIKAT, sa.String(24)),
    sa.Column(c.SOURCE, sa.String(64), nullable=False),
    sa.Column(c.PROFILE, sa.String(64), nullable=False),
    sa.PrimaryKeyConstraint(c.AGENCY, c.NIP, c.PERIOD),
)  # fmt: skip


fact_skp_compliance = sa.Table(
    "fact_skp_compliance", metadata,
    agency_column(),
    sa.Column(c.UNIT, sa.String(200), nullable=False),  # the OPD (unorIndukNama)
    sa.Column(c.PERIOD, sa.String(7), nullable=False),
    sa.Column(c.EMPLOYEES, sa.Integer, nullable=False),
    sa.Column(c.WITH_SKP, sa.Integer, nullable=False),
    sa.Column(c.APPROVED, sa.Integer, nullable=False),
    sa.Column(c.ASSESSED, sa.Integer, nullable=False),
    sa.PrimaryKeyConstraint(c.AGENCY, c.UNIT, c.PERIOD),
)  # fmt: skip
