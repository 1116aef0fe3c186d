import pytest
from django.core.management import call_command

from twinhub.testing.legacy_export import write_export


@pytest.fixture
def export_dir(tmp_path):
    return write_export(tmp_path / "export")


@pytest.fixture
def run_import(export_dir):
    def run(*args, folder=None):
        from io import StringIO

        out = StringIO()
        call_command("import_legacy", str(folder or export_dir), "--no-progress", *args, stdout=out)
        return out.getvalue()

    return run
