"""The bad-input corpus: every reader, the files HR really drops, and what each must get.

A case is (kind, files, file under test, expected). Expected is ``Rejected`` (the whole file is
refused with a message that names it, the line where there is one, and what to do), ``Empty``
(the file holds no record: status ``empty``, not ``rejected``) or ``Loaded`` (exact rows in, rows
valid, and every quarantined row with its line and reason).
"""

from tests.reliability.corpus.attendance import ATTENDANCE
from tests.reliability.corpus.common import HTML, NAME_SQL, Empty, Loaded, Rejected, att, lines
from tests.reliability.corpus.ekinerja import EKINERJA, penilaian
from tests.reliability.corpus.empty import EMPTY
from tests.reliability.corpus.payroll import PAYROLL, TPP_REFERENCE
from tests.reliability.corpus.reference import REFERENCE

__all__ = ["CASES", "HTML", "NAME_SQL", "Empty", "Loaded", "Rejected", "att", "lines", "penilaian"]

CASES = [*ATTENDANCE, *REFERENCE, *EKINERJA, *PAYROLL, *TPP_REFERENCE, *EMPTY]
