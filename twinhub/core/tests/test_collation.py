"""Text sorts the way the reader's language sorts it (ICU collation), not by code points."""

from django.utils import translation

from twinhub.core.collation import compare, sorted_by_locale

WORDS = ["Zonguldak", "Ünal", "Uysal", "İzmir", "Iğdır", "Çelik", "Cem", "ılık", "Demir", "Şahin", "Sivas"]


def test_turkish_letters_sort_in_place_in_turkish():
    assert sorted_by_locale(WORDS, language="tr") == [
        "Cem", "Çelik", "Demir", "Iğdır", "ılık", "İzmir", "Sivas", "Şahin", "Uysal", "Ünal", "Zonguldak"]
    assert sorted(WORDS)[-1] != "Zonguldak"  # what Python's own sort does: Ç, İ, Ş, Ü after Z


def test_the_same_letters_sort_as_their_base_letters_in_english():
    ordered = sorted_by_locale(WORDS, language="en")
    assert ordered.index("Çelik") < ordered.index("Demir") and ordered[-1] == "Zonguldak"
    assert ordered.index("ılık") > ordered.index("Iğdır")  # dotless ı is no letter of its own in English


def test_the_active_language_is_the_default():
    with translation.override("tr"):
        assert compare("Çanakkale", "Cizre") == 1 and sorted_by_locale(["Zeytin", "Üzüm"]) == ["Üzüm", "Zeytin"]
    with translation.override("en"):
        assert compare("Çanakkale", "Cizre") == -1
