"""The SIASN kinerja payloads as bytes: the JSON objects SIASN's ``skp22/save`` and
``kinerjaperiodik/save`` take, in SIASN's field order and types, each validated against
``siasn_payload.schema.json`` (JSON Schema 2020-12, beside this module) before it is written.

``with_payloads`` turns the rows ``rules.performance.siasn.siasn_results`` decided to send into
JSON lines; a row whose payload fails the schema is not sent and says why.
"""

from __future__ import annotations

import functools
import importlib.resources
import json

import pandas as pd

from vocabulary import columns as c
from vocabulary.performance import (
    KINERJA_PERIODIK_SAVE,
    PERIODIK_FIELDS,
    SKP22_FIELDS,
    SKP22_SAVE,
)

SCHEMA_FILE = "siasn_payload.schema.json"


@functools.cache
def _validators() -> dict[str, object]:
    import jsonschema

    text = importlib.resources.files("formats").joinpath(SCHEMA_FILE).read_text()
    schema = json.loads(text)
    jsonschema.Draft202012Validator.check_schema(schema)
    return {
        endpoint: jsonschema.Draft202012Validator({**schema, "$ref": f"#/$defs/{name}"})
        for endpoint, name in ((SKP22_SAVE, "skp22"), (KINERJA_PERIODIK_SAVE, "kinerjaperiodik"))
    }


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
    order: integer codes and years, the months and ids of kinerjaperiodik as strings."""
    fields = list(SKP22_FIELDS if endpoint == SKP22_SAVE else PERIODIK_FIELDS)
    ints = {
        "tahun",
        "hasilKinerjaNilai",
        "perilakuKerjaNilai",
        "kuadranKinerjaNilai",
        "TahunMulaiPenilaian",
        "TahunSelesaiPenilaian",
    }
    out = []
    for record in rows[fields].astype(object).where(rows[fields].notna(), None).to_dict("records"):
        for key in ints & record.keys():
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
