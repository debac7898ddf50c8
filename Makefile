# packparse: `make run` sets up and extracts the bundled sample; `make test` sets up and runs the tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CORPUS ?= ../shared/corpus
SAMPLE := samples/example_pack.pdf

.PHONY: install run test eval bench lint schema sample clean system-deps install-ocr install-browser

# OCR=1 adds tesseract (for `extract --ocr` and its tests); BROWSER=1 adds Chromium (the review page's
# browser tests); CI runs `make test OCR=1 BROWSER=1`.
install: $(STAMP) $(if $(filter 1,$(OCR)),install-ocr) $(if $(filter 1,$(BROWSER)),install-browser)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	$(BIN)/pip install --quiet --no-deps 'openstates==6.25.6'  # Open States' event validator (tests/interop.py)
	@$(MAKE) --no-print-directory system-deps
	@touch $(STAMP)

# Ghostscript repairs PDFs whose page tree is broken; optional (packparse warns without it).
system-deps:
	@if ! command -v gs >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && apt-get install -y -qq ghostscript) >/dev/null 2>&1 \
	      && echo "installed ghostscript" || echo "note: could not install ghostscript; damaged PDFs will not be repaired"; \
	  else echo "note: ghostscript (gs) not found; damaged PDFs will not be repaired"; fi; \
	fi

# OCR for scanned pages (`packparse extract --ocr`): tesseract does the work; ocrmypdf comes along for
# people who want a searchable PDF too. Not part of `make install` unless OCR=1.
install-ocr:
	@if command -v tesseract >/dev/null 2>&1; then echo "tesseract is installed: $$(command -v tesseract)"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr ocrmypdf >/dev/null \
	    && echo "installed tesseract-ocr and ocrmypdf"; \
	else echo "install tesseract-ocr (and optionally ocrmypdf) with your package manager, as root" >&2; exit 1; fi

# Headless Chromium for the tests that open `packparse review` pages (tests/test_review_browser.py drives
# /usr/bin/chromium over the DevTools protocol; no Python package, no browser download). About a minute
# with apt, as root. Not part of `make install` unless BROWSER=1.
install-browser:
	@if command -v chromium >/dev/null 2>&1; then echo "chromium is installed: $$(command -v chromium)"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
	    && echo "installed chromium"; \
	else echo "install chromium with your package manager, as root (the browser tests skip without it)" >&2; exit 1; fi

run: install
	$(BIN)/packparse extract $(SAMPLE) -o out/example_pack.json
	@echo "wrote out/example_pack.json"

test: install
	$(BIN)/ruff check src tests samples
	$(BIN)/pytest

eval: install
	$(BIN)/python -m packparse.evaluation $(CORPUS) -o .eval/results.json

bench: install
	$(BIN)/python -m packparse.bench $(CORPUS) -o .bench/results.json

lint: install
	$(BIN)/ruff check src tests samples

schema: install
	$(BIN)/packparse schema -o schemas

sample: install
	$(BIN)/python samples/make_sample.py

clean:
	rm -rf $(VENV) out .eval .bench .pytest_cache .ruff_cache
