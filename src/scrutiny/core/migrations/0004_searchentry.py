"""The site's full-text index: the table, then each database's own full-text machinery."""

from django.db import migrations, models

# The entries are plain text: "<" and ">" are spaced out so that PostgreSQL's parser never
# takes "<script>" in a paper's text for markup and drops the word.
POSTGRESQL = [
    """
    ALTER TABLE core_searchentry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english'::regconfig, translate(title, '<>', '  ')), 'A')
        || setweight(to_tsvector('english'::regconfig, translate(body, '<>', '  ')), 'B')
    ) STORED
    """,
    "CREATE INDEX core_searchentry_vector ON core_searchentry USING GIN (search_vector)",
]
SQLITE = [
    """
    CREATE VIRTUAL TABLE core_searchentry_fts USING fts5(
        title, body, content='core_searchentry', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER core_searchentry_ai AFTER INSERT ON core_searchentry BEGIN
        INSERT INTO core_searchentry_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
    END
    """,
    """
    CREATE TRIGGER core_searchentry_ad AFTER DELETE ON core_searchentry BEGIN
        INSERT INTO core_searchentry_fts(core_searchentry_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
    END
    """,
    """
    CREATE TRIGGER core_searchentry_au AFTER UPDATE OF title, body ON core_searchentry BEGIN
        INSERT INTO core_searchentry_fts(core_searchentry_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
        INSERT INTO core_searchentry_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
    END
    """,
]
DROP = {
    "postgresql": ["DROP INDEX IF EXISTS core_searchentry_vector"],
    "sqlite": [
        "DROP TRIGGER IF EXISTS core_searchentry_ai",
        "DROP TRIGGER IF EXISTS core_searchentry_ad",
        "DROP TRIGGER IF EXISTS core_searchentry_au",
        "DROP TABLE IF EXISTS core_searchentry_fts",
    ],
}


def add_full_text(apps, schema_editor):
    statements = {"postgresql": POSTGRESQL, "sqlite": SQLITE}.get(schema_editor.connection.vendor)
    if statements is None:
        raise RuntimeError("Site search needs PostgreSQL or SQLite.")
    for statement in statements:
        schema_editor.execute(statement)


def drop_full_text(apps, schema_editor):
    for statement in DROP.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("core", "0003_audit_actions_named_by_app_and_service")]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("kind", models.CharField(max_length=40)),
                ("object_id", models.BigIntegerField()),
                ("title", models.TextField()),
                ("body", models.TextField(blank=True)),
                ("on_date", models.DateField(blank=True, null=True)),
                ("panel_key", models.BigIntegerField(blank=True, null=True)),
            ],
            options={
                "indexes": [models.Index(fields=["on_date"], name="core_search_on_date")],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("kind", "object_id"), name="one_search_entry_per_record"
                    )
                ],
            },
        ),
        migrations.RunPython(add_full_text, drop_full_text),
    ]
