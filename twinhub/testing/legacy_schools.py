"""A tiny generator of old-platform schools, for the merge-on-evidence tests (decision 0026): random
schools of a few countries, some registered again (same number, or without one the same postcode,
the name typed differently) and some "twins" — different schools with the same name in the same city
and no official number. `generator.anomaly_counts.plan` in the manifest says how many of each it
planted, as the old platform's export generator does."""

import random
from pathlib import Path

from twinhub.testing.legacy_export import write_export

CITIES = {"FR": ["Strasbourg", "Lyon"], "ES": ["Sevilla", "Bilbao"], "PL": ["Kraków"], "TR": ["Çankaya"],
          "IT": ["Milano"]}
NAMES = {"FR": "Collège {person}", "ES": "IES {person}", "PL": "Szkoła Podstawowa nr {n}", "TR": "{person} İlkokulu",
         "IT": "Liceo {person}"}
PERSONS = ["Victor Hugo", "Jean Jaurès", "Juan de la Cierva", "Atatürk", "Enrico Fermi", "Marie Curie", "Ada Lovelace"]
TYPES = ["primary", "lower-secondary", "upper-secondary"]


def _postcode(rng) -> str:
    return f"{rng.randrange(10000, 99999)}"


def _variant(rng, name: str, city: str) -> str:
    return rng.choice([name.upper(), name + " ", name.replace(" ", "  ", 1), f"{name} ({city})", name.lower()])


def generate_schools(*, seed: int, scale: float) -> tuple[list[dict], dict[str, int]]:
    rng = random.Random(seed)
    schools, plan = [], {"school_reregistered": 0, "school_twin_distinct": 0, "school_twin_doubtful": 0}
    used_names: set[tuple[str, str]] = set()

    def add(**fields) -> dict:
        record = {"legacy_id": f"S{len(schools) + 1}", "region": None, "created_at": "2010-01-01T00:00:00Z",
                  **fields}
        if record["country"] == "TR":
            record["region"] = "TR-06"
        schools.append(record)
        return record

    for k in range(max(20, int(400 * scale))):
        country = rng.choice(sorted(CITIES))
        city = rng.choice(CITIES[country])
        name = NAMES[country].format(person=rng.choice(PERSONS), n=rng.randrange(1, 400))
        if (country, f"{city}|{name}") in used_names:
            name = f"{name} {k}"  # ordinary schools have distinct names; twins are planted below
        used_names.add((country, f"{city}|{name}"))
        always_numbered = country in ("TR", "IT")
        number = f"{900000 + k}" if always_numbered or rng.random() < 0.5 else None
        postcode = _postcode(rng) if rng.random() < 0.8 else None
        school_type = rng.choice(TYPES)
        original = add(name=name, country=country, city=city, postcode=postcode, school_type=school_type,
                       school_number=number)
        roll = rng.random()
        if roll < 0.08 and (number or postcode):  # registered again, with the evidence of it
            plan["school_reregistered"] += 1
            add(**{**original, "legacy_id": None, "name": _variant(rng, name, city)})
        elif roll < 0.14 and not number and postcode:  # another school of the same name, another postcode
            plan["school_twin_distinct"] += 1
            add(**{**original, "legacy_id": None, "postcode": str(int(postcode) + 1)})
        elif roll < 0.18 and not number and postcode:  # the same name, and no postcode to tell: doubtful
            plan["school_twin_doubtful"] += 1
            add(**{**original, "legacy_id": None, "postcode": None})
    for n, record in enumerate(schools, start=1):
        record["legacy_id"] = f"S{n}"
    return schools, plan


def write_school_export(folder, *, seed: int, scale: float) -> tuple[Path, dict[str, int]]:
    schools, plan = generate_schools(seed=seed, scale=scale)
    return write_export(folder, schools=schools, plan=plan), plan
