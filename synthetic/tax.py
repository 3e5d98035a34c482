"""Synthetic PTKP reference data for PPh 21 on TPP (issue 15).

    write_ptkp(out, employees, pay, start, rng)

writes ``reference/ptkp.csv`` (nip, ptkp_status, valid_from, npwp_status) from the family the
payroll writer gave each employee (tunjangan istri/suami -> married, tunjangan anak -> children),
so the PTKP agrees with the payroll: a realistic mix of TK and K with 0-3 dependants (a parent
or a third child adds one for some), married women mostly TK/0 (their PTKP does not count the
family unless the husband has no income [I]). About 8 % of employees have no row (the profile's
default applies, noted); some have an older row and a newer one (the latest before the tax year
wins); about 5 % have no valid NPWP and some leave the NPWP status empty. One row names an NIP
outside the master (quarantined).

Its random draws come from their own stream, so adding this file changes no byte of the others.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd


def write_ptkp(
    out: Path, employees: pd.DataFrame, pay: pd.DataFrame, start: str, rng: np.random.Generator
) -> int:
    """Write reference/ptkp.csv; returns the number of rows written."""
    emp = employees.reset_index(drop=True)
    n = len(emp)
    nip = emp["nipBaru"].astype(str).to_numpy()
    married = pay["tjistri"].to_numpy() > 0
    gapok = np.maximum(pay["gapok"].to_numpy(), 1)
    children = np.rint(pay["tjanak"].to_numpy() / (gapok * 2 / 100)).astype(int)
    extra = (rng.random(n) < 0.15).astype(int)  # a third child or a parent as dependant
    dependants = np.minimum(children + extra, 3)
    woman = np.array([len(x) == 18 and x[14] == "2" for x in nip])
    own_family = ~woman | (rng.random(n) < 0.1)  # a married woman whose husband has no income
    kind = np.where(married & own_family, "K", "TK")
    dependants = np.where(own_family, dependants, 0)
    status = np.char.add(np.char.add(kind.astype(str), "/"), dependants.astype(str))
    year = int(start[:4])
    valid_from = [f"{year - 1 - int(k)}-01-01" for k in rng.integers(0, 6, n)]
    npwp_draw = rng.random(n)
    npwp = np.where(npwp_draw < 0.05, "tidak ada", np.where(npwp_draw < 0.12, "", "valid"))
    keep = rng.random(n) >= 0.08
    rows = pd.DataFrame(
        {
            "nip": nip[keep],
            "ptkp_status": status[keep],
            "valid_from": np.asarray(valid_from)[keep],
            "npwp_status": npwp[keep],
        }
    )
    # an older row for some: the status before marriage or before a child (latest wins)
    older = rows[(rows["ptkp_status"] != "TK/0") & (rng.random(len(rows)) < 0.2)].copy()
    older["ptkp_status"] = "TK/0"
    older["valid_from"] = f"{year - 8}-01-01"
    quirk = pd.DataFrame(
        {"nip": ["199901012020011099"], "ptkp_status": ["K/1"],
         "valid_from": [f"{year - 1}-01-01"], "npwp_status": ["valid"]}
    )  # fmt: skip
    table = pd.concat([older, rows, quirk], ignore_index=True)
    folder = Path(out) / "reference"
    folder.mkdir(parents=True, exist_ok=True)
    table.to_csv(folder / "ptkp.csv", index=False, lineterminator="\n")
    return len(table)
