"""Public exports: no personal value reaches any output, in any format."""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from grprojects import Contact, Person, Text
from grprojects.formats import write_dataset
from grprojects.model import Activity, Dataset, Project, Quote
from grprojects.runtime import make_runtime
from tests.formats.repair import evolve, sound
from tests.strategies import datasets

MANAGER = make_runtime(entry_points=False)
FORMATS = {
    "json": ".json",
    "xlsx": ".xlsx",
    "ods": ".ods",
    "csv": ".csv.zip",
    "ics": ".ics",
    "sqlite": ".sqlite",
}
CARRY_PEOPLE = ("json", "xlsx", "ods", "csv", "sqlite")
"""The formats whose full (not public) export holds people, so the search must find them."""

_LETTERS = "BCDFGHJKLMNPQRSTVWXZ"
secrets = st.builds(
    lambda word, digits: (f"Qx{word}", f"+46 70 {digits[:3]} {digits[3:5]} {digits[5:]}"),
    st.text(alphabet=_LETTERS, min_size=12, max_size=12),
    st.text(alphabet="0123456789", min_size=7, max_size=7),
)
"""A made-up name and phone number no generated non-personal value can contain."""


def with_person(dataset: Dataset, name: str, phone: str) -> Dataset:
    """``dataset`` with a project whose person, contact and quote carry ``name`` and ``phone``."""
    person = Person(
        id="hemlig",
        name=name,
        title=Text(sv=f"Titel {name}"),
        phone=phone,
        email=f"{name.lower()}@example.se",
    )
    quote = Quote(
        person="hemlig", text=Text(sv=f"Citat {name}", translations={"en": f"Quote {name}"})
    )
    activity = Activity(
        id="a", kind="training", title=Text(sv="Utbildning"), quotes=[quote], people=["hemlig"]
    )
    project = Project(
        id=f"{len(dataset.projects)}-hemligt-projekt",
        name=Text(sv="Projekt"),
        activities=[activity],
        people=[person],
        contacts=[Contact(person="hemlig", about=Text(sv=f"Frågor till {name}"))],
    )
    return evolve(dataset, projects=[*dataset.projects, project])


def text_of(path: Path) -> str:
    """Everything a reader of the file could see: zip members unpacked, lines unfolded."""
    data = path.read_bytes()
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            data = b"\n".join(archive.read(name) for name in archive.namelist())
    return data.decode("utf-8", errors="replace").replace("\r\n ", "").replace("\r\n\t", "")


def outputs(dataset: Dataset, folder: Path, *, public: bool) -> dict[str, str]:
    """The text of ``dataset`` written in every built-in format."""
    found = {}
    for name, suffix in FORMATS.items():
        path = folder / f"{name}-{public}{suffix}"
        write_dataset(dataset, path, format_name=name, public=public, runtime=MANAGER)
        found[name] = text_of(path)
    return found


@settings(max_examples=max(settings().max_examples // 3, 10))  # six files per example
@given(datasets().map(sound), secrets)
def test_no_personal_value_in_any_public_output(dataset: Dataset, secret: tuple[str, str]) -> None:
    """Names, phone numbers, e-mail, titles and quotes of people appear in no public file.

    The same search finds them in the full exports, so it would see them if they leaked.
    """
    name, phone = secret
    dataset = with_person(dataset, name, phone)
    personal = [name, phone, f"{name.lower()}@example.se", f"Citat {name}", f"Quote {name}"]
    with tempfile.TemporaryDirectory() as folder:
        full = outputs(dataset, Path(folder), public=False)
        public = outputs(dataset, Path(folder), public=True)
    for format_name in CARRY_PEOPLE:
        assert all(value in full[format_name] for value in personal), format_name
    for format_name, text in public.items():
        leaked = [value for value in personal if value in text]
        assert leaked == [], format_name


def test_public_example_holds_none_of_the_contacts(example: Dataset, tmp_path: Path) -> None:
    """The example's contacts' names, numbers and the quoted words are in no public export."""
    people = [p for project in example.projects for p in project.people]
    personal = [p.name for p in people] + [p.phone for p in people if p.phone]
    personal += [q.text.sv for p in example.projects for a in p.activities for q in a.quotes]
    assert len(personal) >= 8
    public = outputs(example, tmp_path, public=True)
    full = outputs(example, tmp_path, public=False)
    for format_name in CARRY_PEOPLE:
        assert any(value in full[format_name] for value in personal), format_name
    for format_name, text in public.items():
        assert [value for value in personal if value in text] == [], format_name


def test_a_public_dataset_says_its_personal_data_was_removed(
    example: Dataset, tmp_path: Path
) -> None:
    """``public()`` marks the dataset, the JSON says so, and it loads back marked and valid."""
    from grprojects import dumps, load, public

    assert example.personal_data_removed is False
    assert '"personal_data_removed"' not in dumps(example)  # the default is left out
    stripped = public(example, runtime=MANAGER)
    assert stripped.personal_data_removed is True
    assert all(project.contacts == () for project in stripped.projects)
    assert example.personal_data_removed is False  # the original is not changed
    target = tmp_path / "public.json"
    write_dataset(example, target, public=True, runtime=MANAGER)
    text = target.read_text(encoding="utf-8")
    assert '"personal_data_removed": true' in text
    assert load(text).personal_data_removed is True
    assert public(stripped, runtime=MANAGER) == stripped  # marking twice changes nothing
