"""Translations in templates: the request's catalogue looked up once, each message in one call.

Flask-Babel's template callables resolve the locale and its catalogue for every message, and
Jinja's ``_()`` passes through three calls before it reaches one (``_`` → the new-style
``gettext`` → the translation function), each checking how to call the next: about 7 µs per
message, and a results page has about a thousand. Here ``_``, ``gettext`` and ``ngettext`` are
one new-style function each, with Jinja's semantics kept exactly: the result is escaped markup
when autoescaping is on and is always used as a format string (``%(name)s`` and ``%%``).
"""

from __future__ import annotations

from typing import Any

from flask import Flask, g
from flask_babel import get_translations
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

KEY = "_navigator_translations"  # the request's catalogue, given to every template's context


def _translations() -> Any:
    found = g.get("navigator_translations")
    if found is None:
        found = g.navigator_translations = get_translations()
    return found


def _of(context: Context) -> Any:
    found = context.parent.get(KEY)
    return _translations() if found is None else found


def _formatted(found: str, variables: dict[str, Any]) -> str:
    # Jinja's new-style rule: always a format string; without variables and without "%" that
    # changes nothing, so the formatting is skipped then
    return found % variables if variables or "%" in found else found


@pass_context
def gettext(context: Context, string: str, /, **variables: Any) -> str:
    """Translate ``string`` for the request, as Jinja's new-style ``gettext`` does."""
    found = _of(context).ugettext(string)
    if context.eval_ctx.autoescape:
        found = Markup(found)
    return _formatted(found, variables)


@pass_context
def ngettext(context: Context, singular: str, plural: str, num: int, /, **variables: Any) -> str:
    """Translate the singular or plural for ``num``, as Jinja's new-style ``ngettext`` does."""
    variables.setdefault("num", num)
    found = _of(context).ungettext(singular, plural, num)
    if context.eval_ctx.autoescape:
        found = Markup(found)
    return _formatted(found, variables)


def install(app: Flask) -> None:
    """Install the translation callables in the app's templates."""
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda s: _translations().ugettext(s),
        ngettext=lambda s, p, n: _translations().ungettext(s, p, n),
        newstyle=True,
        pgettext=lambda c, s: _translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: _translations().unpgettext(c, s, p, n),
    )
    # one call per message for the common cases (pgettext/npgettext keep Jinja's wrappers)
    app.jinja_env.globals.update({"_": gettext, "gettext": gettext, "ngettext": ngettext})
    app.context_processor(lambda: {KEY: _translations()})
