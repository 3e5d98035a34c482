"""RHK cascading (issue 16; tax-360 §3): does every staff RHK intervene an RHK of the atasan?

Each RHK row links to the atasan RHK it intervenes ("RHK atasan yang diintervensi", BKN
e-Kinerja [S]) by id, or, when the export carries only its text, by a fuzzy match (rapidfuzz,
profile scorer and threshold) among the RHK of ``nip_atasan`` whose SKP period overlaps. Then:

- link status of each RHK: ``aligned`` (the parent is an RHK of nip_atasan for an overlapping
  period), ``root`` (no link and no atasan in the employee master: the head of the agency, whose
  RHK intervene the Perjanjian Kinerja), ``orphan`` (the id points to no RHK, or the text matches
  none above the threshold), ``unlinked`` (an utama RHK without a link although its atasan is an
  employee), ``wrong_atasan`` (the parent belongs to someone else), ``no_overlap`` (the parent is
  the atasan's but from an SKP period that does not overlap: Plt/Plh and mutasi sub-periods),
  ``tambahan`` (no parent required);
- ``link_from``/``link_to``: the sub-period in which child and parent SKP overlap;
- depth (1 at the top of a chain) and cycles, walking the links one level at a time over all
  rows at once; a node in or above a cycle has no depth;
- coverage ("dibagi habis"): each RHK of an employee who has subordinates with RHK in the same
  period is intervened by at least one aligned RHK;
- per unit and period: counts, alignment and coverage in percent and the profile's weighted
  cascade score [I].
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from rapidfuzz import fuzz as rf
from rapidfuzz import process, utils

from rules.inputs import duplicate_reasons, nip_reasons
from rules.performance.common import round_half_up
from rules.performance.compliance import unit_of
from rules.rulebook.performance import CascadingRules
from vocabulary import columns as c
from vocabulary.frames import combine_reasons, first_reason, isin_text
from vocabulary.performance import (
    ALIGNED,
    LINK_ID,
    LINK_NONE,
    LINK_TEXT,
    NO_OVERLAP,
    NOT_UTAMA,
    ORPHAN,
    ROOT,
    TAMBAHAN,
    UNLINKED,
    UTAMA,
    WRONG_ATASAN,
)

FACT_COLUMNS = [
    c.UNIT,
    c.PERIOD,
    c.RHK_ID,
    c.SKP_ID,
    c.NIP,
    c.NIP_ATASAN,
    c.JENIS,
    c.IS_PLT_PLH,
    c.PERIOD_START,
    c.PERIOD_END,
    c.LINK,
    c.RHK_ATASAN_ID,
    c.PARENT_ID,
    c.MATCH_SCORE,
    c.LINK_STATUS,
    c.LINK_FROM,
    c.LINK_TO,
    c.DEPTH,
    c.IN_CYCLE,
    c.ROOT_ID,
    c.INTERVENED_BY,
]
SCORE_COLUMNS = [
    c.UNIT,
    c.PERIOD,
    "rhk",
    "utama",
    "roots",
    "aligned",
    "orphans",
    "unlinked",
    "misaligned",
    "text_links",
    "in_cycle",
    "too_deep",
    "max_depth",
    "atasan_rhk",
    "covered",
    "alignment_pct",
    "coverage_pct",
    "cascade_score",
]
WARNING_COLUMNS = [c.UNIT, c.PERIOD, c.RHK_ID, c.NIP, "warning"]


def rhk_reasons(rhk: pd.DataFrame, known: pd.Series) -> pd.Series:
    """RHK rows that cannot take part in the cascade (quarantine); link problems are not row
    errors but the metrics below (warnings)."""
    atasan = rhk[c.NIP_ATASAN]
    return combine_reasons(
        nip_reasons(rhk[c.NIP]),
        first_reason(
            (
                ~isin_text(rhk[c.NIP], known),
                "nip " + rhk[c.NIP].fillna("") + " is not in the master",
            ),
            (
                atasan.notna() & nip_reasons(atasan.fillna("0")).notna(),
                "nip_atasan '" + atasan.fillna("") + "' is not a valid NIP",
            ),
            index=rhk.index,
        ),
        duplicate_reasons(rhk, [c.RHK_ID], "rhk_id"),
    )


def match_texts(rhk: pd.DataFrame, rules: CascadingRules) -> pd.DataFrame:
    """Best atasan RHK for each row that has only ``rhk_atasan_text``.

    Candidates are the RHK of the row's nip_atasan whose SKP period overlaps the row's. The
    scorer compares texts after rapidfuzz's default processing (lower case, no punctuation).
    The loop runs once per atasan (one ``cdist`` call for all of that atasan's queries), never
    once per row.

    Returns:
        Indexed like ``rhk`` for the text-only rows: ``parent_id`` (<NA> below the threshold or
        without candidates) and ``match_score`` (the best score, NaN without candidates).
    """
    scorer = getattr(rf, rules.fuzzy_scorer)
    threshold = float(rules.fuzzy_threshold)
    wanted = rhk[rhk[c.RHK_ATASAN_ID].isna() & rhk[c.RHK_ATASAN_TEXT].notna()]
    wanted = wanted[wanted[c.NIP_ATASAN].notna()].sort_values(c.NIP_ATASAN, kind="stable")
    owners = rhk[isin_text(rhk[c.NIP], wanted[c.NIP_ATASAN])].sort_values(c.NIP, kind="stable")
    # plain arrays and group boundaries once: the loop below touches no DataFrame
    q_key = wanted[c.NIP_ATASAN].astype(str).to_numpy()
    q_text = wanted[c.RHK_ATASAN_TEXT].astype(str).tolist()
    q_from, q_to = wanted[c.PERIOD_START].to_numpy(), wanted[c.PERIOD_END].to_numpy()
    o_key = owners[c.NIP].astype(str).to_numpy()
    o_text = owners[c.DESKRIPSI].fillna("").astype(str).tolist()
    o_from, o_to = owners[c.PERIOD_START].to_numpy(), owners[c.PERIOD_END].to_numpy()
    o_id = owners[c.RHK_ID].to_numpy()
    parent_of = np.full(len(wanted), None, dtype=object)
    score_of = np.full(len(wanted), np.nan)
    q_starts = np.flatnonzero(np.r_[True, q_key[1:] != q_key[:-1]]) if len(q_key) else []
    q_bounds = list(zip(q_starts, [*q_starts[1:], len(q_key)][: len(q_starts)], strict=True))
    o_left = np.searchsorted(o_key, q_key[q_starts]) if len(q_key) else []
    o_right = np.searchsorted(o_key, q_key[q_starts], side="right") if len(q_key) else []
    for (qa, qb), oa, ob in zip(q_bounds, o_left, o_right, strict=True):
        if oa == ob:
            continue  # the atasan has no RHK of their own in the export
        matrix = process.cdist(
            q_text[qa:qb],
            o_text[oa:ob],
            scorer=scorer,
            processor=utils.default_process,
            dtype=np.float64,
        )
        ok = (q_from[qa:qb, None] <= o_to[None, oa:ob]) & (q_to[qa:qb, None] >= o_from[None, oa:ob])
        matrix = np.where(ok, matrix, -1.0)
        best = matrix.argmax(axis=1)
        top = matrix[np.arange(qb - qa), best]
        has = top >= 0
        score_of[qa:qb] = np.where(has, np.round(top, 2), np.nan)
        hit = has & (top >= threshold)
        parent_of[qa:qb] = np.where(hit, o_id[oa:ob][best], None)
    parent = pd.Series(parent_of, index=wanted.index, dtype="string")
    score = pd.Series(score_of, index=wanted.index, dtype="float64")
    order = rhk.index[rhk.index.isin(wanted.index)]
    parent, score = parent.reindex(order), score.reindex(order)
    return pd.DataFrame({c.PARENT_ID: parent, c.MATCH_SCORE: score})


def _walk(parent: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Depth, top-of-chain position and cycle flag of each node of a parent-pointer forest
    (``parent[i]`` = position of i's parent, -1 at a top).

    Pointer doubling finds the nodes whose walk never ends (2^k >= n steps land on a cycle;
    the nodes reached that way are exactly the cycle's, since 2^k steps permute a cycle); the
    others are walked one level at a time, all together, for their depth.
    """
    n = len(parent)
    jump = parent.copy()
    for _ in range(max(1, int(np.ceil(np.log2(max(n, 2))))) + 1):
        jump = np.where(jump >= 0, jump[np.maximum(jump, 0)], -1)
    endless = jump >= 0
    in_cycle = np.zeros(n, dtype=bool)
    in_cycle[np.unique(jump[endless])] = True
    depth = np.where(endless, 0, 1)
    top = np.where(endless, -1, np.arange(n))
    cur = np.where(endless, -1, parent)
    while (cur >= 0).any():
        going = cur >= 0
        depth[going] += 1
        top[going] = cur[going]
        cur = np.where(going, parent[np.maximum(cur, 0)], -1)
    return depth, top, in_cycle


def cascade_facts(
    rhk: pd.DataFrame, employees: pd.DataFrame, rules: CascadingRules
) -> pd.DataFrame:
    """The cascade fact table: one row per valid RHK (``FACT_COLUMNS``).

    Args:
        rhk: valid RHK rows (rhk_id, skp_id, nip, nip_atasan, jenis, deskripsi, rhk_atasan_id,
            rhk_atasan_text, is_plt_plh, period, period_start, period_end; ``unit`` optional).
        employees: the employee master (nip, unit, unit_induk): the unit of each RHK's owner
            when the export has none, and who counts as an employee with an atasan.
        rules: the profile's ``performance.cascading``.
    """
    r = rhk.reset_index(drop=True).copy()
    units = unit_of(employees.drop_duplicates(c.NIP).set_index(c.NIP))
    own_unit = r[c.NIP].map(units).astype("string")
    r[c.UNIT] = (
        (r[c.UNIT] if c.UNIT in r.columns else own_unit).fillna(own_unit).fillna("(tanpa unit)")
    )
    by_id = r[c.RHK_ATASAN_ID].notna()
    by_text = ~by_id & r[c.RHK_ATASAN_TEXT].notna()
    r[c.LINK] = np.where(by_id, LINK_ID, np.where(by_text, LINK_TEXT, LINK_NONE))
    matched = match_texts(r, rules)
    r[c.PARENT_ID] = r[c.RHK_ATASAN_ID].astype("string")
    r.loc[matched.index, c.PARENT_ID] = matched[c.PARENT_ID]
    r[c.MATCH_SCORE] = matched[c.MATCH_SCORE].reindex(r.index)

    position = pd.Index(r[c.RHK_ID]).get_indexer(r[c.PARENT_ID].fillna("\0"))
    found = position >= 0
    safe = np.maximum(position, 0)
    p_owner = pd.Series(r[c.NIP].to_numpy()[safe], index=r.index).where(found)
    p_from = pd.Series(r[c.PERIOD_START].to_numpy()[safe], index=r.index).where(found)
    p_to = pd.Series(r[c.PERIOD_END].to_numpy()[safe], index=r.index).where(found)
    same_owner = (p_owner == r[c.NIP_ATASAN]).fillna(False).astype(bool)
    overlap = ((p_from <= r[c.PERIOD_END]) & (p_to >= r[c.PERIOD_START])).fillna(False)
    has_atasan = isin_text(r[c.NIP_ATASAN], employees[c.NIP])
    status = np.select(
        [
            (r[c.JENIS] == TAMBAHAN).to_numpy(),
            (r[c.LINK] == LINK_NONE).to_numpy() & ~has_atasan.to_numpy(),
            (r[c.LINK] == LINK_NONE).to_numpy(),
            ~found,
            ~same_owner.to_numpy(),
            ~overlap.to_numpy(dtype=bool),
        ],
        [NOT_UTAMA, ROOT, UNLINKED, ORPHAN, WRONG_ATASAN, NO_OVERLAP],
        default=ALIGNED,
    )
    r[c.LINK_STATUS] = pd.Series(status, index=r.index, dtype="string")
    linked = found  # every resolved link is an edge, whatever its status (cycles show)
    r[c.LINK_FROM] = r[c.PERIOD_START].where(r[c.PERIOD_START] > p_from, p_from).where(overlap)
    r[c.LINK_TO] = r[c.PERIOD_END].where(r[c.PERIOD_END] < p_to, p_to).where(overlap)

    depth, top, cycle = _walk(np.where(linked, position, -1))
    r[c.DEPTH] = pd.array(np.where(cycle | (depth == 0), 0, depth), dtype="Int64")
    r[c.DEPTH] = r[c.DEPTH].mask(r[c.DEPTH] == 0)
    r[c.IN_CYCLE] = cycle
    r[c.ROOT_ID] = pd.Series(r[c.RHK_ID].to_numpy()[np.maximum(top, 0)], dtype="string").where(
        top >= 0
    )
    counted = (r[c.LINK_STATUS] == ALIGNED) & ~r[c.IN_CYCLE]
    aligned_children = r.loc[counted, c.PARENT_ID].value_counts()
    r[c.INTERVENED_BY] = r[c.RHK_ID].map(aligned_children).fillna(0).astype("int64")
    for col in (c.MATCH_SCORE,):
        r[col] = r[col].astype("float64")
    if c.SKP_ID not in r.columns:
        r[c.SKP_ID] = pd.Series(pd.NA, index=r.index, dtype="string")
    return (
        r[FACT_COLUMNS]
        .sort_values([c.UNIT, c.PERIOD, c.RHK_ID], kind="stable")
        .reset_index(drop=True)
    )


def _pct(part: pd.Series, whole: pd.Series) -> pd.Series:
    return round_half_up(part / whole.where(whole > 0) * 100.0)


def cascade_scores(facts: pd.DataFrame, rules: CascadingRules) -> pd.DataFrame:
    """Per unit and period: counts, alignment and coverage in percent and the cascade score.

    alignment = aligned utama RHK outside cycles / utama RHK that are not roots; coverage =
    covered atasan RHK / atasan RHK, where an atasan RHK is an utama RHK of an employee who is
    the nip_atasan of some RHK in the period; cascade score = the profile's weighted mean of
    the two (the available one alone when the other has no denominator) [I].
    """
    f = facts
    utama = f[c.JENIS] == UTAMA
    bosses = f[[c.NIP_ATASAN, c.PERIOD]].dropna().drop_duplicates()
    is_boss = (
        f.merge(
            bosses.rename(columns={c.NIP_ATASAN: c.NIP}).assign(_b=True),
            on=[c.NIP, c.PERIOD],
            how="left",
        )["_b"]
        .fillna(False)
        .to_numpy(dtype=bool)
    )
    flags = pd.DataFrame(
        {
            c.UNIT: f[c.UNIT],
            c.PERIOD: f[c.PERIOD],
            "rhk": 1,
            "utama": utama,
            "roots": f[c.LINK_STATUS] == ROOT,
            "aligned": (f[c.LINK_STATUS] == ALIGNED) & ~f[c.IN_CYCLE],
            "orphans": f[c.LINK_STATUS] == ORPHAN,
            "unlinked": f[c.LINK_STATUS] == UNLINKED,
            "misaligned": f[c.LINK_STATUS].isin([WRONG_ATASAN, NO_OVERLAP]),
            "text_links": (f[c.LINK] == LINK_TEXT) & (f[c.LINK_STATUS] == ALIGNED),
            "in_cycle": f[c.IN_CYCLE],
            "too_deep": (f[c.DEPTH] > rules.max_depth).fillna(False),
            "atasan_rhk": utama & is_boss,
            "covered": utama & is_boss & (f[c.INTERVENED_BY] > 0),
        }
    )
    counts = [col for col in flags.columns if col not in (c.UNIT, c.PERIOD)]
    out = flags.astype({col: "int64" for col in counts}).groupby([c.UNIT, c.PERIOD]).sum()
    out["max_depth"] = f.groupby([c.UNIT, c.PERIOD])[c.DEPTH].max().astype("Int64")
    out = out.reset_index()
    out["alignment_pct"] = _pct(out["aligned"], out["utama"] - out["roots"])
    out["coverage_pct"] = _pct(out["covered"], out["atasan_rhk"])
    wa, wc = float(rules.alignment_weight), float(rules.coverage_weight)
    both = wa * out["alignment_pct"] + wc * out["coverage_pct"]
    out["cascade_score"] = round_half_up(
        both.fillna(out["alignment_pct"]).fillna(out["coverage_pct"])
    )
    return out[SCORE_COLUMNS]


def cascade_warnings(facts: pd.DataFrame) -> pd.DataFrame:
    """The rows a warning check lists: orphans, unlinked utama RHK and RHK in a cycle."""
    f = facts
    text = first_reason(
        (f[c.IN_CYCLE], "RHK " + f[c.RHK_ID] + " is in a cycle of intervened RHK"),
        (
            f[c.LINK_STATUS] == ORPHAN,
            "RHK " + f[c.RHK_ID] + " intervenes an RHK that does not exist or matches none "
            "above the threshold",
        ),
        (f[c.LINK_STATUS] == UNLINKED, "utama RHK " + f[c.RHK_ID] + " intervenes no atasan RHK"),
        index=f.index,
    )
    return f.assign(warning=text)[text.notna()][WARNING_COLUMNS].reset_index(drop=True)
