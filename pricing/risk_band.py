"""The risk band on the team tariff: all banded assumptions drawn at once.

:func:`tariff_band` draws the assumptions of :func:`pricing.sensitivity.assumptions` that are in
the band (independent triangular distributions low - current - high, fixed seed) and reports the
10th, 50th and 90th percentile of the tariff. It does not rerun the engine per draw:
:class:`~pricing.tariff_model.TariffModel` is the engine's team tariff written as a closed form of
these assumptions, given the per-line salaries and personnel costs of one engine run (see its
docstring); the tests hold it against the engine at drawn points.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Sequence
from itertools import repeat, starmap

from pricing.benchmark import BenchmarkSet
from pricing.costprice import CostPriceResult
from pricing.money import cents, format_eur
from pricing.record import Record
from pricing.sensitivity import Assumption, assumptions
from pricing.tariff_model import TariffModel

DEFAULT_SEED = 20260701
DEFAULT_DRAWS = 20_000


def percentiles(values: Sequence[float], percents: tuple[float, ...]) -> tuple[float, ...]:
    """``np.percentile(values, percents)`` (its default, linear method) on a 1-d sequence, to the bit.

    Written out so the band needs no numpy; tests hold it against np.percentile.
    """
    return _percentiles_of_sorted(sorted(map(float, values)), percents)


def _percentiles_of_sorted(ordered: list[float], percents: tuple[float, ...]) -> tuple[float, ...]:
    """:func:`percentiles` of floats already in ascending order."""
    last = len(ordered) - 1
    out = []
    for percent in percents:
        virtual = last * (percent / 100)
        below = min(max(math.floor(virtual), 0), last)
        above = min(below + 1, last)
        gamma = virtual - below if 0 <= virtual < last else 0.0
        a, b = ordered[below], ordered[above]
        diff = b - a
        out.append(b - diff * (1 - gamma) if gamma >= 0.5 else a + diff * gamma)
    return tuple(out)


class TariffBand(Record, frozen=True):
    p10: float
    p50: float
    p90: float
    tariff: float
    method: str
    seed: int
    draws: int
    keys: tuple[str, ...]  # the assumptions drawn

    def sentence(self) -> str:
        """What the band means and what it does not, in Dutch."""
        return (
            f"Als elke aanname hierboven los van de andere ergens binnen haar bandbreedte ligt (meest "
            f"waarschijnlijk bij de gebruikte waarde), ligt het tarief in 8 van de 10 gevallen tussen "
            f"{format_eur(self.p10)} en {format_eur(self.p90)} per uur. Dat is geen "
            f"betrouwbaarheidsinterval en geen voorspelling: de band volgt alleen uit de gekozen "
            f"bandbreedtes, die deels aannames zijn. Cao-lonen, premies, pensioen en de indexatie van "
            f"latere jaren zitten er niet in."
        )


def band_ranges(chosen: tuple[Assumption, ...]) -> tuple[Assumption, ...]:
    """The assumptions drawn for the band, in a fixed order (by key) so a seed gives one result."""
    return tuple(sorted((a for a in chosen if a.in_band), key=lambda a: a.key))


def triangular(uniforms: Iterable[float], low: float, mode: float, high: float) -> list[float]:
    """Triangular draws (low, mode, high) by the inverse distribution function of uniforms in [0, 1)."""
    base = high - low
    ratio = (mode - low) / base
    left, right = (mode - low) * base, (high - mode) * base
    sqrt = math.sqrt
    return [low + sqrt(u * left) if u <= ratio else high - sqrt((1.0 - u) * right) for u in uniforms]


def draw(chosen: tuple[Assumption, ...], draws: int, seed: int) -> dict[str, list[float]]:
    """Independent triangular draws (low, current value, high) per assumption.

    Where the current value lies outside the stated range (e.g. a productivity above the band),
    the triangle is stretched to include it, so the current value stays the most likely one. The
    uniforms come from Python's Mersenne Twister (``random.Random(seed).random()``, whose sequence
    Python keeps reproducible across versions), in the fixed order of :func:`band_ranges`.
    """
    uniform = random.Random(seed).random
    out = {}
    for a in band_ranges(chosen):
        low, high = min(a.low, a.central), max(a.high, a.central)
        if high - low <= 0.0:
            out[a.key] = [a.central] * draws
        else:
            # starmap calls uniform() from C: the same sequence, in the same order, about twice as fast;
            # read as it is drawn, without a list of the uniforms first.
            out[a.key] = triangular(starmap(uniform, repeat((), draws)), low, a.central, high)
    return out


def tariff_band(
    result: CostPriceResult,
    chosen: tuple[Assumption, ...] | None = None,
    bset: BenchmarkSet | None = None,
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
) -> TariffBand:
    """10th, 50th and 90th percentile of the team tariff over independent draws of the ranges."""
    chosen = chosen if chosen is not None else assumptions(result, bset)
    samples = draw(chosen, draws, seed)
    tariffs = TariffModel.of(result).tariff(samples) if samples else [result.team.tariff_per_hour] * draws
    # floats (budget / hours): sorted as they are, without percentiles()' conversion of each
    p10, p50, p90 = _percentiles_of_sorted(sorted(tariffs), (10, 50, 90))
    method = (
        f"Monte Carlo: {draws:,} trekkingen".replace(",", ".")
        + ", per aanname een onafhankelijke driehoeksverdeling (laag – gebruikte waarde – hoog); "
        "10e, 50e en 90e percentiel van het tarief per uur"
    )
    return TariffBand(p10, p50, p90, result.team.tariff_per_hour, method, seed, draws, tuple(samples))


def band_json(band: TariffBand) -> dict[str, object]:
    return {
        "p10": cents(band.p10),
        "p50": cents(band.p50),
        "p90": cents(band.p90),
        "method": band.method,
        "seed": band.seed,
        "draws": band.draws,
        "assumptions": list(band.keys),
        "text": band.sentence(),
    }
