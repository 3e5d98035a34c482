"""Expectations that several contracts share, written once."""

from typing import Any

from vocabulary import columns as c

NIP_PATTERN = r"^[0-9]{18}$"


def nip_is_text_of_18_digits(reason: str = "nip is not 18 digits") -> Any:
    """Every contract with an NIP column checks it the same way (the structure itself is
    checked by vocabulary.nip, with a detailed reason, before the contract runs)."""
    import great_expectations as gx

    return gx.expectations.ExpectColumnValuesToMatchRegex(
        column=c.NIP, regex=NIP_PATTERN, meta={"reason": reason}
    )
