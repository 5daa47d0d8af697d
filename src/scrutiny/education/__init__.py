"""Education evidence: attainment, attendance and exclusions against England and neighbours."""
