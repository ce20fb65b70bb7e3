"""Column types that read a stored value they cannot make sense of without crashing.

RunnerUp writes only values it knows; a value it does not know was written by a newer
version or another program (an enum value: it reads as an unknown member), or is damage
(a date that is not a date, after bytes changed in the file): reading it is then a
:class:`StorageError` of the damaged kind, which stops writing and names the newest backup
(the engine puts its :class:`~runnerup_desktop.store.engine.Health` on its dialect), not a
``ValueError`` from deep inside a query.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Date, DateTime, String, Time, TypeDecorator

from runnerup_desktop.store.change import StorageError

#: The dialect attribute where the engine keeps its Health.
HEALTH = "runnerup_health"


class StoredEnum(TypeDecorator[Any]):
    """An enum column stored as its value (VARCHAR(32), as the migrations made it). A
    stored value this version does not know reads as an unknown member
    (:meth:`~runnerup_desktop.core.domain._Labelled.read`) instead of failing every read of
    the row; a value that is not one of the enum's is never written (the services refuse it
    first, with a sentence)."""

    impl = String(32)
    cache_ok = True

    def __init__(self, cls: type[Any]) -> None:
        super().__init__()
        self.enum_class = cls

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        if value is None:
            return None
        if isinstance(value, self.enum_class):
            return str(value.value)  # an unknown member is written back as it was
        return str(self.enum_class(value).value)

    def process_result_value(self, value: Any, dialect: Any) -> Any:
        return None if value is None else self.enum_class.read(value)

    @property
    def python_type(self) -> type[Any]:
        return self.enum_class


def damaged(dialect: Any) -> StorageError:
    """The refusal for a stored value that cannot be what RunnerUp wrote."""
    health = getattr(dialect, HEALTH, None)
    if health is not None:
        found: StorageError = health.refuse_damaged()
        return found
    return StorageError(
        "A stored value is not one RunnerUp wrote: the database file is damaged.",
        kind="damaged",
    )


class _Checked(TypeDecorator[Any]):
    """Its impl's result processing, with a value it cannot read sorted as damage."""

    cache_ok = True

    def result_processor(self, dialect: Any, coltype: Any) -> Callable[[Any], Any] | None:
        inner = self.impl_instance.result_processor(dialect, coltype)
        if inner is None:
            return None
        read: Callable[[Any], Any] = inner

        def process(value: Any) -> Any:
            if value is None:
                return None
            try:
                return read(value)
            except (ValueError, TypeError) as error:
                raise damaged(dialect) from error

        return process


class Day(_Checked):
    impl = Date
    cache_ok = True


class Moment(_Checked):
    impl = DateTime
    cache_ok = True


class TimeOfDay(_Checked):
    impl = Time
    cache_ok = True
