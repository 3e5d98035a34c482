"""Reference data: unpartitioned snapshots with their effective dates inside the data."""

from assets.factories import source_asset
from vocabulary import columns as c

GROUP = "reference"

employees = source_asset(
    "employees",
    group=GROUP,
    needs_master=False,
    descriptions={
        "employees": "Pegawai: satu baris per NIP dari ekspor data-utama SIASN "
        "(inbox/employees.*) dengan unit (OPD), jabatan, kedudukan, kelas jabatan dan tanggal "
        "pegawai aktif. (employees)"
    },
    previews={
        "employees": [c.NIP, c.UNIT_INDUK, c.JENIS_JABATAN, c.KELAS_JABATAN, c.EMPLOYEE_KIND]
    },
)
pin_map = source_asset(
    "pin_map",
    group=GROUP,
    descriptions={
        "pin_map": "Peta PIN: NIP mana yang dimaksud PIN sebuah mesin, dari kapan sampai kapan "
        "(device * = semua mesin, tanggal inklusif, valid_to kosong = masih berlaku). (pin_map)"
    },
    previews={"pin_map": [c.DEVICE_KEY, c.PIN, c.NIP, c.VALID_FROM, c.VALID_TO]},
)
leave_records = source_asset(
    "leave",
    group=GROUP,
    descriptions={
        "leave_records": "Cuti, izin dan dinas luar: satu baris per pengajuan dengan tanggal dan "
        "statusnya; hanya pengajuan yang disetujui mengubah kode kehadiran. (leave_records)"
    },
    previews={"leave_records": [c.NIP, c.LEAVE_TYPE, c.DATE_FROM, c.DATE_TO, c.STATUS]},
)
devices = source_asset(
    "devices",
    group=GROUP,
    needs_master=False,
    descriptions={
        "devices": "Mesin absensi: zona waktu (WIB/WITA/WIT) dan urutan tanggal setiap folder "
        "mesin; mesin yang tidak terdaftar memakai zona profil. (devices)"
    },
    previews={"devices": [c.DEVICE_KEY, c.TIMEZONE, c.DATE_ORDER]},
)
attendance_decisions = source_asset(
    "attendance_decisions",
    group=GROUP,
    descriptions={
        "attendance_decisions": "Keputusan HR atas data yang tidak dapat dipakai: per mesin atau "
        "per pegawai (NIP, belum terdaftar di mesin) dan rentang tanggal, excuse (tanpa potongan) "
        "atau charge (hari dihitung seperti tercatat); per berkas gaji yang bertentangan, keep "
        "(berkas yang dipakai); dengan siapa yang memutuskan (inbox/attendance_decisions.csv, "
        "opsional). (attendance_decisions)"
    },
    previews={
        "attendance_decisions": [
            c.DEVICE_KEY,
            c.NIP,
            c.DATE_FROM,
            c.DATE_TO,
            c.DECISION,
            c.DECIDED_BY,
            c.DECISION_FILE,
        ]
    },
)
