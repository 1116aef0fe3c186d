from django.core.management.base import BaseCommand

from twinhub.contacts.search_index import search_index_rebuild


class Command(BaseCommand):
    help = "Rebuild the partner-search index (after a bulk import that bypassed model signals)."

    def handle(self, *args, **options):
        total = search_index_rebuild(progress=lambda n, last: self.stdout.write(f"{n} eTwinners indexed (up to user {last})"))
        self.stdout.write(self.style.SUCCESS(f"{total} eTwinners indexed."))
