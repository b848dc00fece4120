"""Every default and bound of the explorer, in one place: the CLI, the pages and the library use these."""

from __future__ import annotations

#: Rows per UNWIND batch when loading: large enough to amortise each round trip, small enough to pipeline.
BATCH_SIZE = 5_000

#: Seconds a query may run: from the command line, and from the explorer's pages.
CLI_TIMEOUT = 30.0
UI_TIMEOUT = 15.0
#: Rows returned before a result is cut (with a notice).
ROW_CAP = 1_000
#: Bytes of values (about: characters of text) returned before a result is cut (with a notice),
#: so that a few huge rows cannot fill the memory of the command or the pages.
RESULT_SIZE = 32 << 20
#: Records a user's query streams at a time: a result cut early leaves little for the server to discard.
FETCH_SIZE = 100
#: Facts a load must write before the server's statistics are resampled and its cached plans
#: dropped: small loads barely change the graph, and dropping the plans makes every next
#: query compile again.
REPLAN_FACTS = 1_000
#: Seconds a load's transactions may run (loads set their own limit; the local database
#: gives any other transaction an hour).
LOAD_TIMEOUT = 24 * 3600.0
#: Rows a load writes in one transaction: small enough for the default heap, large enough that
#: commits cost little.
LOAD_CHUNK = 50_000
#: Seconds after which the load of another database user, whose mark has not moved, counts as
#: dead (the transactions of another user cannot be seen).
LOAD_STALE = 600.0
#: Graph layouts remembered, so that a view drawn before shows at once.
LAYOUTS = 64

#: Introduction paths: how many, and at most how many hops.
PATHS_K = 5
MAX_PATHS_K = 50
#: The pages show at most this many paths (a list, not a report).
MAX_PAGE_K = 20
PATHS_HOPS = 6
#: Paths searched per path shown when the paths offering someone new to ask come first (the
#: reordering picks among them).
PATHS_POOL = 2
MAX_PATHS_HOPS = 12
#: Relationships a search reads before it stops and says its ranking may be incomplete.
WORK_BUDGET = 400_000

#: The team that "us" stands for: at most this many entities named (EXPLORER_TEAM), and the
#: entities of an asker's side read at most (its people and the organisations they lead).
MAX_TEAM = 100
MAX_SIDE = 10_000
#: Asks for introductions: days until an ask is due for a follow-up when no day is given, and
#: asks a list shows at most.
ASK_FOLLOW_UP_DAYS = 14
ASKS_LIMIT = 500

#: Brokers: how many, within how many hops, drawn from how many entities per group.
BROKERS_TOP = 10
BROKERS_HOPS = 4
MAX_BROKERS_HOPS = 6
BROKERS_SAMPLE = 100
MAX_BROKERS_SAMPLE = 10_000

#: The network page: entities drawn at most, and hops around a focus.
VIEW_LIMIT = 300
MAX_VIEW_LIMIT = 3_000
MAX_VIEW_DEPTH = 4
#: Network views (and their drawings) kept once for every reader of the explorer's process.
SHARED_VIEWS = 32
#: Seconds the session of a closed tab is kept, for a tab that lost its connection (Streamlit's own).
SESSION_GRACE = 120

#: Entity search: matches listed.
SEARCH_LIMIT = 10

#: Curation: facts one change may touch (an entity retired with its ties, a merge), and the
#: change records a history page or command lists.
CURATION_MAX_FACTS = 5_000
#: Facts a load may have added or changed and still be undone in one change.
LOAD_UNDO_MAX_FACTS = 20_000
HISTORY_LIMIT = 200
#: Longest reason, quote and note a change may carry.
MAX_REASON = 2_000

#: Articles read by `explorer ingest` and the "Add an article" page: the largest file accepted
#: (HTML pages are bulky) and the most characters of text once the markup is gone.
INGEST_MAX_BYTES = 2_000_000
INGEST_MAX_CHARACTERS = 100_000
#: Seconds one article may take to read, in a worker process stopped from outside when the time
#: is up; and seconds a worker may take to get ready (its language model, the graph's names).
INGEST_TIMEOUT = 90.0
INGEST_PREPARE = 180.0
#: Articles read at once, by as many worker processes (shared by every session of the pages):
#: one more is refused, not queued.
INGEST_WORKERS = 2
#: Entities of the graph read as the names an article may mention (one read, cached by data version).
INGEST_MAX_NAMES = 500_000

#: Characters of a sentence a fact card quotes from a source's attached text.
QUOTE_LENGTH = 320
#: Time: the history rewound for ``--known-on`` and "what changed" reads at most this many change
#: records, and keeps at most this many facts' earlier states (a larger rewind is refused).
REWIND_MAX_CHANGES = 20_000
REWIND_MAX_FACTS = 500_000
#: "What changed": the facts listed at most in each part (began, ended, changed...).
CHANGES_LIMIT = 2_000
#: Ties that began or ended in a window read at most (each part then lists ``CHANGES_LIMIT``).
CHANGES_SCAN = 50_000
