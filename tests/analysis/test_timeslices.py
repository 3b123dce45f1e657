"""Time slices and kernels (graph.analysis.timeslices), on hand-worked values."""

from __future__ import annotations

import math

import pytest

from graph.analysis.discourse import one_mode, two_mode
from graph.analysis.timeslices import KERNELS, kernel_weight, networks_over_time, placed, stance_weight, time_slices
from graph.errors import ParameterError

from ..stances import rec


@pytest.mark.parametrize("kernel, u, expected", [
    ("uniform", 0.0, 0.5), ("uniform", 0.99, 0.5), ("uniform", -1.0, 0.5), ("uniform", 1.01, 0.0),
    ("triangular", 0.25, 0.75), ("triangular", -0.25, 0.75),   # DNA's |1 - u| would give 0.75 and 1.25
    ("triangular", 1.0, 0.0), ("triangular", 0.5, 0.5),
    ("epanechnikov", 0.5, 0.5625),                              # 3/4 (1 - 1/4)
    ("epanechnikov", -0.5, 0.5625), ("epanechnikov", 1.5, 0.0),
    ("gaussian", 0.0, 1 / math.sqrt(2 * math.pi)),              # 0.39894
    ("gaussian", 1.0, math.exp(-0.5) / math.sqrt(2 * math.pi)),  # 0.24197
    ("gaussian", 3.0, math.exp(-4.5) / math.sqrt(2 * math.pi)),  # never 0
])
def test_kernel_values(kernel, u, expected):
    assert kernel_weight(kernel, u) == pytest.approx(expected)


@pytest.mark.parametrize("kernel", KERNELS)
def test_every_kernel_is_a_symmetric_density(kernel):
    step = 0.0005
    grid = [i * step for i in range(-12000, 12001)]   # u from -6 to 6
    assert sum(kernel_weight(kernel, u) for u in grid) * step == pytest.approx(1.0, abs=2e-3)
    assert all(kernel_weight(kernel, u) == kernel_weight(kernel, -u) for u in grid[::97])


def test_a_stance_over_a_month_weighs_the_kernels_mean_over_its_days():
    # Dated "2015-01": days 1..31, mid-point the 16th, window 62 days: u = 2 (d - 16) / 62 = (d - 16) / 31.
    # Triangular mean over delta = -15..15 of 1 - |delta| / 31 = 1 - 2 (1 + ... + 15) / (31 * 31) = 1 - 240/961.
    r = rec("a", "p", "support", date="2015-01")
    assert stance_weight(r, "2015-01-16", 62, "days", "triangular") == pytest.approx(721 / 961)
    # One day, at the mid-point: the kernel's peak.
    assert stance_weight(rec("a", "p", "support", date="2015-01-16"), "2015-01-16", 62, "days", "triangular") == 1.0


def test_moving_window_counts_overlap_or_within():
    r = rec("a", "p", "support", date="2015")   # the whole year
    assert stance_weight(r, "2015-01-01", 2, "months", None) == 1
    assert stance_weight(r, "2015-01-01", 2, "months", None, dates="within") == 0
    assert stance_weight(r, "2015-07-01", 14, "months", None, dates="within") == 1


def test_a_stance_with_an_open_start_is_in_no_slice():
    recalled = dict(rec("a", "p", "support", date=None), latest="2015-12-31")
    ok, out = placed([recalled, rec("b", "p", "support")])
    assert [r.actor for r in ok] == ["ex:b"] and [r.actor for r in out] == ["ex:a"]
    assert stance_weight(recalled, "2015-06-01", 120, "months", "gaussian") == 0.0


def test_month_slices_fall_on_calendar_months_and_indent_keeps_them_inside():
    recs = [rec("a", "p", "support", date="2014-06-05"), rec("b", "p", "support", date="2014-08-20")]
    assert [s.mid for s in time_slices(recs, 1, "months")] == ["2014-06-01", "2014-07-01", "2014-08-01"]
    # Indented by half a window (30 days): mid-points from 2014-07-05 to 2014-07-21, and no first of a month between.
    assert time_slices(recs, 2, "months", indent=True) == []
    later = recs + [rec("c", "p", "support", date="2014-10-20")]   # now 2014-07-05 to 2014-09-20
    assert [s.mid for s in time_slices(later, 2, "months", indent=True)] == ["2014-08-01", "2014-09-01"]
    assert [s.mid for s in time_slices(recs, 1, "weeks", step=4)] == ["2014-06-05", "2014-07-03", "2014-07-31"]


@pytest.mark.parametrize("size, unit, step", [(0, "months", 1), (-2, "days", 1), (3, "fortnights", 1), (3, "days", 0), (3, "days", 1.5)])
def test_bad_windows_are_one_clear_error(size, unit, step):
    with pytest.raises(ParameterError):
        time_slices([rec("a", "p", "support")], size, unit, step)


def test_kernel_networks_share_one_node_set_and_weigh_pairs_by_the_root_of_the_product():
    recs = [rec("a", "p", "support", date="2015-01-01"), rec("b", "p", "support", date="2015-01-01"),
            rec("c", "p", "oppose", date="2015-03-01")]
    out = networks_over_time(recs, one_mode, 3, "months", kernel="triangular", qualifier="congruence", normalization="average")
    assert [o["slice"].mid for o in out] == ["2015-01-01", "2015-02-01", "2015-03-01"]
    assert all(set(o["graph"]) == {"ex:a", "ex:b", "ex:c"} for o in out)
    # A window of 3 months is 91.31 days.  January: a and b at the mid-point (z = 1 each), c 59 days off
    # (u = 2 * 59 / 91.31 > 1): z = 0.
    # Congruence sqrt(1 * 1) = 1 over average activity (1 + 1) / 2 = 1.
    jan = out[0]["graph"]
    assert jan.edges["ex:a", "ex:b"]["weight"] == pytest.approx(1.0) and jan.number_of_edges() == 1
    assert out[0]["stances"] == sorted(r["stance"] for r in recs[:2])
    # February: a, b at -31 days, c at +28 days; triangular z = 1 - 62/91.31 = 0.3210 and 1 - 56/91.31 = 0.3867;
    # the a-b congruence sqrt(z z) / z = 1 whatever z: the normalisation does not depend on the kernel's scale;
    # a-c conflict sqrt(0.3210 * 0.3867) / ((0.3210 + 0.3867) / 2) = 0.9955.
    feb = out[1]["graph"]
    assert feb.edges["ex:a", "ex:b"]["weight"] == pytest.approx(1.0)
    za, zc = 1 - 62 / (3 * 365.2425 / 12), 1 - 56 / (3 * 365.2425 / 12)
    conflict = networks_over_time(recs, one_mode, 3, "months", kernel="triangular", qualifier="conflict", normalization="average")
    assert conflict[1]["graph"].edges["ex:a", "ex:c"]["weight"] == pytest.approx(math.sqrt(za * zc) / ((za + zc) / 2))


def test_two_mode_slices_sum_the_kernel_weights():
    recs = [rec("a", "p", "support", date="2015-01-01"), rec("a", "p", "support", date="2015-01-16", source="ex:s2")]
    out = networks_over_time(recs, two_mode, 60, "days", kernel="triangular", qualifier="ignore")
    first = next(o for o in out if o["slice"].mid == "2015-01-01")
    # At the mid-point z = 1; fifteen days later u = 2 * 15 / 60 = 0.5: z = 0.5.
    assert first["graph"].edges["ex:a", "ex:p"]["weight"] == pytest.approx(1.5)


def test_kernel_networks_refuse_a_normalisation_that_counts_stances():
    with pytest.raises(ParameterError, match="with a kernel use 'average' or 'no'"):
        networks_over_time([rec("a", "p", "support")], one_mode, 1, "months", normalization="jaccard")
    with pytest.raises(ParameterError, match="cannot be weighted"):
        networks_over_time([rec("a", "p", "support")], two_mode, 1, "months", qualifier="combine")
