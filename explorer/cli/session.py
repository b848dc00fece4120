"""What one command needs: settings, and a driver built on first use and closed at exit."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from explorer.cli.output import say

if TYPE_CHECKING:  # the driver is imported only by the commands that connect
    import neo4j

    from explorer.config import Settings
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
            from explorer.localdb.connecting import local_settings

            self._settings = local_settings()
        return self._settings

    @property
    def driver(self) -> neo4j.Driver:
        """The driver, made on first use; a load that died is then dealt with (taken back, or
        finished), and said in one line."""
        if self._driver is None:
            from neo4j.exceptions import Forbidden

            from explorer.database.errors import translated
            from explorer.loaders.publish import recover
            from explorer.localdb.connecting import connect

            driver = connect(self.settings)
            self._driver = driver
            with translated(self.settings):  # unreachable, refused...: one line, as for any query
                try:
                    recovered = recover(driver, self.settings)
                except Forbidden:  # a reader may not take a load back: the next writer does
                    recovered = None
            if recovered is not None:
                say(recovered.message())
        return self._driver

    @property
    def resolver(self) -> Resolver:
        from explorer.resolve import Resolver

        return Resolver(self.driver, self.settings)

    def close(self) -> None:
        if self._driver is not None:
            self._driver.close()


pass_session = click.make_pass_decorator(Session, ensure=True)
