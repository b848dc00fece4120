"""What one command needs: settings, and a driver built on first use and closed at exit."""

from __future__ import annotations

import click
import neo4j

from explorer.config import Settings
from explorer.localdb.connecting import connect, local_settings
from explorer.resolve import Resolver

__all__ = ["Session", "pass_session"]


class Session:
    """Settings, a driver and a resolver, made when a command first needs them."""

    def __init__(self) -> None:
        self._settings: Settings | None = None
        self._driver: neo4j.Driver | None = None

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = local_settings()
        return self._settings

    @property
    def driver(self) -> neo4j.Driver:
        if self._driver is None:
            self._driver = connect(self.settings)
        return self._driver

    @property
    def resolver(self) -> Resolver:
        return Resolver(self.driver, self.settings)

    def close(self) -> None:
        if self._driver is not None:
            self._driver.close()


pass_session = click.make_pass_decorator(Session, ensure=True)
