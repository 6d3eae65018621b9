"""A seeded generator of realistic grprojects datasets, for the benchmarks.

The documents have the shape of GR's project pages (``shared/seeds``): an owner
working on behalf of member municipalities, ESF and county-board funding, three
numbered sub-goals, training days, study visits and course series in several
languages, planned and actual figures, documents, contacts, and every claim citing
its sources. Each project is drawn from its own random stream, seeded by the seed
and its index, so project 17 is the same in a 100- and a 10,000-project file and a
JSON Lines file can be written one project at a time in constant memory.

Only the municipalities are real (SCB's codes and names, from the shipped code list);
people, phone numbers, e-mail addresses and organisationsnummer are invented (the
numbers still carry a valid Luhn check digit).

    python benchmarks/generate.py 1000 -o benchmarks/data/projects-1000.json
    python benchmarks/generate.py 1000 --jsonl -o benchmarks/data/projects-1000.jsonl
    python benchmarks/generate.py 100000 --simple -o benchmarks/data/projects-100000.json

``--simple`` projects (:data:`SIMPLE`) have one activity, goal, target group, document,
person and contact instead of eight, three, three, three, two and two, two or three
municipalities instead of two to eleven, and no beneficiaries, indicators or results:
about 6 kB each instead of 20 kB, so 100,000 of them make a document of
about 0.6 GB, within the 1 GiB input limit (issue 15 measured "601 MB of 100,000
simpler projects"). A dataset document is written a project at a time, so a file of
any size takes the memory of one project to write.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import random
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final, NamedTuple

from grprojects import to_json
from grprojects.codelists import codelist
from grprojects.io import to_model
from grprojects.model import Dataset, Organisation, Project, Source

SEED: Final = 2016
SIZES: Final = (100, 1_000, 10_000)
"""The dataset sizes the benchmarks measure, in projects."""


class Shape(NamedTuple):
    """How much a generated project holds."""

    activities: int
    goals: int
    target_groups: int
    documents: int
    people: int
    """People, and as many contacts."""
    most_members: int
    """The most municipalities a project is run for (at least two)."""
    outcomes: bool = True
    """Whether it has beneficiaries, indicators and results."""


FULL: Final = Shape(activities=8, goals=3, target_groups=3, documents=3, people=2, most_members=11)
"""The shape of GR's project pages: about 20 kB a project in a dataset document."""
SIMPLE: Final = Shape(
    activities=1,
    goals=1,
    target_groups=1,
    documents=1,
    people=1,
    most_members=3,
    outcomes=False,
)
"""A register entry's shape: about 6 kB a project."""
SIMPLE_FROM: Final = 100_000
"""The benchmarks' dataset documents of this many projects or more are of ``SIMPLE`` ones."""

GR_MEMBERS: Final = [
    "1384",
    "1401",
    "1402",
    "1407",
    "1415",
    "1419",
    "1440",
    "1441",
    "1462",
    "1480",
    "1481",
    "1482",
    "1489",
]
"""The SCB codes of GR's 13 member municipalities (DOMAIN.md)."""

MEMBERS_SOURCE: Final = "gr-medlemskommuner"
"""The source that states GR's membership (cited by the member municipalities)."""

Json = dict[str, Any]

_THEMES: Final = (
    ("ensamkommande barn och unga", "unaccompanied children", "socialsekreterare"),
    ("nyanlända föräldrar", "newly arrived parents", "samhällsvägledare"),
    ("äldreomsorgens kompetensförsörjning", "skills in elderly care", "undersköterskor"),
    ("skolans digitalisering", "digital schools", "lärare"),
    ("unga vuxna utan arbete", "young adults out of work", "arbetsmarknadshandläggare"),
    ("psykisk hälsa bland unga", "youth mental health", "elevhälsans personal"),
    ("klimatanpassning i planeringen", "climate adaptation", "samhällsplanerare"),
    ("våld i nära relationer", "domestic violence", "familjebehandlare"),
)
_NAME_WORDS: Final = ("Nya", "Steg", "Broar", "Samverkan", "Lyft", "Vägar", "Grannar", "Kraft")
_ACTIVITY_KINDS: Final = (
    "training-day",
    "study-visit",
    "course-series",
    "workshop",
    "cluster-meeting",
    "network-meeting",
    "conference",
    "research",
)
_LANGUAGES: Final = ("ara", "prs", "eng", "som", "tir", "swe", "fas", "ukr")
_FIRST: Final = ("Anna", "Maria", "Jeanette", "Patrick", "Erik", "Fatima", "Lars", "Sara", "Omar")
_LAST: Final = ("Olsson", "Andersson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Persson")


def text(sv: str, en: str | None = None) -> Json:
    """A Text value: Swedish, with English when given."""
    return {"sv": sv, "en": en} if en else {"sv": sv}


def luhn_digit(digits: str) -> str:
    """The Luhn check digit of ``digits`` (as organisationsnummer use it)."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return str((10 - total % 10) % 10)


def orgnr(rng: random.Random, group: str) -> str:
    """An invented organisationsnummer with a valid check digit."""
    body = group + "".join(str(rng.randrange(10)) for _ in range(9 - len(group)))
    return f"{body[:6]}-{body[6:]}{luhn_digit(body)}"


def slug(name: str) -> str:
    """An id from a Swedish name, keeping å, ä and ö."""
    return "-".join(name.lower().replace(".", "").split())


def municipality_ids() -> dict[str, str]:
    """Each SCB municipality code mapped to the organisation id the generator gives it."""
    return {c.code: f"{slug(c.title['sv'])}-kommun" for c in codelist("municipality").codes}


def organisations() -> list[Json]:
    """Every organisation the projects cite: GR, 290 municipalities, funders and others."""
    rng = random.Random(f"{SEED}-organisations")
    result: list[Json] = [
        {
            "id": "gr",
            "name": text("Göteborgsregionens kommunalförbund", "Gothenburg Region"),
            "short_name": "GR",
            "kind": "municipal-association",
            "url": "https://goteborgsregionen.se",
        },
        {"id": "fou-i-vast", "name": text("FoU i Väst"), "kind": "research-unit", "parent": "gr"},
        {
            "id": "esf",
            "name": text("Europeiska socialfonden", "European Social Fund"),
            "kind": "eu-fund",
        },
        {
            "id": "dortmund",
            "name": text("Dortmund"),
            "kind": "foreign-public-body",
            "country": "DE",
        },
    ]
    ids = municipality_ids()
    for code in codelist("municipality").codes:
        organisation: Json = {
            "id": ids[code.code],
            "name": text(f"{code.title['sv']} kommun"),
            "kind": "municipality",
            "identifiers": [{"scheme": "se-kommunkod", "value": code.code}],
        }
        if code.code in GR_MEMBERS:
            organisation["memberships"] = [{"organisation": "gr", "sources": [MEMBERS_SOURCE]}]
        result.append(organisation)
    for county in codelist("county").codes:
        result.append(
            {
                "id": f"länsstyrelsen-{county.code}",
                "name": text(f"Länsstyrelsen i {county.title['sv']}"),
                "kind": "state-agency",
                "identifiers": [{"scheme": "se-lanskod", "value": county.code}],
            }
        )
    for number in range(1, 41):
        result.append(
            {
                "id": f"förening-{number}",
                "name": text(f"Föreningen Gemenskap {number}"),
                "kind": "voluntary-organisation",
                "identifiers": [{"scheme": "se-orgnr", "value": orgnr(rng, "802")}],
            }
        )
    return result


def _day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randrange(max(1, (last - first).days + 1)))


def project(index: int, seed: int = SEED, shape: Shape = FULL) -> tuple[Json, list[Json]]:
    """Project ``index`` and the sources it cites, drawn from its own random stream."""
    rng = random.Random(f"{seed}-{index}")
    theme, theme_en, profession = rng.choice(_THEMES)
    words = rng.sample(_NAME_WORDS, 2)
    name = f"{words[0]} {words[1]}"
    pid = f"{slug(name)}-{index}"
    ids = municipality_ids()
    if rng.random() < 0.4:
        owner, area = "gr", list(GR_MEMBERS)
    else:
        home = rng.choice(sorted(ids))
        owner = ids[home]
        area = [code for code in ids if code[:2] == home[:2]]
    members = sorted(rng.sample(area, min(len(area), rng.randint(2, shape.most_members))))
    county = members[0][:2]

    start = dt.date(rng.randint(2010, 2024), rng.choice((1, 4, 9)), 1)
    end = start + dt.timedelta(days=rng.randint(365, 3 * 365))
    updated = min(end + dt.timedelta(days=rng.randint(30, 200)), dt.date(2026, 6, 30))
    base = f"https://www.example.se/projekt/{pid}"
    src_start, src_news, src_report = f"{pid}-start", f"{pid}-nyhet", f"{pid}-rapport"
    sources = [
        {
            "id": src_start,
            "title": text(f"Nytt projekt: {name} för {theme}"),
            "kind": "web-page",
            "publisher": owner,
            "url": f"{base}/start",
            "published": start.isoformat(),
            "language": "swe",
        },
        {
            "id": src_news,
            "title": text(f"{name} på studiebesök"),
            "kind": "news-article",
            "publisher": owner,
            "url": f"{base}/nyhet",
            "updated": updated.isoformat(),
            "language": "swe",
        },
        {
            "id": src_report,
            "title": text(f"Vad kan vi lära av {name}?"),
            "kind": "report",
            "publisher": owner,
            "url": f"{base}/rapport.pdf",
            "published": updated.isoformat(),
        },
    ]
    both = [src_start, src_report]

    participations: list[Json] = [{"organisation": owner, "role": "owner", "sources": both}]
    participations += [
        {"organisation": ids[code], "role": "commissioner", "sources": both}
        for code in members
        if ids[code] != owner
    ]
    participations += [
        {"organisation": "esf", "role": "funder", "sources": [src_start]},
        {"organisation": "fou-i-vast", "role": "researcher", "sources": [src_report]},
    ]
    taking_part = [p["organisation"] for p in participations[:-2]]
    amount = rng.randrange(5, 250) * 100_000
    funding: list[Json] = [
        {
            "funder": "esf",
            "programme": text("Europeiska socialfonden 2014–2020"),
            "programme_period": {"start": "2014", "end": "2020"},
            "amount": {"amount": str(amount), "currency": "SEK", "qualifier": "about"},
            "sources": [src_start],
        },
        {"funder": f"länsstyrelsen-{county}", "sources": [src_news]},
    ]
    goals = [
        {
            "number": n,
            "title": text(f"Delmål {n}"),
            "description": text(f"Öka kompetensen om {theme} hos {profession}, del {n}."),
            "responsible": rng.choice(taking_part),
            "sources": [src_start],
        }
        for n in range(1, shape.goals + 1)
    ]
    groups = [
        {"id": "g1", "name": text(profession), "sources": [src_start]},
        {"id": "g2", "name": text("skola och elevhälsa"), "sources": [src_start]},
        {"id": "g3", "name": text("boendepersonal"), "sources": [src_start]},
    ][: shape.target_groups]
    people = [
        {
            "id": f"p{n}",
            "name": f"{rng.choice(_FIRST)} {rng.choice(_LAST)}",
            "title": text(rng.choice(("Utbildningsledare", "Utvecklingsledare", "Forskare"))),
            "organisation": rng.choice(taking_part),
            "phone": f"031-{rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
            "email": f"person{n}.{index}@example.se",
            "sources": [src_start],
        }
        for n in range(1, shape.people + 1)
    ]
    documents = [
        {
            "id": f"d{n}",
            "title": text(title),
            "kind": kind,
            "url": f"{base}/{kind}-{n}.pdf",
            "media_type": "application/pdf",
            "language": "swe",
            "sources": [src_news],
        }
        for n, (title, kind) in enumerate(
            (
                ("Inbjudan", "invitation"),
                ("Sammanfattning", "summary"),
                ("Slutrapport", "final-report"),
            )[: shape.documents],
            1,
        )
    ]
    activities = [
        _activity(rng, n, start, end, members, taking_part, src_news, shape)
        for n in range(1, shape.activities + 1)
    ]
    planned = rng.randint(200, 2000)
    document: Json = {
        "id": pid,
        "name": text(name, f"{words[0]} {words[1]} ({theme_en})"),
        "summary": text(
            f"Projektet syftar till att ge {profession} som arbetar med {theme} bättre "
            "verktyg och stärkt kompetens, genom fortbildning och stärkt samverkan mellan "
            "kommunerna i regionen."
        ),
        "description": text(
            "All personal behöver lära sig mer om varandra och varandras uppdrag för att "
            "känna sig säkrare i sitt jobb. Genom fortbildningsinsatser och stärkt samverkan "
            "kommer förnyad kompetens arbetsplatserna till gagn."
        ),
        "status": "completed" if end < dt.date(2026, 1, 1) else "ongoing",
        "periods": [
            {
                "status": "planned",
                "start": f"{start.year}-21",
                "end": str(end.year),
                "wording": text(f"från och med våren {start.year} t.o.m. slutet av {end.year}"),
                "sources": [src_start],
            },
            {
                "status": "actual",
                "start": start.isoformat(),
                "end": end.isoformat(),
                "sources": [src_report],
            },
        ],
        "participations": participations,
        "funding": funding,
        "goals": goals,
        "target_groups": groups,
        "beneficiaries": [{"id": "b1", "name": text(theme), "sources": [src_start]}],
        "activities": activities,
        "indicators": [
            {
                "id": "i1",
                "title": text("Deltagare i kompetensutveckling"),
                "goal": 1,
                "figures": [
                    {
                        "status": "planned",
                        "count": {"value": planned},
                        "wording": text(f"Totalt omfattas {planned} personer."),
                        "sources": [src_start],
                    },
                    {
                        "status": "actual",
                        "count": {"value": planned + rng.randint(-100, 900), "qualifier": "about"},
                        "wording": text("Cirka så många deltog."),
                        "sources": [src_report],
                    },
                ],
            }
        ],
        "results": [
            {
                "id": "r1",
                "description": text(f"Ökad kunskap om {theme} i kommunerna."),
                "goal": 1,
                "sources": [src_report],
            }
        ],
        "documents": documents,
        "people": people,
        "contacts": [
            {
                "person": f"p{n}",
                "about": text(f"För frågor kring delmål {n}"),
                "goals": [n],
                "sources": [src_start],
            }
            for n in range(1, shape.people + 1)
        ],
        "sources": [src_start, src_news, src_report],
    }
    if not shape.outcomes:
        for key in ("beneficiaries", "indicators", "results"):
            del document[key]
    if index > 0 and rng.random() < 0.2:
        earlier = rng.randrange(index)
        document["links"] = [
            {"relation": "follows", "project": _project_id(earlier, seed), "sources": [src_report]}
        ]
    return document, sources


def _project_id(index: int, seed: int) -> str:
    rng = random.Random(f"{seed}-{index}")
    rng.choice(_THEMES)
    words = rng.sample(_NAME_WORDS, 2)
    return f"{slug(f'{words[0]} {words[1]}')}-{index}"


def _activity(
    rng: random.Random,
    n: int,
    start: dt.date,
    end: dt.date,
    members: list[str],
    taking_part: list[str],
    source: str,
    shape: Shape,
) -> Json:
    kind = _ACTIVITY_KINDS[(n - 1) % len(_ACTIVITY_KINDS)]
    day = _day(rng, start, end)
    municipality = rng.choice(members)
    activity: Json = {
        "id": f"a{n}",
        "kind": kind,
        "title": text(f"Regional utbildningsdag {n}: tillit och bemötande"),
        "description": text("En dag om mötet med nyanlända familjer, med föreläsning och samtal."),
        "goals": [1 + n % shape.goals],
        "period": {"start": day.isoformat(), "end": day.isoformat()},
        "place": {
            "name": text(codelist("municipality").title_of(municipality)),
            "municipality": municipality,
        },
        "provider": rng.choice(taking_part),
        "audience": ["g1", "g2"][: shape.target_groups],
        "figures": [
            {
                "status": "actual",
                "count": {"value": rng.randint(10, 200)},
                "unit": "persons",
                "sources": [source],
            }
        ],
        "documents": [f"d{(n - 1) % shape.documents + 1}"],
        "sources": [source],
    }
    if kind == "study-visit":
        activity["place"] = {"name": text("Dortmund"), "country": "DE"}
        activity["host"] = "dortmund"
    if kind == "course-series":
        activity["languages"] = rng.sample(_LANGUAGES, 5)
        activity["instances"] = {"value": 30}
        activity["sessions"] = 7
        activity["hours_per_session"] = "2.5"
        activity["quotes"] = [
            {
                "person": "p1",
                "text": text("Kursen gav mig nya verktyg i mötet med familjerna."),
                "sources": [source],
            }
        ]
    if kind == "workshop":
        activity["on_request"] = True
        del activity["period"]
    return activity


def projects(
    count: int, seed: int = SEED, shape: Shape = FULL
) -> Iterator[tuple[Json, list[Json]]]:
    """The first ``count`` projects with their sources, one at a time."""
    return (project(index, seed, shape) for index in range(count))


def dataset(count: int, seed: int = SEED, shape: Shape = FULL, *, drawn: bool = True) -> Json:
    """A whole dataset of ``count`` projects, with the organisations and sources they cite
    (``drawn=False``: without the projects and their sources)."""
    made = list(projects(count if drawn else 0, seed, shape))
    return {
        "version": "1.1",
        "title": text(f"Samverkansprojekt i Sveriges kommuner ({count} projekt)"),
        "publisher": {
            "name": text("Göteborgsregionen"),
            "organisation": "gr",
            "url": "https://goteborgsregionen.se",
        },
        "published": "2026-06-30",
        "license": "CC0-1.0",
        "organisations": organisations(),
        "projects": [p for p, _ in made],
        "sources": [members_source(), *(s for _, cited in made for s in cited)],
    }


def members_source() -> Json:
    """The source of the member municipalities' memberships of GR."""
    return {
        "id": MEMBERS_SOURCE,
        "title": text("Medlemskommuner"),
        "kind": "web-page",
        "publisher": "gr",
        "url": "https://goteborgsregionen.se/medlemmar",
        "language": "swe",
    }


def canonical(value: Json, cls: type = Dataset) -> Json:
    """``value`` with its keys in the model's order, as ``grprojects.dumps`` writes them."""
    result: Json = to_json(to_model(value, cls))
    return result


def write_dataset(path: Path, count: int, seed: int = SEED, shape: Shape = FULL) -> Path:
    """Write a ``count``-project dataset to ``path`` in the canonical layout (the text
    ``grprojects.dumps`` writes), holding one project at a time: each project's sources
    wait in a temporary file until the projects are written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    shell = canonical(dataset(count, seed, drawn=False))  # the members in the model's order
    with path.open("w", encoding="utf-8") as out, tempfile.TemporaryFile("w+") as cited:
        out.write("{")
        for n, (key, value) in enumerate(shell.items()):
            out.write("," if n else "")
            if key == "sources":  # the projects come before it, then the sources they cite
                if count:
                    _write_list(out, "projects", _canonical_projects(count, seed, shape, cited))
                    out.write(",")
                cited.seek(0)
                _write_list(out, key, itertools.chain(value, map(json.loads, cited)))
            else:
                out.write(f"\n  {json.dumps(key)}: {_nested(value, 1)}")
        out.write("\n}\n")
    return path


def _canonical_projects(count: int, seed: int, shape: Shape, cited: Any) -> Iterator[Json]:
    """Each project in the model's canonical form; the sources it cites put in ``cited``."""
    for document, sources in projects(count, seed, shape):
        for source in sources:
            cited.write(json.dumps(canonical(source, Source), ensure_ascii=False) + "\n")
        yield canonical(document, Project)


def _nested(value: Any, depth: int) -> str:
    """``value`` as ``dumps`` writes it ``depth`` levels deep (two spaces a level)."""
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * depth)


def _write_list(out: Any, key: str, items: Iterator[Json]) -> None:
    """The member ``key``, an array of ``items``, as ``dumps`` writes it in a dataset."""
    out.write(f"\n  {json.dumps(key)}: [")
    empty = True
    for item in items:
        out.write(("" if empty else ",") + "\n    " + _nested(item, 2))
        empty = False
    out.write("]" if empty else "\n  ]")


def write_jsonl(path: Path, count: int, seed: int = SEED, shape: Shape = FULL) -> Path:
    """Write ``count`` projects to ``path``, one per line, never holding more than one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as file:
        for document, _ in projects(count, seed, shape):
            file.write(json.dumps(canonical(document, Project), ensure_ascii=False) + "\n")
    return path


def write_jsonl_records(path: Path, count: int, seed: int = SEED, shape: Shape = FULL) -> Path:
    """Write a ``count``-project dataset as JSON Lines records that cite each other.

    The organisations come first (``{"organisation": {…}}``), then each project's
    sources (``{"source": {…}}``) before the project itself, so every citation names a
    record already read. Never more than one project is held.
    """
    path.parent.mkdir(parents=True, exist_ok=True)

    def line(value: Json, cls: type) -> str:
        return json.dumps(canonical(value, cls), ensure_ascii=False) + "\n"

    with path.open("w", encoding="utf-8") as file:
        for organisation in organisations():
            file.write(line({"organisation": organisation}, dict[str, Organisation]))
        file.write(line({"source": members_source()}, dict[str, Source]))
        for document, cited in projects(count, seed, shape):
            for source in cited:
                file.write(line({"source": source}, dict[str, Source]))
            file.write(line(document, Project))
    return path


def main(argv: list[str] | None = None) -> None:
    """Command line: write one dataset (or JSON Lines file) and print its path."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("projects", type=int, help="how many projects")
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--jsonl", action="store_true", help="one project per line")
    parser.add_argument(
        "--records", action="store_true", help="JSON Lines of organisations, sources and projects"
    )
    parser.add_argument(
        "--simple", action="store_true", help="simpler projects, about 6 kB each (SIMPLE)"
    )
    args = parser.parse_args(argv)
    write = write_jsonl if args.jsonl else write_jsonl_records if args.records else write_dataset
    print(write(args.output, args.projects, args.seed, SIMPLE if args.simple else FULL))


if __name__ == "__main__":
    main()
