# The résumé: `make` builds the web site and the PDF; `make test` runs the tests.
# The first run creates .venv from requirements.txt and installs the Debian
# packages the PDF needs (apt-packages.txt); nothing else needs setting up.

PYTHON      ?= $(shell command -v python3.11 || command -v python3)
VENV        ?= .venv
BIN         := $(VENV)/bin
SPHINXOPTS  ?= -n -W --keep-going
# Options of sphinx-autobuild for `make live`, e.g. LIVEOPTS="--port 8001".
LIVEOPTS    ?=
SOURCEDIR   := .
BUILDDIR    := _build
SPHINXBUILD := $(BIN)/sphinx-build
# `make pdf PAPER=letter` for US Letter; A4 otherwise.
PAPEROPT    := $(if $(PAPER),-D latex_elements.papersize=$(PAPER)paper)
XELATEX     ?= xelatex -interaction=nonstopmode -halt-on-error -file-line-error

# The same commit gives the same files: the PDF's dates and ID (and the date
# in the .tex) come from the last commit unless SOURCE_DATE_EPOCH is set.
ifeq ($(origin SOURCE_DATE_EPOCH),undefined)
SOURCE_DATE_EPOCH := $(shell git log -1 --format=%ct 2>/dev/null)
endif
ifneq ($(SOURCE_DATE_EPOCH),)
export SOURCE_DATE_EPOCH
endif

.PHONY: all help html pdf latexpdf live clean test apt bench linkcheck update-deps

# HTML and PDF side by side: two Sphinx processes that share nothing (each
# has its own doctrees), one core each; their logs come out whole, one after
# the other.
all: $(BIN)/.installed
	@$(MAKE) --no-print-directory -j2 --output-sync=target html pdf

help:
	@echo "make          build the HTML site ($(BUILDDIR)/html) and the PDF ($(BUILDDIR)/latex)"
	@echo "make html     the HTML site only"
	@echo "make pdf      the PDF only (also: make latexpdf)"
	@echo "make live     serve the site with live reload while you edit"
	@echo "make test     run the tests"
	@echo "make clean    remove $(BUILDDIR)"
	@echo "make bench    time the builds (BENCHOPTS=--help for options)"
	@echo "make linkcheck  check every external link (needs the network)"
	@echo "make update-deps  refresh the pins in requirements.txt, then run the tests"

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
	for pdf in $(BUILDDIR)/latex/*.pdf; do if [ -f "$$pdf" ]; then cp "$$pdf" $(BUILDDIR)/html/; fi; done

# The PDF's name is conf.py's (latex_documents): each .tex that the LaTeX
# builder writes becomes the PDF of the same name.
# One xelatex run makes the final PDF: the bookmarks come in that run and
# nothing reads the .aux back, so the second run that latexmk would add
# changes nothing (tests/test_reproducible.py checks it).
pdf: $(BIN)/.installed apt
	$(SPHINXBUILD) -b latex -d $(BUILDDIR)/doctrees $(SPHINXOPTS) $(PAPEROPT) $(SOURCEDIR) $(BUILDDIR)/latex
	cd $(BUILDDIR)/latex && printf '%s\n' *.tex | xargs -P 2 -I {} sh -c '$(XELATEX) {} > /dev/null || { grep -A 3 "^\./" "$$(basename {} .tex).log"; exit 1; }'
	if [ -d $(BUILDDIR)/html ]; then cp $(BUILDDIR)/latex/*.pdf $(BUILDDIR)/html/; fi

latexpdf: pdf

live: $(BIN)/.installed
	$(BIN)/sphinx-autobuild $(SPHINXOPTS) $(LIVEOPTS) --watch _ext --re-ignore "/(\.venv|\.git|\.pytest_cache|_build|tests)/" $(SOURCEDIR) $(BUILDDIR)/html

clean:
	rm -rf $(BUILDDIR)

test: $(BIN)/.installed tests/node_modules/.installed
	tools/apt-install apt-packages.txt tests/apt-packages.txt
	$(BIN)/python -m pytest

# The Nu HTML Checker for the tests, pinned in tests/package-lock.json. Its install
# script would fetch a Java runtime of its own: Debian's (tests/apt-packages.txt) runs it.
tests/node_modules/.installed: tests/package.json tests/package-lock.json
	command -v npm >/dev/null || tools/apt-install tests/apt-node.txt
	npm ci --prefix tests --ignore-scripts --no-audit --no-fund
	touch $@

# Timings of the builds above, in a temporary copy of the working tree.
bench: $(BIN)/.installed apt
	$(BIN)/python bench/bench.py $(BENCHOPTS)

linkcheck: $(BIN)/.installed
	$(SPHINXBUILD) -b linkcheck $(SPHINXOPTS) $(SOURCEDIR) $(BUILDDIR)/linkcheck

# Fresh pins for requirements.in and tests/requirements.in, tested in a fresh
# virtualenv; the new pins are left in the working tree to review and commit.
update-deps:
	$(PYTHON) tools/update_deps.py
