// The schema of Cluster Atlas, applied before every load (each statement is idempotent).
// One uniqueness constraint on `id` per label (constraints come first: MERGE needs them),
// and a full-text index on names that ignores case and accents.

CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT cluster_id IF NOT EXISTS FOR (n:Cluster) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT company_id IF NOT EXISTS FOR (n:Company) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT institute_id IF NOT EXISTS FOR (n:Institute) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT organization_id IF NOT EXISTS FOR (n:Organization) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT alliance_id IF NOT EXISTS FOR (n:Alliance) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT initiative_id IF NOT EXISTS FOR (n:Initiative) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT city_id IF NOT EXISTS FOR (n:City) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT country_id IF NOT EXISTS FOR (n:Country) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT source_id IF NOT EXISTS FOR (n:Source) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT data_version_id IF NOT EXISTS FOR (n:DataVersion) REQUIRE n.id IS UNIQUE;

// Curation: retired entities keep their id (never reused), retired ties are found by their
// identity (start|TYPE|end), change records by number, proposals and their facts by id.
CREATE CONSTRAINT retired_id IF NOT EXISTS FOR (n:Retired) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT retired_tie_key IF NOT EXISTS FOR (n:RetiredTie) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT change_id IF NOT EXISTS FOR (n:Change) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT change_log_id IF NOT EXISTS FOR (n:ChangeLog) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT proposal_id IF NOT EXISTS FOR (n:Proposal) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT proposed_key IF NOT EXISTS FOR (n:Proposed) REQUIRE n.key IS UNIQUE;
CREATE INDEX change_at IF NOT EXISTS FOR (n:Change) ON (n.at);
CREATE INDEX change_undoes IF NOT EXISTS FOR (n:Change) ON (n.undoes);
CREATE INDEX retired_tie_start IF NOT EXISTS FOR (n:RetiredTie) ON (n.start);
CREATE INDEX retired_tie_end IF NOT EXISTS FOR (n:RetiredTie) ON (n.end);
CREATE INDEX proposed_state IF NOT EXISTS FOR (n:Proposed) ON (n.state);
CREATE INDEX proposed_proposal IF NOT EXISTS FOR (n:Proposed) ON (n.proposal);
// The introduction workflow: asks by number (found by their introducer, for rankings that learn
// from past outcomes, and by state), willingness marks by the entity they are about.
CREATE CONSTRAINT ask_id IF NOT EXISTS FOR (n:Ask) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT willingness_entity IF NOT EXISTS FOR (n:Willingness) REQUIRE n.entity IS UNIQUE;
CREATE INDEX ask_introducer IF NOT EXISTS FOR (n:Ask) ON (n.introducer);
CREATE INDEX ask_state IF NOT EXISTS FOR (n:Ask) ON (n.state);
// What each load changed, so that it can be undone (what it added is found by a scan: an
// index on the mark would double the memory a large load's transaction needs).
CREATE INDEX load_before IF NOT EXISTS FOR (n:LoadBefore) ON (n.load);
// A load under way: the nodes it adds, out of sight until it is published (found by id by the
// links of the same load), the rows it keeps aside, and the one mark of where it stands.
CREATE CONSTRAINT loading_id IF NOT EXISTS FOR (n:Loading) REQUIRE n.id IS UNIQUE;
CREATE INDEX load_step IF NOT EXISTS FOR (n:LoadStep) ON (n.load);
CREATE CONSTRAINT load_mark_id IF NOT EXISTS FOR (n:LoadMark) REQUIRE n.id IS UNIQUE;

CREATE FULLTEXT INDEX entity_names IF NOT EXISTS
FOR (n:Entity) ON EACH [n.name, n.name_fr, n.aliases]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}};

// Countries are filtered on often.
CREATE INDEX entity_country IF NOT EXISTS FOR (n:Entity) ON (n.country);
