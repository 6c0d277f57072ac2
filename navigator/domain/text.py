"""Bilingual text and the strict base model used by all catalogue and rule data."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, field_validator

Lang = Literal["nl", "en"]
LANGS: tuple[Lang, ...] = ("nl", "en")


class Strict(BaseModel):
    """A frozen model that rejects unknown keys, so typos in data files fail loudly."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Text(Strict):
    """A text in Dutch and English; both are required."""

    nl: str
    en: str

    @field_validator("nl", "en")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value:
            raise ValueError("text must not be empty")
        return value

    def get(self, lang: str) -> str:
        """Return the text in ``lang``, falling back to Dutch."""
        return self.en if lang == "en" else self.nl
