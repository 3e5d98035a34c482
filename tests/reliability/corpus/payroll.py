"""The bad-input corpus: payroll cases (see tests/reliability/corpus/__init__.py)."""

from __future__ import annotations

import pytest

from tests.conftest import E1, E2, E3, E4, E5, E6
from tests.reliability.corpus.common import (
    GPP_HEADER,
    SIMGAJI_HEADER,
    Loaded,
    Rejected,
    _simgaji,
    lines,
)

PAYROLL = [
    pytest.param(
        "payroll/gpp_2024-03.csv",
        lines(
            GPP_HEADER,
            f"999999;03;2024;{E3};Budi;09.254.294.3-407.003;BANK X;1234567890;3.203.600,00;"
            "320.360,00;0;190000;0;0",
            f"999999;03;2024;{E2};Siti;09.254.294.3-407.001;BANK X;1234567891;3.200.000,50;"
            "0;0;190000;0;0",
            f"999999;03;2024;{E1};Andi;1;BANK X;2;-5.340.600;0;0;0;0;0",
            f"999999;13;2024;{E4};Made;1;BANK X;2;4100000;0;0;0;0;0",
        ),
        Loaded(
            4,
            2,  # the sen row is read (3,200,001: half up, issue 21)
            [
                (4, "gjpokok '-5.340.600' is negative"),
                (5, "bulan '13' / tahun '2024' is not a month"),
            ],
        ),
        id="gpp semicolon csv decimal commas, sen read, negative, month 13",
    ),
    pytest.param(
        "payroll/simgaji.xlsx",
        _simgaji(199003152015032002.0),
        Loaded(
            1,
            0,
            [
                (
                    2,
                    "NIP arrived as a spreadsheet number (1.99003152015032e+17): "
                    "digits after the 15th are lost; re-export the column formatted "
                    "as text",
                )
            ],
        ),
        id="simgaji nip as excel number",
    ),
    pytest.param(
        "payroll/simgaji_b.xlsx",
        {"payroll/simgaji_a.xlsx": _simgaji(E2), "payroll/simgaji_b.xlsx": _simgaji(E2, 3300000)},
        Loaded(
            1,
            0,
            [
                (  # neither file holds until HR or finance keeps one (issue 19)
                    2,
                    "payroll rows disagree for NIP 199003152015032002 in 2024-03 (files of one "
                    "layout, simgaji): payroll/simgaji_a.xlsx:2 says gaji pokok 3200000, "
                    "tunjangan 0; payroll/simgaji_b.xlsx:2 says gaji pokok 3300000, tunjangan 0. "
                    "None of them is used until HR or finance names the file to keep in "
                    "attendance_decisions.csv (decision keep, file, decided_by)",
                )
            ],
        ),
        id="duplicate nip across payroll exports",
    ),
    pytest.param(
        "payroll/fgaji.csv",
        lines(
            ",".join(SIMGAJI_HEADER),
            f'1 Maret 2024,{E2},Siti,"3,200,000",0,0,0,0,0',
            f'01/03/2024,{E5},Dewi,"Rp 3.300.000,-",0,0,0,0,0',
            f"2024-03-01,{E6},Rudi,dua juta,0,0,0,0,0",
        ),
        Loaded(3, 2, [(4, "gapok 'duajuta' is not an amount in rupiah")]),
        id="simgaji month names, thousands, rupiah prefix, words",
    ),
    pytest.param(
        "payroll/slip.pdf",
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
        Rejected(("is not a payroll export this pipeline knows", "accepted: the GPP export")),
        id="payroll pdf",
    ),
]

TPP_REFERENCE = [
    pytest.param(
        "reference/sanctions.csv",
        lines(
            "nip,sanction_type,decision_date,months,nomor_sk",
            f"{E1},Pemotongan TPP 25%,15 Januari 2024,7,800/12",
            f"{E2},dipecat,2024-01-15,6,800/13",
            f"{E3},teguran lisan,2024-13-01,0,800/14",
            f"{E4},pemotongan_tpp,2024-02-01,enam,800/15",
        ),
        Loaded(
            4,
            0,
            [
                (2, "pemotongan_tpp lasts 7 months; PP 94/2021 allows pemotongan_tpp: [6, 9, 12]"),
                (
                    3,
                    "sanction_type 'dipecat' is not a PP 94/2021 hukuman disiplin "
                    "(teguran_lisan, teguran_tertulis, pernyataan_tidak_puas, pemotongan_tpp, "
                    "penurunan_jabatan, pembebasan_jabatan, pemberhentian)",
                ),
                (4, "decision_date '2024-13-01' is not a date"),
                (5, "months 'enam' is not a whole number of months"),
            ],
        ),
        id="sanctions bad duration, type, date, months",
    ),
    pytest.param(
        "reference/status.csv",
        lines(
            "nip,status,date_from,date_to",
            f"{E5},CLTN,2024-03-01,2024-05-31",
            f"{E5},cltn,2024-04-01,2024-06-30",
            f"{E6},CPNS,2024-03-18,2024-03-01",
            f"{E2},cuti besar,2024-03-01,",
        ),
        Loaded(
            4,
            1,
            [
                (3, "overlaps the interval of the same status at reference/status.csv:2"),
                (4, "date_to is before date_from"),
                (
                    5,
                    "status 'cuti besar' is not one of cpns, cltn, diberhentikan_sementara, "
                    "tugas_belajar, pensiun, mutasi_keluar, berhenti",
                ),
            ],
        ),
        id="status events overlap, backwards, unknown",
    ),
    pytest.param(
        "reference/ceilings.csv",
        lines(
            "kelas_jabatan,valid_from,amount",
            "9,2024-01-01,6.100.000",
            "18,2024-01-01,9.000.000",
            '7,2024-01-01,"4.000.000,50"',
            "5,2024-01-01,",
        ),
        Loaded(
            4,
            1,
            [
                (3, "kelas_jabatan '18' is not a kelas 1-17"),
                (4, "amount '4.000.000,50' has sen; this amount is whole rupiah"),
                (5, "amount is empty"),
            ],
        ),
        id="ceilings kelas 18, sen, empty amount",
    ),
    pytest.param(
        "reference/plt.csv",
        lines(
            "nip,assignment_kind,covered_kelas,covered_position,date_from,date_to,sk_number",
            f"{E1},Pelaksana Tugas,12,Kepala Dinas,2024-03-01,2024-05-31,800/12",
            f"{E1},plt,12,Kepala Dinas,2024-04-01,2024-06-30,800/13",
            f"{E2},wakil,9,,2024-03-01,2024-03-31,800/14",
            f"{E3},plt,,Kepala Seksi,2024-03-01,2024-03-31,800/15",
            f"{E4},plh,9,,2024-03-01,2024-03-31,",
        ),
        Loaded(
            5,
            1,
            [
                (3, "overlaps the Plt/Plh assignment of the same kind at reference/plt.csv:2"),
                (4, "assignment_kind 'wakil' is not plt or plh"),
                (
                    5,
                    "covered_kelas '' is not a kelas 1-17 (the covered post's kelas jabatan is "
                    "what the addition is computed from)",
                ),
                (6, "sk_number is empty: an assignment is paid on its SK"),
            ],
        ),
        id="plt assignments overlap, kind, no kelas, no SK",
    ),
    pytest.param(
        "reference/nomor_sk.csv",
        b"nomor_sk,tanggal\n800/12,2024-01-15\n",
        Rejected(("is not a TPP reference file this pipeline knows", "see docs/tpp.md")),
        id="reference unknown kind",
    ),
]

# a file with no record is reported empty whatever its kind: never "layout not recognised", never
# a crash (a [] employee master raised KeyError before)
