"""PDF rendering survives a broken render process: the PDF is made in-process instead."""

from __future__ import annotations

from concurrent.futures.process import BrokenProcessPool

from navigator import pdf


class _Broken:
    def submit(self, *args, **kwargs):
        raise BrokenProcessPool("the child died")


def test_a_broken_pool_falls_back_and_is_made_anew(monkeypatch) -> None:
    monkeypatch.setattr(pdf, "_POOLS", [_Broken()])
    document = pdf.render_pdf("<p>Navigator</p>")
    assert document.startswith(b"%PDF")
    assert pdf._POOLS == []  # the next render starts a fresh process
