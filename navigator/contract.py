"""The JSON contract of ``shared/reference/profile.md``: parse a request, render a response.

Used by both ``POST /api/v1/recommendations`` and ``navigator recommend``, so the API and the
CLI accept the same input, give the same errors and print the same JSON.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from navigator.advice.advise import Advice
from navigator.advice.route import RouteStep
from navigator.domain.answers import Answers, FieldError, InvalidInput, parse_answers
from navigator.domain.consistency import contradictions
from navigator.domain.preferences import amount_fit
from navigator.domain.vocabulary import FIELDS
from navigator.recommend import Recommendation, Result
from navigator.rules.nearmiss import NearMiss

REQUEST_KEYS = ("answers", "on", "dont_know")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
MAX_BODY_BYTES = 64 * 1024


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not valid JSON")


def decode_json(raw: bytes | str) -> object:
    """Decode strict JSON (no NaN or Infinity).

    Raises:
        InvalidInput: with the parser's message under the field ``body``.
    """
    if len(raw) > MAX_BODY_BYTES:
        raise InvalidInput([FieldError("body", f"is larger than {MAX_BODY_BYTES} bytes")])
    try:
        return json.loads(raw, parse_constant=_reject_constant)
    except (ValueError, RecursionError) as error:
        raise InvalidInput([FieldError("body", f"is not valid JSON: {error}")]) from None


def parse_date(value: object, field: str = "on") -> date:
    """Parse an ISO date (YYYY-MM-DD).

    Raises:
        InvalidInput: when the value is not an ISO calendar date.
    """
    # Only YYYY-MM-DD: date.fromisoformat also takes week dates ("2026-W01-1") and others.
    if isinstance(value, str) and ISO_DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise InvalidInput([FieldError(field, "must be a date in the form YYYY-MM-DD")])


@dataclass(frozen=True)
class Request:
    """A validated request: the answers, the evaluation date and the "I don't know" answers.

    ``dont_know`` lists the answers fields the applicant said they do not know, in the order
    given. The rules treat them as unanswered, as an absent field; only the echo differs.
    """

    answers: Answers
    on: date
    dont_know: tuple[str, ...] = ()


def _clip(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


def parse_dont_know(
    value: object, answered: Collection[str]
) -> tuple[tuple[str, ...], list[FieldError]]:
    """Validate ``dont_know``: a list of answers field names, each once and none answered.

    Args:
        value: the request's ``dont_know`` (null or absent: none).
        answered: the fields given a value (not null) in ``answers``.

    Returns:
        The field names, and one error per wrong item (under the field ``dont_know``).
    """
    if value is None:
        return (), []
    if not isinstance(value, list):
        return (), [FieldError("dont_know", "must be a list of answers field names")]
    names: list[str] = []
    errors = []
    for item in value:
        if not isinstance(item, str) or item not in FIELDS:
            errors.append(
                FieldError("dont_know", f"{_clip(str(item))!r} is not a known answers field")
            )
        elif item in names:
            errors.append(FieldError("dont_know", f"{item!r} is listed twice"))
        elif item in answered:
            errors.append(
                FieldError(
                    "dont_know", f"{item!r} is also answered in 'answers'; give one of the two"
                )
            )
        else:
            names.append(item)
    return tuple(names), errors


def read_request(body: object, *, today: date, known_ids: Collection[str]) -> Request:
    """Validate a decoded request ``{"answers": {...}, "on": "YYYY-MM-DD", "dont_know": [...]}``.

    Raises:
        InvalidInput: with every field error found.
    """
    if not isinstance(body, dict):
        raise InvalidInput([FieldError("body", "must be a JSON object with 'answers' and 'on'")])
    errors = [
        FieldError(str(key)[:40], "is not a known request field; put answers inside 'answers'")
        for key in body
        if key not in REQUEST_KEYS
    ]
    on = today
    if body.get("on") is not None:
        try:
            on = parse_date(body["on"])
        except InvalidInput as invalid:
            errors += invalid.errors
    raw = body.get("answers", {})
    try:
        answers = parse_answers(raw, on=on, known_ids=known_ids)
    except InvalidInput as invalid:
        errors += invalid.errors
    else:
        errors += contradictions(answers)
    given = [k for k, v in raw.items() if v is not None] if isinstance(raw, dict) else []
    dont_know, wrong = parse_dont_know(body.get("dont_know"), given)
    errors += wrong
    if errors:
        raise InvalidInput(errors)
    return Request(answers, on, dont_know)


def errors_json(invalid: InvalidInput) -> dict[str, Any]:
    """Return the error body of a 400 response."""
    return {"errors": [e.as_dict() for e in invalid.errors]}


def _reasons(result: Result, lang: str) -> list[dict[str, Any]]:
    evaluation = result.evaluation
    reasons: list[dict[str, Any]] = []
    if evaluation.via is not None:
        text = "Via " + evaluation.via.get(lang)
        reasons.append({"condition": "via", "outcome": "met", "text": text})
    for reason in evaluation.reasons:
        entry: dict[str, Any] = {
            "condition": reason.condition,
            "outcome": reason.outcome.value,
            "text": reason.text.get(lang),
            "source_url": reason.source_url,
        }
        if reason.missing:
            entry["missing"] = list(reason.missing)
        reasons.append(entry)
    return reasons


def amounts_json(result: Result, on: date, lang: str) -> list[dict[str, Any]]:
    """Return the instrument's amounts that hold on the evaluation date."""
    return [
        {
            "label": a.label.get(lang),
            "min_eur": a.min_eur,
            "max_eur": a.max_eur,
            "percentage": a.percentage,
            "year": a.year,
            "scope": a.scope,
            "indicative": a.indicative,
        }
        for a in result.candidate.instrument.amounts_on(on)
    ]


def availability_json(result: Result) -> dict[str, Any]:
    """Return whether one can apply now, from when, and until when."""
    state = result.availability
    return {
        "state": state.state,
        "opens_on": state.opens_on.isoformat() if state.opens_on else None,
        "closes_on": state.closes_on.isoformat() if state.closes_on else None,
        "expected": state.expected,
    }


def amount_fit_json(result: Result, answers: Answers, on: date) -> dict[str, Any]:
    """Return how the amount sought compares with the instrument's award range."""
    fit = amount_fit(answers, result.candidate.instrument, on)
    return {"fit": fit.fit, "need_eur": fit.need, "min_eur": fit.low, "max_eur": fit.high}


def result_json(result: Result, lang: str, on: date, answers: Answers) -> dict[str, Any]:
    """Return one result in the contract's shape (plus documented extras).

    Extras: ``group`` (open, opens, closed, other_form, advice, unknown, ineligible, ended),
    ``availability``, ``funding_form_accepted`` (null when not asked), ``amount_fit``,
    ``award`` (how it is granted) and ``audience`` (whom the deciding track is for).
    """
    evaluation = result.evaluation
    instrument = result.candidate.instrument
    return {
        "instrument_id": instrument.id,
        "name": instrument.name.get(lang),
        "status": evaluation.status.value,
        "rank": result.rank,
        "score": result.score.value,
        "route": evaluation.route,
        "via": evaluation.via.get(lang) if evaluation.via else None,
        "track": evaluation.track,
        "kind": instrument.kind,
        "reasons": _reasons(result, lang),
        "missing": list(evaluation.missing),
        "amounts": amounts_json(result, on, lang),
        "why": [text.get(lang) for text in result.score.why],
        "group": result.group,
        "availability": availability_json(result),
        "funding_form_accepted": result.form_accepted,
        "amount_fit": amount_fit_json(result, answers, on),
        "award": instrument.award,
        "audience": list(evaluation.audience),
    }


def near_miss_json(miss: NearMiss, lang: str) -> dict[str, Any]:
    """Return one verified near miss: the changes that would make the instrument eligible."""
    return {
        "text": miss.text(lang),
        "changes": [
            {"action": c.action.id, "field": c.action.field, "value": c.value, "text": c.text(lang)}
            for c in miss.changes
        ],
        "effort": miss.effort,
    }


def _step_json(step: RouteStep, lang: str) -> dict[str, Any]:
    return {
        "instrument_id": step.instrument.id,
        "name": step.instrument.name.get(lang),
        "status": step.status.value,
        "basis": step.evidence,
        "after": list(step.after),
        "near_miss": near_miss_json(step.near_miss, lang) if step.near_miss else None,
        "note": step.note.get(lang) if step.note else None,
    }


def advice_json(advice: Advice, lang: str = "nl", dont_know: Sequence[str] = ()) -> dict[str, Any]:
    """Return the whole response body: results plus route, warnings, calendar and questions.

    ``dont_know`` is echoed as given: the fields answered "I don't know".
    """
    recommendation = advice.recommendation
    results = []
    for result in recommendation.results:
        entry = result_json(result, lang, recommendation.evaluated_on, recommendation.answers)
        misses = advice.near_misses.get(result.evaluation.instrument_id, [])
        entry["near_misses"] = [near_miss_json(m, lang) for m in misses]
        results.append(entry)
    return {
        "catalogue_version": recommendation.catalogue_version,
        "evaluated_on": recommendation.evaluated_on.isoformat(),
        "dont_know": list(dont_know),
        "fingerprint": advice.fingerprint,
        "results": results,
        "funding_route": {
            phase: [_step_json(s, lang) for s in advice.route.phase(phase)]
            for phase in ("now", "next", "later")
        },
        "warnings": [
            {
                "id": w.id,
                "level": w.level,
                "instruments": list(w.instruments),
                "text": w.text.get(lang),
                "source_url": w.source_url,
                "quality": w.quality,
            }
            for w in advice.warnings
        ],
        "next_questions": [{"field": f, "decides": n} for f, n in advice.next_questions],
        "calendar": [
            {
                "instrument_id": e.instrument.id,
                "state": e.state,
                "dates": [
                    {"date": d.due.isoformat(), "kind": d.kind, "label": d.label.get(lang)}
                    for d in e.dates
                ],
            }
            for e in advice.calendar
        ],
    }


def recommendation_json(
    recommendation: Recommendation, lang: str = "nl", dont_know: Sequence[str] = ()
) -> dict[str, Any]:
    """Return the whole response body (``dont_know`` echoed as in ``advice_json``)."""
    return {
        "catalogue_version": recommendation.catalogue_version,
        "evaluated_on": recommendation.evaluated_on.isoformat(),
        "dont_know": list(dont_know),
        "results": [
            result_json(r, lang, recommendation.evaluated_on, recommendation.answers)
            for r in recommendation.results
        ],
    }
