# Two commands on a fresh machine:
#   make setup   Python environment, LanguageTool jars (from Maven Central); the model ships in models/
#   make test    everything the tests need (idempotent), then the whole test suite
#   make wheel-check   build the wheel, install it in a fresh environment, repair the seed with the model

PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
LT_VERSION := $(shell sed -n 's:.*<languagetool.version>\(.*\)</languagetool.version>.*:\1:p' repair/grammar/pom.xml)
REPAIR_CACHE ?= $(HOME)/.cache/repair
LT_DIR ?= $(REPAIR_CACHE)/languagetool-$(LT_VERSION)

.PHONY: setup python languagetool test test-fast bench eval docs wheel-check ocr-tables

setup: python languagetool

python: $(BIN)/.installed

$(BIN)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[model,eval,test,notebook,ray]'
	touch $@

languagetool: $(LT_DIR)/.complete

$(LT_DIR)/.complete: repair/grammar/pom.xml
	mvn -q -B -f repair/grammar/pom.xml dependency:copy-dependencies -DoutputDirectory="$(LT_DIR)"
	touch $@

test: setup
	$(BIN)/pytest -q

test-fast: python
	$(BIN)/pytest -q -m "not integration"

bench: python
	$(BIN)/python bench/detectors.py

eval: setup
	$(BIN)/repair eval --suite all

docs: python
	$(BIN)/python -m repair.cli.reference
	$(BIN)/python -m repair.grammar.tables

wheel-check: setup
	PYTHON=$(PYTHON) .ci/wheel-check

# The OCR detector's shipped tables (committed; rebuild only when their sources change):
# the bigram model from clean text fetched into $(REPAIR_CACHE), the confusion table
# from the OCR training documents in ../shared/data. See docs/ocr.md.
ocr-tables: python
	$(BIN)/python -m repair.lm.build --fetch
	$(BIN)/python -m repair.lm.build
	$(BIN)/python -m repair.train.ocr_confusions
