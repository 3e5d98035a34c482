"""The riwayat ids read back from SIASN (``GET /pns/rw-skp22/{nip}``, ``/pns/rw-kinerjaperiodik/
{nipBaru}``; tax-360 §4.2), as a CSV, XLSX or JSON list the operator saves: ``nip`` (or
``nipBaru``), ``id`` (or ``siasn_riwayat_id``, ``idRiwayat``) and optionally ``period`` (or
``periode``; without it every row belongs to the exported period). With the id, a resend
updates the SIASN record instead of adding a second one.
"""

from __future__ import annotations

import pandas as pd

from formats.base import FileRejected
from formats.feedback360 import text
from formats.reference import nip_text
from formats.tabular import read_table
from vocabulary import columns as c

ID_KEYS = ("siasnriwayatid", "idriwayat", "idsync", "id")


def read_readback(data: bytes, file: str, period: str) -> pd.DataFrame:
    """(nip, period, siasn_riwayat_id) of the rows that carry an NIP and an id.

    Raises:
        FileRejected: unreadable, or without an nip and an id column.
    """
    try:
        table = read_table(data, file, {"nip"})
    except FileRejected:
        table = read_table(data, file, {"nipbaru"})
    v = table.values
    if not any(k in v.columns for k in ID_KEYS):
        raise FileRejected(file, "has no id column (id, siasn_riwayat_id or idRiwayat)")
    frame = pd.DataFrame(
        {
            c.NIP: nip_text(text(v, "nip", "nipbaru")),
            c.PERIOD: text(v, "period", "periode").fillna(period),
            c.SIASN_RIWAYAT_ID: text(v, *ID_KEYS),
        }
    )
    return frame.dropna(subset=[c.NIP, c.SIASN_RIWAYAT_ID]).reset_index(drop=True)
