"""Published statistics: areas, periods, measures, releases and their values, with comparisons."""
