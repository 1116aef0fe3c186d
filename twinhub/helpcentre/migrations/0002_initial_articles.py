from django.db import migrations


def add_articles(apps, schema_editor):
    from twinhub.helpcentre.initial_articles import ARTICLES

    Article = apps.get_model("helpcentre", "Article")
    for item in ARTICLES:
        for language in ("en", "tr"):
            title, body = item[language]
            Article.objects.get_or_create(slug=item["slug"], language=language, country="",
                                          defaults={"title": title, "body": body, "topic": item["topic"]})


class Migration(migrations.Migration):
    dependencies = [("helpcentre", "0001_initial")]
    operations = [migrations.RunPython(add_articles, migrations.RunPython.noop)]
