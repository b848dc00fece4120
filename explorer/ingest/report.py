"""What ``explorer ingest`` says of an article read and queued: the JSON contract and the text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from explorer.ingest.entities import FoundEntity
from explorer.ingest.proposals import Ingested
from explorer.ingest.reader import Reading
from explorer.ingest.ties import FoundTie

__all__ = ["as_json", "summary_lines"]


# -- JSON -----------------------------------------------------------------------------------


def _entity_json(entity: FoundEntity, reading: Reading) -> dict[str, Any]:
    first = entity.mentions[0] if entity.mentions else None
    linked = entity.id if entity.sure and entity.id else None
    return {
        "mention": first.text if first else entity.name,
        "id": linked,
        "proposed": None
        if linked
        else {"id": entity.proposed_id, "name": entity.name, "kind": entity.kind, "country": entity.country},
        "candidates": [{"id": c.id, "name": c.name, "kind": c.kind} for c in entity.candidates],
        "link": entity.how,
        "mentions": len(entity.mentions),
        "paragraph": entity.first_paragraph(reading.sentences),
    }


def _tie_json(tie: FoundTie, reading: Reading) -> dict[str, Any]:
    start, end = reading.entities[tie.start], reading.entities[tie.end]
    return {
        "from": start.ref,
        "to": end.ref,
        "type": tie.type,
        "status": tie.status,
        "since": tie.since,
        "evidence": tie.evidence,
        "sentence": tie.quote,
        "paragraph": tie.paragraph,
        "confidence": tie.confidence,
        **({"properties": tie.properties} if tie.properties else {}),
    }


def as_json(ingested: Ingested) -> dict[str, Any]:
    """The contract of ``explorer ingest --format json``."""
    reading = ingested.reading
    source = {k: v for k, v in ingested.source.items() if k not in ("paragraphs",)}
    return {
        "source": {**source, "paragraphs": len(reading.paragraphs), "exists": ingested.source_exists},
        "language": reading.lang,
        "seconds": round(reading.seconds, 3),
        "entities": [_entity_json(e, reading) for e in reading.entities],
        "ties": [_tie_json(t, reading) for t in reading.ties],
        "queued": {
            "proposal": ingested.proposal.id if ingested.proposal else None,
            "entities": len(ingested.entities),
            "ties": len(ingested.ties),
            "edits": len(ingested.edits),
            "already_in_graph": ingested.known,
            "proposed_before": ingested.repeated,
        },
    }


# -- text ------------------------------------------------------------------------------------


def summary_lines(ingested: Ingested, *, seconds: float | None = None) -> Sequence[str]:
    """``--format text``: what was read, found and queued."""
    reading = ingested.reading
    src = ingested.source
    lines = [
        f"Read “{src['title']}” ({'French' if reading.lang == 'fr' else 'English'}, "
        f"{len(reading.paragraphs)} paragraphs, {len(reading.sentences)} sentences) "
        f"in {reading.seconds:.1f} s",
        "",
        f"Entities: {len(reading.entities)}",
    ]
    for entity in reading.entities:
        where = f"¶{entity.first_paragraph(reading.sentences)}"
        country = f", {entity.country}" if entity.country else ""
        if entity.id and entity.sure:
            lines.append(f"  {entity.name} = {entity.id} ({entity.kind}) {where}")
        elif entity.candidates:
            choices = " or ".join(f"{c.name} ({c.id})" for c in entity.candidates)
            lines.append(f"  {entity.mentions[0].text}: {choices}? ({entity.how}) {where}")
        else:
            lines.append(f"  new: {entity.name} ({entity.kind}{country}) as {entity.proposed_id} {where}")
    lines += ["", f"Ties: {len(reading.ties)}"]
    for n, tie in enumerate(reading.ties, start=1):
        start, end = reading.entities[tie.start], reading.entities[tie.end]
        extra = [tie.status]
        if tie.since:
            extra.append(f"since {tie.since}")
        if tie.evidence != "stated":
            extra.append(tie.evidence)
        extra += [f"{k} {v}" for k, v in tie.properties.items()]
        lines.append(
            f"  {n}. {start.name} -{tie.type}-> {end.name} [{', '.join(extra)}] "
            f"¶{tie.paragraph} ({tie.confidence:.2f})"
        )
        lines.append(f"     “{tie.quote}”")
    lines.append("")
    if ingested.proposal is not None:
        lines.append(
            f"Queued for review as proposal #{ingested.proposal.id}: {len(ingested.entities)} entities, "
            f"{len(ingested.ties)} ties, {len(ingested.edits)} changes to ties the map holds "
            "(explorer review list; the /review page). Nothing is in the graph yet."
        )
    elif ingested.nothing_new:
        lines.append("Nothing new to review: the graph holds these facts or they were proposed before.")
    else:
        lines.append(
            f"Not queued (preview): {len(ingested.entities)} entities and {len(ingested.ties)} ties "
            "would be proposed."
        )
    if ingested.known or ingested.repeated:
        lines.append(
            f"Already in the graph: {ingested.known} ties; proposed before: {ingested.repeated} items."
        )
    return lines
