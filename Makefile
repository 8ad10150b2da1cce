# Two commands for a fresh machine with Python 3.11+ and make: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint pytest fuzz bench bench-text model serve clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/kasuhara demo

test: lint pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

# Tests run in 4 parallel processes (each with its own databases, ports and temporary files): most of a
# test's time is waiting on loopback servers, so even 2 cores keep 4 busy. The browser
# tests' chromium and axe-core are installed first when missing (scripts/ensure-browser-tools).
pytest: $(STAMP)
	scripts/ensure-browser-tools
	scripts/ensure-mail-servers
	$(BIN)/pytest -q -n 4

# Property-based tests of every inbound surface, 10,000 examples each (PostgreSQL too with TEST_DATABASE_URL).
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest -q -s tests/fuzz

bench: $(STAMP)
	$(BIN)/python -m bench.run
	$(BIN)/python -m bench.slack_ack
	$(BIN)/python -m bench.hostile
	$(BIN)/python -m bench.form_bench
	$(BIN)/python -m bench.voice_bench
	$(BIN)/python -m bench.mail_bench

# How reading complainant text grows with its length (exits 1 if anything grows superlinearly; ~40 min).
bench-text: $(STAMP)
	$(BIN)/python -m bench.text_scaling

# The learned engine's model from training/ and eval/classification*.jsonl (deterministic; ~1 min).
model: $(STAMP)
	$(BIN)/kasuhara classifier train

serve: $(STAMP)
	$(BIN)/kasuhara serve

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache .hypothesis
