"""The report site without a browser: pages, links, personal data, disagreements, the CLI."""

from __future__ import annotations

import datetime as dt
import html
import itertools
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from hypothesis import given
from markupsafe import Markup

from grprojects import hookimpl
from grprojects.cli import main
from grprojects.errors import PluginError
from grprojects.formats import write_dataset
from grprojects.model import Count, Dataset, PartialDate, Qualifier, Season, Text
from grprojects.runtime import Runtime, make_runtime
from grprojects.site import ClashingDatasetsError, ProjectSection, SiteError, build, write_site
from grprojects.site.charts import Bar, TimeScale, count_strip, time_strip
from grprojects.site.words import Words

from ..strategies import partial_dates
from .conftest import EXAMPLE, pages, personal_values


class _Page(HTMLParser):
    """The ids, links and text of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(str(found["id"]))
        for name in ("href", "src"):
            if found.get(name):
                self.links.append(str(found[name]))


def _parsed(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text("utf-8"))
    return page


def broken_links(site: Path) -> list[str]:
    """Every internal link of the site whose file or fragment does not exist."""
    parsed = {path: _parsed(path) for path in pages(site)}
    broken = []
    for path, page in parsed.items():
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme in {"http", "https", "tel", "mailto", "data"}:
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if not target.is_file() or site.resolve() not in target.parents:
                broken.append(f"{path.relative_to(site)}: {link} (no file)")
            elif parts.fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else _parsed(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{path.relative_to(site)}: {link} (no such id)")
    return broken


def test_the_site_has_an_index_a_page_per_project_and_organisation_and_the_sources(
    public_site: Path, example: Dataset
) -> None:
    """Index, sources, the organisations' list and one page per project and organisation."""
    names = {p.relative_to(public_site).as_posix() for p in pages(public_site)}
    assert {"index.html", "sources.html", "organisations/index.html"} <= names
    assert "projects/foraldrastod-for-nyanlanda.html" in names  # ids become ASCII file names
    assert len([n for n in names if n.startswith("projects/")]) == len(example.projects)
    assert len([n for n in names if n.startswith("organisations/")]) == (
        len(example.organisations) + 1
    )
    assert (public_site / "assets" / "site.css").is_file()


def test_every_internal_link_resolves(public_site: Path, internal_site: Path) -> None:
    """Every link to a page, an asset or a place on a page leads somewhere that exists."""
    assert broken_links(public_site) == []
    assert broken_links(internal_site) == []


def test_the_default_site_holds_no_personal_data(public_site: Path, example: Dataset) -> None:
    """No name, phone number or quote of the example appears on any page of the public site."""
    values = personal_values(example)
    assert {"Lena Almqvist", "031-335 51 82"} <= values
    for page in pages(public_site):
        text = html.unescape(page.read_text("utf-8"))
        assert [v for v in values if v in text] == [], page
        assert "Internal version" not in text
        assert "Intern version" not in text


def test_an_internal_site_shows_personal_data_under_a_banner_on_every_page(
    internal_site: Path, example: Dataset
) -> None:
    """With include_personal every page says so, and the contacts are shown."""
    for page in pages(internal_site):
        assert "Internal version with personal data" in page.read_text("utf-8"), page
    project = html.unescape(
        (internal_site / "projects" / "foraldrastod-for-nyanlanda.html").read_text("utf-8")
    )
    assert "Patrick Gruczkun" in project
    assert "031-335 51 82" in project
    assert '<meta name="robots" content="noindex, nofollow">' in project


def test_the_english_site_marks_swedish_data_as_swedish(internal_site: Path) -> None:
    """The interface is in English; data without a translation is marked lang="sv"."""
    text = (internal_site / "projects" / "nya-grannar.html").read_text("utf-8")
    assert '<html lang="en">' in text
    assert "The sources disagree" in text
    assert '<span lang="sv">Nya GRannar</span>' in text


def test_disagreeing_sources_are_shown_side_by_side(public_site: Path) -> None:
    """Three wordings of the purpose, two actual figures and two lists of municipalities."""
    text = html.unescape((public_site / "projects" / "nya-grannar.html").read_text("utf-8"))
    assert text.count("Källorna säger olika") == 3  # purpose, who is named, participants
    purpose = text[text.index('id="purpose"') : text.index('id="period"')]
    assert purpose.count('class="claim"') == 3
    assert "Nyhetsartikel, 16 februari 2016" in purpose
    matrix = text[text.index('id="who-names-whom"') :]
    row = matrix[matrix.index(">Öckerö<") : matrix.index("</tr>", matrix.index(">Öckerö<"))]
    assert 'class="absent">nämns inte' in row
    assert "medverkande" in row
    assert "över 1\u00a0900 personer" in text
    assert "över 1\u00a0700 personer" in text


def test_every_source_marker_leads_to_its_source_on_the_page(public_site: Path) -> None:
    """Each marker links to a numbered entry of the page's sources with that source's title."""
    text = (public_site / "projects" / "nya-grannar.html").read_text("utf-8")
    numbers = {int(n) for n in _markers(text)}
    assert numbers == {1, 2, 3}
    for number in numbers:
        entry = text[text.index(f'<li id="cite-{number}"') :]
        assert "<cite>" in entry[: entry.index("</li>")]


def _markers(text: str) -> list[str]:
    return re.findall(r'<a href="#cite-(\d+)">', text)


def test_key_figures_link_to_what_they_count(public_site: Path) -> None:
    """Projects, municipalities, participants and money, each a link to its details."""
    text = html.unescape((public_site / "index.html").read_text("utf-8"))
    figures = text[text.index('class="figures"') : text.index("</ul>", text.index("figures"))]
    assert '<a href="#projects"><span class="big">2</span> projekt' in figures
    assert 'href="organisations/index.html#kind-municipality"' in figures
    assert '<span class="big">över 1\u00a0700</span> deltagare' in figures  # the lower of two
    assert 'href="organisations/europeiska-socialfonden.html#funds"' in figures
    assert "ca 12\u00a0800\u00a0000 SEK" in figures


def test_the_index_rows_carry_what_the_filters_read(public_site: Path) -> None:
    """Each timeline row names its municipalities, funders, status and years."""
    text = (public_site / "index.html").read_text("utf-8")
    row = text[text.index('data-municipalities="', text.index('id="project-rows"')) :]
    row = row[: row.index(">")]
    assert "alingsås" in row
    assert 'data-funders="europeiska-socialfonden"' in row
    assert 'data-status="completed"' in row
    assert 'data-years="2016 2017 2018"' in row


# -- partial dates drawn as the spans they cover ------------------------------------


def test_a_season_is_drawn_as_the_whole_season_striped() -> None:
    """Autumn 2019 covers 1 September to 30 November, all of it uncertain."""
    autumn = PartialDate(2019, season=Season.AUTUMN)
    pieces = Bar(autumn, autumn, "activity").pieces(TimeScale.around([autumn]))
    assert pieces == [(dt.date(2019, 9, 1), dt.date(2019, 12, 1), False)]
    strip = time_strip((Bar(autumn, autumn, "activity"),), TimeScale.around([autumn]), "x")
    assert 'class="activity uncertain" x="66.575%"' in strip  # day 243 of 365


def test_a_day_is_a_dot_and_a_month_a_span() -> None:
    """A one-day activity is a dot; a month is its whole month, striped."""
    day = PartialDate(2019, 2, 5)
    scale = TimeScale.around([day])
    assert "<circle" in time_strip((Bar(day, day, "activity"),), scale, "x")
    month = PartialDate(2019, 9)
    assert Bar(month, month, "activity").pieces(scale) == [
        (dt.date(2019, 9, 1), dt.date(2019, 10, 1), False)
    ]


def test_a_period_from_spring_to_a_year_is_certain_only_in_between() -> None:
    """'Från våren 2016 t.o.m. 2018': striped in spring and in 2018, solid between.

    It has surely begun by 31 May 2016 and surely lasts through 1 January 2018.
    """
    start, end = PartialDate(2016, season=Season.SPRING), PartialDate(2018)
    assert Bar(start, end, "planned").pieces(TimeScale.around([start, end])) == [
        (dt.date(2016, 3, 1), dt.date(2016, 5, 31), False),
        (dt.date(2016, 5, 31), dt.date(2018, 1, 2), True),
        (dt.date(2018, 1, 2), dt.date(2019, 1, 1), False),
    ]


@given(partial_dates, partial_dates)
def test_the_pieces_of_a_span_cover_every_day_it_may_be_and_no_other(
    first: PartialDate, second: PartialDate
) -> None:
    """Pieces are contiguous from the earliest start to the day after the latest end."""
    start, end = sorted([first, second], key=lambda d: d.sort_key)
    pieces = Bar(start, end, "actual").pieces(TimeScale.around([start, end]))
    assert pieces[0][0] == start.earliest
    assert pieces[-1][1] == end.latest + dt.timedelta(days=1)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(pieces))
    for first_day, after, certain in pieces:
        assert first_day < after
        if certain:
            assert start.latest <= first_day
            assert after <= end.earliest + dt.timedelta(days=1)


def test_undated_projects_make_an_empty_timeline_not_one_of_today(
    tmp_path: Path, example: Dataset, builtin_runtime: Runtime
) -> None:
    """Without any period the timeline has no years, so the site does not depend on the day."""
    undated = example.evolve(projects=[p.evolve(periods=[]) for p in example.projects])
    write_site(undated, tmp_path / "site", runtime=builtin_runtime)
    index = (tmp_path / "site" / "index.html").read_text("utf-8")
    assert "Tidslinje med 2 rader, alla utan datum." in index
    assert "<text " not in index  # no year on the axis
    assert str(dt.date.today().year) not in index


def test_an_open_count_is_drawn_past_its_number() -> None:
    """'Över 1900' is solid to 1 901 and striped beyond; '6–10' striped from 6 to 10."""
    over = count_strip(Count(value=1900, qualifier=Qualifier.MORE_THAN), 2000, "actual", "x")
    assert over.count("<rect") == 2
    assert 'class="actual uncertain"' in over
    between = count_strip(Count(value=6, qualifier=Qualifier.BETWEEN, max=10), 10, "planned", "x")
    assert 'x="60%" y="3" width="40%"' in between


def test_numbers_money_and_counts_are_written_as_people_write_them(
    builtin_runtime: Runtime,
) -> None:
    """Swedish groups thousands with a no-break space; English with commas."""
    swedish = Words("sv", builtin_runtime.codelists)
    english = Words("en", builtin_runtime.codelists)
    count = Count(value=1900, qualifier=Qualifier.MORE_THAN)
    assert swedish.count(count, "persons") == "över 1\u00a0900 personer"
    assert english.count(count, "persons") == "more than 1,900 persons"
    assert swedish.period(PartialDate(2016, season=Season.SPRING), PartialDate(2018)) == (
        "våren 2016 – 2018"
    )
    with pytest.raises(ValueError, match="sv or en"):
        Words("de", builtin_runtime.codelists)


# -- the folder, the datasets, the plugin hook, the exporter --------------------------


def test_an_earlier_site_is_replaced_and_a_foreign_folder_refused(
    tmp_path: Path, example: Dataset, builtin_runtime: Runtime
) -> None:
    """A site is rewritten in place; a folder with other files is never touched."""
    site = tmp_path / "site"
    write_site(example, site, runtime=builtin_runtime)
    (site / "index.html").write_text("old")
    write_site(example, site, runtime=builtin_runtime)
    assert "Nyckeltal" in (site / "index.html").read_text("utf-8")
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "thesis.docx").write_text("keep me")
    with pytest.raises(SiteError, match="other files"):
        write_site(example, foreign, runtime=builtin_runtime)
    assert [p.name for p in foreign.iterdir()] == ["thesis.docx"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine", "site"]  # nothing left over
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    assert site.stat().st_mode == fresh.stat().st_mode  # as readable as any new folder


def test_two_datasets_make_one_site_unless_a_project_clashes(
    tmp_path: Path, example: Dataset, builtin_runtime: Runtime
) -> None:
    """Datasets are merged; the same project told two ways is refused."""
    first = example.evolve(projects=example.projects[:1])
    second = example.evolve(projects=example.projects[1:])
    write_site([first, second], tmp_path / "both", runtime=builtin_runtime)
    assert len(list((tmp_path / "both" / "projects").iterdir())) == 2
    renamed = example.projects[0].evolve(name=Text(sv="Annat namn"))
    clash = example.evolve(projects=[renamed])
    with pytest.raises(ClashingDatasetsError, match="nya-grannar"):
        write_site([example, clash], tmp_path / "clash", runtime=builtin_runtime)
    assert not (tmp_path / "clash").exists()


class _Budget:
    """A plugin adding a section to each project page, citing the project's first source."""

    @hookimpl
    def register_project_sections(self) -> list[ProjectSection]:
        def render(context: object) -> str | None:
            from grprojects.site import SectionContext

            assert isinstance(context, SectionContext)
            if not context.project.sources:
                return None
            marker = context.cite(context.project.sources[:1])
            return Markup("<p>Lokal budget: <b>{}</b>{}</p>").format("<0 kr>", marker)

        return [ProjectSection("local-budget", Text(sv="Lokal budget"), render)]


class _Broken:
    @hookimpl
    def register_project_sections(self) -> list[ProjectSection]:
        def render(context: object) -> str:
            raise RuntimeError("no budget file")

        return [ProjectSection("broken", Text(sv="Trasig"), render)]


def test_a_plugin_section_appears_on_the_project_page_with_its_sources(
    tmp_path: Path, example: Dataset
) -> None:
    """The section's HTML is kept, data in it escaped, and its marker joins the page's list."""
    runtime = make_runtime(entry_points=False, plugins=[_Budget()])
    write_site(example, tmp_path / "site", runtime=runtime)
    text = (tmp_path / "site" / "projects" / "nya-grannar.html").read_text("utf-8")
    section = text[text.index('id="plugin-local-budget"') :]
    assert '<h2 id="plugin-local-budget-title">Lokal budget</h2>' in section
    assert "<b>&lt;0 kr&gt;</b>" in section
    assert '<a href="#cite-1">' in section[: section.index("</section>")]
    assert "Tillagt av tillägget" in section


def test_declared_extension_data_has_its_own_section_and_undeclared_none(
    tmp_path: Path, example: Dataset
) -> None:
    """The built-in section lists an extension's public fields; unknown data is left out."""
    import grprojects_goteborg

    project = example.projects[0].evolve(
        extensions={
            "se.goteborg.stad": {"diarienummer": "SRF 2018-01234"},
            "se.example.secret": {"hemligt": "Anna Andersson"},
        }
    )
    dataset = example.evolve(
        uses_extensions=["se.goteborg.stad", "se.example.secret"], projects=[project]
    )
    runtime = make_runtime(entry_points=False, plugins=[grprojects_goteborg])
    notes = write_site(dataset, tmp_path / "site", runtime=runtime)
    assert "extension data no installed plugin describes left out: se.example.secret 1" in notes
    text = (tmp_path / "site" / "projects" / "nya-grannar.html").read_text("utf-8")
    section = text[text.index('id="plugin-extension-data"') :]
    section = section[: section.index("</section>")]
    assert "<h3>se.goteborg.stad</h3>" in section
    assert "<dt>diarienummer</dt><dd>SRF 2018-01234</dd>" in section
    assert "Anna Andersson" not in text
    assert "Tillagt av tillägget" not in section  # grprojects' own section names no plugin


def test_a_failing_plugin_section_is_a_plugin_error_and_leaves_no_site(
    tmp_path: Path, example: Dataset
) -> None:
    """The error names the plugin, the section and the project; nothing is written."""
    runtime = make_runtime(entry_points=False, plugins=[_Broken()])
    with pytest.raises(PluginError, match=r"section 'broken' of plugin .*nya-grannar.*no budget"):
        write_site(example, tmp_path / "site", runtime=runtime)
    assert list(tmp_path.iterdir()) == []


def test_a_plugin_section_that_hangs_is_blamed_within_the_time_limit(
    tmp_path: Path, example: Dataset
) -> None:
    """A render past the runtime's limit names the plugin, the section and the project."""
    import threading

    release = threading.Event()

    class Hanging:
        @hookimpl
        def register_project_sections(self) -> list[ProjectSection]:
            def render(context: object) -> str:
                release.wait()
                return ""

            return [ProjectSection("stuck", Text(sv="Fast"), render)]

    runtime = make_runtime(entry_points=False, plugins={"stuck": Hanging()}, plugin_timeout=0.3)
    try:
        with pytest.raises(
            PluginError, match=r"section 'stuck' of plugin 'stuck' on project .*0\.3 s"
        ):
            write_site(example, tmp_path / "site", runtime=runtime)
    finally:
        release.set()
    assert not (tmp_path / "site").exists()


def test_a_plugin_section_cannot_change_the_dataset_it_is_shown(
    tmp_path: Path, example: Dataset
) -> None:
    """A section reads a read-only copy: changing it fails, blamed; the caller's data stays."""
    from grprojects import dumps

    class Vandal:
        @hookimpl
        def register_project_sections(self) -> list[ProjectSection]:
            def render(context: object) -> str:
                from grprojects.site import SectionContext

                assert isinstance(context, SectionContext)
                context.project.sources.clear()  # type: ignore[attr-defined] # the point
                return ""

            return [ProjectSection("vandal", Text(sv="Vandal"), render)]

    before = dumps(example)
    runtime = make_runtime(entry_points=False, plugins={"vandal": Vandal()})
    with pytest.raises(
        PluginError,
        match=r"section 'vandal' of plugin 'vandal'.*'tuple' object has no attribute 'clear'",
    ):
        write_site(example, tmp_path / "site", runtime=runtime, include_personal=True)
    assert dumps(example) == before


def test_pages_written_on_several_cores_are_the_same_and_fail_the_same(
    tmp_path: Path,
    example: Dataset,
    public_site: Path,
    builtin_runtime: Runtime,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Forked workers write the very pages one process does; a worker's plugin error is raised."""
    monkeypatch.setattr(build, "PARALLEL_PAGES", 1)
    write_site(example, tmp_path / "site", runtime=builtin_runtime)
    for page in pages(public_site):
        twin = tmp_path / "site" / page.relative_to(public_site)
        assert twin.read_bytes() == page.read_bytes(), page
    runtime = make_runtime(entry_points=False, plugins=[_Broken()])
    with pytest.raises(PluginError, match="section 'broken'"):
        write_site(example, tmp_path / "broken", runtime=runtime)
    assert not (tmp_path / "broken").exists()


def test_a_section_name_must_be_usable_as_an_html_id() -> None:
    """A name with spaces or capitals is refused when the section is made."""
    with pytest.raises(ValueError, match="lower case with hyphens"):
        ProjectSection("Local Budget", Text(sv="x"), lambda _: None)


def test_the_site_exporter_zips_the_public_site(tmp_path: Path, example: Dataset) -> None:
    """``convert data.json out.site.zip`` writes the public site as one zip."""
    target = tmp_path / "gr.site.zip"
    notes = write_dataset(example, target)
    assert any("personal data left out" in n for n in notes)
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
        assert "index.html" in names
        assert "projects/nya-grannar.html" in names
        text = archive.read("projects/foraldrastod-for-nyanlanda.html").decode()
    assert "Gruczkun" not in text


def test_the_command_writes_the_site_and_says_what_it_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Exit 0 and a line naming the folder; the notes on personal data on stderr."""
    site = tmp_path / "out"
    assert main(["report", str(EXAMPLE), "-o", str(site)]) == 0
    out, err = capsys.readouterr()
    assert out == f"wrote {site}/index.html (26 pages, public)\n"
    assert "note: personal data left out: projects.people 4" in err
    assert main(["report", str(EXAMPLE), "-o", str(site), "--include-personal"]) == 0
    assert "internal, with personal data" in capsys.readouterr().out


def test_the_command_reads_a_dataset_from_standard_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``-`` is standard input, as for convert and summary, its format named by --from."""
    import io

    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(EXAMPLE.read_bytes())))
    assert main(["report", "-", "--from", "json", "-o", str(tmp_path / "site")]) == 0
    assert (tmp_path / "site" / "projects" / "nya-grannar.html").is_file()
    assert "26 pages" in capsys.readouterr().out


def test_the_command_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """1 for a document that is no dataset, 2 for a folder with other files in it."""
    bad = tmp_path / "bad.json"
    bad.write_text('{"version": "1.0"}')
    assert main(["report", str(bad), "-o", str(tmp_path / "a")]) == 1
    assert "cannot read" in capsys.readouterr().err
    assert main(["report", str(EXAMPLE), "-o", str(tmp_path)]) == 2
    assert "other files" in capsys.readouterr().err
    assert main(["report", str(EXAMPLE)]) == 2  # -o is required
