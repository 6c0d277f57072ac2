"""Templates' one-call translations give exactly what Jinja's new-style gettext gives."""

from __future__ import annotations

import pytest
from jinja2 import Environment

from navigator.app import create_app
from navigator.web import template_i18n

TEMPLATES = (
    '{{ _("Amount") }}',
    '{{ _("Open until %(date)s", date="<b>1 mei</b>") }}',  # variables are escaped
    '{{ gettext("100%% sure") }}',  # "%%" is a format string's percent sign
    '{% for n in (1, 2) %}{{ ngettext("decides %(num)s instrument", '
    '"decides %(num)s instruments", n) }} {% endfor %}',
    "{% trans %}Amount{% endtrans %}",
    "{% trans count=3 %}one{% pluralize %}{{ count }} many{% endtrans %}",
)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_templates_translate_as_jinjas_own_new_style_gettext(language: str) -> None:
    app = create_app({"TESTING": True})
    stock = Environment(extensions=["jinja2.ext.i18n"], autoescape=True)
    with app.test_request_context(f"/?lang={language}"):
        app.preprocess_request()
        translations = template_i18n._translations()
        stock.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
        context = {template_i18n.KEY: translations}
        for source in TEMPLATES:
            ours = app.jinja_env.from_string(source)
            assert ours.render(context) == stock.from_string(source).render(), source
            assert ours.render() == stock.from_string(source).render(), source  # no key: looked up
        amount = app.jinja_env.from_string(TEMPLATES[0]).render()
        assert amount == {"nl": "Bedrag", "en": "Amount"}[language]
