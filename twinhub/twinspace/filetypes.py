"""What a file is, read from its first bytes (never from its name or the browser's claim)."""

import filetype

HEAD_BYTES = 8192

# Detected MIME type → material kind. Anything else is refused.
ALLOWED = {
    "image/jpeg": "image", "image/png": "image", "image/gif": "image", "image/webp": "image",
    "video/mp4": "video", "video/webm": "video", "video/quicktime": "video", "video/x-m4v": "video",
    "video/mpeg": "video",
    "audio/mpeg": "audio", "audio/ogg": "audio", "audio/x-wav": "audio", "audio/x-flac": "audio",
    "audio/mp4": "audio", "audio/m4a": "audio", "audio/aac": "audio",
    "application/pdf": "document",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "document",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "document",
    "application/vnd.oasis.opendocument.text": "document",
    "application/vnd.oasis.opendocument.spreadsheet": "document",
    "application/vnd.oasis.opendocument.presentation": "document",
    "application/msword": "document", "application/vnd.ms-excel": "document",
    "application/vnd.ms-powerpoint": "document",
}
_MARKUP = (b"<svg", b"<?xml", b"<html", b"<script", b"<!doctype", b"<body", b"<iframe")


def looks_like_svg(head: bytes) -> bool:
    sample = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return b"<svg" in sample[:4096] or (sample.startswith(b"<?xml") and b"svg" in sample[:4096])


def _plain_text(head: bytes) -> bool:
    """UTF-8 text without NUL bytes and without markup a browser would run."""
    if b"\x00" in head:
        return False
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        try:  # the sample may end in the middle of a character
            text = head[:-3].decode("utf-8")
        except UnicodeDecodeError:
            return False
    lowered = text.lower().encode()
    return not any(tag in lowered for tag in _MARKUP)


def detect(head: bytes) -> tuple[str | None, str]:
    """(kind, mime) of a file from its first bytes; kind None when not accepted."""
    guess = filetype.guess(head)
    if guess is not None:
        return ALLOWED.get(guess.mime), guess.mime
    if head and _plain_text(head):
        return "document", "text/plain"
    return None, "application/octet-stream"
