"""PNG charts of the HR report, drawn with matplotlib's object API on the Agg canvas (no pyplot
global state, no display needed). Inputs are group counts and sums only: no personal data.

The PNG carries no creation time, so the same figures give the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from vocabulary.units import thousands

DPI = 90


def _rupiah(value: float, _pos: int = 0) -> str:
    """1234567 -> '1.234.567' (Indonesian thousands)."""
    return thousands(value)


def _millions(value: float, _pos: int = 0) -> str:
    """Axis ticks in juta: 7500000 -> '7,5 jt'."""
    return f"{value / 1e6:,.1f}".replace(",", " ").replace(".", ",") + " jt"


def _count(value: float, _pos: int = 0) -> str:
    return thousands(value)


def bar_chart(
    labels: Sequence[str],
    values: Sequence[int],
    title: str,
    xlabel: str,
    rupiah: bool = False,
) -> bytes:
    """A horizontal bar chart, first label on top, each bar annotated with its value.

    Values are integers (counts or whole rupiah); they are drawn, never computed on, here.
    """
    height = 1.2 + 0.38 * max(len(labels), 1)
    fig = Figure(figsize=(9, height), dpi=DPI)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    positions = list(range(len(labels)))[::-1]
    ax.barh(positions, [float(v) for v in values], color="#2F6EBA")
    ax.set_yticks(positions, labels=[str(label)[:60] for label in labels])
    ax.set_title(title, fontsize=11, loc="left")
    ax.set_xlabel(xlabel)
    fmt = _rupiah if rupiah else _count
    ax.xaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
    ax.xaxis.set_major_formatter(FuncFormatter(_millions if rupiah else _count))
    top = max([float(v) for v in values] + [1.0])
    ax.set_xlim(0, top * 1.25)
    for y, v in zip(positions, values, strict=True):
        ax.text(float(v) + top * 0.01, y, fmt(float(v)), va="center", fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None})
    return buf.getvalue()


# title, x-axis label, amounts in rupiah: the HR report's figures (rules.tpp.report.hr_figures)
HR_CHARTS = {
    "net_per_unit": ("TPP bersih per unit", "Rupiah", True),
    "discipline_deductions": ("Potongan disiplin per pegawai", "Pegawai", False),
    "predikat": ("Predikat kinerja bulanan", "Pegawai", False),
    "deduction_causes": ("Dari pagu ke TPP bruto: penyebab pengurangan", "Rupiah", True),
}


def hr_charts(figures: dict[str, list], period_label: str) -> dict[str, bytes]:
    """The HR report's figures as PNG charts, titled with the period ('Maret 2024')."""
    charts = {}
    for name, (title, xlabel, rupiah) in HR_CHARTS.items():
        labels, values = figures[name]
        charts[name] = bar_chart(labels, values, f"{title}, {period_label}", xlabel, rupiah)
    return charts
