"""Pictures people upload (profile photos, project covers): decoded with Pillow — which proves the
file is an image —, turned upright, cropped to the shape the page shows and stored as a small JPEG.
The limits are the rules of the app that stores the picture (e.g. accounts.rules.photo_refusal)."""

import io

from django.core.files.uploadedfile import UploadedFile
from PIL import Image, ImageOps, UnidentifiedImageError


class NotAnImage(ValueError):
    pass


def image_size(upload: UploadedFile) -> tuple[int, int]:
    """(width, height) from the file's header, without decoding it all; NotAnImage otherwise."""
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            return image.width, image.height
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise NotAnImage from error
    finally:
        upload.seek(0)


def fitted_jpeg(upload: UploadedFile, *, width: int, height: int) -> bytes:
    """The picture cropped around its centre to width×height; check `image_size` against the rule first."""
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image.load()
            fitted = ImageOps.fit(ImageOps.exif_transpose(image).convert("RGB"), (width, height),
                                  method=Image.Resampling.LANCZOS)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise NotAnImage from error
    finally:
        upload.seek(0)
    out = io.BytesIO()
    fitted.save(out, "JPEG", quality=85)
    return out.getvalue()
