"""``python -m explorer.app.launch run ...``: Streamlit's command line, with the heavy modules loaded first.

Streamlit imports a page's modules when the first reader opens it; importing the
driver, pandas and the explorer's library here, before the server starts, spares
that reader a second or more.
"""

import sys

import neo4j  # noqa: F401
import pandas  # noqa: F401
from streamlit.web import cli

from explorer import alliance, export, i18n, network, render  # noqa: F401
from explorer.introductions import brokers, explain, paths  # noqa: F401

render.preload()

if __name__ == "__main__":
    sys.exit(cli.main())
