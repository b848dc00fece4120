"""The review queue, in one place for the faces: facts proposed in batches, each accepted or rejected.

A batch (:class:`Proposal`) cites one source (a reader's suggestion, or the facts read from an
article); its items are new entities (:class:`ProposedEntity`), new ties
(:class:`ProposedTie`) and changes to facts already in the graph (:class:`ProposedChange`:
edit, retire, confirm). A tie names its ends by the ``ref`` of an entity of the same batch, or
by the id of an entity in the graph. Accepting writes the facts as
:mod:`explorer.curation.facts` does (same checks, same messages), citing the batch's source
with the item's paragraph and quoted sentence; proposing, accepting and rejecting are each
recorded in the history. The records live in ``batches``, the decisions in ``decisions``.
"""

from __future__ import annotations

from explorer.curation.batches import (
    Item,
    Proposal,
    ProposedChange,
    ProposedEntity,
    ProposedTie,
    get_proposal,
    items_from,
    open_proposals,
    propose,
)
from explorer.curation.decisions import Decision, accept, reject

__all__ = [
    "Decision",
    "Item",
    "Proposal",
    "ProposedChange",
    "ProposedEntity",
    "ProposedTie",
    "accept",
    "get_proposal",
    "items_from",
    "open_proposals",
    "propose",
    "reject",
]
