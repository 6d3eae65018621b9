"""Public exports of an imported project bank hold none of its contact persons' data."""

from __future__ import annotations

import json
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from grprojects_projectbanks import projektbanken
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grprojects.formats.convert import write_dataset

LETTERS = "abcdefghijklmnopqrstuvwxyzåäö"


@st.composite
def people(draw: st.DrawFn) -> str:
    """A name no other value of a record has: a rare first letter pair, then letters."""
    first = draw(st.text(LETTERS, min_size=3, max_size=8))
    last = draw(st.text(LETTERS, min_size=3, max_size=10))
    return f"Qz{first} Xq{last}"


phones = st.builds(
    lambda area, number, switchboard: ("vx " if switchboard else "") + f"0{area}-{number}",
    st.integers(10, 999),
    st.from_regex(r"[0-9]{3} [0-9]{2} [0-9]{2}", fullmatch=True),
    st.booleans(),
)
emails = st.builds(
    lambda user, host: f"{user}@{host}.example.se",
    st.text("abcdefghijklmnopqrstuvwxyz.", min_size=3, max_size=12).filter(
        lambda u: not u.startswith(".") and not u.endswith(".") and ".." not in u
    ),
    st.text("abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=10),
)


@st.composite
def records(draw: st.DrawFn) -> tuple[list[dict[str, Any]], set[str]]:
    """Records with one or two leaders, numbers and addresses, and every personal value."""
    made: list[dict[str, Any]] = []
    personal: set[str] = set()
    for number in range(draw(st.integers(1, 3))):
        leaders = draw(st.lists(people(), min_size=1, max_size=2, unique=True))
        numbers = draw(st.lists(phones, min_size=1, max_size=2, unique=True))
        address = draw(emails)
        title = draw(st.sampled_from(["", ", projektledare"]))
        made.append(
            {
                "ärende-id": str(20209000 + number),
                "projektnamn": f"Projekt {number}",
                "stödmottagare": "Lerums kommun",
                "kommuner": "Lerum",
                "projektledare": " / ".join(leaders) + (title if len(leaders) == 1 else ""),
                "telnr": ", ".join(numbers),
                "e-post": address,
            }
        )
        personal |= {*leaders, address}
        personal |= {n.removeprefix("vx ") for n in numbers}
    return made, personal


def _exported_text(path: Path) -> str:
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            return "\n".join(archive.read(n).decode("utf-8") for n in archive.namelist())
    return path.read_text("utf-8")


@settings(
    max_examples=10,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(records())
def test_public_exports_hold_no_contact_persons_names_phones_or_emails(
    generated: tuple[list[dict[str, Any]], set[str]],
) -> None:
    """JSON and CSV written with --public hold none of the names, numbers or addresses,
    while the dataset itself holds them all."""
    made, personal = generated
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "bank.json"
        source.write_text(json.dumps(made, ensure_ascii=False), encoding="utf-8")
        dataset = projektbanken.read(source).dataset
        internal = Path(folder) / "internal.json"
        write_dataset(dataset, internal)
        assert all(value in internal.read_text("utf-8") for value in personal)
        for name in ("public.json", "public.csv.zip"):
            target = Path(folder) / name
            write_dataset(dataset, target, public=True)
            text = _exported_text(target)
            leaked = sorted(value for value in personal if value in text)
            assert leaked == [], f"{name} holds personal data"
