"""Memberships carry their school's country and region (decision 55)."""

from django.conf import settings
from django.db import migrations, models


def copy_places(apps, schema_editor):
    """Every existing membership takes its school's place: one statement, whatever the rows."""
    if schema_editor.connection.vendor == "postgresql":
        sql = ("UPDATE schools_membership m SET school_country = s.country, school_region = s.region "
               "FROM schools_school s WHERE s.id = m.school_id")
    else:
        sql = ("UPDATE schools_membership SET "
               "school_country = (SELECT country FROM schools_school s WHERE s.id = school_id), "
               "school_region = (SELECT region FROM schools_school s WHERE s.id = school_id)")
    schema_editor.execute(sql)


class Migration(migrations.Migration):

    dependencies = [
        ('schools', '0004_merge_postcode_and_verbose_names'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='membership',
            name='school_country',
            field=models.CharField(default='', editable=False, max_length=2),
        ),
        migrations.AddField(
            model_name='membership',
            name='school_region',
            field=models.CharField(blank=True, default='', editable=False, max_length=80),
        ),
        migrations.RunPython(copy_places, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name='membership',
            index=models.Index(fields=['status', 'school_country', 'school_region', 'requested_at', 'id'], name='membership_place_queue_idx'),
        ),
    ]
