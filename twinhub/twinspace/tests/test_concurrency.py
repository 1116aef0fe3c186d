"""Two uploads at the same moment cannot together overfill the project's storage: the TwinSpace
row is locked (select_for_update) while the quota is checked and the usage counted."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from twinhub.testing import REFUSED, ROW_LOCKS_NEED_POSTGRESQL, WON, needs_postgresql, race
from twinhub.testing.files import PDF
from twinhub.twinspace import services
from twinhub.twinspace.models import Material, TwinSpace


@needs_postgresql(why=ROW_LOCKS_NEED_POSTGRESQL)
@pytest.mark.django_db(transaction=True)
def test_concurrent_uploads_respect_the_quota(world, settings):
    pdf = PDF + b"%" * 1000
    settings.TWINSPACE_PROJECT_QUOTA_BYTES = len(pdf) * 3 + 10  # room for three, not four
    services.material_upload(project_id=world.project_a.pk, upload=SimpleUploadedFile("0.pdf", pdf),
                             user=world.admin_a)

    def upload(n: int):
        return lambda: services.material_upload(project_id=world.project_a.pk, user=world.member_a,
                                                upload=SimpleUploadedFile(f"{n}.pdf", pdf)).name

    outcomes = race([upload(n) for n in range(3)])

    assert sorted(kind for kind, _value in outcomes) == [REFUSED, WON, WON], outcomes
    assert [value for kind, value in outcomes if kind == REFUSED] == ["project_storage_full"]
    assert Material.objects.count() == 3
    assert TwinSpace.objects.get(project=world.project_a).storage_used == 3 * len(pdf)
