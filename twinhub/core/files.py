"""Private files (TwinSpace materials, their thumbnails): delivered only by a view that has checked
the permission, never from a public address (decision 17).

Stored under names nobody can guess (a random UUID, twinhub.twinspace.models.material_path), in a
private bucket or a folder no web server publishes. After the check the file is streamed by the
node; with PRIVATE_FILES_DELIVERY = "signed" (S3) the browser is sent to a signed bucket URL that
expires after PRIVATE_FILE_URL_SECONDS; with "accel" (files on nginx's own disk) nginx sends the
file from an internal location (deploy/nginx/twinhub.conf: /_private_files/)."""

from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, HttpResponse, HttpResponseRedirect
from django.utils.http import content_disposition_header

ACCEL_LOCATION = "/_private_files/"  # nginx's `internal` location over MEDIA_ROOT


def signs_urls(storage) -> bool:
    """Whether the storage hands out signed, expiring URLs (django-storages' S3 backend does)."""
    return bool(getattr(storage, "querystring_auth", False))


def private_file_response(*, file: FieldFile, filename: str, content_type: str, inline: bool) -> HttpResponse:
    """The response that gives an authorised reader `file`; call it only after the permission check."""
    disposition = content_disposition_header(not inline, filename)
    if settings.PRIVATE_FILES_DELIVERY == "signed" and signs_urls(file.storage):
        url = file.storage.url(file.name, expire=settings.PRIVATE_FILE_URL_SECONDS, parameters={
            "ResponseContentType": content_type, "ResponseContentDisposition": disposition})
        response = HttpResponseRedirect(url)
        response["Cache-Control"] = "private, no-store"  # the URL expires; never keep the redirect
        return response
    if settings.PRIVATE_FILES_DELIVERY == "accel" and not signs_urls(file.storage):
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = f"{ACCEL_LOCATION}{file.name}"
        response["Content-Disposition"] = disposition
        response["Cache-Control"] = "private, max-age=3600"
        return response
    response = FileResponse(file.open("rb"), content_type=content_type)
    response["Content-Disposition"] = disposition
    response["X-Content-Type-Options"] = "nosniff"
    # An uploaded HTML or PDF file opened inline runs no script in TwinHub's origin.
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, max-age=3600"
    return response
