# The doors: make demo, make test, make bench, make lint.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DEMO_LEDGER ?= demo-ledger
DEMO_PORT   ?= 8000

.PHONY: setup system-deps demo test soak bench eval train lint docs clean lock audit

# Every dependency comes from requirements.lock, pinned with its hashes (`make lock` writes
# it from pyproject.toml); our own package is installed without dependencies.
$(STAMP): pyproject.toml requirements.lock requirements-pip.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-pip.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

setup: $(STAMP)

system-deps:
	bash scripts/system-deps.sh

demo: setup
	bash scripts/system-deps.sh report
	rm -rf $(DEMO_LEDGER) $(DEMO_LEDGER)-export $(DEMO_LEDGER)-report $(DEMO_LEDGER)-open-data $(DEMO_LEDGER)-capture-copy
	$(BIN)/rightsledger init $(DEMO_LEDGER)
	$(BIN)/rightsledger ingest $(DEMO_LEDGER) demo/documents --manifest demo/manifest.csv
	$(BIN)/rightsledger sources $(DEMO_LEDGER)
	$(BIN)/rightsledger sources $(DEMO_LEDGER) --duplicates
	$(BIN)/rightsledger search $(DEMO_LEDGER) "Lachin corridor"
	$(BIN)/rightsledger search $(DEMO_LEDGER) "Степанакерт"
	$(BIN)/rightsledger candidates $(DEMO_LEDGER) --limit 6
	RL=$(BIN)/rightsledger bash demo/records.sh $(DEMO_LEDGER)
	RL=$(BIN)/rightsledger bash demo/media.sh $(DEMO_LEDGER)
	RL=$(BIN)/rightsledger bash demo/inquiries.sh $(DEMO_LEDGER)
	RL=$(BIN)/rightsledger PY=$(PY) bash demo/capture.sh $(DEMO_LEDGER)
	RL=$(BIN)/rightsledger bash demo/report.sh $(DEMO_LEDGER)
	$(BIN)/rightsledger verify $(DEMO_LEDGER)
	@echo
	@echo "The demo ledger is in ./$(DEMO_LEDGER). In another terminal, try:"
	@echo "  $(BIN)/rightsledger review $(DEMO_LEDGER)          # decide on proposed incidents"
	@echo "  $(BIN)/rightsledger incident $(DEMO_LEDGER) 14     # claims side by side, grade and why"
	@echo "  $(BIN)/rightsledger search $(DEMO_LEDGER) Susa"
	@echo "The report is in ./$(DEMO_LEDGER)-report (report.pdf, report.html, press-release.md),"
	@echo "the public open data in ./$(DEMO_LEDGER)-open-data; check them with"
	@echo "  $(BIN)/rightsledger verify-export $(DEMO_LEDGER)-report --key $(DEMO_LEDGER).pub"
	@echo
	$(BIN)/rightsledger users add $(DEMO_LEDGER) admin --role admin
	@echo "Sign in at http://127.0.0.1:$(DEMO_PORT)/ as admin with the password above and the code"
	@echo "from an authenticator app, or from: $(BIN)/rightsledger users code $(DEMO_LEDGER) admin (Ctrl-C stops)."
	$(BIN)/rightsledger serve $(DEMO_LEDGER) --port $(DEMO_PORT)

test: setup system-deps
	$(PY) -m pytest

# The heavier variants of the promises' tests (docs/security.md): 50 kills on SQLite and 20
# on PostgreSQL, 10,000 tamper mutations, 1,000 Schemathesis cases per API operation.
soak: setup system-deps
	RIGHTSLEDGER_SOAK=1 $(PY) -m pytest tests/evidence/test_kill.py tests/evidence/test_tamper.py \
		tests/web/test_api_fuzz.py tests/evidence/test_bombs.py

bench: setup system-deps
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev,bench]'
	$(PY) benchmarks/run.py

lock: setup
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 \
		--no-header -o requirements.lock

audit: setup
	bash scripts/audit.sh

lint: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy src

docs: setup
	$(PY) scripts/gen_docs.py

clean:
	rm -rf $(VENV) $(DEMO_LEDGER) $(DEMO_LEDGER)-export $(DEMO_LEDGER)-report $(DEMO_LEDGER)-open-data $(DEMO_LEDGER).pub .pytest_cache

eval: setup
	$(PY) eval/run.py $(EVAL_ARGS)

# The learned components of extraction, from the labelled development set (eval/devset):
# src/rightsledger/extract/models/*.json, the same bytes from the same labels.
train: setup
	$(PY) scripts/train.py
