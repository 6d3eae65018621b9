"""The site's own words, in Swedish and English, and how it writes numbers, money and dates.

Data text stays in the language it was written in: an English page shows a Swedish
name marked ``lang="sv"`` when the data has no English translation, so screen
readers pronounce it right.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Final

from markupsafe import Markup, escape

from ..codelists import CodeList
from ..model import Count, Money, PartialDate, Qualifier, Text
from .markup import html

LANGUAGES: Final = ("sv", "en")
"""The languages the site's interface is written in; Swedish is the default."""

MESSAGES: Final[Mapping[str, tuple[str, str]]] = {
    # the frame of every page
    "skip": ("Hoppa till innehållet", "Skip to content"),
    "home": ("Start", "Home"),
    "all_projects": ("Projekt", "Projects"),
    "all_organisations": ("Organisationer", "Organisations"),
    "all_sources": ("Källor", "Sources"),
    "main_navigation": ("Huvudmeny", "Main menu"),
    "breadcrumbs": ("Du är här", "You are here"),
    "site_title": ("Samverkansprojekt", "Collaboration projects"),
    "internal_banner": (
        "Intern version med personuppgifter (namn, telefonnummer, citat). "
        "Får inte publiceras eller spridas.",
        "Internal version with personal data (names, phone numbers, quotes). "
        "Do not publish or share it.",
    ),
    "public_note": (
        "Personuppgifter (kontaktpersoner, namn, citat) är utelämnade.",
        "Personal data (contacts, names, quotes) is left out.",
    ),
    "made_with": ("Skapad med grprojects", "Made with grprojects"),
    "published": ("Publicerad", "Published"),
    "publisher": ("Utgivare", "Publisher"),
    "licence": ("Licens", "Licence"),
    # index
    "key_figures": ("Nyckeltal", "Key figures"),
    "figure_projects": ("projekt", "projects"),
    "figure_municipalities": ("medverkande kommuner", "municipalities taking part"),
    "figure_participants": ("deltagare", "participants"),
    "about": ("ca", "about"),
    "figure_money": ("beviljat från {funder}", "granted by {funder}"),
    "timeline": ("Tidslinje", "Timeline"),
    "timeline_note": (
        "Fylld stapel: faktisk tid. Ofylld: planerad tid. Randig del: tiden källan anger "
        "bara ungefär (en årstid, en månad, ett år).",
        "Filled bar: actual period. Outlined: planned period. Striped part: a time the "
        "source states only roughly (a season, a month, a year).",
    ),
    "filters": ("Filtrera projekten", "Filter the projects"),
    "filter_municipality": ("Kommun", "Municipality"),
    "filter_funder": ("Finansiär", "Funder"),
    "filter_status": ("Status", "Status"),
    "filter_year": ("År", "Year"),
    "filter_all": ("Alla", "All"),
    "filter_reset": ("Visa alla", "Show all"),
    "shown": ("Visar {shown} av {total} projekt.", "Showing {shown} of {total} projects."),
    "participants_heading": ("Deltagare", "Participants"),
    "participants_note": (
        "Per projekt det lägsta antal personer som någon källa anger att projektet nådde; "
        "summan är därför ett minsta antal.",
        "For each project the lowest number of people any source says it reached; the sum "
        "is therefore a lower bound.",
    ),
    "money_heading": ("Finansiering per finansiär", "Funding by funder"),
    "money_note": (
        "Summan av de belopp källorna anger; där två källor anger olika belopp för "
        "samma finansiär räknas det lägsta.",
        "The sum of the amounts the sources state; where two sources give different amounts "
        "for the same funder, the lower is counted.",
    ),
    "no_period": ("tid okänd", "period unknown"),
    "unknown": ("okänt", "unknown"),
    # project page
    "project": ("Projekt", "Project"),
    "status": ("Status", "Status"),
    "purpose": ("Syfte", "Purpose"),
    "description": ("Beskrivning", "Description"),
    "period": ("Tid", "Period"),
    "planned": ("planerad", "planned"),
    "actual": ("faktisk", "actual"),
    "planned_figure": ("planerat", "planned"),
    "actual_figure": ("faktiskt", "actual"),
    "possible_figure": ("möjligt", "possible"),
    "start": ("Start", "Start"),
    "end": ("Slut", "End"),
    "wording": ("Källans ord", "The source's words"),
    "organisations_roles": ("Organisationer och roller", "Organisations and roles"),
    "organisation": ("Organisation", "Organisation"),
    "roles": ("Roller", "Roles"),
    "unnamed_organisation": ("ej namngiven", "not named"),
    "who_names_whom": ("Vilka källorna nämner", "Whom the sources name"),
    "not_named": ("nämns inte", "not named"),
    "goals": ("Delmål", "Sub-goals"),
    "goal_number": ("Delmål {number}", "Sub-goal {number}"),
    "responsible": ("Ansvarig", "Responsible"),
    "served_by": ("Aktiviteter", "Activities"),
    "target_groups": ("Målgrupper", "Target groups"),
    "beneficiaries": ("De som ska gagnas", "Beneficiaries"),
    "activities": ("Aktiviteter", "Activities"),
    "activities_timeline": ("Över tid", "Over time"),
    "undated": ("odaterad", "undated"),
    "on_request": ("bokas på begäran", "booked on request"),
    "place": ("Plats", "Place"),
    "languages": ("Språk", "Languages"),
    "provider": ("Utförare", "Provider"),
    "host": ("Värd", "Host"),
    "audience": ("För", "For"),
    "instances": ("Antal tillfällen", "Times given"),
    "sessions": ("{sessions} träffar à {hours} timmar", "{sessions} sessions of {hours} hours"),
    "sessions_only": ("{sessions} träffar", "{sessions} sessions"),
    "part_of": ("Del av", "Part of"),
    "documents": ("Dokument", "Documents"),
    "figures": ("Mål och utfall i siffror", "Targets and outcomes in figures"),
    "figure_chart": (
        "{title}: {values}",
        "{title}: {values}",
    ),
    "results": ("Resultat", "Results"),
    "funding": ("Finansiering", "Funding"),
    "funder": ("Finansiär", "Funder"),
    "programme": ("Program", "Programme"),
    "amount": ("Belopp", "Amount"),
    "no_amount": ("belopp anges inte", "no amount stated"),
    "recipients": ("Mottagare", "Recipients"),
    "related": ("Relaterade projekt", "Related projects"),
    "people": ("Personer", "People"),
    "contacts": ("Kontaktpersoner", "Contacts"),
    "phone": ("Telefon", "Phone"),
    "email": ("E-post", "E-mail"),
    "quotes": ("Citat", "Quotes"),
    "sources_disagree": ("Källorna säger olika", "The sources disagree"),
    "sources_heading": ("Källor", "Sources"),
    "sources_intro": (
        "Siffrorna i hakparentes hänvisar hit. Varje källa anges med titel, utgivare och datum.",
        "The numbers in brackets refer here. Each source is given with its title, "
        "publisher and date.",
    ),
    "source": ("Källa", "Source"),
    "sources_cited": ("Källor {numbers}", "Sources {numbers}"),
    "source_cited": ("Källa {number}", "Source {number}"),
    "unknown_source": ("okänd källa {id}", "unknown source {id}"),
    "updated": ("uppdaterad", "updated"),
    "open_source": ("Öppna källan", "Open the source"),
    "table_of": ("Tabell: {title}", "Table: {title}"),
    "in_all_sources": ("Bland alla källor", "Among all sources"),
    "cited_by": ("Används i", "Cited by"),
    "timeline_label": (
        "Tidslinje med {count} rader från {start} till {end}. Samma uppgifter står i text "
        "vid varje rad.",
        "Timeline of {count} rows from {start} to {end}. The same facts are written out "
        "beside each row.",
    ),
    "timeline_label_undated": (
        "Tidslinje med {count} rader, alla utan datum.",
        "Timeline of {count} rows, none of them dated.",
    ),
    # organisation pages
    "kind": ("Slag", "Kind"),
    "parent": ("Del av", "Part of"),
    "member_of": ("Medlem i", "Member of"),
    "members": ("Medlemmar", "Members"),
    "units": ("Enheter", "Units"),
    "identifiers": ("Identitet", "Identifiers"),
    "website": ("Webbplats", "Website"),
    "about_organisation": ("Om organisationen", "About the organisation"),
    "projects_over_time": ("Projekt över tid", "Projects over time"),
    "takes_part_in": ("Projekt och roller", "Projects and roles"),
    "goal_responsibilities": ("Ansvar för delmål", "Responsible for sub-goals"),
    "funds": ("Finansierar", "Funds"),
    "runs_activities": ("Genomför eller är värd för", "Runs or hosts"),
    "no_projects": ("Inga projekt i datamängden.", "No projects in the dataset."),
    "organisations_count": ("{count} organisationer", "{count} organisations"),
    "projects_count": ("{count} projekt", "{count} projects"),
    "section_by_plugin": ("Tillagt av tillägget {plugin}", "Added by the plugin {plugin}"),
}
"""Every phrase of the interface: key → (Swedish, English)."""

_QUALIFIERS: Final[Mapping[Qualifier, tuple[str, str]]] = {
    Qualifier.EXACTLY: ("{n}", "{n}"),
    Qualifier.ABOUT: ("ca {n}", "about {n}"),
    Qualifier.AT_LEAST: ("minst {n}", "at least {n}"),
    Qualifier.MORE_THAN: ("över {n}", "more than {n}"),
    Qualifier.AT_MOST: ("högst {n}", "at most {n}"),
    Qualifier.FEWER_THAN: ("färre än {n}", "fewer than {n}"),
    Qualifier.BETWEEN: ("{n}–{max}", "{n}–{max}"),
}


def upper_first(text: str) -> str:
    """``text`` with its first letter a capital, the rest as it is (``SCB``, not ``Scb``)."""
    return text[:1].upper() + text[1:]


class Words:
    """The interface's words and the formats of one language, with the code lists' names."""

    def __init__(self, language: str, codelists: Mapping[str, CodeList]) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"the site is written in {' or '.join(LANGUAGES)}, not {language!r}")
        self.language = language
        self._index = LANGUAGES.index(language)
        self._codelists = codelists
        self._names: dict[tuple[str, str], str] = {}

    def __call__(self, key: str, **values: object) -> str:
        """The phrase ``key``, with ``values`` filled in."""
        phrase = MESSAGES[key][self._index]
        return phrase.format(**values) if values else phrase

    def code(self, codelist: str, code: str) -> str:
        """The name of ``code`` in the code list, or the code itself when the list lacks it."""
        name = self._names.get((codelist, code))
        if name is None:
            found = self._codelists.get(codelist)
            name = found.title_of(code, self.language) if found else code
            self._names[codelist, code] = name
        return name

    def text(self, text: Text | None) -> Markup:
        """``text`` in the page's language; Swedish marked as such where it stands in."""
        if text is None:
            return Markup("")
        if self.language == "sv" or self.language in text.translations:
            return escape(text.get(self.language))
        return html('<span lang="sv">{}</span>', text.sv)

    def plain(self, text: Text | None) -> str:
        """``text`` in the page's language as plain text (for attributes and labels)."""
        return "" if text is None else text.get(self.language)

    def number(self, value: int | Decimal) -> str:
        """``1 900`` in Swedish (a no-break space between thousands), ``1,900`` in English."""
        text = f"{value:,}"
        if self.language == "sv":
            text = text.replace(",", "\u00a0").replace(".", ",")
        return text

    def count(self, count: Count, unit: str | None = None) -> str:
        """``över 1 900 personer``: the count as its source states it, with its unit."""
        pattern = _QUALIFIERS[count.qualifier][self._index]
        maximum = self.number(count.max) if count.max is not None else "?"
        text = pattern.format(n=self.number(count.value), max=maximum)
        return f"{text} {self.code('unit', unit)}" if unit else text

    def money(self, money: Money) -> str:
        """``ca 12 800 000 SEK``: the amount with its currency and qualifier."""
        pattern = _QUALIFIERS[money.qualifier][self._index]
        return f"{pattern.format(n=self.number(money.amount), max='?')} {money.currency}"

    def date(self, date: PartialDate | None) -> str:
        """``våren 2016``, ``5 februari 2019``; ``okänt`` when the source does not say."""
        return date.label(self.language) if date else self("unknown")

    def period(self, start: PartialDate | None, end: PartialDate | None) -> str:
        """``våren 2016 – 2018``; one date when it starts and ends the same day or span."""
        if start is None and end is None:
            return self("no_period")
        if start == end:
            return self.date(start)
        return f"{self.date(start)} – {self.date(end)}"
