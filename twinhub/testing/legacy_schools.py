"""A tiny generator of old-platform schools, for the merge-on-evidence tests (decision 0026): random
schools of a few countries, and planted among them each kind of pair the rule must tell apart.

Re-registrations (merged; the name typed again in other case, spacing or with " (city)"):
- with the same official number;
- without one, with the same postcode;
- without one, the postcode dropped on re-registration, or missing on both.
Different schools of the same name in the same city, without an official number (kept apart):
- "twin_distinct": another postcode, or the very same name typed identically with a postcode missing;
- "twin_doubtful": a postcode missing and the name written otherwise (quotes): one pair listed;
- "reregistered_ambiguous": a re-typed re-registration without a postcode in a city with two schools of
  that name: it could be either, so it is not merged and both pairs are listed.
`generator.anomaly_counts.plan` in the manifest says how many of each it planted, as the old
platform's export generator does."""

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
    schools, plan = [], {"school_reregistered": 0, "school_twin_distinct": 0, "school_twin_doubtful": 0,
                         "school_reregistered_ambiguous": 0}
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
        again = {**original, "legacy_id": None, "name": _variant(rng, name, city)}
        roll = rng.random()
        if roll < 0.08:  # registered again, the name typed otherwise, the postcode sometimes dropped
            plan["school_reregistered"] += 1
            add(**{**again, "postcode": None if rng.random() < 0.3 else postcode})
        elif number:
            continue
        elif roll < 0.12 and postcode:  # another school of the same name, another postcode
            plan["school_twin_distinct"] += 1
            add(**{**original, "legacy_id": None, "postcode": str(int(postcode) + 1)})
        elif roll < 0.16:  # the same name typed identically, a postcode missing: another school
            plan["school_twin_distinct"] += 1
            add(**{**original, "legacy_id": None, "postcode": None if postcode else _postcode(rng)})
        elif roll < 0.19:  # the name written otherwise (quotes), a postcode missing: cannot tell
            plan["school_twin_doubtful"] += 1
            head, _space, rest = name.partition(" ")
            add(**{**original, "legacy_id": None, "name": f'{head} "{rest}"', "postcode": None})
        elif roll < 0.21 and postcode:  # two of that name, then one of them again without a postcode
            plan["school_twin_distinct"] += 1
            plan["school_reregistered_ambiguous"] += 1
            add(**{**original, "legacy_id": None, "postcode": str(int(postcode) + 1)})
            add(**{**again, "postcode": None})
    for n, record in enumerate(schools, start=1):
        record["legacy_id"] = f"S{n}"
    return schools, plan


def write_school_export(folder, *, seed: int, scale: float) -> tuple[Path, dict[str, int]]:
    schools, plan = generate_schools(seed=seed, scale=scale)
    return write_export(folder, schools=schools, plan=plan), plan
