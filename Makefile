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
# sphinx-build without Python's teardown and garbage collector (_ext/resume/build.py).
SPHINXBUILD := PYTHONPATH=_ext $(BIN)/python -m resume.build
# `make pdf VARIANT=ml` for a tailored variant (resume_variants in conf.py),
# in $(BUILDDIR)/latex-ml.
VARIANTSUFFIX := $(if $(VARIANT),-$(VARIANT))
VARIANTOPT  := $(if $(VARIANT),-D resume_variant=$(VARIANT))
LATEXDIR    := $(BUILDDIR)/latex$(VARIANTSUFFIX)
# `make pdf PAPER=letter` for US Letter; A4 otherwise.
PAPEROPT    := $(if $(PAPER),-D latex_elements.papersize=$(PAPER)paper)
# xelatex on every .tex of a folder, side by side, each over a format of its
# preamble kept in TEXFORMATS between builds (_ext/resume/xelatex.py).
TEXFORMATS  ?= $(VENV)/texformats
PDFS        := PYTHONPATH=_ext $(BIN)/python -m resume.xelatex --formats $(TEXFORMATS)
# The Downloads row gives each file's size: the PDFs come after the pages.
FILLSIZES   := PYTHONPATH=_ext $(BIN)/python -m resume.publish
# $(call copy-pdfs,FROM,TO): the PDFs of the LaTeX output FROM beside the pages
# in TO, where both are built (the site links them there).
copy-pdfs   = for pdf in $(1)/*.pdf; do if [ -f "$$pdf" ] && [ -d $(2) ]; then cp "$$pdf" $(2)/; fi; done

# The same commit gives the same files: the PDF's dates and ID (and the date
# in the .tex) come from the last commit unless SOURCE_DATE_EPOCH is set.
ifeq ($(origin SOURCE_DATE_EPOCH),undefined)
SOURCE_DATE_EPOCH := $(shell git log -1 --format=%ct 2>/dev/null)
endif
ifneq ($(SOURCE_DATE_EPOCH),)
export SOURCE_DATE_EPOCH
endif

# Two cores: targets given together build side by side (`make html pdf`).
# Set once, at the top: a sub-make shares the top's job slots.
ifeq ($(MAKELEVEL),0)
MAKEFLAGS   += --jobs=2
endif
.DEFAULT_GOAL := all
.PHONY: all help html pdf latexpdf live clean test apt bench linkcheck update-deps FORCE

# -- Nothing changed, nothing built ---------------------------------------------
# Each build leaves a stamp in $(STAMPS); it runs again only when a file it
# reads, or an option it was given, is newer than its stamp. The options file
# changes only when the options do (the date of the last commit among them).
STAMPS      := $(BUILDDIR)/.stamps
SOURCES     := $(shell find . \( -path ./_build -o -path ./.venv -o -path ./.git \
                 -o -path ./tests -o -path ./bench -o -path ./tools -o -path ./.github \
                 -o -name __pycache__ -o -name node_modules -o -name '*.mo' \) -prune \
                 -o -type f -print)
OPTIONS     := $(SPHINXOPTS) $(PAPEROPT) $(VARIANTOPT) $(SOURCE_DATE_EPOCH)

$(STAMPS)/options: FORCE
	@mkdir -p $(@D)
	@echo '$(OPTIONS)' | cmp -s - $@ || echo '$(OPTIONS)' > $@

# Installed once for this checkout (beside the virtualenv): a clean build
# does not ask apt again.
$(BIN)/.apt: apt-packages.txt | $(BIN)/.installed
	tools/apt-install apt-packages.txt
	touch $@

# Everything: each edition (English, Korean) is one Sphinx process, whose
# HTML build also writes the PDFs' LaTeX from the same reading of the pages
# (resume_latex_dir: the files the LaTeX builder of `make pdf` writes), then
# xelatex. The two editions build side by side, one core each; their logs
# come out whole, one after the other.
all: $(BIN)/.installed
	@$(MAKE) --no-print-directory --output-sync=target $(STAMPS)/published

$(STAMPS)/edition: $(BIN)/.installed $(BIN)/.apt $(SOURCES) $(STAMPS)/options
	$(SPHINXBUILD) -b html -D resume_latex_dir=$(BUILDDIR)/latex $(SPHINXOPTS) $(PAPEROPT) $(SOURCEDIR) $(BUILDDIR)/html
	$(PDFS) $(BUILDDIR)/latex
	touch $@

# Into ko/ under the English site while that is built: each build's last
# steps read only its own pages (the Korean site has its own _static from
# its start).
$(STAMPS)/edition-ko: $(BIN)/.installed $(BIN)/.apt $(SOURCES) $(STAMPS)/options
	$(SPHINXBUILD) -b html -D language=ko -D resume_latex_dir=$(BUILDDIR)/latex-ko -d $(BUILDDIR)/doctrees-ko $(SPHINXOPTS) $(PAPEROPT) $(SOURCEDIR) $(BUILDDIR)/html/ko
	$(PDFS) $(BUILDDIR)/latex-ko
	touch $@

# When the sites and the PDFs are all built: every PDF beside its pages, and
# the Downloads rows' sizes filled in (the PDFs come after the pages). The
# targets of each part are then up to date too (`make html` after `make`
# does nothing).
$(STAMPS)/published: $(STAMPS)/edition $(STAMPS)/edition-ko
	$(call copy-pdfs,$(BUILDDIR)/latex,$(BUILDDIR)/html)
	$(call copy-pdfs,$(BUILDDIR)/latex-ko,$(BUILDDIR)/html/ko)
	$(FILLSIZES) $(BUILDDIR)/html $(BUILDDIR)/html/ko
	touch $(STAMPS)/html $(STAMPS)/pdf $(STAMPS)/html-ko $(STAMPS)/pdf-ko $@

help:
	@echo "make          everything: both sites ($(BUILDDIR)/html, $(BUILDDIR)/html/ko) and every PDF,"
	@echo "              each edition read once for its site and its PDFs"
	@echo "make html     the English site only"
	@echo "make pdf      the English PDFs: the one-page résumé and the full CV (also: make latexpdf)"
	@echo "              PAPER=letter for US Letter, VARIANT=ml for a tailored variant"
	@echo "make pdf-ko   the Korean PDFs"
	@echo "make live     serve the site with live reload while you edit"
	@echo "make test     run the tests, both tiers (what CI runs)"
	@echo "make test-fast  the fast tier only: unit tests and small test projects"
	@echo "make clean    remove $(BUILDDIR)"
	@echo "make bench    time the builds (BENCHOPTS=--help for options)"
	@echo "make linkcheck  check every external link (needs the network)"
	@echo "make update-deps  refresh the pins in requirements.txt, then run the tests"
	@echo "make html-ko  the English site, then the Korean one in $(BUILDDIR)/html/ko"
	@echo "make update-po  extract the messages and update the Korean catalogues (locales/ko)"

# The virtualenv is brought up to date whenever a requirements file changes.
$(BIN)/.installed: requirements.txt tests/requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt -r tests/requirements.txt
	touch $@

# Debian packages: TeX for the PDF (the tests add tests/apt-packages.txt).
apt: $(BIN)/.apt

# The site links the PDF beside its pages: each target puts it there when both exist.
html: $(STAMPS)/html

$(STAMPS)/html: $(BIN)/.installed $(SOURCES) $(STAMPS)/options
	$(SPHINXBUILD) -b html $(SPHINXOPTS) $(SOURCEDIR) $(BUILDDIR)/html
	$(call copy-pdfs,$(BUILDDIR)/latex,$(BUILDDIR)/html)
	touch $@

# The PDFs' names are conf.py's (latex_documents): each .tex that the LaTeX
# builder writes becomes the PDF of the same name, two at a time; a failing
# run prints xelatex's error (file:line) from its log.
# One xelatex run makes the final PDF: the bookmarks come in that run and
# nothing reads the .aux back, so the second run that latexmk would add
# changes nothing (tests/test_reproducible.py checks it).
pdf: $(STAMPS)/pdf$(VARIANTSUFFIX)

$(STAMPS)/pdf$(VARIANTSUFFIX): $(BIN)/.installed $(BIN)/.apt $(SOURCES) $(STAMPS)/options
	$(SPHINXBUILD) -b latex -d $(BUILDDIR)/doctrees$(VARIANTSUFFIX) $(SPHINXOPTS) $(PAPEROPT) $(VARIANTOPT) $(SOURCEDIR) $(LATEXDIR)
	$(PDFS) $(LATEXDIR)
	$(if $(VARIANT),,$(call copy-pdfs,$(LATEXDIR),$(BUILDDIR)/html))
	touch $@

latexpdf: pdf

live: $(BIN)/.installed
	PYTHONPATH=_ext $(BIN)/python -m resume.live $(SPHINXOPTS) $(LIVEOPTS) --watch _ext --re-ignore "/(\.venv|\.git|\.pytest_cache|_build|tests)/" $(SOURCEDIR) $(BUILDDIR)/html

clean:
	rm -rf $(BUILDDIR)

# The tests run on every core (pytest-xdist), each test file on one of them:
# a file's fixtures are built once. PYTESTOPTS= runs them one at a time.
PYTESTOPTS  ?= -n auto --dist loadfile

# Both tiers: the fast one, and the "system" one (the whole site, the PDF, the
# browser, the Nu HTML Checker, Read the Docs' commands).
test: $(BIN)/.installed tests/node_modules/.installed
	tools/apt-install apt-packages.txt tests/apt-packages.txt
	$(BIN)/python -m pytest $(PYTESTOPTS)

# The fast tier, to run while you work: unit tests and small test projects.
.PHONY: test-fast
test-fast: $(BIN)/.installed $(BIN)/.apt
	$(BIN)/python -m pytest $(PYTESTOPTS) -m "not system"

# The Nu HTML Checker for the tests, pinned in tests/package-lock.json. Its install
# script would fetch a Java runtime of its own: Debian's (tests/apt-packages.txt) runs it.
tests/node_modules/.installed: tests/package.json tests/package-lock.json
	command -v npm >/dev/null || tools/apt-install tests/apt-node.txt
	npm ci --prefix tests --ignore-scripts --no-audit --no-fund
	touch $@

# Timings of the builds above, in a temporary copy of the working tree.
bench: $(BIN)/.installed $(BIN)/.apt
	$(BIN)/python bench/bench.py $(BENCHOPTS)

linkcheck: $(BIN)/.installed
	$(SPHINXBUILD) -b linkcheck $(SPHINXOPTS) $(SOURCEDIR) $(BUILDDIR)/linkcheck

# Fresh pins for requirements.in and tests/requirements.in, tested in a fresh
# virtualenv; the new pins are left in the working tree to review and commit.
update-deps:
	$(PYTHON) tools/update_deps.py

# -- Translations: the Korean edition ------------------------------------------
# The Korean pages are the same source read through locales/ko/LC_MESSAGES/
# (Sphinx compiles the .po files; no .mo is kept). They go into ko/ under the
# English site, so that the language switcher's relative links work in
# between; `make html-ko` builds the English site first, so that both are there.
LANGUAGES := ko

.PHONY: html-ko pdf-ko gettext update-po

html-ko: $(STAMPS)/html-ko

$(STAMPS)/html-ko: $(STAMPS)/html
	$(SPHINXBUILD) -b html -D language=ko -d $(BUILDDIR)/doctrees-ko $(SPHINXOPTS) $(SOURCEDIR) $(BUILDDIR)/html/ko
	$(call copy-pdfs,$(BUILDDIR)/latex-ko,$(BUILDDIR)/html/ko)
	touch $@

# The Korean PDFs, beside the Korean pages.
pdf-ko: $(STAMPS)/pdf-ko

$(STAMPS)/pdf-ko: $(BIN)/.installed $(BIN)/.apt $(SOURCES) $(STAMPS)/options
	$(SPHINXBUILD) -b latex -D language=ko -d $(BUILDDIR)/doctrees-ko-latex $(SPHINXOPTS) $(PAPEROPT) $(SOURCEDIR) $(BUILDDIR)/latex-ko
	$(PDFS) $(BUILDDIR)/latex-ko
	$(call copy-pdfs,$(BUILDDIR)/latex-ko,$(BUILDDIR)/html/ko)
	touch $@

# The messages of the pages and of the templates, one .pot per page.
gettext: $(BIN)/.installed
	$(SPHINXBUILD) -b gettext $(SPHINXOPTS) $(SOURCEDIR) $(BUILDDIR)/gettext

# New and changed messages come into the catalogues untranslated or fuzzy, and
# tests/test_i18n.py fails until they are translated. The extension's own
# words (_ext/resume/locales/) are updated from its code the same way.
update-po: gettext
	$(BIN)/sphinx-intl update -p $(BUILDDIR)/gettext -d locales --no-obsolete $(addprefix -l ,$(LANGUAGES))
	$(BIN)/python -c 'import sys; sys.path.insert(0, "_ext"); from resume.i18n import update_catalogues; update_catalogues(sys.argv[1:])' $(LANGUAGES)
