"""Events that apps send when something others may react to has happened (published,
changed, cancelled, failed). The sender knows nothing of who listens: notifications, for
one, turn them into email. Receivers must not write to the sender's models; they queue
their own work (``scrutiny.core.queue``) and run after the sender's transaction commits.

Each signal's arguments are keyword-only and named below.
"""

from django.dispatch import Signal

# committees: a meeting's agenda was published (publication: AgendaPublication, kind agenda
# or supplementary) -- sent by documents.services.agenda_publish.
agenda_published = Signal()  # meeting, publication
# committees: a meeting's date, time or venue changed, or it was cancelled.
meeting_changed = Signal()  # meeting, changes: dict[str, tuple[old, new]], reason: str
meeting_cancelled = Signal()  # meeting, reason: str
# minutes: minutes were published.
minutes_published = Signal()  # minutes
# documents: an agenda pack could not be built.
pack_build_failed = Signal()  # pack
# members: a meeting's "since the last meeting" briefing was computed when its agenda was
# published (briefing: members.Briefing) -- sent by members.tasks.members_papers_prepare.
briefing_ready = Signal()  # briefing
# members: a member asked a question on an agenda item (question: members.Question), or it
# was answered -- sent by members.services.question_ask and question_answer.
question_asked = Signal()  # question
question_answered = Signal()  # question
