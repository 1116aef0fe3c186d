"""Two uploads at the same moment cannot together overfill the project's storage: the TwinSpace
row is locked (select_for_update) while the quota is checked and the usage counted."""

import threading
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError, connection

from twinhub.core.errors import ApplicationError
from twinhub.testing.files import PDF
from twinhub.twinspace import services
from twinhub.twinspace.models import Material, TwinSpace


@pytest.mark.django_db(transaction=True)
def test_concurrent_uploads_respect_the_quota(world, settings):
    pdf = PDF + b"%" * 1000
    settings.TWINSPACE_PROJECT_QUOTA_BYTES = len(pdf) * 3 + 10  # room for three, not four
    services.material_upload(project_id=world.project_a.pk, upload=SimpleUploadedFile("0.pdf", pdf),
                             user=world.admin_a)
    barrier = threading.Barrier(3)
    outcomes = []

    def upload(n):
        barrier.wait()
        try:
            # PostgreSQL waits on the row lock. SQLite's shared in-memory test database answers
            # "table is locked" at once instead of waiting; retrying there serialises the writers.
            for _attempt in range(200):
                try:
                    services.material_upload(project_id=world.project_a.pk, user=world.member_a,
                                             upload=SimpleUploadedFile(f"{n}.pdf", pdf))
                    outcomes.append("ok")
                    return
                except OperationalError:
                    if connection.vendor != "sqlite":
                        raise
                    time.sleep(0.02)
        except ApplicationError as error:
            outcomes.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=upload, args=(n,)) for n in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["ok", "ok", "project_storage_full"], outcomes
    assert Material.objects.count() == 3
    assert TwinSpace.objects.get(project=world.project_a).storage_used == 3 * len(pdf)
