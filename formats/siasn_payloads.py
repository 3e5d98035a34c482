"""The SIASN kinerja payloads as bytes: the JSON objects SIASN's ``skp22/save`` and
``kinerjaperiodik/save`` take, in SIASN's field order and types, each validated against its
endpoint's JSON Schema (2020-12, beside this module: ``siasn_skp22_save.schema.json``,
``siasn_kinerjaperiodik_save.schema.json``) before it is written.

``with_payloads`` turns the rows ``rules.performance.siasn.siasn_results`` decided to send into
JSON lines; a row whose payload fails the schema is not sent and says why.
"""

from __future__ import annotations

import functools
import importlib.resources
import json

import pandas as pd

from vocabulary import columns as c
from vocabulary.performance import FIELDS_OF, KINERJA_PERIODIK_SAVE, SKP22_SAVE

SCHEMA_FILES = {
    SKP22_SAVE: "siasn_skp22_save.schema.json",
    KINERJA_PERIODIK_SAVE: "siasn_kinerjaperiodik_save.schema.json",
}
# integer fields of the payloads (codes, years, months); ids stay strings (year-end §5.2)
INTS = frozenset(
    {
        "tahun",
        "hasilKinerjaNilai",
        "perilakuKerjaNilai",
        "kuadranKinerjaNilai",
        "bulanMulaiPenilaian",
        "bulanSelesaiPenilaian",
        "tahunMulaiPenilaian",
        "tahunSelesaiPenilaian",
    }
)


def schema_of(endpoint: str) -> dict:
    """The JSON Schema of an endpoint's payload."""
    text = importlib.resources.files("formats").joinpath(SCHEMA_FILES[endpoint]).read_text()
    return json.loads(text)


@functools.cache
def _validators() -> dict[str, object]:
    import jsonschema

    out = {}
    for endpoint in SCHEMA_FILES:
        schema = schema_of(endpoint)
        jsonschema.Draft202012Validator.check_schema(schema)
        out[endpoint] = jsonschema.Draft202012Validator(schema)
    return out


def validate_payloads(payloads: list[dict], endpoint: str) -> pd.Series:
    """Schema errors per payload ('field: message; ...'), <NA> for a valid one."""
    validator = _validators()[endpoint]
    errors = []
    for payload in payloads:
        found = sorted(validator.iter_errors(payload), key=lambda e: list(e.path))
        text = "; ".join(
            f"{'/'.join(str(p) for p in e.path) or '(payload)'}: {e.message}" for e in found
        )
        errors.append(text or pd.NA)
    return pd.Series(errors, dtype="string")


def payload_dicts(rows: pd.DataFrame, endpoint: str) -> list[dict]:
    """The payloads of rows (``siasn_export`` columns) as dicts with SIASN types and field
    order: integer codes, years and months, ids (periodikId, koefisienId) as strings."""
    fields = list(FIELDS_OF[endpoint])
    out = []
    for record in rows[fields].astype(object).where(rows[fields].notna(), None).to_dict("records"):
        for key in INTS & record.keys():
            if record[key] is not None:
                record[key] = int(record[key])
        record["path"] = json.loads(record["path"]) if record["path"] else []
        out.append(record)
    return out


def with_payloads(rows: pd.DataFrame, endpoint: str) -> pd.DataFrame:
    """``rows`` with ``payload``: the JSON line of each row that can be sent (``reason`` <NA>)
    and passes the schema; a row that fails it gets the schema's errors as its reason."""
    out = rows.copy()
    out["payload"] = pd.Series(pd.NA, index=out.index, dtype="string")
    ok = out[c.REASON].isna()
    if ok.any():
        payloads = payload_dicts(out[ok], endpoint)
        errors = validate_payloads(payloads, endpoint)
        errors.index = out.index[ok]
        out.loc[ok, c.REASON] = ("payload fails the schema: " + errors).where(errors.notna())
        lines = pd.Series(
            [json.dumps(p, ensure_ascii=False) for p in payloads], index=out.index[ok]
        )
        out.loc[ok, "payload"] = lines.where(errors.isna())
    return out
