"""Sums of money as people write them: "£3.8bn", "£1.2m", "£90,000", "about £280m".

The data keeps every sum exactly (``schema:value 3800000000.0 ; schema:currency "GBP"``), and so
do the machine formats (SPARQL results, exports); what a person reads (``carekg describe``, the
map's details panel, the notebooks' tables and charts) shows it as the articles write it, with
:func:`money`.  Billions are "bn" and millions "m", to three significant figures, as the trade
press writes them; smaller sums are written out with thousands separators.

Examples
--------
>>> [money(v) for v in (3.8e9, 5.3e9, 1e10, 1.2e6, 280e6, 90000, 1_260_000, 12.5)]
['£3.8bn', '£5.3bn', '£10bn', '£1.2m', '£280m', '£90,000', '£1.26m', '£12.50']
>>> money(1e9, approximation="up to"), money(2500, "EUR"), money(40, "XYZ")
('up to £1bn', '€2,500', '40 XYZ')
"""

from __future__ import annotations

SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$"}


def money(value, currency: str = "GBP", approximation: str | None = None) -> str:
    """``value`` in ``currency`` (an ISO 4217 code) as people write it, after the approximation
    in words ("about", "up to", "at least") if there is one (see the module docstring)."""
    x = float(value)
    if abs(x) >= 1e9:
        amount = f"{x / 1e9:.3g}bn"
    elif abs(x) >= 1e6:
        amount = f"{x / 1e6:.3g}m"
    elif x == int(x):
        amount = f"{int(x):,}"
    else:
        amount = f"{x:,.2f}"
    symbol = SYMBOLS.get(str(currency))
    text = f"{symbol}{amount}" if symbol else f"{amount} {currency}"
    return f"{approximation} {text}" if approximation else text


__all__ = ["money", "SYMBOLS"]
