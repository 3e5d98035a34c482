"""The vocabulary: names only, imported by every floor and importing nothing of ours.

Column names (``columns``), units and periods (``units``), NIP rules (``nip``), the frame
conventions (``frames``: reasons, ``Checked``), reason codes (``reasons``) and the code tables of
performance, TPP and tax (``performance``, ``tpp``, ``tax``). A name is defined here once.
"""
