"""Synthetic 360, RHK and e-Lapkin exports for the simulated pemda (inbox/ekinerja/), 2022 on.

    write_feedback_rhk_lapkin(out, employees, "2024-03", 1, rng)

- ``rhk_<year>.csv``: two kinerja utama per employee (plus a tambahan for some) linked to an
  RHK of the atasan by id; a tenth of the links carry only the atasan RHK's text (words
  reordered, which the fuzzy match accepts); a few orphans (a deleted id, a text that matches
  nothing) and one cycle (a leader's RHK intervening his subordinate's);
- ``umpan_balik_360_<semester>.csv`` for a quarter of the units (at most 150 ratees each):
  each employee rated on the seven BerAKHLAK values by the atasan, three peers of the unit and
  up to two bawahan, with the usual anomalies: a self-rating, a peer from another unit, a
  ratee with too few raters and a score out of range;
- ``laporan_kinerja_harian_<month>.csv`` for a quarter of the units, the last month: one to
  three activities per working day, mostly verified, some late, some rejected.

The hierarchy (kepala, kabid, kasi, staff) is drawn per unit from jenisJabatan and kelas. Same
seed, same bytes. This module imports neither formats/ nor resources/.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

BERAKHLAK = [
    "berorientasi_pelayanan",
    "akuntabel",
    "kompeten",
    "harmonis",
    "loyal",
    "adaptif",
    "kolaboratif",
]
RATINGS = np.array(["Di Atas Ekspektasi", "Sesuai Ekspektasi", "Di Bawah Ekspektasi"])
RATING_P = [0.15, 0.78, 0.07]
VERBS = ["Meningkatnya", "Terlaksananya", "Tersusunnya", "Tercapainya"]
TOPICS = [
    "kualitas pelayanan publik",
    "akuntabilitas kinerja",
    "cakupan layanan dasar",
    "tertib administrasi keuangan",
    "kepuasan masyarakat",
    "ketepatan laporan bulanan",
    "pembinaan pegawai",
    "data dan informasi",
]
MAX_RATEES_PER_UNIT = 150  # the first wave of a 360 programme: a sample of each pilot unit
ACTIVITIES = [
    "Menyusun laporan kegiatan",
    "Melayani masyarakat",
    "Rapat koordinasi",
    "Verifikasi berkas",
    "Input data aplikasi",
    "Monitoring lapangan",
]


def _levels(emp: pd.DataFrame) -> np.ndarray:
    """1 kepala (the highest kelas of the unit), 2 struktural kelas >= 10, 3 other struktural,
    4 everyone else."""
    kelas = emp["kelas_jabatan"].astype(int).to_numpy()
    struktural = (emp["jenisJabatan"] == "Struktural").to_numpy()
    level = np.where(struktural, np.where(kelas >= 10, 2, 3), 4)
    rank = pd.DataFrame({"u": emp["unorIndukNama"].to_numpy(), "k": kelas + 100 * struktural})
    top = rank.groupby("u")["k"].transform("idxmax").to_numpy() == np.arange(len(emp))
    return np.where(top, 1, level)


def hierarchy(emp: pd.DataFrame, rng: np.random.Generator) -> np.ndarray:
    """The atasan (row position) of each employee, -1 for the kepala of each unit: someone of
    the nearest level above in the same unit."""
    level = _levels(emp)
    unit = emp["unorIndukNama"].to_numpy()
    boss = np.full(len(emp), -1)
    for u in sorted(set(unit)):
        mine = np.flatnonzero(unit == u)
        for lv in (2, 3, 4):
            staff = mine[level[mine] == lv]
            above = [mine[level[mine] == k] for k in range(lv - 1, 0, -1)]
            pool = next((a for a in above if len(a)), np.array([], dtype=int))
            if len(staff) and len(pool):
                boss[staff] = rng.choice(pool, len(staff))
    return boss


def _rhk(emp, boss, year, rng) -> pd.DataFrame:
    n = len(emp)
    nip = emp["nipBaru"].to_numpy()
    owner = np.repeat(np.arange(n), 2)
    k = np.tile([1, 2], n)
    desc = (
        np.array(VERBS)[rng.integers(0, len(VERBS), len(owner))]
        + " "
        + np.array(TOPICS)[rng.integers(0, len(TOPICS), len(owner))]
        + " "
        + emp["unorNama"].to_numpy()[owner]
    )
    rhk_id = np.char.add(np.char.add(f"RHK{year}-", np.char.zfill(owner.astype(str), 6)), "-")
    rhk_id = np.char.add(rhk_id, k.astype(str)).astype(object)
    parent_owner = boss[owner]
    pick = rng.integers(1, 3, len(owner))
    parent = np.where(parent_owner >= 0, np.char.add(np.char.add(
        f"RHK{year}-", np.char.zfill(np.maximum(parent_owner, 0).astype(str), 6)
    ), np.char.add("-", pick.astype(str))), "").astype(object)  # fmt: skip
    frame = pd.DataFrame(
        {
            "rhk_id": rhk_id,
            "skp_id": [f"{year}-{i:06d}" for i in owner],
            "nip": nip[owner],
            "nama": emp["nama"].to_numpy()[owner],
            "tahun": str(year),
            "periode_awal": f"{year}-01-01",
            "periode_akhir": f"{year}-12-31",
            "jenis": "utama",
            "deskripsi": desc,
            "rhk_atasan_id": parent,
            "rhk_atasan_text": "",
            "nip_atasan": np.where(parent_owner >= 0, nip[np.maximum(parent_owner, 0)], ""),
            "is_plt_plh": "0",
            "indikator": "Persentase capaian; Ketepatan waktu",
        }
    )
    by_id = dict(zip(frame["rhk_id"], frame["deskripsi"], strict=True))
    linked = np.flatnonzero(frame["rhk_atasan_id"].to_numpy() != "")
    text_only = linked[rng.random(len(linked)) < 0.1]
    words = [by_id[p].split(" ") for p in frame["rhk_atasan_id"].to_numpy()[text_only]]
    frame.loc[text_only, "rhk_atasan_text"] = [" ".join(w[1:] + w[:1]) for w in words]
    frame.loc[text_only, "rhk_atasan_id"] = ""
    if len(linked) > 20:
        frame.loc[linked[3], "rhk_atasan_id"] = f"RHK{year}-DELETED"  # a deleted RHK
        frame.loc[linked[7], ["rhk_atasan_id", "rhk_atasan_text"]] = ["", "Kegiatan lain-lain"]
        # one cycle: the atasan's first RHK intervenes the RHK that intervenes it
        child = linked[11]
        parent_row = frame.index[frame["rhk_id"] == frame.loc[child, "rhk_atasan_id"]]
        if len(parent_row) and frame.loc[child, "rhk_atasan_id"]:
            frame.loc[parent_row[0], "rhk_atasan_id"] = frame.loc[child, "rhk_id"]
            frame.loc[parent_row[0], "rhk_atasan_text"] = ""
    extra = frame[(rng.random(len(frame)) < 0.15) & (frame["rhk_id"].str.endswith("-1"))].copy()
    extra["rhk_id"] = extra["rhk_id"].str[:-2] + "-T"
    extra[["jenis", "deskripsi", "rhk_atasan_id", "rhk_atasan_text"]] = [
        "tambahan",
        "Tim kerja lintas bidang",
        "",
        "",
    ]
    return pd.concat([frame, extra], ignore_index=True)


def _feedback(emp, boss, semester, rng) -> pd.DataFrame:
    unit = emp["unorIndukNama"].to_numpy()
    units = sorted(set(unit))
    pilot = set(units[::4])
    nip = emp["nipBaru"].to_numpy()
    raters, ratees, relasi = [], [], []
    for u in sorted(pilot):
        mine = np.flatnonzero(unit == u)
        for i in np.sort(rng.permutation(mine)[:MAX_RATEES_PER_UNIT]):
            peers = mine[(mine != i) & (boss[mine] == boss[i])]
            if len(peers) < 3:
                peers = mine[mine != i]
            chosen = rng.choice(peers, min(3, len(peers)), replace=False) if len(peers) else []
            subs = mine[boss[mine] == i][:2]
            group = [*([boss[i]] if boss[i] >= 0 else []), *chosen, *subs]
            kinds = (["atasan"] if boss[i] >= 0 else []) + ["rekan_setingkat"] * len(chosen)
            raters += group
            ratees += [i] * len(group)
            relasi += kinds + ["bawahan"] * len(subs)
    pairs = pd.DataFrame({"i": ratees, "r": raters, "relasi": relasi})
    rows = pairs.loc[pairs.index.repeat(len(BERAKHLAK))].reset_index(drop=True)
    rows["aspek"] = np.tile(BERAKHLAK, len(pairs))
    frame = pd.DataFrame(
        {
            "nip_dinilai": nip[rows["i"]],
            "nip_penilai": nip[rows["r"]],
            "relasi": rows["relasi"],
            "periode": semester,
            "regime": "permenpanrb_6_2022",
            "aspek": rows["aspek"],
            "skor": "",
            "rating": RATINGS[rng.choice(3, len(rows), p=RATING_P)],
            "tanggal_isi": f"{semester[:4]}-{6 if semester.endswith('S1') else 12}-20",
        }
    )
    if len(pairs) > 12:
        first_ratee = frame["nip_dinilai"] == frame["nip_dinilai"].iloc[0]
        frame.loc[frame.index[first_ratee][0], "nip_penilai"] = frame["nip_dinilai"].iloc[0]
        outsider = nip[unit != unit[rows["i"].iloc[-1]]]
        if len(outsider):  # a peer from another unit rates the last ratee
            last = frame.index[(frame["nip_dinilai"] == nip[rows["i"].iloc[-1]])]
            peer = last[frame.loc[last, "relasi"] == "rekan_setingkat"]
            if len(peer):
                one = peer[frame.loc[peer, "nip_penilai"] == frame.loc[peer[0], "nip_penilai"]]
                frame.loc[one, "nip_penilai"] = outsider[0]
        frame.loc[len(frame) // 2, ["skor", "rating"]] = ["150", ""]  # out of range
        # too few raters: one ratee keeps only the atasan
        lonely = frame["nip_dinilai"].iloc[len(frame) // 3]
        keep = (frame["nip_dinilai"] != lonely) | (frame["relasi"] == "atasan")
        frame = frame[keep].reset_index(drop=True)
    return frame


def _lapkin(emp, month: dt.date, rng) -> pd.DataFrame:
    unit = emp["unorIndukNama"].to_numpy()
    pilot = set(sorted(set(unit))[1::4])
    people = np.flatnonzero(np.isin(unit, sorted(pilot)))
    days = pd.bdate_range(month, month + pd.offsets.MonthEnd(0))
    grid = pd.MultiIndex.from_product([people, days], names=["i", "d"]).to_frame(index=False)
    grid = grid[rng.random(len(grid)) >= 0.08]
    count = rng.integers(1, 4, len(grid))
    rows = grid.loc[grid.index.repeat(count)].reset_index(drop=True)
    n = len(rows)
    late = np.where(rng.random(n) < 0.1, rng.integers(1, 8, n), 0)
    status = rng.choice(
        ["sudah_diverifikasi", "belum_diverifikasi", "ditolak"], n, p=[0.85, 0.1, 0.05]
    )
    return pd.DataFrame(
        {
            "nip": emp["nipBaru"].to_numpy()[rows["i"]],
            "nama": emp["nama"].to_numpy()[rows["i"]],
            "tanggal": rows["d"].dt.strftime("%Y-%m-%d"),
            "rincian_kegiatan": np.array(ACTIVITIES)[rng.integers(0, len(ACTIVITIES), n)],
            "menit_efektif": (rng.integers(4, 17, n) * 15).astype(str),
            "status_verifikasi": status,
            "tanggal_lapor": (rows["d"] + pd.to_timedelta(late, unit="D")).dt.strftime("%Y-%m-%d"),
        }
    )


def _csv(frame: pd.DataFrame, path: Path) -> None:
    path.write_bytes(frame.to_csv(index=False, lineterminator="\n").encode("utf-8"))


def write_feedback_rhk_lapkin(
    out: Path, employees: pd.DataFrame, start: str, months: int, rng: np.random.Generator
) -> dict[str, int]:
    """Write the RHK, 360 and daily-report exports; returns the number of files per kind."""
    first = dt.date.fromisoformat(f"{start}-01")
    if first.year < 2022 or len(employees) < 2:
        return {}
    index = first.year * 12 + first.month - 1 + months - 1
    last = dt.date(index // 12, index % 12 + 1, 1)
    folder = Path(out) / "ekinerja"
    folder.mkdir(parents=True, exist_ok=True)
    emp = employees.reset_index(drop=True)
    boss = hierarchy(emp, rng)
    _csv(_rhk(emp, boss, first.year, rng), folder / f"rhk_{first.year}.csv")
    semester = f"{last.year}-S{1 if last.month <= 6 else 2}"
    _csv(_feedback(emp, boss, semester, rng), folder / f"umpan_balik_360_{semester}.csv")
    _csv(_lapkin(emp, last, rng), folder / f"laporan_kinerja_harian_{last:%Y-%m}.csv")
    return {"rhk": 1, "perilaku_360": 1, "lapkin_harian": 1}
