"""twinhub import-legacy DIR [--phase PHASE ...] [--report FILE]"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from twinhub.legacy import loader, report
from twinhub.legacy.format import PHASE_NAMES
from twinhub.legacy.reader import ExportError, read_manifest


class RateColumn(TextColumn):
    def __init__(self):
        super().__init__("")

    def render(self, task):
        speed = task.finished_speed or task.speed
        return f"{speed:,.0f} lines/s" if speed else ""


class Command(BaseCommand):
    help = "Import the old eTwinning platform's export folder, phase by phase (idempotent, resumable)."
    # Each phase is a separate run of a long job; `twinhub check` (and every other command) checks.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("folder")
        parser.add_argument("--phase", action="append", choices=PHASE_NAMES, dest="phases",
                            help="run only this phase (repeatable); default: every phase not done yet")
        parser.add_argument("--report", dest="report_path", help="write the JSON report to this file")
        parser.add_argument("--no-progress", action="store_true", help="no progress bars (logs, tests)")

    def handle(self, folder, phases=None, report_path=None, no_progress=False, **options):
        console = Console(file=self.stdout, stderr=False)
        try:
            manifest = read_manifest(folder)
            todo, unavailable = loader.plan(phases)
            if phases:
                for phase in todo:
                    if phase not in phases:
                        self.stdout.write(_("Resuming the interrupted %(phase)s phase first.") % {"phase": phase})
            loader.verify_export(manifest, todo)
        except ExportError as exc:
            raise CommandError(str(exc)) from exc
        for name in loader.ignored_files(manifest):
            self.stdout.write(_("Ignoring unknown file %(file)s") % {"file": name})
        for phase in unavailable:
            self.stdout.write(_("The %(phase)s phase cannot run on this platform yet; it stays pending.")
                              % {"phase": phase})
        ctx = loader.Context(manifest=manifest, console=console)
        if not todo:
            self.stdout.write(_("Nothing to do: every phase that can run is already done. The database is unchanged."))
        for phase in todo:
            self.stdout.write(_("Phase %(phase)s") % {"phase": phase})
            with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), RateColumn(),
                          TimeElapsedColumn(), console=console, disable=no_progress, transient=False) as bar:
                def progress_factory(name, total, bar=bar):
                    task = bar.add_task(name, total=total or None)
                    return lambda n: bar.advance(task, n)

                try:
                    loader.run_phase(phase, ctx, progress_factory)
                except ExportError as exc:
                    raise CommandError(str(exc)) from exc
        for line in report.summary_lines():
            self.stdout.write(line)
        if report_path:
            report.write_json(report_path)
            self.stdout.write(_("Report written to %(file)s") % {"file": report_path})
