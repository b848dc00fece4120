"""The Streamlit explorer: ``main.py`` lists the pages, ``views/`` holds one file a page, and the
modules beside them what the pages share (state, connection, frame, widgets, forms)."""
