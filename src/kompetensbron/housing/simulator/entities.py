"""The simulated things of :mod:`~kompetensbron.housing.simulator.engine`: students, homes and
vacancies (``__slots__`` classes, mutated by the event loop), the student states and the event kinds."""

from __future__ import annotations

__all__ = ["GONE", "HOUSED", "PENDING", "REGISTERED", "WAITING", "Home", "Student", "Vacancy"]

PENDING, REGISTERED, WAITING, HOUSED, GONE = range(5)
(
    E_COHORT,
    E_REGISTER,
    E_ADMIT,
    E_PASSIVE,
    E_FREEZE,
    E_UNPARK,
    E_GRADUATE,
    E_PUBLISH,
    E_ANSWER,
    E_MOVE_OUT,
    E_RETRY,
    E_ACTIVE,
) = range(12)


class Student:
    __slots__ = (
        "admit",
        "contract_day",
        "declines",
        "frozen",
        "grad",
        "key",
        "member",
        "parked_total",
        "parked_until",
        "passive",
        "pending",
        "reg",
        "sid",
        "state",
        "tb",
        "version",
        "wants",
    )

    def __init__(
        self, sid: int, reg: int, admit: int, grad: int, member: bool, wants: tuple[int, ...], tb: float
    ) -> None:
        self.sid, self.reg, self.admit, self.grad, self.member, self.wants, self.tb = (
            sid,
            reg,
            admit,
            grad,
            member,
            wants,
            tb,
        )
        self.state = PENDING
        self.passive = False
        self.key = 0.0
        self.version = 0
        self.declines = 0
        self.parked_until = -1
        self.parked_total = 0
        self.pending = 0
        self.frozen: float | None = None
        self.contract_day = -1


class Home:
    __slots__ = ("hid", "last_tenant", "move_out_day", "next_end", "next_tenant", "tenant", "type", "vacant_since")

    def __init__(self, hid: int, type_index: int) -> None:
        self.hid, self.type = hid, type_index
        self.tenant = -1
        self.next_tenant = -1
        self.last_tenant = -1
        self.move_out_day = 0
        self.next_end = 0
        self.vacant_since = 0


class Vacancy:
    __slots__ = ("candidates", "home", "offered")

    def __init__(self, home: Home) -> None:
        self.home = home
        self.offered: set[int] = set()
        self.candidates: list[int] = []
