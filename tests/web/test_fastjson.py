"""orjson writes the same JSON documents as Flask's own provider."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import numpy as np
from flask import Flask
from flask.json.provider import DefaultJSONProvider

from navigator.web.fastjson import OrjsonProvider


@dataclass
class _Point:
    x: int
    label: str


def test_documents_equal_flasks_own() -> None:
    app = Flask(__name__)
    fast, standard = OrjsonProvider(app), DefaultJSONProvider(app)
    document = {
        "b": [1, 2.5, None, True, "é → ✓"],
        "a": {"z": date(2026, 1, 15), "y": datetime(2026, 1, 15, 9, 30)},
        "n": Decimal("1.10"),
        "u": uuid.UUID(int=7),
        "p": _Point(3, "drie"),
    }
    assert json.loads(fast.dumps(document)) == json.loads(standard.dumps(document))
    assert list(json.loads(fast.dumps(document))) == ["a", "b", "n", "p", "u"]  # sorted
    assert json.loads(fast.dumps({3: "x"})) == json.loads(standard.dumps({3: "x"}))
    assert json.loads(fast.dumps({"score": np.float64(0.25)})) == {"score": 0.25}
    with app.test_request_context():
        response = fast.response(document)
        assert response.mimetype == "application/json"
        assert response.get_json() == json.loads(standard.dumps(document))
