"""The education measures (DfE definitions) for the statistics catalogue: ``catalogue.csv``."""

TOPIC = "education"
