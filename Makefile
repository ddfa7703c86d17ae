# Two commands a newcomer needs:  make site   and   make test
# Both set themselves up (virtualenv in .venv, package installed editable with test extras).

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: site test setup browser-deps demo-content golden bench-ingest bench-tagger bench-startup bench-extract bench-site bench-dates serve clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

## site: extract events from content/articles, validate the record, render site/
##       make site BASE_URL=/repo/ (or a full URL) builds for a sub-path, as Pages does
site: $(STAMP)
	$(BIN)/timeline extract --quiet
	$(BIN)/timeline check
	$(BIN)/timeline build $(if $(BASE_URL),--base-url $(BASE_URL))

## serve: local preview with live reload
serve: $(STAMP)
	$(BIN)/timeline serve

## test: the whole suite, browser tests included (installs Debian's chromium if missing)
test: $(STAMP) browser-deps
	$(BIN)/python -m pytest

browser-deps:
	@if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    echo "installing Debian's chromium for the browser tests"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null); \
	  else \
	    echo "chromium not found: install it (apt-get install chromium) for the browser tests"; exit 1; \
	  fi; \
	fi

## demo-content: re-ingest the two demo articles from ../shared (already committed in content/);
## The Star's page text never names the outlet (only its Bloomberg wire), so --source gives it
DEMO_RAW := ../shared/articles/hanoi-summit
demo-content: $(STAMP)
	$(BIN)/timeline ingest --force $(DEMO_RAW)/businesstimes-trump-kim-summit-ended-abruptly.txt
	$(BIN)/timeline ingest --force --source "The Star" $(DEMO_RAW)/thestar-trump-kim-summit-breaks-down.txt

## golden: refresh golden files after an intended change (review the diff!)
golden: $(STAMP)
	TIMELINE_UPDATE_GOLDEN=1 $(BIN)/python -m pytest -q tests -k golden

bench-tagger: $(STAMP)
	$(BIN)/python bench/tagger_bench.py

bench-startup: $(STAMP)
	$(BIN)/python bench/startup_bench.py

bench-ingest: $(STAMP)
	$(BIN)/python bench/ingest_bench.py

bench-extract: $(STAMP)
	$(BIN)/python bench/extract_bench.py

bench-site: $(STAMP)
	$(BIN)/python bench/site_bench.py

## bench-dates: Date-F1 of the extracted events' days against Timeline17's journalists' timelines
bench-dates: $(STAMP)
	$(BIN)/python bench/t17_datef1.py

clean:
	rm -rf site .pytest_cache .hypothesis
