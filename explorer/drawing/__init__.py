"""Drawing a graph: the graph document, layouts and placement, the offline page, exports."""
