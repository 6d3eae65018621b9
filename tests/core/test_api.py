"""The public API: load from path, text or bytes; dump canonically; public copies."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given

import grprojects
from grprojects.model import Activity, Contact, Dataset, Person, Quote, Text
from grprojects.plugin_types import Extension
from grprojects.runtime import make_runtime

from ..strategies import datasets

HERE = Path(__file__).parent
MINIMAL = HERE / "valid-minimal.json"


def test_load_takes_a_path_text_or_bytes() -> None:
    """The same document loads equal from a Path, a str path, its text and its bytes."""
    text = MINIMAL.read_text("utf-8")
    loaded = [grprojects.load(MINIMAL), grprojects.load(str(MINIMAL)), grprojects.load(text)]
    loaded.append(grprojects.load(text.encode()))
    assert all(d == loaded[0] for d in loaded)


def test_a_missing_file_is_a_document_error_naming_it() -> None:
    """A file that is not there gives a DocumentError with the path, not an OSError."""
    with pytest.raises(grprojects.DocumentError, match=r"no-such\.json"):
        grprojects.load(HERE / "no-such.json")


def test_a_file_that_is_not_utf8_is_reported(tmp_path: Path) -> None:
    """Latin-1 bytes are reported as an encoding problem with the byte offset."""
    path = tmp_path / "latin1.json"
    path.write_bytes('{"title": "Göteborg"}'.encode("latin-1"))
    with pytest.raises(grprojects.DocumentError) as caught:
        grprojects.load(path)
    assert caught.value.diagnostics[0].code == "file.encoding"
    assert "byte 12" in caught.value.diagnostics[0].message


def test_dump_writes_the_canonical_text_atomically(tmp_path: Path) -> None:
    """dump(path) writes exactly the returned text and leaves no temporary file."""
    dataset = grprojects.load(MINIMAL)
    target = tmp_path / "out" / "data.json"
    text = grprojects.dump(dataset, target)
    assert target.read_text("utf-8") == text
    assert [p.name for p in target.parent.iterdir()] == ["data.json"]


def test_the_minimal_document_is_canonical() -> None:
    """The test document is written as dump writes it: text → model → text is identical."""
    text = MINIMAL.read_text("utf-8")
    assert grprojects.dumps(grprojects.load(text)) == text


def test_activities_by_date_lists_undated_ones_last() -> None:
    """A project's activities come in date order, precision-aware, undated last."""
    project = grprojects.load(
        '{"id": "p", "name": {"sv": "P"}, "activities": ['
        '{"id": "c", "kind": "other", "title": {"sv": "undated"}},'
        '{"id": "b", "kind": "other", "title": {"sv": "autumn"}, "period": {"start": "2019-23"}},'
        '{"id": "a", "kind": "other", "title": {"sv": "feb"}, "period": {"start": "2019-02-05"}}]}',
        schema="project",
    )
    assert [a.id for a in project.activities_by_date()] == ["a", "b", "c"]


def test_dataset_lookups_name_what_is_missing() -> None:
    """Looking up an absent id raises KeyError naming the id."""
    dataset = grprojects.load(MINIMAL)
    assert dataset.organisation("gr").name == Text(sv="Göteborgsregionen")
    with pytest.raises(KeyError, match="'nope'"):
        dataset.project("nope")


def test_public_copy_drops_people_contacts_and_quotes() -> None:
    """public() empties every personal field and keeps everything else."""
    dataset = grprojects.load(MINIMAL)
    project = dataset.projects[0]
    person = Person(id="p1", name="Anna Andersson", phone="031-123 45 67")
    activity = Activity(
        id="x", kind="other", title=Text(sv="X"), quotes=[Quote(person="p1", text=Text(sv="Hej"))]
    )
    personal = project.evolve(
        people=[person],
        contacts=[Contact(person="p1")],
        activities=[*project.activities, activity],
    )
    cleaned = grprojects.public(dataset.evolve(projects=[personal]))
    assert cleaned.projects[0].people == ()
    assert cleaned.projects[0].contacts == ()
    assert cleaned.projects[0].activities[-1].quotes == ()
    assert cleaned.projects[0].activities[-1].title == Text(sv="X")
    assert "Anna" not in grprojects.dumps(cleaned)


@given(datasets())
def test_public_copies_have_no_personal_fields_left(dataset: Dataset) -> None:
    """For any dataset, the public copy has no people, contacts or quotes anywhere."""
    cleaned = grprojects.public(dataset)
    for project in cleaned.projects:
        assert project.people == ()
        assert project.contacts == ()
        assert all(a.quotes == () for a in project.activities)
    assert grprojects.public(cleaned) == cleaned


class _CaseFilePlugin:
    """An extension with a case officer's name (personal) and a case number (not)."""

    @grprojects.hookimpl
    def register_extensions(self) -> list[Extension]:
        schema = {
            "type": "object",
            "properties": {
                "case": {"type": "string"},
                "officer": {"type": "string", "x-personal-data": True},
            },
        }
        return [Extension("se.example.case", "Case", "Case file", "1.0", {"project": schema})]


def test_public_copy_drops_personal_fields_of_extensions() -> None:
    """Extension fields marked x-personal-data in their fragment are left out; others stay."""
    manager = make_runtime(entry_points=False, plugins=[_CaseFilePlugin()])
    project = grprojects.Project(
        id="p",
        name=Text(sv="P"),
        extensions={"se.example.case": {"case": "KS 2019/12", "officer": "Anna Andersson"}},
    )
    cleaned = grprojects.public(project, runtime=manager)
    assert cleaned.extensions == {"se.example.case": {"case": "KS 2019/12"}}


def test_atomic_writes_keep_an_existing_files_permissions(tmp_path: Path) -> None:
    """Replacing a file keeps its mode; a new file gets what the umask allows, not 0600."""
    from grprojects.io import write_atomically

    existing = tmp_path / "shared.json"
    existing.write_text("{}")
    existing.chmod(0o664)
    write_atomically(existing, b"{}\n")
    assert existing.stat().st_mode & 0o777 == 0o664
    umask = os.umask(0o022)
    try:
        fresh = tmp_path / "new.json"
        write_atomically(fresh, b"{}\n")
    finally:
        os.umask(umask)
    assert fresh.stat().st_mode & 0o777 == 0o644
