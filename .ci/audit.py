"""Audit the locked dependencies (uv.lock) for known vulnerabilities with pip-audit.

Exit 1 when a locked package has a known vulnerability. When the vulnerability service cannot
be reached, or cannot answer for the locked versions (a registry mirror without per-version
data), say so loudly and exit 0: a network outage must not fail CI silently, nor pass as
"audited". Set KINERJA_AUDIT_REQUIRED=1 to make an incomplete audit fail too.

    .venv/bin/python .ci/audit.py [path/to/uv]
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    uv = sys.argv[1] if len(sys.argv) > 1 else "uv"
    required = os.environ.get("KINERJA_AUDIT_REQUIRED") == "1"
    with tempfile.TemporaryDirectory() as tmp:
        req = Path(tmp) / "requirements.txt"
        subprocess.run(
            [uv, "export", "--frozen", "--format", "requirements.txt", "--all-groups",
             "--no-emit-project", "--quiet", "--output-file", str(req)],
            cwd=ROOT, check=True,
        )  # fmt: skip
        audit = subprocess.run(
            [sys.executable, "-m", "pip_audit", "-r", str(req), "--require-hashes",
             "--disable-pip", "--progress-spinner", "off", "--format", "json", "--timeout", "20"],
            cwd=ROOT, capture_output=True, text=True, check=False,
        )  # fmt: skip
    try:
        report = json.loads(audit.stdout)
    except json.JSONDecodeError:
        print("pip-audit: AUDIT NOT PERFORMED, the vulnerability service could not be used:")
        print("  " + (audit.stderr.strip().splitlines() or ["no output"])[-1])
        return 1 if required else 0
    deps = report.get("dependencies", [])
    vulnerable = [d for d in deps if d.get("vulns")]
    skipped = [d for d in deps if d.get("skip_reason")]
    audited = len(deps) - len(skipped)
    for d in vulnerable:
        ids = ", ".join(
            v["id"]
            + (f" (fixed in {', '.join(v['fix_versions'])})" if v.get("fix_versions") else "")
            for v in d["vulns"]
        )
        print(f"pip-audit: {d['name']} {d['version']}: {ids}")
    print(
        f"pip-audit: {len(deps)} locked packages, {audited} audited, {len(vulnerable)} vulnerable"
    )
    if skipped:
        print(
            f"pip-audit: WARNING {len(skipped)} packages NOT audited (first: "
            f"{skipped[0]['name']}: {skipped[0]['skip_reason']}); the vulnerability service "
            "could not answer for the locked versions from this network"
        )
    if vulnerable:
        return 1
    return 1 if required and skipped else 0


if __name__ == "__main__":
    sys.exit(main())
