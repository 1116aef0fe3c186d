"""Partner search at European scale (PostgreSQL only; SQLite keeps its plain path).

Every filter becomes a lexeme of the `search` tsvector ("c:TR", "s:<subject>", "l:<language>",
"a:<age range>", "v:1"/"v:0"), so text + filters are one GIN scan that intersects the posting
lists inside the index instead of fetching tens of thousands of heap rows and filtering them.
The facets are exact values (array_to_tsvector keeps them verbatim), not parsed words.
The per-filter jsonb GIN indexes become redundant and are dropped. Adds a (country, newest)
index so "country, newest first" can walk an index too.
"""

from django.db import migrations

FACETS_FUNCTION = """
CREATE OR REPLACE FUNCTION twinhub_search_facets(country text, subjects jsonb, languages jsonb,
                                                 age_ranges jsonb, available boolean)
RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT array_to_tsvector(
    ARRAY['c:' || country, CASE WHEN available THEN 'v:1' ELSE 'v:0' END]
    || ARRAY(SELECT 's:' || x FROM jsonb_array_elements_text(
             CASE WHEN jsonb_typeof(subjects) = 'array' THEN subjects ELSE '[]' END) x WHERE x <> '')
    || ARRAY(SELECT 'l:' || x FROM jsonb_array_elements_text(
             CASE WHEN jsonb_typeof(languages) = 'array' THEN languages ELSE '[]' END) x WHERE x <> '')
    || ARRAY(SELECT 'a:' || x FROM jsonb_array_elements_text(
             CASE WHEN jsonb_typeof(age_ranges) = 'array' THEN age_ranges ELSE '[]' END) x WHERE x <> ''))
$$
"""

FORWARD = [
    FACETS_FUNCTION,
    "DROP INDEX IF EXISTS teacher_search_subjects_idx",
    "DROP INDEX IF EXISTS teacher_search_languages_idx",
    "DROP INDEX IF EXISTS teacher_search_ages_idx",
    "ALTER TABLE contacts_teachersearchentry DROP COLUMN IF EXISTS search",
    "ALTER TABLE contacts_teachersearchentry ADD COLUMN search tsvector GENERATED ALWAYS AS "
    "(to_tsvector('simple'::regconfig, document) || "
    "twinhub_search_facets(country, subjects, languages, age_ranges, available)) STORED",
    "CREATE INDEX teacher_search_fts_idx ON contacts_teachersearchentry USING gin (search)",
    "CREATE INDEX teacher_search_country_recent_idx ON contacts_teachersearchentry "
    "(country, joined_at DESC, user_id)",
    "ANALYZE contacts_teachersearchentry",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in FORWARD:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    atomic = True

    dependencies = [("contacts", "0002_search_and_mailbox")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
