"""The 2021 annual result: semester I (Perka BKN 1/2013 mechanics, 0-100) and semester II
(PermenPAN-RB 8/2021, 0-120) integrated with 50 % each (reg §3.3 [S]).

The sources say the two results are "converted and integrated" without the conversion; the
profile's ``s1_scale`` (1.2: the 0-100 scale stretched onto 0-120, which keeps Baik in Baik and
Cukup in Butuh Perbaikan) is an inference [I]. An employee with only one semester (appointed or
retired during 2021) keeps that semester's converted value (the weights renormalised) [I].
The predikat is the PP 30/2019 one on 0-120 (Sangat Baik needs the new idea of semester II).
"""

from __future__ import annotations

import pandas as pd

from rules.performance.permenpanrb8 import predikat
from rules.rulebook.performance import Integration2021Rules, Permenpanrb8Rules
from vocabulary import columns as c


def integrate_2021(
    s1: pd.DataFrame,
    s2: pd.DataFrame,
    rules: Integration2021Rules,
    scale_rules: Permenpanrb8Rules,
) -> pd.DataFrame:
    """Year 2021 per employee.

    Args:
        s1: nip, nilai_kinerja (nilai prestasi kerja, PP 46) of 2021-S1.
        s2: nip, nilai_kinerja, ide_baru of 2021-S2.

    Returns:
        nip, nilai_kinerja (integrated, not rounded), predikat, ide_baru.
    """
    a = s1[[c.NIP, c.NILAI_KINERJA]].dropna().rename(columns={c.NILAI_KINERJA: "_s1"})
    b = s2[[c.NIP, c.NILAI_KINERJA, c.IDE_BARU]].dropna(subset=[c.NILAI_KINERJA])
    b = b.rename(columns={c.NILAI_KINERJA: "_s2"})
    both = a.merge(b, on=c.NIP, how="outer")
    w1, w2 = float(rules.s1_weight), float(rules.s2_weight)
    v1 = both["_s1"] * float(rules.s1_scale)
    num = (w1 * v1).fillna(0.0) + (w2 * both["_s2"]).fillna(0.0)
    den = both["_s1"].notna() * w1 + both["_s2"].notna() * w2
    both[c.NILAI_KINERJA] = num / den
    both[c.IDE_BARU] = both[c.IDE_BARU].fillna(False).astype(bool)
    both[c.PREDIKAT] = predikat(both[c.NILAI_KINERJA], both[c.IDE_BARU], scale_rules)
    return (
        both[[c.NIP, c.NILAI_KINERJA, c.PREDIKAT, c.IDE_BARU]]
        .sort_values(c.NIP)
        .reset_index(drop=True)
    )
