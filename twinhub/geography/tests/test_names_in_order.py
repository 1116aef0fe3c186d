"""Countries and Türkiye's provinces are listed by name in the reader's alphabet."""

from django.utils import translation

from twinhub.geography.countries import country_choices, region_choices


def _names(choices):
    return [name for _code, name in choices]


def test_countries_by_name_in_turkish_and_english():
    with translation.override("tr"):
        names = _names(country_choices())
        assert names.index("Tunus") < names.index("Türkiye") < names.index("Ukrayna")
        assert names.index("Çekya") < names.index("Danimarka")
    with translation.override("en"):
        names = _names(country_choices())
        assert names.index("Tunisia") < names.index("Türkiye") < names.index("Ukraine")


def test_provinces_in_turkish_alphabetical_order():
    names = [name.split(" (")[0] for name in _names(region_choices("TR"))]
    assert len(names) == 81
    assert names.index("Bursa") < names.index("Çanakkale") < names.index("Çorum") < names.index("Denizli")
    assert names.index("Iğdır") < names.index("Isparta") < names.index("İstanbul") < names.index("İzmir") \
        < names.index("Kahramanmaraş")
    assert names.index("Sivas") < names.index("Şanlıurfa") < names.index("Tekirdağ")
