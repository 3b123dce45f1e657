"""Sums of money as people write them (graph.text.money), on every sum the articles state."""

from __future__ import annotations

import pytest

from graph.text.money import money


# Each sum of data/ as its article writes it, from its exact value.
@pytest.mark.parametrize("value, approximation, written", [
    (3_800_000_000, None, "£3.8bn"),     # 003: "The Better Care Fund of £3.8bn"
    (5_300_000_000, None, "£5.3bn"),     # 003: "bringing the fund up to £5.3bn"
    (1_500_000_000, None, "£1.5bn"),     # 003: "promise a further £1.5bn for the fund"
    (10_000_000_000, None, "£10bn"),     # 002: "£10bn should be identified"
    (1_200_000, None, "£1.2m"),          # 001: "an extra £1.2m of funding"
    (90_000, None, "£90,000"),           # 001: "£90,000 each"
    (1_000_000_000, "up to", "up to £1bn"),      # 004: "approaching £1bn"
    (280_000_000, "about", "about £280m"),       # 004: "around £280m"
    (580_000_000, None, "£580m"), (800_000_000, None, "£800m"),
])
def test_the_articles_sums(value, approximation, written):
    assert money(value, "GBP", approximation) == written


def test_other_currencies_and_odd_sums():
    assert (money(2500, "EUR"), money(12.5), money(1_260_000), money(-3e9)) == ("€2,500", "£12.50", "£1.26m", "£-3bn")
    assert money(7, "CHF") == "7 CHF"


def test_describe_shows_the_sum_as_written_and_keeps_the_exact_value(kg):
    from graph.kg.describe import describe
    from graph.rdf.namespaces import KG

    amounts = sorted((f.object, f.value, f.currency) for f in describe(kg, KG["integration-pioneers"]) if f.value is not None)
    assert amounts == [("£1.2m: extra funding announced", 1_200_000.0, "GBP"), ("£90,000: extra funding per pioneer site", 90_000.0, "GBP")]
