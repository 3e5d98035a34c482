"""performance cycle (issue 16): 360 feedback and aggregates, RHK cascade, e-Lapkin, tindak lanjut

Nine tables and their reporting views: ``fact_feedback_360`` (valid 360 rows, no free text),
``fact_perilaku_360`` (numeric regimes' aggregate), ``fact_feedback_360_summary`` and
``fact_feedback_360_counts`` (6/2022, beside the atasan's rating), ``fact_rhk_cascade`` and
``fact_cascade_score``, ``fact_lapkin_monthly`` and ``fact_lapkin_compliance``,
``fact_tindak_lanjut``; the view ``tindak_lanjut_per_unit`` is the follow-up report.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA = "reporting"
SCORE = sa.Numeric(precision=7, scale=2)
SHARE = sa.Numeric(precision=5, scale=2)
PCT = sa.Numeric(precision=9, scale=4)
INDEXES = {
    "ix_perilaku_360_agency_period": ("fact_perilaku_360", ["agency", "period"]),
    "ix_feedback_360_summary_agency_period": ("fact_feedback_360_summary", ["agency", "period"]),
    "ix_lapkin_monthly_agency_month": ("fact_lapkin_monthly", ["agency", "month"]),
    "ix_tindak_lanjut_agency_period": ("fact_tindak_lanjut", ["agency", "period"]),
}


def _agency() -> sa.Column:
    return sa.Column("agency", sa.String(length=64), server_default="", nullable=False)


def _nip(name: str = "nip", nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.String(length=18), nullable=nullable)


def _period(name: str = "period") -> sa.Column:
    return sa.Column(name, sa.String(length=7), nullable=False)


def _ints(*names: str) -> list[sa.Column]:
    return [sa.Column(name, sa.Integer(), nullable=False) for name in names]


def _unit(nullable: bool = False) -> sa.Column:
    return sa.Column("unit", sa.String(length=200), nullable=nullable)


def tables() -> None:
    op.create_table(
        "fact_feedback_360",
        _agency(),
        _nip(),
        _nip("nip_penilai"),
        sa.Column("relasi", sa.String(length=24), nullable=False),
        _period(),
        sa.Column("regime", sa.String(length=32), nullable=True),
        sa.Column("aspek", sa.String(length=64), nullable=False),
        sa.Column("skor", SCORE, nullable=True),
        sa.Column("rating", sa.String(length=24), nullable=True),
        sa.Column("tanggal_isi", sa.Date(), nullable=True),
        sa.Column("source_file", sa.Text(), nullable=False),
        sa.Column("source_line", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("agency", "nip", "nip_penilai", "period", "aspek"),
    )
    op.create_table(
        "fact_perilaku_360",
        _agency(),
        _nip(),
        _period(),
        sa.Column("regime", sa.String(length=32), nullable=False),
        *_ints("raters"),
        sa.Column("nilai_atasan", SCORE, nullable=True),
        sa.Column("nilai_rekan", SCORE, nullable=True),
        sa.Column("nilai_bawahan", SCORE, nullable=True),
        sa.Column("nilai_perilaku_360", SCORE, nullable=True),
        sa.Column("with_360", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("agency", "nip", "period"),
    )
    op.create_table(
        "fact_feedback_360_summary",
        _agency(),
        _nip(),
        _period(),
        *_ints("raters", "ratings", "n_di_atas", "n_sesuai", "n_di_bawah"),
        sa.Column("pct_di_bawah", SHARE, nullable=True),
        sa.Column("rating_perilaku", sa.String(length=24), nullable=True),
        sa.Column("predikat", sa.String(length=24), nullable=True),
        sa.PrimaryKeyConstraint("agency", "nip", "period"),
    )
    op.create_table(
        "fact_feedback_360_counts",
        _agency(),
        _nip(),
        _period(),
        sa.Column("relasi", sa.String(length=24), nullable=False),
        sa.Column("rating", sa.String(length=24), nullable=False),
        *_ints("n"),
        sa.PrimaryKeyConstraint("agency", "nip", "period", "relasi", "rating"),
    )
    op.create_table(
        "fact_rhk_cascade",
        _agency(),
        _unit(),
        _period(),
        sa.Column("rhk_id", sa.String(length=64), nullable=False),
        sa.Column("skp_id", sa.String(length=64), nullable=True),
        _nip(),
        _nip("nip_atasan", nullable=True),
        sa.Column("jenis", sa.String(length=16), nullable=False),
        sa.Column("is_plt_plh", sa.Boolean(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=True),
        sa.Column("period_end", sa.Date(), nullable=True),
        sa.Column("link", sa.String(length=8), nullable=False),
        sa.Column("rhk_atasan_id", sa.String(length=64), nullable=True),
        sa.Column("parent_id", sa.String(length=64), nullable=True),
        sa.Column("match_score", SHARE, nullable=True),
        sa.Column("link_status", sa.String(length=16), nullable=False),
        sa.Column("link_from", sa.Date(), nullable=True),
        sa.Column("link_to", sa.Date(), nullable=True),
        sa.Column("depth", sa.Integer(), nullable=True),
        sa.Column("in_cycle", sa.Boolean(), nullable=False),
        sa.Column("root_id", sa.String(length=64), nullable=True),
        *_ints("intervened_by"),
        sa.PrimaryKeyConstraint("agency", "rhk_id"),
    )
    op.create_table(
        "fact_cascade_score",
        _agency(),
        _unit(),
        _period(),
        *_ints(
            "rhk", "utama", "roots", "aligned", "orphans", "unlinked", "misaligned",
            "text_links", "in_cycle", "too_deep",
        ),
        sa.Column("max_depth", sa.Integer(), nullable=True),
        *_ints("atasan_rhk", "covered"),
        sa.Column("alignment_pct", SHARE, nullable=True),
        sa.Column("coverage_pct", SHARE, nullable=True),
        sa.Column("cascade_score", SHARE, nullable=True),
        sa.PrimaryKeyConstraint("agency", "unit", "period"),
    )  # fmt: skip
    op.create_table(
        "fact_lapkin_monthly",
        _agency(),
        _nip(),
        _period("month"),
        _unit(),
        *_ints(
            "reports", "days_reported", "days_verified", "minutes_reported",
            "minutes_approved", "reports_decided", "reports_on_time", "workdays",
            "minutes_target",
        ),
        sa.Column("basis", sa.String(length=24), nullable=False),
        sa.Column("kinerja_pct", PCT, nullable=True),
        sa.PrimaryKeyConstraint("agency", "nip", "month"),
    )  # fmt: skip
    op.create_table(
        "fact_lapkin_compliance",
        _agency(),
        _unit(),
        _period(),
        *_ints("employees", "reported", "assessed", "on_time", "reports", "reports_on_time"),
        sa.PrimaryKeyConstraint("agency", "unit", "period"),
    )
    op.create_table(
        "fact_tindak_lanjut",
        _agency(),
        _unit(nullable=True),
        _nip(),
        _period(),
        sa.Column("rule", sa.String(length=40), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("since", sa.String(length=7), nullable=True),
        sa.Column("periods", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("agency", "nip", "period", "rule"),
    )


TABLES = (
    "fact_feedback_360",
    "fact_perilaku_360",
    "fact_feedback_360_summary",
    "fact_feedback_360_counts",
    "fact_rhk_cascade",
    "fact_cascade_score",
    "fact_lapkin_monthly",
    "fact_lapkin_compliance",
    "fact_tindak_lanjut",
)


def _base() -> str:
    return "public" if op.get_bind().dialect.name == "postgresql" else "main"


def views(base: str) -> dict[str, str]:
    unit = f"LEFT JOIN {base}.dim_employee e ON e.agency = f.agency AND e.nip = f.nip"
    return {
        "feedback_360": f"""
            SELECT f.agency, f.nip, e.unit, e.unit_induk, f.nip_penilai, f.relasi, f.period,
                   f.regime, f.aspek, f.skor, f.rating, f.tanggal_isi
            FROM {base}.fact_feedback_360 f {unit}""",
        "perilaku_360": f"""
            SELECT f.*, e.unit, e.unit_induk FROM {base}.fact_perilaku_360 f {unit}""",
        "feedback_360_summary": f"""
            SELECT f.*, e.unit, e.unit_induk FROM {base}.fact_feedback_360_summary f {unit}""",
        "feedback_360_counts": f"""
            SELECT f.*, e.unit, e.unit_induk FROM {base}.fact_feedback_360_counts f {unit}""",
        "rhk_cascade": f"SELECT * FROM {base}.fact_rhk_cascade",
        "cascade_score": f"SELECT * FROM {base}.fact_cascade_score",
        "lapkin_monthly": f"SELECT * FROM {base}.fact_lapkin_monthly",
        "lapkin_compliance": f"SELECT * FROM {base}.fact_lapkin_compliance",
        "tindak_lanjut": f"SELECT * FROM {base}.fact_tindak_lanjut",
        "tindak_lanjut_per_unit": f"""
            SELECT agency, unit, period, rule, count(DISTINCT nip) AS employees
            FROM {base}.fact_tindak_lanjut GROUP BY agency, unit, period, rule""",
    }


def upgrade() -> None:
    tables()
    for name, query in views(_base()).items():
        op.execute(f"CREATE OR REPLACE VIEW {SCHEMA}.{name} AS {query}")
    if op.get_bind().dialect.name == "postgresql":
        for index, (table, columns) in INDEXES.items():
            op.create_index(index, table, columns)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for index, (table, _) in INDEXES.items():
            op.drop_index(index, table_name=table)
    for name in views(_base()):
        op.execute(f"DROP VIEW IF EXISTS {SCHEMA}.{name}")
    for table in reversed(TABLES):
        op.drop_table(table)
