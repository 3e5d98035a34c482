"""dialog kinerja (issue 25): coverage per unit, pegawai and penilai; tindak lanjut assignee

Three tables: ``fact_dialog_coverage`` (per unit and evaluation period: RHK, pegawai and
perilaku coverage by umpan balik, silent atasan, timeliness, template and back-dated feedback;
``status`` tanpa_data leaves the measures empty), ``fact_dialog_pegawai`` and
``fact_dialog_penilai``; ``fact_tindak_lanjut`` gains ``assigned_to`` (last, so that
``reporting.tindak_lanjut`` can be replaced with the column appended). The view
``reporting.dialog_kinerja_per_unit`` is the coverage per unit, without any NIP.

Revision ID: 0011
Revises: 0008
Create Date: 2026-12-20
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA = "reporting"
SHARE = sa.Numeric(precision=5, scale=2)
INDEXES = {
    "ix_dialog_coverage_agency_period": ("fact_dialog_coverage", ["agency", "period"]),
    "ix_dialog_pegawai_agency_period": ("fact_dialog_pegawai", ["agency", "period"]),
}
TABLES = ("fact_dialog_coverage", "fact_dialog_pegawai", "fact_dialog_penilai")


def _agency() -> sa.Column:
    return sa.Column("agency", sa.String(length=64), server_default="", nullable=False)


def _nip(name: str = "nip", nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.String(length=18), nullable=nullable)


def _period() -> sa.Column:
    return sa.Column("period", sa.String(length=7), nullable=False)


def _unit() -> sa.Column:
    return sa.Column("unit", sa.String(length=200), nullable=False)


def _ints(*names: str, nullable: bool = False) -> list[sa.Column]:
    return [sa.Column(name, sa.Integer(), nullable=nullable) for name in names]


def tables() -> None:
    op.create_table(
        "fact_dialog_coverage",
        _agency(),
        _unit(),
        _period(),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("data_sampai", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        *_ints("pegawai"),
        *_ints("pegawai_rhk", "pegawai_covered", nullable=True),
        sa.Column("pegawai_coverage_pct", SHARE, nullable=True),
        *_ints("rhk", "rhk_covered", nullable=True),
        sa.Column("rhk_coverage_pct", SHARE, nullable=True),
        *_ints("pegawai_perilaku", nullable=True),
        sa.Column("perilaku_coverage_pct", SHARE, nullable=True),
        *_ints("penilai", "penilai_diam", "umpan_balik", "tepat_waktu", nullable=True),
        sa.Column("tepat_waktu_pct", SHARE, nullable=True),
        sa.Column("median_lag_hari", sa.Numeric(precision=7, scale=1), nullable=True),
        *_ints("template", nullable=True),
        sa.Column("template_pct", SHARE, nullable=True),
        *_ints("backdated", "relasi_diubah", "skp_ekspektasi_khusus", nullable=True),
        sa.PrimaryKeyConstraint("agency", "unit", "period"),
    )
    op.create_table(
        "fact_dialog_pegawai",
        _agency(),
        _unit(),
        _nip(),
        _period(),
        _nip("nip_penilai", nullable=True),
        *_ints("rhk", "rhk_covered"),
        sa.Column("covered", sa.Boolean(), nullable=False),
        sa.Column("perilaku_ada", sa.Boolean(), nullable=False),
        *_ints("umpan_balik", "pembinaan"),
        sa.PrimaryKeyConstraint("agency", "nip", "period"),
    )
    op.create_table(
        "fact_dialog_penilai",
        _agency(),
        _unit(),
        _nip("nip_penilai"),
        _period(),
        *_ints("bawahan", "bawahan_dengan_umpan_balik", "umpan_balik"),
        sa.Column("diam", sa.Boolean(), nullable=False),
        *_ints("tepat_waktu", "template", "backdated"),
        sa.PrimaryKeyConstraint("agency", "nip_penilai", "period"),
    )
    op.add_column(
        "fact_tindak_lanjut", sa.Column("assigned_to", sa.String(length=18), nullable=True)
    )


def _base() -> str:
    return "public" if op.get_bind().dialect.name == "postgresql" else "main"


def views(base: str) -> dict[str, str]:
    return {
        # the column list of 0006's SELECT *, now with assigned_to appended
        "tindak_lanjut": f"SELECT * FROM {base}.fact_tindak_lanjut",
        "dialog_kinerja_per_unit": f"""
            SELECT agency, unit, period, period_start, period_end, data_sampai, status, pegawai,
                   pegawai_rhk, pegawai_covered, pegawai_coverage_pct, rhk, rhk_covered,
                   rhk_coverage_pct, pegawai_perilaku, perilaku_coverage_pct, penilai,
                   penilai_diam, umpan_balik, tepat_waktu, tepat_waktu_pct, median_lag_hari,
                   template, template_pct, backdated, relasi_diubah, skp_ekspektasi_khusus
            FROM {base}.fact_dialog_coverage""",
    }


def upgrade() -> None:
    tables()
    for name, query in views(_base()).items():
        op.execute(f"CREATE OR REPLACE VIEW {SCHEMA}.{name} AS {query}")
    if op.get_bind().dialect.name == "postgresql":
        for index, (table, columns) in INDEXES.items():
            op.create_index(index, table, columns)


def downgrade() -> None:
    base = _base()
    if op.get_bind().dialect.name == "postgresql":
        for index, (table, _) in INDEXES.items():
            op.drop_index(index, table_name=table)
    op.execute(f"DROP VIEW IF EXISTS {SCHEMA}.dialog_kinerja_per_unit")
    op.execute(f"DROP VIEW IF EXISTS {SCHEMA}.tindak_lanjut")
    op.drop_column("fact_tindak_lanjut", "assigned_to")
    op.execute(
        f"CREATE OR REPLACE VIEW {SCHEMA}.tindak_lanjut AS SELECT * FROM {base}.fact_tindak_lanjut"
    )
    for table in reversed(TABLES):
        op.drop_table(table)
