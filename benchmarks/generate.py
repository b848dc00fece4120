"""A seeded synthetic ecosystem in the CSV interchange contract: ``python -m benchmarks.generate``.

Clusters in France, the United States and Japan (each country's flagship about the
size of Biocom, ~850 members), companies and institutes that belong to them, people
who lead and work at them and sit on boards (on behalf of their employer), R&D
partnerships (symmetric, written either way round), subsidiaries abroad, cluster
twinnings and alliances; statuses and evidence mixed, every fact citing a source.
Every name ends with a ``(S-…)`` tag so no one takes it for a real organisation or person.

The same ``--relationships`` and ``--seed`` give byte-identical files. About one
entity per ten relationships: 1M relationships is about 100,000 entities.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import itertools
import json
import math
import random
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["GENERATOR_VERSION", "generate", "parse_count", "read_manifest"]

#: Bump when the output for a given size and seed changes (invalidates cached data).
GENERATOR_VERSION = 1
NODE_COLUMNS = ("id", "kind", "name", "country", "city", "source_ref", "sector", "founded", "members")
LINK_COLUMNS = (
    "source",
    "target",
    "type",
    "since",
    "status",
    "evidence",
    "source_ref",
    "role",
    "on_behalf_of",
    "topic",
    "kind",
    "what",
    "opened",
)

# fmt: off
CITIES = {
    "FR": ("Marseille", "Aix-en-Provence", "Lyon", "Paris", "Toulouse", "Montpellier", "Nice",
        "Strasbourg", "Lille", "Bordeaux", "Nantes", "Grenoble", "Évry", "Saint-Étienne"),
    "US": ("San Diego", "San Francisco", "Boston", "Cambridge", "Seattle", "Raleigh", "New York",
        "Philadelphia", "Houston", "Chicago", "South San Francisco", "Durham"),
    "JP": ("Tokyo", "Osaka", "Kobe", "Kyoto", "Yokohama", "Fukuoka", "Sendai", "Nagoya", "Sapporo",
        "Tsukuba"),
}
#: Share of organisations and people per country.
COUNTRY_SHARE = {"FR": 0.35, "US": 0.45, "JP": 0.2}
REGIONS = {
    "FR": ("Provence", "Rhône-Alpes", "Île-de-France", "Occitanie", "Grand Est", "Hauts-de-France",
        "Nouvelle-Aquitaine", "Bretagne", "Normandie", "Loire"),
    "US": ("Pacific", "Bay", "Atlantic", "Cascadia", "Triangle", "Gulf", "Midwest", "Liberty",
        "Golden Gate", "Lone Star"),
    "JP": ("Kansai", "Kanto", "Kyushu", "Tohoku", "Chubu", "Hokkaido", "Shikoku", "Chugoku"),
}
CLUSTER_WORDS = ("Life Sciences Cluster", "Biotech Network", "Health Cluster", "BioAlliance",
    "MedTech Hub", "Bio Cluster")
SYLLABLES = ("ka", "lo", "vi", "ne", "tra", "zo", "mer", "ax", "qui", "ro", "sel", "dy", "bri",
    "on", "el", "cor", "va", "lun", "ther", "gen", "pha", "xi", "mo", "ré", "té")
COMPANY_WORDS = ("Therapeutics", "Biosciences", "Diagnostics", "Pharma", "Bio", "Genomics",
    "MedTech", "Biologics", "Neuro", "Immuno")
INSTITUTE_WORDS = ("Institute", "Research Hospital", "University Lab", "Cancer Centre", "Institut",
    "Center for Translational Medicine")
SECTORS = ("biologics", "diagnostics", "medtech", "neuroscience", "oncology", "immunology",
    "digital health", "gene therapy", "vaccines", "CRO services")
FIRST = {
    "FR": ("Émilie", "Bruno", "Camille", "Hélène", "Jérôme", "Léa", "François", "Chloé", "Théo",
        "Amélie", "Noël", "Inès"),
    "US": ("James", "Mary", "Robert", "Patricia", "Michael", "Jennifer", "David", "Linda", "Kevin",
        "Maria", "Daniel", "Aisha"),
    "JP": ("Haruto", "Yui", "Sota", "Aoi", "Ren", "Hina", "Takumi", "Sakura", "Kenji", "Yuki",
        "Daiki", "Mei"),
}
LAST = {
    "FR": ("Martin", "Bernard", "Royère", "Dubois", "Lefèvre", "Moreau", "Girard", "Faure",
        "Rousseau", "Mercier", "Bonnet", "Lambert"),
    "US": ("Smith", "Johnson", "Williams", "Brown", "Garcia", "Miller", "Davis", "Lopez", "Wilson",
        "Anderson", "Nguyen", "Patel"),
    "JP": ("Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura",
        "Kobayashi", "Kato", "Yoshida", "Yamada"),
}
TOPICS = ("biologic drug monitoring", "electrophysiology assays", "companion diagnostics",
    "cell therapy manufacturing", "rare disease genomics", "AI for imaging", "antibody engineering",
    "microbiome", "spinal cord models", "vaccine adjuvants")
SUPPORT = ("landing support", "incubation", "seed funding", "lab access", "regulatory advice",
    "clinical network")
BOARD_ROLES = ("member", "member", "member", "chair", "treasurer", "permanent representative")
LEAD_ROLES = {
    "Company": ("CEO", "CEO", "founder and CEO", "president"),
    "Institute": ("director", "director general", "scientific director"),
    "Cluster": ("director general", "president", "managing director"),
}
STATUSES = (("active", 0.8), ("planned", 0.12), ("proposed", 0.08))
EVIDENCE = (("stated", 0.85), ("inferred", 0.15))
# fmt: on

#: Links of each type, as a share of the total; RD_PARTNER takes what is left.
SHARES = {
    "MEMBER_OF": 0.16,
    "WORKS_AT": 0.10,
    "BOARD_SEAT": 0.14,
    "REPRESENTS": 0.03,
    "SUPPORTED_BY": 0.10,
    "SUBSIDIARY_IN": 0.02,
}


def parse_count(text: str) -> int:
    """``10k``, ``1M``, ``250000`` or ``1_000_000`` as a number."""
    match = re.fullmatch(r"\s*([\d_.]+)\s*([kKmM]?)\s*", text)
    if not match:
        raise ValueError(f"not a count: {text!r}")
    scale = {"": 1, "k": 1_000, "m": 1_000_000}[match.group(2).lower()]
    return int(float(match.group(1).replace("_", "")) * scale)


@dataclass
class _Org:
    index: int
    id: str
    kind: str
    country: str
    weight: float  # how active: hubs have many partners
    people: list[int] = field(default_factory=list)
    clusters: list[int] = field(default_factory=list)


class _Ecosystem:
    """Builds the entities, then streams the links of each type (each link once)."""

    def __init__(self, relationships: int, seed: int) -> None:
        self.target = relationships
        self.rng = random.Random(seed)
        entities = max(60, relationships // 10)
        self.people_n = int(entities * 0.55)
        orgs_n = entities - self.people_n
        self.sources = [f"syn-src-{i:04d}" for i in range(max(3, entities // 2000))]
        self.orgs: list[_Org] = []
        self.person_country: list[str] = []
        self.person_employer: list[int] = []
        self.seen: set[int] = set()
        self.written = 0
        self.sizes: dict[int, int] = {}
        self.alliances = 1
        self._make_orgs(orgs_n)
        self._make_people()

    # -- entities ---------------------------------------------------------------------------

    def _country(self) -> str:
        return self.rng.choices(list(COUNTRY_SHARE), weights=list(COUNTRY_SHARE.values()))[0]

    def _make_orgs(self, orgs_n: int) -> None:
        rng = self.rng
        memberships = self.target * SHARES["MEMBER_OF"]
        clusters_n = max(3, round(memberships / 550))
        companies_n = int((orgs_n - clusters_n) * 0.82)
        institutes_n = orgs_n - clusters_n - companies_n
        kinds = ["Cluster"] * clusters_n + ["Company"] * companies_n + ["Institute"] * institutes_n
        countries = list(COUNTRY_SHARE)
        width = len(str(orgs_n))
        for index, kind in enumerate(kinds):
            country = countries[index % 3] if kind == "Cluster" else self._country()
            weight = rng.paretovariate(1.6) * (3.0 if kind == "Institute" else 1.0)
            prefix = {"Cluster": "cl", "Company": "co", "Institute": "in"}[kind]
            self.orgs.append(_Org(index, f"syn-{prefix}-{index:0{width}d}", kind, country, weight))
        self.clusters = [o for o in self.orgs if o.kind == "Cluster"]
        self.members = [o for o in self.orgs if o.kind != "Cluster"]
        self.by_country = {c: [o for o in self.members if o.country == c] for c in countries}

    def _make_people(self) -> None:
        """Everyone works somewhere; big organisations employ more of them."""
        rng = self.rng
        employers = self._weighted(self.orgs, lambda o: 1.0 + math.sqrt(o.weight))
        for person in range(self.people_n):
            # every organisation gets its leader first, then people go where the weight is
            org = self.orgs[person] if person < len(self.orgs) else employers()
            org.people.append(person)
            self.person_employer.append(org.index)
            self.person_country.append(org.country if rng.random() < 0.9 else self._country())

    def _weighted(self, items: list[_Org], weight: Callable[[_Org], float]) -> Callable[[], _Org]:
        cumulative = list(itertools.accumulate(weight(o) for o in items))
        total = cumulative[-1]
        rng = self.rng
        return lambda: items[bisect.bisect(cumulative, rng.random() * total)]

    def cluster_sizes(self) -> dict[int, int]:
        """Members per cluster: one Biocom-like flagship (~850) per country, the rest smaller."""
        rng = self.rng
        sizes: dict[int, int] = {}
        budget = self.target * SHARES["MEMBER_OF"]
        per_country = {c: budget * share for c, share in COUNTRY_SHARE.items()}
        for country in COUNTRY_SHARE:
            clusters = [c for c in self.clusters if c.country == country]
            raw = [850.0] + [rng.lognormvariate(math.log(300), 0.8) for _ in clusters[1:]]
            scale = per_country[country] / sum(raw)
            if len(clusters) > 1:  # keep the flagship near 850 when the budget allows it
                rest = max(0.0, per_country[country] - 850) / max(1.0, sum(raw[1:]))
                raw = [min(850.0, per_country[country] * 0.8)] + [r * rest for r in raw[1:]]
                scale = 1.0
            available = len(self.members)
            for cluster, size in zip(clusters, raw, strict=True):
                sizes[cluster.index] = max(2, min(int(size * scale), int(available * 0.6), 1500))
        return sizes

    # -- links ------------------------------------------------------------------------------

    def _fact(self) -> dict[str, object]:
        rng = self.rng
        return {
            "since": rng.randint(2003, 2025) if rng.random() < 0.7 else "",
            "status": rng.choices([s for s, _ in STATUSES], [w for _, w in STATUSES])[0],
            "evidence": rng.choices([e for e, _ in EVIDENCE], [w for _, w in EVIDENCE])[0],
            "source_ref": rng.choice(self.sources),
        }

    def _new(self, rtype: str, a: int, b: int, symmetric: bool = False) -> bool:
        """Whether this link is new (and note it): each link is written once."""
        if rtype in _FROM_PEOPLE:  # people and organisations are numbered apart
            a += 20_000_000
        if symmetric and b < a:
            a, b = b, a
        key = (_TYPE_CODES[rtype] << 50) | ((a + 1000) << 25) | (b + 1000)
        if a == b or key in self.seen:
            return False
        self.seen.add(key)
        return True

    def links(self) -> Iterator[dict[str, object]]:
        yield from self._memberships()
        yield from self._leaders()
        yield from self._cluster_ties()
        budgets = {t: int(self.target * s) for t, s in SHARES.items() if t != "MEMBER_OF"}
        yield from self._capped(self._works_at(), budgets["WORKS_AT"])
        yield from self._capped(self._board_seats(), budgets["BOARD_SEAT"])
        yield from self._capped(self._represents(), budgets["REPRESENTS"])
        yield from self._capped(self._supported_by(), budgets["SUPPORTED_BY"])
        yield from self._capped(self._subsidiaries(), budgets["SUBSIDIARY_IN"])
        yield from self._capped(self._rd_partners(), self.target - self.written)

    def _capped(self, links: Iterator[dict[str, object]], budget: int) -> Iterator[dict[str, object]]:
        limit = max(0, min(budget, self.target - self.written))
        yield from itertools.islice(links, limit)

    def _emit(self, link: dict[str, object]) -> dict[str, object]:
        self.written += 1
        return link

    def _memberships(self) -> Iterator[dict[str, object]]:
        rng = self.rng
        for cluster_index, size in self.cluster_sizes().items():
            cluster = self.orgs[cluster_index]
            home = self.by_country[cluster.country] or self.members
            pick = self._weighted(home, lambda o: 1.0 + o.weight)
            members: set[int] = set()
            tries = 0
            while len(members) < size and tries < size * 20:
                tries += 1
                # about one member in ten crossed an ocean to join (as Abreos joined Eurobiomed)
                org = rng.choice(self.members) if rng.random() < 0.1 else pick()
                if org.index not in members and self._new("MEMBER_OF", org.index, cluster.index):
                    members.add(org.index)
                    org.clusters.append(cluster.index)
                    yield self._emit(
                        {"source": org.id, "target": cluster.id, "type": "MEMBER_OF", **self._fact()}
                    )
            self.sizes[cluster.index] = len(members)

    def _leaders(self) -> Iterator[dict[str, object]]:
        rng = self.rng
        for org in self.orgs:
            if not org.people:
                continue
            person = org.people[0]
            if self._new("LEADS", person, org.index):
                yield self._emit(
                    {
                        "source": _person_id(person, self.people_n),
                        "target": org.id,
                        "type": "LEADS",
                        "role": rng.choice(LEAD_ROLES[org.kind]),
                        **self._fact(),
                        "status": "active",
                    }
                )

    def _cluster_ties(self) -> Iterator[dict[str, object]]:
        """Twinnings across countries, and alliances of three clusters (one per country)."""
        rng = self.rng
        flagships = {c: next(o for o in self.clusters if o.country == c) for c in COUNTRY_SHARE}
        pairs = [("FR", "US", "active"), ("US", "JP", "active"), ("FR", "JP", "proposed")]
        for a, b, status in pairs:
            fa, fb = flagships[a], flagships[b]
            if self._new("PARTNER_OF", fa.index, fb.index, symmetric=True):
                yield self._emit(
                    {
                        "source": fa.id,
                        "target": fb.id,
                        "type": "PARTNER_OF",
                        "kind": "twinning",
                        **self._fact(),
                        "status": status,
                    }
                )
        for cluster in self.clusters:
            for _ in range(rng.randint(0, 2)):
                other = rng.choice(self.clusters)
                if other.country != cluster.country and self._new(
                    "PARTNER_OF", cluster.index, other.index, symmetric=True
                ):
                    first, second = (cluster, other) if rng.random() < 0.6 else (other, cluster)
                    yield self._emit(
                        {
                            "source": first.id,
                            "target": second.id,
                            "type": "PARTNER_OF",
                            "kind": "twinning",
                            **self._fact(),
                        }
                    )
        self.alliances = max(1, len(self.clusters) // 30)
        for alliance in range(self.alliances):
            members = (
                list(flagships.values())
                if alliance == 0
                else [rng.choice([o for o in self.clusters if o.country == c]) for c in COUNTRY_SHARE]
            )
            for cluster in members:
                if self._new("PARTY_TO", cluster.index, -1 - alliance):
                    yield self._emit(
                        {
                            "source": cluster.id,
                            "target": _alliance_id(alliance),
                            "type": "PARTY_TO",
                            **self._fact(),
                            "status": "proposed" if alliance == 0 else "planned",
                        }
                    )

    def _works_at(self) -> Iterator[dict[str, object]]:
        rng = self.rng
        people = list(range(self.people_n))
        rng.shuffle(people)
        for person in people:  # current employer first, then earlier posts
            org = self.orgs[self.person_employer[person]]
            if self._new("WORKS_AT", person, org.index):
                yield self._emit(
                    {
                        "source": _person_id(person, self.people_n),
                        "target": org.id,
                        "type": "WORKS_AT",
                        **self._fact(),
                        "status": "active",
                    }
                )
        pick = self._weighted(self.members, lambda o: 1.0 + o.weight)
        while True:
            person, org = rng.randrange(self.people_n), pick()
            if self._new("WORKS_AT", person, org.index):
                yield self._emit(
                    {
                        "source": _person_id(person, self.people_n),
                        "target": org.id,
                        "type": "WORKS_AT",
                        "role": "former",
                        **self._fact(),
                    }
                )

    def _board_seats(self) -> Iterator[dict[str, object]]:
        """Cluster boards seat their members' people on behalf of those members; others too."""
        rng = self.rng
        pick = self._weighted(self.orgs, lambda o: 1.0 + o.weight)
        while True:
            person = rng.randrange(self.people_n)
            employer = self.orgs[self.person_employer[person]]
            if employer.clusters and rng.random() < 0.4:
                board = self.orgs[rng.choice(employer.clusters)]
            else:
                board = pick()
            if board.index == employer.index or not self._new("BOARD_SEAT", person, board.index):
                continue
            link = {
                "source": _person_id(person, self.people_n),
                "target": board.id,
                "type": "BOARD_SEAT",
                "role": rng.choice(BOARD_ROLES),
                **self._fact(),
            }
            if rng.random() < 0.6:
                link["on_behalf_of"] = employer.id
            yield self._emit(link)

    def _represents(self) -> Iterator[dict[str, object]]:
        rng = self.rng
        while True:
            person = rng.randrange(self.people_n)
            employer = self.orgs[self.person_employer[person]]
            if not employer.clusters:
                if rng.random() < 0.01 and self._new("REPRESENTS", person, employer.index):
                    yield self._emit(
                        {
                            "source": _person_id(person, self.people_n),
                            "target": employer.id,
                            "type": "REPRESENTS",
                            **self._fact(),
                        }
                    )
                continue
            cluster = self.orgs[rng.choice(employer.clusters)]
            if self._new("REPRESENTS", person, cluster.index):
                yield self._emit(
                    {
                        "source": _person_id(person, self.people_n),
                        "target": cluster.id,
                        "type": "REPRESENTS",
                        "on_behalf_of": employer.id,
                        **self._fact(),
                    }
                )

    def _supported_by(self) -> Iterator[dict[str, object]]:
        rng = self.rng
        supporters = self._weighted(self.orgs, lambda o: o.weight * (4 if o.kind != "Company" else 1))
        while True:
            org = rng.choice(self.members)
            helper = (
                self.orgs[rng.choice(org.clusters)] if org.clusters and rng.random() < 0.5 else supporters()
            )
            if self._new("SUPPORTED_BY", org.index, helper.index):
                yield self._emit(
                    {
                        "source": org.id,
                        "target": helper.id,
                        "type": "SUPPORTED_BY",
                        "what": rng.choice(SUPPORT),
                        **self._fact(),
                    }
                )

    def _subsidiaries(self) -> Iterator[dict[str, object]]:
        rng = self.rng
        companies = [o for o in self.members if o.kind == "Company"]
        while True:
            company = rng.choice(companies)
            abroad = rng.choice([c for c in COUNTRY_SHARE if c != company.country])
            city = rng.choice(CITIES[abroad])
            if self._new("SUBSIDIARY_IN", company.index, 10_000_000 + _city_index(city)):
                fact = self._fact()
                if rng.random() < 0.3:
                    fact["status"] = "planned"
                yield self._emit(
                    {
                        "source": company.id,
                        "target": _slug(city),
                        "type": "SUBSIDIARY_IN",
                        "opened": rng.randint(2008, 2026),
                        **fact,
                    }
                )

    def _rd_partners(self) -> Iterator[dict[str, object]]:
        """Preferential attachment: a few hubs (big institutes, pharma) have hundreds of partners."""
        rng = self.rng
        pick = self._weighted(self.members, lambda o: o.weight)
        misses = 0
        while misses < 1_000_000:
            a, b = pick(), pick() if rng.random() < 0.8 else rng.choice(self.members)
            if not self._new("RD_PARTNER", a.index, b.index, symmetric=True):
                misses += 1
                continue
            yield self._emit(
                {
                    "source": a.id,
                    "target": b.id,
                    "type": "RD_PARTNER",
                    "topic": rng.choice(TOPICS),
                    **self._fact(),
                }
            )

    # -- nodes ------------------------------------------------------------------------------

    def nodes(self) -> Iterator[dict[str, object]]:
        rng = random.Random(self.rng.random())
        for i, source in enumerate(self.sources):
            year = 2010 + i % 16
            what = ("member directory", "press release", "annual report", "delegation minutes")[i % 4]
            yield {"id": source, "kind": "Source", "name": f"Synthetic {what} {year} (S-{i})"}
        for country, cities in CITIES.items():
            for city in cities:
                yield {"id": _slug(city), "kind": "City", "name": city, "country": country}
        sizes = self.sizes
        region_count: dict[str, int] = {}
        for org in self.orgs:
            node: dict[str, object] = {
                "id": org.id,
                "kind": org.kind,
                "country": org.country,
                "source_ref": rng.choice(self.sources),
            }
            if org.kind == "Cluster":
                n = region_count.get(org.country, 0)
                region_count[org.country] = n + 1
                regions = REGIONS[org.country]
                word = CLUSTER_WORDS[n % len(CLUSTER_WORDS)]
                node["name"] = f"{regions[n % len(regions)]} {word} (S-{org.index})"
                node["city"] = CITIES[org.country][n % len(CITIES[org.country])]
                node["members"] = sizes.get(org.index, 0)
                node["founded"] = rng.randint(1995, 2015)
            else:
                stem = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
                words = COMPANY_WORDS if org.kind == "Company" else INSTITUTE_WORDS
                suffix = (
                    ", Inc." if org.kind == "Company" and org.country == "US" and rng.random() < 0.3 else ""
                )
                node["name"] = f"{stem} {rng.choice(words)}{suffix} (S-{org.index})"
                node["city"] = rng.choice(CITIES[org.country])
                node["sector"] = rng.choice(SECTORS)
                node["founded"] = rng.randint(1950 if org.kind == "Institute" else 1985, 2024)
            yield node
        for person in range(self.people_n):
            country = self.person_country[person]
            name = f"{rng.choice(FIRST[country])} {rng.choice(LAST[country])} (S-{person})"
            yield {
                "id": _person_id(person, self.people_n),
                "kind": "Person",
                "name": name,
                "country": country,
                "city": rng.choice(CITIES[country]),
                "source_ref": rng.choice(self.sources),
            }
        for alliance in range(self.alliances):
            name = "US–France–Japan Alliance" if alliance == 0 else f"Tri-national Alliance {alliance}"
            yield {
                "id": _alliance_id(alliance),
                "kind": "Alliance",
                "name": f"Synthetic {name} (S-{alliance})",
                "source_ref": self.sources[0],
            }


def _person_id(index: int, total: int) -> str:
    return f"syn-pe-{index:0{len(str(total))}d}"


def _alliance_id(index: int) -> str:
    return f"syn-al-{index:03d}"


_TYPE_CODES = {
    t: i
    for i, t in enumerate(
        (
            "MEMBER_OF",
            "LEADS",
            "PARTNER_OF",
            "PARTY_TO",
            "WORKS_AT",
            "BOARD_SEAT",
            "REPRESENTS",
            "SUPPORTED_BY",
            "SUBSIDIARY_IN",
            "RD_PARTNER",
        )
    )
}
_FROM_PEOPLE = frozenset({"LEADS", "WORKS_AT", "BOARD_SEAT", "REPRESENTS"})
_CITY_INDEX = {city: i for i, city in enumerate(c for cities in CITIES.values() for c in cities)}


def _city_index(city: str) -> int:
    return _CITY_INDEX[city]


def _slug(text: str) -> str:
    from explorer.model import slugify

    return slugify(text)


def read_manifest(folder: Path) -> dict[str, object]:
    """What ``generate`` wrote in ``folder``: sizes, seed, counts by type."""
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def generate(out_dir: Path, relationships: int, seed: int) -> tuple[Path, Path]:
    """Write ``nodes.csv`` and ``links.csv`` with ``relationships`` links into ``out_dir``.

    Files already there for the same size, seed and generator version are kept.
    """
    out_dir = Path(out_dir)
    nodes_csv, links_csv = out_dir / "nodes.csv", out_dir / "links.csv"
    wanted = {"generator": GENERATOR_VERSION, "relationships": relationships, "seed": seed}
    try:
        manifest = read_manifest(out_dir)
        if all(manifest.get(k) == v for k, v in wanted.items()) and nodes_csv.exists() and links_csv.exists():
            return nodes_csv, links_csv
    except (OSError, ValueError):
        pass
    if relationships < 50:
        raise ValueError("generate at least 50 relationships")
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "manifest.json").unlink(missing_ok=True)
    eco = _Ecosystem(relationships, seed)
    by_type: dict[str, int] = {}
    with _writer(links_csv, LINK_COLUMNS) as write:
        for link in eco.links():
            by_type[str(link["type"])] = by_type.get(str(link["type"]), 0) + 1
            write(link)
    by_kind: dict[str, int] = {}
    with _writer(nodes_csv, NODE_COLUMNS) as write:  # after the links: clusters know their size
        for node in eco.nodes():
            by_kind[str(node["kind"])] = by_kind.get(str(node["kind"]), 0) + 1
            write(node)
    manifest = {
        **wanted,
        "nodes": sum(by_kind.values()),
        "links": sum(by_type.values()),
        "kinds": by_kind,
        "types": by_type,
    }
    (out_dir / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return nodes_csv, links_csv


class _writer:
    """A CSV file written under a temporary name and renamed when complete."""

    def __init__(self, path: Path, columns: tuple[str, ...]) -> None:
        self.path, self.columns = path, columns
        self.tmp = path.with_suffix(".csv.tmp")

    def __enter__(self) -> Callable[[dict[str, object]], None]:
        self.handle = open(self.tmp, "w", encoding="utf-8", newline="")
        writer = csv.DictWriter(self.handle, self.columns, lineterminator="\n")
        writer.writeheader()
        return writer.writerow

    def __exit__(self, exc_type: object, *_rest: object) -> None:
        self.handle.close()
        if exc_type is None:
            self.tmp.replace(self.path)
        else:
            self.tmp.unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.generate",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--relationships", "-n", type=parse_count, required=True, help="links to write: 10k, 100k, 1M ..."
    )
    parser.add_argument("--seed", type=int, default=7, help="the random seed (default 7)")
    parser.add_argument("--out", type=Path, required=True, help="the folder to write into")
    args = parser.parse_args(argv)
    nodes_csv, links_csv = generate(args.out, args.relationships, args.seed)
    manifest = read_manifest(args.out)
    print(f"{nodes_csv}: {manifest['nodes']:,} nodes")
    print(f"{links_csv}: {manifest['links']:,} links")
    return 0


if __name__ == "__main__":
    sys.exit(main())
