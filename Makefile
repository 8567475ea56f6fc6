# The résumé: `make` builds the web site and the PDF; `make test` runs the tests.
# The first run creates .venv from requirements.txt and installs the Debian
# packages the PDF needs (apt-packages.txt); nothing else needs setting up.

PYTHON      ?= $(shell command -v python3.11 || command -v python3)
VENV        ?= .venv
BIN         := $(VENV)/bin
SPHINXOPTS  ?= -n -W --keep-going
SOURCEDIR   := .
BUILDDIR    := _build
SPHINXBUILD := $(BIN)/sphinx-build
PDF         := $(BUILDDIR)/latex/heungsub-lee.pdf
# `make pdf PAPER=letter` for US Letter; A4 otherwise.
PAPEROPT    := $(if $(PAPER),-D latex_elements.papersize=$(PAPER)paper)

.PHONY: all help html pdf latexpdf live clean test apt

all: html pdf

help:
	@echo "make          build the HTML site ($(BUILDDIR)/html) and the PDF ($(PDF))"
	@echo "make html     the HTML site only"
	@echo "make pdf      the PDF only (also: make latexpdf)"
	@echo "make live     serve the site with live reload while you edit"
	@echo "make test     run the tests"
	@echo "make clean    remove $(BUILDDIR)"

# The virtualenv is brought up to date whenever a requirements file changes.
$(BIN)/.installed: requirements.txt tests/requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt -r tests/requirements.txt
	touch $@

# Debian packages: TeX for the PDF, and what the tests use.
apt:
	tools/apt-install apt-packages.txt

# The site links the PDF beside its pages: each target puts it there when both exist.
html: $(BIN)/.installed
	$(SPHINXBUILD) -b html $(SPHINXOPTS) $(SOURCEDIR) $(BUILDDIR)/html
	if [ -f $(PDF) ]; then cp $(PDF) $(BUILDDIR)/html/; fi

pdf: $(BIN)/.installed apt
	$(SPHINXBUILD) -M latexpdf $(SOURCEDIR) $(BUILDDIR) $(SPHINXOPTS) $(PAPEROPT)
	if [ -d $(BUILDDIR)/html ]; then cp $(PDF) $(BUILDDIR)/html/; fi

latexpdf: pdf

live: $(BIN)/.installed
	$(BIN)/sphinx-autobuild $(SPHINXOPTS) --watch _ext --re-ignore "/(\.venv|\.git|\.pytest_cache|_build|tests)/" $(SOURCEDIR) $(BUILDDIR)/html

clean:
	rm -rf $(BUILDDIR)

test: $(BIN)/.installed tests/node_modules/.installed
	tools/apt-install apt-packages.txt tests/apt-packages.txt
	$(BIN)/python -m pytest

# The Nu HTML Checker for the tests, pinned in tests/package-lock.json. Its install
# script would fetch a Java runtime of its own: Debian's (tests/apt-packages.txt) runs it.
tests/node_modules/.installed: tests/package.json tests/package-lock.json
	npm ci --prefix tests --ignore-scripts --no-audit --no-fund
	touch $@
