"""Youth justice figures from the seed reports, loaded through the importer.

From the Youth Justice Service report in the 26 September 2024 pack: the custody rate per
1,000 children aged 10-17 in 2023 for the YJS family (0.16) and England and Wales (0.10)
(Southampton's own rate is only in a chart, so it is ":"), 10 remands in 2023 and 4 custodial
sentences in 2024 to the time of the report (taken as the end of August). From the 2023
Young People's Service report: return home interviews for 84% of missing episodes, the
monthly mean over the preceding 12 months (taken as to January 2023). The seeds give no
first-time entrant or reoffending figure.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from scrutiny.committees.models import AgendaItem
from scrutiny.core.actors import SystemActor
from scrutiny.documents.services import generated_appendix_add
from scrutiny.youthjustice.services import youth_justice_import

ACTOR = SystemActor("demo loader")
FILE = Path(__file__).with_name("youth_justice_2023_2024.csv")


def load() -> str:
    release = youth_justice_import(
        actor=ACTOR,
        file_name=FILE.name,
        data=FILE.read_bytes(),
        source="Youth Justice Service report (September 2024); Young People's Service report (2023)",
    )
    item = AgendaItem.objects.get(
        meeting__date=date(2024, 9, 26), title="The Youth Justice Service"
    )
    generated_appendix_add(
        actor=ACTOR, item=item, number=1, reference="youthjustice.figures:2024-09-26"
    )
    return f"{release.rows} youth justice figures; appended to the 26 September 2024 item"
