"""The review queue, in one place for the faces: proposed changes in batches, each accepted (as
proposed or corrected) or rejected, and acceptances undone.

A batch (:class:`Proposal`) cites one source (a reader's suggestion, or the facts read from an
article); each item (:class:`Proposed`) holds one typed change request. A tie names its ends
by the ``ref`` of an entity of the same batch, or by the id of an entity in the graph.
Accepting writes the changes as :mod:`explorer.curation.facts` does (same checks, same
messages), citing the batch's source with the item's paragraph and quoted sentence;
proposing, accepting, rejecting and undoing are each recorded in the history. The records
live in ``batches``, the decisions in ``decisions``.
"""

from __future__ import annotations

from explorer.curation.batches import (
    Item,
    Proposal,
    Proposed,
    get_proposal,
    items_from,
    open_count,
    open_proposals,
    propose,
)
from explorer.curation.decisions import Decision, NewEnd, accept, reject, tie_update

__all__ = [
    "Decision",
    "Item",
    "NewEnd",
    "Proposal",
    "Proposed",
    "accept",
    "get_proposal",
    "items_from",
    "open_count",
    "open_proposals",
    "propose",
    "reject",
    "tie_update",
]
