"""The 360° perilaku of a semester: the numeric regimes' aggregate per employee and, under
PermenPAN-RB 6/2022, the summary shown beside the atasan's rating (never a score)."""

import dagster as dg
import pandas as pd

from assets.metadata import labelled
from assets.partitions import semester
from resources.rulebook import RulebookResource
from rules.performance import cycle
from vocabulary import columns as c
from vocabulary.frames import Checked
from vocabulary.units import semester_label

GROUP = "performance"


@dg.asset(group_name=GROUP, partitions_def=semester, kinds={"pandas"})
def perilaku_360_semester(
    context: dg.AssetExecutionContext, rulebook: RulebookResource, feedback_360: Checked
) -> dg.Output[pd.DataFrame]:
    """Perilaku 360 rezim numerik per pegawai dan periode semester: 0,60 atasan + 0,20 rekan
    + 0,20 bawahan (0,40 rekan bila tanpa bawahan); bila ada, nilai SKP/perilaku ditimbang
    60/40, bila tidak 70/30 (PP 30/2019 Pasal 41). (perilaku_360_semester)"""
    frame = cycle.perilaku_360(
        feedback_360.valid, semester_label(context.partition_key), rulebook.load()
    )
    with_360 = int(frame[c.WITH_360].astype(bool).sum()) if len(frame) else 0
    return dg.Output(frame, metadata=labelled({"rows": len(frame), "with_360": with_360}))


@dg.multi_asset(
    name="feedback_360_summary_semester",
    group_name=GROUP,
    partitions_def=semester,
    outs={
        "feedback_360_summary": dg.AssetOut(
            kinds={"pandas"},
            description="PermenPAN-RB 6/2022: per pegawai dan periode, jumlah rating 360 (Di "
            "Atas / Sesuai / Di Bawah, porsi di bawah ekspektasi) di samping rating dan predikat "
            "dari atasan, yang tidak pernah diubah oleh umpan balik. (feedback_360_summary)",
        ),
        "feedback_360_counts": dg.AssetOut(
            kinds={"pandas"},
            description="Jumlah yang sama per relasi dan rating. (feedback_360_counts)",
        ),
    },
)
def feedback_360_summary_semester(
    context: dg.AssetExecutionContext,
    rulebook: RulebookResource,
    feedback_360: Checked,
    performance_semester: pd.DataFrame,
):
    label = semester_label(context.partition_key)
    summary, counts = cycle.summary_360(
        feedback_360.valid, performance_semester, label, rulebook.load()
    )
    yield dg.Output(summary, "feedback_360_summary", metadata=labelled({"rows": len(summary)}))
    yield dg.Output(counts, "feedback_360_counts", metadata=labelled({"rows": len(counts)}))
