"""Turkish is a first-class language: every app with user-facing strings has a Turkish catalogue
(`twinhub/<app>/locale/tr/LC_MESSAGES/django.po`) that is complete (no empty or fuzzy translation,
placeholders kept) and fresh (every string the code marks for translation is in it).

"Fresh" is checked the way docs/CONVENTIONS.md tells engineers to build a catalogue: Django's
`makemessages -l tr` run inside the app's folder, here on a temporary copy of the app's sources."""

import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from django.core.management import call_command

TWINHUB = Path(__file__).resolve().parent.parent / "twinhub"
SOURCE_SUFFIXES = {".py", ".html", ".txt"}  # what makemessages reads for the "django" domain
# The apps that show text to people; each must have a Turkish catalogue even before it is extracted.
APPS_WITH_USER_FACING_STRINGS = ["core", "accounts", "schools", "staff", "geography", "contacts", "projects",
                                 "twinspace", "labels", "legacy", "helpcentre", "portal"]


def _apps() -> list[str]:
    return sorted(p.name for p in TWINHUB.iterdir() if (p / "__init__.py").exists())


def _catalogue(app: str) -> Path:
    return TWINHUB / app / "locale" / "tr" / "LC_MESSAGES" / "django.po"


APPS = _apps()
APPS_WITH_CATALOGUE = [app for app in APPS if _catalogue(app).exists()]


def _key(entry: polib.POEntry) -> tuple[str, str, str]:
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


def _describe(keys) -> str:
    return "\n".join(f"  {('[' + ctx + '] ') if ctx else ''}{msgid!r}" for ctx, msgid, _plural in sorted(keys))


_extracted: dict[str, set] = {}


def _extract(app: str, workdir: Path, monkeypatch) -> set[tuple[str, str, str]]:
    """The msgids `makemessages -l tr` finds in the app's code today (cached per app)."""
    if app not in _extracted:
        copy = workdir / app

        def ignore(folder, names):
            return [n for n in names if n in {"locale", "__pycache__", "node_modules"}
                    or (Path(folder, n).is_file() and Path(n).suffix not in SOURCE_SUFFIXES)]

        shutil.copytree(TWINHUB / app, copy, ignore=ignore)
        (copy / "locale").mkdir()
        monkeypatch.chdir(copy)
        call_command("makemessages", locale=["tr"], verbosity=0, no_obsolete=True)
        monkeypatch.undo()
        generated = copy / "locale" / "tr" / "LC_MESSAGES" / "django.po"
        _extracted[app] = {_key(e) for e in polib.pofile(str(generated))} if generated.exists() else set()
    return _extracted[app]


def test_every_app_that_shows_text_is_known_here():
    """The list above names real apps (a renamed app must not silently drop out of the checks)."""
    assert set(APPS_WITH_USER_FACING_STRINGS) <= set(APPS), set(APPS_WITH_USER_FACING_STRINGS) - set(APPS)


@pytest.mark.parametrize("app", APPS)
def test_app_with_translatable_strings_has_a_turkish_catalogue(app, tmp_path, monkeypatch):
    found = _extract(app, tmp_path, monkeypatch)
    if app in APPS_WITH_USER_FACING_STRINGS:
        assert found, f"twinhub/{app} shows text to people but marks no string for translation"
    if found:
        assert _catalogue(app).exists(), (
            f"twinhub/{app} has {len(found)} translatable strings but no Turkish catalogue: run\n"
            f"  cd twinhub/{app} && mkdir -p locale && ../../.venv/bin/django-admin makemessages -l tr "
            f"--settings=twinhub.test_settings\nand translate every msgstr.")


@pytest.mark.parametrize("app", APPS_WITH_CATALOGUE)
def test_turkish_catalogue_is_complete(app):
    po = polib.pofile(str(_catalogue(app)))
    untranslated = [_key(e) for e in po.untranslated_entries() if not e.obsolete]
    fuzzy = [_key(e) for e in po.fuzzy_entries() if not e.obsolete]
    assert not untranslated, f"twinhub/{app}: {len(untranslated)} empty msgstr:\n{_describe(untranslated)}"
    assert not fuzzy, f"twinhub/{app}: {len(fuzzy)} fuzzy entries (check and remove the flag):\n{_describe(fuzzy)}"
    plural_forms = po.metadata.get("Plural-Forms", "")
    assert "nplurals=2" in plural_forms, f"twinhub/{app}: Turkish needs 'nplurals=2', got {plural_forms!r}"


@pytest.mark.parametrize("app", APPS_WITH_CATALOGUE)
def test_turkish_catalogue_compiles_and_keeps_placeholders(app, tmp_path):
    """msgfmt --check: the header is valid and every %(name)s / {name} of a msgid is in its msgstr."""
    result = subprocess.run(["msgfmt", "--check", "-o", str(tmp_path / "django.mo"), str(_catalogue(app))],
                            capture_output=True, text=True)
    assert result.returncode == 0, f"twinhub/{app}:\n{result.stderr}"


@pytest.mark.parametrize("app", APPS_WITH_CATALOGUE)
def test_turkish_catalogue_is_fresh(app, tmp_path, monkeypatch):
    committed = {_key(e) for e in polib.pofile(str(_catalogue(app))) if not e.obsolete}
    missing = _extract(app, tmp_path, monkeypatch) - committed
    assert not missing, (
        f"twinhub/{app}: {len(missing)} strings in the code are missing from the Turkish catalogue "
        f"(re-run makemessages in twinhub/{app} and translate them):\n{_describe(missing)}")
