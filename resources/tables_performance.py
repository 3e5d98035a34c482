"""Warehouse tables of the performance slice (issue 3), on the shared ``metadata``.

``fact_performance_period`` holds one row per employee and period: months (the predikat TPP
uses), quarters, semesters and years, each under the regime that applied to it. Scores are
NUMERIC(7,2) (rounded half up to two decimals); the regimes without numbers (6/2022) leave them
empty. ``fact_skp_compliance`` counts per unit (OPD) and period the employees with an SKP, an
approved SKP and an assessment. No names or personal numbers.
"""

import sqlalchemy as sa

from resources.tables import agency_column, metadata
from vocabulary import columns as c

SCORE = sa.Numeric(7, 2)

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
