"""Every interface string has a Dutch translation (Dutch is the default language)."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import navigator

ROOT = Path(navigator.__file__).parent.parent
PO = ROOT / "navigator" / "translations" / "nl" / "LC_MESSAGES" / "messages.po"
METHODS = [("navigator/**.py", "python"), ("templates/**.html", "jinja2")]
KEYWORDS = {"_": None, "gettext": None, "lazy_gettext": None, "N_": None, "ngettext": (1, 2)}


def test_every_message_has_a_dutch_translation() -> None:
    extracted = {
        message[2] if isinstance(message[2], str) else message[2][0]
        for message in extract_from_dir(str(ROOT), METHODS, keywords=KEYWORDS)
        if "/." not in message[0] and not message[0].startswith(".venv")
    }
    with PO.open("rb") as handle:
        catalog = read_po(handle)
    translated = {
        m.id[0] if isinstance(m.id, tuple) else m.id
        for m in catalog
        if m.id and all(m.string if isinstance(m.string, tuple) else [m.string]) and not m.fuzzy
    }
    assert sorted(extracted - translated) == []
