"""Synthetic dialog kinerja exports for the simulated pemda (inbox/ekinerja/), 2022 on
(shared/domain/dialog-kinerja.md §3).

    write_dialog(out, employees, "2024-03", 2, rng)

Written after the RHK export (``rhk_<year>.csv``, synthetic/feedback_rhk_lapkin.py), whose RHK
and ``nip_atasan`` (the penilai) it reads back, so the dialogue talks about the RHK the SKP have.
For most units (every fifth unit keeps no dialogue record: its coverage is unknown):

- ``ekspektasi_skp_<year>.xlsx``: one row per RHK of each SKP, clarified in January, and
  ekspektasi khusus on one or two core values for about a third of the pegawai;
- ``umpan_balik_kinerja_<year>.csv``: per quarter up to the last month, umpan balik from the
  penilai on most RHK and often on perilaku, given late in the quarter or up to 25 days after;
  the anomalies the measures look for: silent penilai (about one in eight), penilai who paste
  one text for every bawahan (template), short texts, a few entries typed weeks after the
  dialogue (back-dated), feedback from the atasan penilai and from colleagues (not counted), a
  row labelled penilai by someone who is not (kept as pimpinan_lain), and one each of a
  duplicate id, a date after its entry and an RHK of somebody else (quarantined);
- ``pembinaan_kinerja_<year>.json``: bimbingan for about half of the pegawai rated below
  expectation in the SIASN mirror of the last month, routine coaching for a few, one cancelled
  session; the others below expectation get none (the no-pembinaan cases).

No free text: texts are a length and a SHA-256. Names appear as exports carry them (dropped at
the door). Its own random stream: the other files of a seed do not change. Imports neither
formats/ nor resources/.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import pandas as pd
import xlsxwriter

from synthetic.feedback_rhk_lapkin import BERAKHLAK
from synthetic.layouts import FIXED_CREATED

SILENT_SHARE = 0.12
TEMPLATE_SHARE = 0.10
BELOW = {"Di Bawah Ekspektasi", "Butuh Perbaikan", "Kurang/Misconduct", "Sangat Kurang"}


def _hashes(rng: np.random.Generator, n: int) -> np.ndarray:
    hexed = rng.integers(0, 256, size=(n, 32), dtype=np.uint8).tobytes().hex()
    return np.array([hexed[i * 64 : (i + 1) * 64] for i in range(n)], dtype=object)


def _quarters(year: int, last: dt.date) -> list[tuple[str, dt.date, dt.date]]:
    out = []
    for q in range(1, 5):
        start = dt.date(year, 3 * q - 2, 1)
        if start > last:
            break
        end = (pd.Timestamp(start) + pd.offsets.QuarterEnd(0)).date()
        out.append((f"{year}-Q{q}", start, end))
    return out


def _day(rng: np.random.Generator, first: dt.date, last: dt.date, n: int) -> pd.Series:
    span = max((last - first).days, 0)
    offsets = rng.integers(0, span + 1, n)
    return pd.Series(pd.Timestamp(first) + pd.to_timedelta(offsets, unit="D"))


def _feedback(rhk, people, boss, data_units, year, last, rng) -> pd.DataFrame:
    nip = people["nipBaru"].to_numpy()
    name = dict(zip(nip, people["nama"], strict=True))
    unit = dict(zip(nip, people["unorIndukNama"], strict=True))
    penilai = sorted({b for b in boss.values() if b})
    silent = set(rng.choice(penilai, int(len(penilai) * SILENT_SHARE), replace=False))
    template = set(rng.choice(penilai, int(len(penilai) * TEMPLATE_SHARE), replace=False))
    pegawai = np.array([n for n in nip if boss.get(n) and unit[n] in data_units], dtype=object)
    talked = pegawai[[boss[n] not in silent for n in pegawai]]
    frames = []
    for label, start, end in _quarters(year, last):
        until = min(end + dt.timedelta(days=25), last)
        mine = rhk[rhk["nip"].isin(talked)]
        mine = mine[rng.random(len(mine)) < 0.88]
        core = pd.DataFrame({"nip": talked[rng.random(len(talked)) < 0.7]})
        core["rhk_id"] = rng.choice(BERAKHLAK, len(core))
        rows = pd.concat(
            [mine.assign(objek="rhk"), core.assign(objek="perilaku")], ignore_index=True
        )
        early = min(start + dt.timedelta(days=30), until)
        rows["given"] = _day(rng, early, until, len(rows))
        rows["periode"] = label
        frames.append(rows)
    fb = pd.concat(frames, ignore_index=True)
    n = len(fb)
    fb["giver"] = fb["nip"].map(boss)
    fb["relasi"] = "penilai"
    grand = fb["giver"].map(boss)
    up = (rng.random(n) < 0.05) & grand.notna() & grand.ne("").to_numpy()
    fb.loc[up, ["giver", "relasi"]] = np.column_stack(
        [grand[up], np.full(up.sum(), "atasan_penilai")]
    )
    peer = rng.random(n) < 0.03
    fb.loc[peer, "giver"] = rng.choice(pegawai, int(peer.sum()))
    fb.loc[peer, "relasi"] = "rekan"
    fb["length"] = rng.integers(25, 400, n)
    short = rng.random(n) < 0.04
    fb.loc[short, "length"] = rng.integers(2, 15, int(short.sum()))
    fb["hash"] = _hashes(rng, n)
    pasted = fb["giver"].isin(template) & (fb["relasi"] == "penilai")
    fb.loc[pasted, "hash"] = fb.loc[pasted, "giver"].map(
        dict(zip(sorted(template), _hashes(rng, len(template)), strict=True))
    )
    fb.loc[pasted, "length"] = 64
    fb["entered"] = fb["given"] + pd.to_timedelta(rng.integers(0, 4, n), unit="D")
    late = (rng.random(n) < 0.02) & (fb["given"] <= pd.Timestamp(last) - pd.Timedelta(days=40))
    fb.loc[late, "entered"] = fb.loc[late, "given"] + pd.Timedelta(days=36)
    fb["entered"] = fb["entered"].where(fb["entered"] <= pd.Timestamp(last), pd.Timestamp(last))
    out = pd.DataFrame(
        {
            "feedback_id": [f"UB{year}-{i:07d}" for i in range(n)],
            "nip_pemberi": fb["giver"].to_numpy(),
            "nama_pemberi": fb["giver"].map(name).to_numpy(),
            "nip_penerima": fb["nip"].to_numpy(),
            "nama_penerima": fb["nip"].map(name).to_numpy(),
            "relasi": fb["relasi"].to_numpy(),
            "objek": fb["objek"].to_numpy(),
            "ref_id": fb["rhk_id"].to_numpy(),
            "periode": fb["periode"].to_numpy(),
            "tanggal_diberikan": fb["given"].dt.strftime("%Y-%m-%d").to_numpy(),
            "tanggal_input": fb["entered"].dt.strftime("%Y-%m-%d 09:30:00").to_numpy(),
            "ada_teks": "1",
            "teks_panjang": fb["length"].astype(str).to_numpy(),
            "teks_hash": fb["hash"].to_numpy(),
            "bukti_dukung_n": rng.integers(0, 4, n).astype(str),
            "sumber": "app_daerah",
        }
    )
    if n > 40:  # the planted anomalies
        out.loc[n - 1] = out.loc[3].to_numpy()  # a duplicate id (the later copy is dropped)
        out.loc[5, "tanggal_input"] = f"{year}-01-02 09:30:00"  # before it was given
        out.loc[7, "ref_id"] = f"RHK{year}-999999-1"  # somebody else's (unknown) RHK
        who = out.loc[9, "nip_penerima"]
        outsider = next(p for p in pegawai if p not in (who, boss.get(who)))
        out.loc[9, ["nip_pemberi", "relasi"]] = [outsider, "penilai"]  # not his penilai
    return out


def _ekspektasi(rhk, people, boss, data_units, year, rng) -> pd.DataFrame:
    unit = dict(zip(people["nipBaru"], people["unorIndukNama"], strict=True))
    name = dict(zip(people["nipBaru"], people["nama"], strict=True))
    mine = rhk[rhk["nip"].map(unit).isin(data_units) & rhk["nip"].map(boss).fillna("").ne("")]
    who = mine.drop_duplicates("nip")[["nip", "skp_id"]]
    special = who[rng.random(len(who)) < 0.33]
    core = special.loc[special.index.repeat(rng.integers(1, 3, len(special)))].copy()
    core["rhk_id"] = rng.choice(BERAKHLAK, len(core))
    core = core.drop_duplicates(["nip", "rhk_id"])
    rows = pd.concat(
        [mine[["nip", "skp_id", "rhk_id"]].assign(objek="rhk"), core.assign(objek="perilaku")],
        ignore_index=True,
    )
    n = len(rows)
    text = rows["objek"] == "perilaku"
    length = np.where(text, rng.integers(40, 200, n), 0)
    return pd.DataFrame(
        {
            "tahun": str(year),
            "skp_id": rows["skp_id"].to_numpy(),
            "nip": rows["nip"].to_numpy(),
            "nama": rows["nip"].map(name).to_numpy(),
            "nip_penilai": rows["nip"].map(boss).to_numpy(),
            "objek": rows["objek"].to_numpy(),
            "ref_id": rows["rhk_id"].to_numpy(),
            "ekspektasi_ada": "1",
            "tanggal_klarifikasi": _day(rng, dt.date(year, 1, 5), dt.date(year, 1, 31), n)
            .dt.strftime("%Y-%m-%d")
            .to_numpy(),
            "teks_panjang": np.where(text, length.astype(str), ""),
            "teks_hash": np.where(text, _hashes(rng, n), ""),
        }
    )


def _pembinaan(folder, people, boss, data_units, last, rng) -> list[dict]:
    unit = dict(zip(people["nipBaru"], people["unorIndukNama"], strict=True))
    mirror = folder / "rw-kinerjaperiodik.json"
    records = json.loads(mirror.read_text())["data"] if mirror.exists() else []
    below = sorted(
        {
            r["nip"]
            for r in records
            if BELOW & {r.get("hasilKinerja"), r.get("perilakuKerja"), r.get("kuadranKinerja")}
        }
    )
    below = [n for n in below if boss.get(n) and unit.get(n) in data_units]
    helped = [n for n in below if rng.random() < 0.5]
    routine = [n for n in sorted(boss) if boss[n] and unit.get(n) in data_units]
    routine = [n for n in routine if rng.random() < 0.04]
    month_start = last.replace(day=1)
    sessions = [(n, "bimbingan", "hasil_pemantauan") for n in helped]
    sessions += [(n, "coaching", "rutin") for n in routine]
    days = _day(rng, month_start, last, len(sessions))
    out = [
        {
            "sesi_id": f"PB-{i:05d}",
            "nip": n,
            "nip_pembina": boss[n],
            "jenis": jenis,
            "tanggal": f"{day:%Y-%m-%d}",
            "pemicu": pemicu,
            "rencana_tindak_lanjut_ada": "1" if jenis == "bimbingan" else "0",
            "tanggal_reviu_berikut": f"{day + pd.Timedelta(days=30):%Y-%m-%d}",
            "status": "selesai",
            "sumber": "app_daerah",
        }
        for i, ((n, jenis, pemicu), day) in enumerate(zip(sessions, days, strict=True))
    ]
    if out:
        out[-1]["status"] = "batal"
    return out


def _xlsx(frame: pd.DataFrame, path: Path) -> None:
    book = xlsxwriter.Workbook(path, {"constant_memory": True})
    book.set_properties({"created": FIXED_CREATED, "author": "e-Kinerja daerah"})
    ws = book.add_worksheet("ekspektasi")
    for j, name in enumerate(frame.columns):
        ws.write_string(0, j, name)
    for i, row in enumerate(frame.astype(str).to_numpy(), start=1):
        for j, value in enumerate(row):
            if value:
                ws.write_string(i, j, value)
    book.close()


def write_dialog(
    out: Path, employees: pd.DataFrame, start: str, months: int, rng: np.random.Generator
) -> dict[str, int]:
    """Write the three dialogue exports; returns the number of files per kind."""
    first = dt.date.fromisoformat(f"{start}-01")
    folder = Path(out) / "ekinerja"
    plan = folder / f"rhk_{first.year}.csv"
    if first.year < 2022 or not plan.exists():
        return {}
    index = first.year * 12 + first.month - 1 + months - 1
    last = (pd.Timestamp(dt.date(index // 12, index % 12 + 1, 1)) + pd.offsets.MonthEnd(0)).date()
    last = min(last, dt.date(first.year, 12, 31))
    rhk = pd.read_csv(plan, dtype=str, keep_default_na=False)
    boss = dict(
        rhk.loc[rhk["jenis"] == "utama", ["nip", "nip_atasan"]].drop_duplicates("nip").to_numpy()
    )
    people = employees.reset_index(drop=True)
    units = sorted(set(people["unorIndukNama"]))
    data_units = set(units) - set(units[2::5])
    feedback = _feedback(rhk, people, boss, data_units, first.year, last, rng)
    feedback.to_csv(
        folder / f"umpan_balik_kinerja_{first.year}.csv", index=False, lineterminator="\n"
    )
    _xlsx(
        _ekspektasi(rhk, people, boss, data_units, first.year, rng),
        folder / f"ekspektasi_skp_{first.year}.xlsx",
    )
    sessions = _pembinaan(folder, people, boss, data_units, last, rng)
    (folder / f"pembinaan_kinerja_{first.year}.json").write_text(
        json.dumps({"data": sessions}, ensure_ascii=False), encoding="utf-8"
    )
    return {"dialog_umpan_balik": 1, "dialog_ekspektasi": 1, "dialog_pembinaan": 1}
