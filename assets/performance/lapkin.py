"""e-Lapkin per month: the credited minutes of the daily activity reports (the TPP kinerja basis a
profile may choose) and the reporting compliance per unit BKN ranks."""

import dagster as dg
import pandas as pd

from assets.metadata import labelled, preview
from assets.partitions import month_of, monthly
from assets.performance.scores import MONTH_GATE
from resources.rulebook import RulebookResource
from rules.performance import cycle
from rules.performance.lapkin import lapkin_compliance
from vocabulary import columns as c
from vocabulary.frames import Checked

GROUP = "performance"


@dg.asset(group_name=GROUP, partitions_def=monthly, kinds={"pandas"}, deps=[MONTH_GATE])
def lapkin_monthly(
    context: dg.AssetExecutionContext,
    rulebook: RulebookResource,
    lapkin_reports: Checked,
    employees: Checked,
    leave_records: Checked,
) -> dg.Output[pd.DataFrame]:
    """e-Lapkin bulanan per pegawai aktif: jumlah laporan, hari, menit dilaporkan, disetujui
    dan diakui (disetujui, pada hari kerja pegawai, dibatasi per hari), hari kerja pegawai dan
    hari cutinya, tepat waktu, dan persentase kinerja menurut dasar profil (menit terhadap 300
    per hari kerja, atau hari dengan laporan terverifikasi; kosong bila dasarnya predikat) yang
    dipakai TPP bulan itu. (lapkin_monthly)"""
    month = month_of(context.partition_key)
    frame = cycle.lapkin_month(
        lapkin_reports.valid, employees.valid, month, rulebook.load(), leave_records.valid
    )
    reported = int((frame[c.REPORTS] > 0).sum())
    return dg.Output(frame, metadata=labelled({"employees": len(frame), "reported": reported}))


@dg.asset(group_name=GROUP, partitions_def=monthly, kinds={"pandas"})
def lapkin_compliance_monthly(lapkin_monthly: pd.DataFrame) -> dg.Output[pd.DataFrame]:
    """Kepatuhan pelaporan e-Lapkin per unit dan bulan: jumlah pegawai, yang melapor, yang
    dinilai (laporan diverifikasi atau ditolak), yang melapor tepat waktu.
    (lapkin_compliance_monthly)"""
    frame = lapkin_compliance(lapkin_monthly)
    return dg.Output(
        frame, metadata=labelled({"units": len(frame), "preview": preview(frame, list(frame))})
    )
