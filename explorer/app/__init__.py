"""The Streamlit explorer: ``main.py`` lists the pages; ``common.py`` holds what they share."""
