"""HR sees the month and the money in the UI (issue 23): a closed month's TPP assets and the
month summary say it is closed, by which run, what was paid and what the recompute says, every
adjustment line of the month in the warehouse (not one run's) and the units that changed, in
Indonesian and in rupiah (``Rp 1.234.567``). Figures from tests/assets/test_tpp.py (by hand)."""

import shutil

import dagster as dg
import pytest

from assets.partitions import partition_of
from assets.reference import leave_records
from pipelines.jobs import ALL_ASSETS, MONTH_ASSETS
from tests.assets.test_tpp import MONTH, close
from tests.conftest import MARCH_2024, Pipeline
from tests.language import english_label
from tests.tpp_fixtures import write_tpp_inbox
from vocabulary.units import rupiah, thousands

PAID = 14932777  # tpp_month_close.net of March (test_tpp; incl. E7's retirement refund 125,009)
E2_MORE = 174842  # E2's late dinas luar approval: 1,115,929 -> 1,290,771


def meta(result: dg.ExecuteInProcessResult, asset: str) -> dict[str, object]:
    [event] = [
        e
        for e in result.get_asset_materialization_events()
        if e.asset_key.to_user_string() == asset
    ]
    return {k: getattr(v, "value", v) for k, v in event.materialization.metadata.items()}


def cells(md: str) -> list[list[str]]:
    """The body rows of a markdown table, cells stripped."""
    return [[x.strip() for x in line.split("|")[1:-1]] for line in md.splitlines()[2:]]


def recompute(p: Pipeline) -> dg.ExecuteInProcessResult:
    result = dg.materialize(
        ALL_ASSETS,
        selection=dg.AssetSelection.assets(leave_records.key, *(a.key for a in MONTH_ASSETS)),
        partition_key=partition_of(MONTH),
        resources=p.resources(),
        instance=p.instance,
    )
    assert result.success
    return result


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("money")
    shutil.copytree(MARCH_2024, tmp / "inbox")
    write_tpp_inbox(tmp / "inbox")
    with dg.DagsterInstance.ephemeral() as instance:
        p = Pipeline(tmp / "inbox", tmp / "state", f"duckdb:///{tmp}/state/w.duckdb", instance)
        closing = close(p, tmp / "finance")
        leave = p.inbox / "leave.csv"
        original = leave.read_text()
        leave.write_text(original.replace("2024-03-25,pending", "2024-03-25,approved"))
        approved = recompute(p)
        leave.write_text(original)  # withdrawn: the opposite line
        withdrawn = recompute(p)
        yield p, closing, approved, withdrawn


def test_rupiah_is_written_one_way():
    assert rupiah(1149796381) == "Rp 1.149.796.381"
    assert rupiah(-E2_MORE) == "-Rp 174.842"
    assert rupiah(0) == "Rp 0"
    assert thousands(7500000) == "7.500.000"


def test_the_close_says_closed_by_which_run_and_what_is_paid(runs):
    _, closing, *_ = runs
    m = meta(closing, "tpp_month_close")
    assert m["status bulan (month_status)"].startswith("ditutup 20")
    assert m["status bulan (month_status)"].endswith(
        f"UTC oleh run {closing.run_id[:8]} (__ephemeral_asset_job__, dari UI)"
    )
    assert m["neto dibayar (net_paid)"] == "Rp 14.932.777"
    assert m["neto hitung ulang (net_recomputed)"] == "Rp 14.932.777"
    assert m["bruto dibayar (gross_paid)"] == "Rp 15.860.099"
    assert m["baris penyesuaian bulan ini (adjustment_lines)"] == 0
    assert m["ditutup oleh run ini (newly_closed)"] == "ya, oleh run ini"
    summary = meta(closing, "month_summary")  # runs after the close in the same run
    assert summary["status bulan (month_status)"] == m["status bulan (month_status)"]
    tables = dict(cells(summary["baris per tabel bulan ini (month_rows)"]))
    assert (tables["fact_tpp_monthly"], tables["tpp_month_close"]) == ("7", "1")
    assert "tpp_adjustment" not in tables  # tables without rows for the month are left out
    finance = meta(closing, "tpp_finance_files")
    assert finance["neto dibayar (net_paid)"] == "Rp 14.932.777"


def test_a_recompute_of_a_closed_month_shows_paid_recomputed_and_every_line(runs):
    _, _, approved, withdrawn = runs
    m = meta(approved, "warehouse_tpp_month")
    assert m["neto dibayar (net_paid)"] == rupiah(PAID)
    assert m["neto hitung ulang (net_recomputed)"] == rupiah(PAID + E2_MORE) == "Rp 15.107.619"
    assert m["selisih hitung ulang - dibayar (net_difference)"] == "Rp 174.842"
    assert m["baris penyesuaian bulan ini (adjustment_lines)"] == 1
    assert m["total penyesuaian bulan ini (adjustment_total)"] == "Rp 174.842"
    assert m["baris penyesuaian baru dari run ini (adjustment_lines_this_run)"] == 1
    changes = m["5 perubahan neto terbesar per unit (largest_unit_changes)"]
    # Dinas Kesehatan: E1 3,983,097 + E2 1,115,929 + E6 534,265 paid
    assert cells(changes) == [["Dinas Kesehatan", "Rp 5.633.291", "Rp 5.808.133", "Rp 174.842"]]
    tpp = meta(approved, "tpp_monthly")  # before the publish: the lines so far (none)
    assert tpp["neto hitung ulang (net_recomputed)"] == "Rp 15.107.619"
    assert tpp["baris penyesuaian bulan ini (adjustment_lines)"] == 0

    again = meta(withdrawn, "warehouse_tpp_month")  # the month's lines, not this run's
    assert again["baris penyesuaian baru dari run ini (adjustment_lines_this_run)"] == 1
    assert again["baris penyesuaian bulan ini (adjustment_lines)"] == 2
    assert again["total penyesuaian bulan ini (adjustment_total)"] == "Rp 0"
    assert again["neto hitung ulang (net_recomputed)"] == rupiah(PAID)
    summary = meta(withdrawn, "month_summary")
    assert summary["baris penyesuaian bulan ini (adjustment_lines)"] == 2
    assert summary["neto dibayar (net_paid)"] == "Rp 14.932.777"
    assert "ditutup" in summary["status bulan (month_status)"]


def test_an_open_month_says_so_and_names_no_paid_net(runs):
    _, closing, *_ = runs
    m = meta(closing, "warehouse_tpp_month")  # the close run publishes before it closes
    assert m["status bulan (month_status)"] == "terbuka (sementara, belum ditutup)"
    assert m["neto dibayar (net_paid)"].startswith("belum ada: bulan belum ditutup")
    assert m["neto hitung ulang (net_recomputed)"] == "Rp 14.932.777"
    assert m["baris penyesuaian bulan ini (adjustment_lines)"] == 0
    assert m["baris ditulis (rows_written)"] == 7
    tpp = meta(closing, "tpp_monthly")
    assert tpp["status bulan (month_status)"] == "terbuka (sementara, belum ditutup)"
    assert cells(tpp["5 perubahan neto terbesar per unit (largest_unit_changes)"])[0][1] == (
        "Rp 0"  # first computation of the month: every unit from nothing
    )
    summary = meta(closing, "month_summary")
    assert "DUPLIKAT" in summary["karantina per kode (quarantine_by_code)"]
    assert summary["celah data belum diputuskan (open_gaps)"].startswith("tidak ada")


def test_every_metadata_label_of_a_month_is_indonesian(runs):
    """Every key of every materialization and check of the close run and of a recompute (the
    inbox, the month, the close, the finance files, the summary) reads in Indonesian."""
    _, closing, approved, _ = runs
    keys: dict[str, str] = {}
    for result in (closing, approved):
        for e in result.get_asset_materialization_events():
            for key in e.materialization.metadata:
                keys.setdefault(key, e.asset_key.to_user_string())
        for check in result.get_asset_check_evaluations():
            for key in check.metadata:
                keys.setdefault(key, check.check_name)
    assert len(keys) > 60
    english = {key: where for key, where in keys.items() if english_label(key)}
    assert not english, english
