# The résumé: `make` builds the web site and the PDF; `make test` runs the tests.
# The first run creates .venv from requirements.txt; nothing else needs setting up.

PYTHON      ?= $(shell command -v python3.11 || command -v python3)
VENV        ?= .venv
BIN         := $(VENV)/bin
SPHINXOPTS  ?= -n -W --keep-going
SOURCEDIR   := .
BUILDDIR    := _build
SPHINXBUILD := $(BIN)/sphinx-build

.PHONY: all help html live clean test

all: html

help:
	@echo "make          build the HTML site into $(BUILDDIR)/html"
	@echo "make html     the HTML site only"
	@echo "make live     serve the site with live reload while you edit"
	@echo "make test     run the tests"
	@echo "make clean    remove $(BUILDDIR)"

# The virtualenv is rebuilt whenever a requirements file changes.
$(BIN)/.installed: requirements.txt tests/requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt -r tests/requirements.txt
	touch $@

html: $(BIN)/.installed
	$(SPHINXBUILD) -b html $(SPHINXOPTS) $(SOURCEDIR) $(BUILDDIR)/html

live: $(BIN)/.installed
	$(BIN)/sphinx-autobuild $(SPHINXOPTS) --watch _ext --watch _static $(SOURCEDIR) $(BUILDDIR)/html

clean:
	rm -rf $(BUILDDIR)

test: $(BIN)/.installed
	$(BIN)/python -m pytest
