"""The engine's team tariff as a closed form of the banded assumptions (:class:`TariffModel`).

Given the per-line salaries and personnel costs of one engine run, it prices a change of the
norms without rerunning the engine: the tornado (:mod:`pricing.sensitivity`) prices its norm bars
with it and the risk band (:mod:`pricing.risk_band`) every draw. The tests hold it against the
engine at drawn points.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from operator import truediv

from pricing.costprice import CostPriceResult
from pricing.record import Record


class TariffModel(Record, frozen=True):
    """The engine's team tariff as a closed form of the banded assumptions.

    From :mod:`pricing.costprice`, per staff line l with FTE f_l, billable hours B_l and personnel
    cost P_l per FTE: the cost price per hour is K_l = (P_l x g + M + R) / B_l, with g = 1 + pct
    (overhead as mark-up) or 1 / (1 - pct) (share), M material and R reporting costs per FTE. The
    tariff per hour is K_l x (1 + risk + innovation + s), where the reserve surcharge s collects
    exactly the yearly reserve amount A from the staffing. So the staffing's budget is
    (1 + risk + innovation) x sum f_l (P_l g + M + R) + A and the team tariff is that over
    sum f_l B_l. The assumptions enter as follows:

    * other personnel costs o: P_l = P_l0 - o_0 S_l + o S_l (S_l the annual salary), a term
      linear in o; in simple mode the on-cost f gives P_l = S_l (1 + f);
    * productivity p: productive hours = p x contract hours (B_l: times the client-bound share when
      only client-bound hours are billed); sick leave is part of the productivity and is not drawn
      separately, so it does not count twice;
    * overhead from cost lines (amount L) that is not varied: sum f_l P_l g = sum f_l P_l + L.

    Everything else (salaries, IKB, premiums, pension) stays as the engine computed it once.

    Every assumption enters the staffing's sums linearly, so the sums over the lines are taken once
    (:meth:`of`) and a draw only scales them: time and memory grow with lines plus draws, not with
    their product. Plain Python floats: the command line then needs no numpy (about 90 ms of its
    start-up), and 20.000 draws take a few milliseconds.
    """

    salaries: float  # sum f_l S_l
    fixed_personnel: float  # sum f_l (P_l0 - o_0 S_l); 0 in simple mode
    total_fte: float  # sum f_l
    contract_hours: float  # sum f_l x contract hours per FTE
    productive_hours: float  # sum f_l x productive hours per FTE
    central: dict[str, float | None]  # flat_oncost_pct is None without a flat on-cost (self.flat)
    flat: bool
    convention: str
    overhead_lines_total: float | None  # L when overhead is built from cost lines
    client_bound: bool
    reserve_amount: float

    @classmethod
    def of(cls, result: CostPriceResult) -> TariffModel:
        norms = result.scenario.norms
        lines = result.lines
        central = {
            "productivity": result.hours.productivity,
            "overhead.pct": result.overhead_pct,
            "other_personnel_pct": norms.other_personnel_pct,
            "flat_oncost_pct": norms.flat_oncost_pct,
            "material_per_fte": norms.material_per_fte,
            "reporting_per_fte": norms.reporting_per_fte,
            "risk_pct": norms.risk_pct,
            "innovation_pct": norms.innovation_pct,
            "client_bound_share": norms.client_bound_share,
        }
        reserve = result.reserve.annual_amount if result.reserve is not None and result.reserve.surcharge else 0.0
        other = norms.other_personnel_pct
        return cls(
            salaries=math.fsum(l.fte * l.cost.annual_salary for l in lines),
            fixed_personnel=0.0
            if norms.flat_oncost_pct is not None
            else math.fsum(l.fte * (l.cost.personnel_cost_per_fte - other * l.cost.annual_salary) for l in lines),
            total_fte=math.fsum(l.fte for l in lines),
            contract_hours=math.fsum(l.fte * l.hours.contract for l in lines),
            productive_hours=math.fsum(l.fte * l.hours.productive for l in lines),
            central=central,
            flat=norms.flat_oncost_pct is not None,
            convention=result.overhead_convention,
            overhead_lines_total=sum(o.amount for o in norms.overhead_lines) if norms.overhead_lines else None,
            client_bound=norms.billable == "client_bound",
            reserve_amount=reserve,
        )

    def tariff(self, values: Mapping[str, Sequence[float] | float]) -> list[float]:
        """Team tariff per hour for each draw; ``values`` maps assumption keys to sequences (or numbers)."""
        budget, hours = self.staffing(values)
        return list(map(truediv, budget, hours))  # b / h per draw, in C

    def staffing(self, values: Mapping[str, Sequence[float] | float]) -> tuple[list[float], list[float]]:
        """(staffing's budget per year, billable hours per year) for each draw, as lists.

        A number in ``values`` (or an assumption left out: its central value) holds for every draw.
        """
        sizes = {len(v) for v in values.values() if not isinstance(v, (int, float))}
        if len(sizes) > 1:
            raise ValueError(f"ongelijke aantallen trekkingen: {sorted(sizes)}")
        n = sizes.pop() if sizes else 1

        def get(key: str) -> Sequence[float]:
            value = values[key] if key in values else self.central[key]
            # Only flat_oncost_pct can be None, and it is read only when self.flat (it is given then).
            assert value is not None
            if isinstance(value, (int, float)):
                return [float(value)] * n
            return value if isinstance(value, list) else list(map(float, value))

        salaries = self.salaries
        if self.flat:
            staff_personnel = [salaries * (1.0 + f) for f in get("flat_oncost_pct")]
        else:
            fixed = self.fixed_personnel
            staff_personnel = [fixed + salaries * o for o in get("other_personnel_pct")]
        if "overhead.pct" not in values and self.overhead_lines_total is not None:
            lines_total = self.overhead_lines_total
            with_overhead = [p + lines_total for p in staff_personnel]
        elif self.convention == "share":
            with_overhead = [p * (1.0 / (1.0 - pct)) for p, pct in zip(staff_personnel, get("overhead.pct"))]
        else:
            with_overhead = [p * (1.0 + pct) for p, pct in zip(staff_personnel, get("overhead.pct"))]
        total_fte, reserve = self.total_fte, self.reserve_amount
        budget = [
            (1.0 + risk + innovation) * (p + total_fte * (material + reporting)) + reserve
            for p, material, reporting, risk, innovation in zip(
                with_overhead,
                get("material_per_fte"),
                get("reporting_per_fte"),
                get("risk_pct"),
                get("innovation_pct"),
            )
        ]
        if "productivity" in values:
            hours = [self.contract_hours * p for p in get("productivity")]
        elif "productive_shift" in values:  # the same hours per FTE more on every line (sick leave)
            hours = [self.productive_hours + total_fte * s for s in get("productive_shift")]
        else:
            hours = [self.productive_hours] * n
        if self.client_bound:
            hours = [h * share for h, share in zip(hours, get("client_bound_share"))]
        return budget, hours

    def at(self, key: str, value: float) -> tuple[float, float]:
        """(team tariff per hour, staff budget per year) with one assumption at ``value``."""
        budget, hours = self.staffing({key: value})
        return budget[0] / hours[0], budget[0]
