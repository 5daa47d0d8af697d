"""Earlier versions of papers of an exempt item are recorded as withheld themselves.

Until now a version kept only the paper's own exemption, so releasing the item released every
old version with it. Nothing says what the item was when each version was replaced; the item
is exempt now, so the safe reading is that its papers' versions were withheld too.
"""

from django.db import migrations


def mark_withheld(apps, schema_editor):
    DocumentVersion = apps.get_model("documents", "DocumentVersion")
    versions = DocumentVersion.objects.filter(
        is_exempt=False, document__agenda_item__is_exempt=True
    ).select_related("document__agenda_item")
    for version in versions:
        version.is_exempt = True
        version.exempt_category_id = version.document.agenda_item.exempt_category_id
        version.save(update_fields=["is_exempt", "exempt_category"])


class Migration(migrations.Migration):
    dependencies = [("documents", "0003_generated_appendices"), ("committees", "0001_initial")]

    operations = [migrations.RunPython(mark_withheld, migrations.RunPython.noop)]
