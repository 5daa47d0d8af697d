"""The case-data app's background work: importing analysts' uploads.

Reading a census file and writing a year of records takes seconds to minutes, so the web
upload only stores the file and queues the import; the task lives beside the service that
queues it (``services.import_job_run``).
"""

from __future__ import annotations

from scrutiny.casedata import services

import_job_run = services.import_job_run
