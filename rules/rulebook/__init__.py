"""The sections of a rulebook profile, as pydantic models: the numbers each regulation
mechanism needs, with their sources. Vocabulary in, no formulas, no rule engine imported;
``rules.profile`` assembles them into effective-dated versions."""
