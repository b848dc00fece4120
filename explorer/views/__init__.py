"""What the pages and the command line show, read from the graph: the network, an entity's details,
sources, the alliance."""
