"""Every near-miss text of every rule case is a whole, true sentence in Dutch and English."""

from __future__ import annotations

import re

import pytest

from navigator import paths
from navigator.domain.answers import listed, make_answers
from navigator.recommend import Navigator
from navigator.rules.cases import LoadedCase, load_all_cases
from navigator.rules.nearmiss import NearMiss, near_misses

CASES = [c for c in load_all_cases(paths.rule_cases_dir()) if c.case.expect.status != "eligible"]
AMOUNT = re.compile(r"€ ?([\d.,]+)")


def _suggestions(navigator: Navigator, loaded: LoadedCase) -> list[NearMiss]:
    book = navigator.rulebook
    answers = make_answers(loaded.case.answers)
    return near_misses(
        book, book.rules[loaded.instrument], answers, loaded.case.on, navigator.actions
    )


def _check_sentences(text: str) -> None:
    assert text[0].isupper(), text
    assert text.endswith("."), text
    assert "{" not in text and "}" not in text, text
    assert not re.search(r"\. (en|and) ", text), text  # sentences are never glued with "and"
    for raw in AMOUNT.findall(text):
        digits = re.sub(r"[.,]", "", raw)
        assert int(digits) >= 1000, f"no meaningful amount in: {text}"


def test_near_miss_texts_of_every_rule_case_are_whole_true_sentences(
    navigator: Navigator,
) -> None:
    checked = 0
    for loaded in CASES:
        answers = loaded.case.answers
        for miss in _suggestions(navigator, loaded):
            for lang in ("nl", "en"):
                _check_sentences(miss.text(lang))
                for change in miss.changes:
                    _check_sentences(change.text(lang))
            for change in miss.changes:
                field = change.action.field
                current = answers.get(field)
                already = (
                    change.value in listed(make_answers(answers), field)
                    if change.action.add is not None
                    else current == change.value
                )
                assert not already, (loaded.instrument, loaded.case.name, change.action.id)
            checked += 1
    assert checked > 50, "the rule cases should exercise many near misses"


def test_a_researcher_is_never_told_to_work_with_a_knowledge_institution(
    navigator: Navigator,
) -> None:
    researchers = [
        c
        for c in CASES
        if c.case.answers.get("role") == "researcher"
        or c.case.answers.get("organisation_type") == "knowledge_institution"
    ]
    assert researchers
    for loaded in researchers:
        for miss in _suggestions(navigator, loaded):
            ids = {change.action.id for change in miss.changes}
            assert "collaborate_with_knowledge_institution" not in ids, loaded.case.name


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_two_changes_read_as_two_sentences(navigator: Navigator, lang: str) -> None:
    answers = make_answers(
        {
            "role": "entrepreneur",
            "organisation_type": "private_company",
            "employees_fte": 12,
            "annual_turnover_eur": 2_000_000,
            "province": "utrecht",
            "does_own_rd": True,
            "project_started": False,
            "applies_as_consortium": False,
            "collaboration": ("none",),
        }
    )
    book = navigator.rulebook
    misses = near_misses(
        book, book.rules["eurostars"], answers, CASES[0].case.on, navigator.actions
    )
    multi = [m for m in misses if len(m.changes) > 1]
    for miss in multi:
        text = miss.text(lang)
        assert text.startswith("Samen:" if lang == "nl" else "Together:")
        _check_sentences(text)
