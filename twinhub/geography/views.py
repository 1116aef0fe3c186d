from django.shortcuts import render

from twinhub.geography.countries import COUNTRIES, TURKIYE, country_choices, tr_provinces
from twinhub.staff.selectors import directory


def coordinators(request):
    """Public: each province's coordinators and each country's NSS contacts."""
    data = directory()
    country = request.GET.get("country", "")
    provinces = [(code, name, data["provinces"].get(code, [])) for code, name in tr_provinces().items()]
    nss = [(code, name, data["nss"].get(code, [])) for code, name in country_choices()
           if not country or code == country]
    return render(request, "geography/coordinators.html", {
        "provinces": provinces if country in ("", TURKIYE) else [], "nss": nss,
        "country": country, "countries": country_choices(), "country_count": len(COUNTRIES),
    })
