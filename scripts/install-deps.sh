#!/bin/sh
# Installs the Debian 12 packages huibian needs to build and run (and, with
# --test, to run its tests), asking apt only for those that are missing.
set -eu

# To build and run huibian (and look at its PDFs: poppler-utils). Why each
# library: docs/dependencies.md.
PACKAGES="cmake make gcc pkg-config
libhpdf-dev libxml2-dev libxml2-utils libfontconfig-dev libfreetype-dev libicu-dev
libpng-dev libjpeg62-turbo-dev zlib1g-dev libzip-dev gettext locales
fonts-arphic-uming fonts-arphic-ukai fonts-wqy-zenhei fonts-lxgw-wenkai fonts-dejavu-core
icc-profiles-free poppler-utils"

# With --test, also what the test suite and CI use: PDF and DocBook checkers,
# Python for the end-to-end tests, valgrind, clang's libFuzzer, clang-tidy
# and clang-format (make lint), PDFBox's PDF/A validator and text extractor
# (Java), and the other PDF readers of tests/e2e/readers.py: MuPDF,
# Ghostscript and pdf.js (Node and npm, below); LibreOffice's Writer, which
# `huibian import` uses to convert .doc/.wps/.odt/.rtf and the tests use to make
# Word files from flat ODT they write.
TEST_PACKAGES="qpdf docbook5-xml python3
valgrind clang libclang-rt-14-dev clang-tidy clang-format
default-jre-headless libpdfbox2-java libactivation-java libjaxb-api-java
mupdf-tools ghostscript libreoffice-writer-nogui"

TEST=
if [ "${1:-}" = "--test" ]; then
  TEST=1
  PACKAGES="$PACKAGES $TEST_PACKAGES"
  # A Node that is there already (NodeSource's, say, with its own npm) is
  # used as it is: Debian's npm would conflict with it.
  command -v node >/dev/null 2>&1 || PACKAGES="$PACKAGES nodejs"
  command -v npm >/dev/null 2>&1 || PACKAGES="$PACKAGES npm"
fi

missing=""
for p in $PACKAGES; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done

if [ -n "$missing" ]; then
  echo "huibian: installing missing Debian packages:$missing" >&2
  if [ "$(id -u)" != 0 ]; then
    SUDO=sudo
  else
    SUDO=
  fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  # shellcheck disable=SC2086
  $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# The Chinese locale, so that a clerk's terminal and the tests can speak
# Chinese (huibian's messages follow LANG=zh_CN.UTF-8): a fresh Debian has
# only C.UTF-8.
if ! locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$'; then
  echo "huibian: generating the zh_CN.UTF-8 locale" >&2
  if [ "$(id -u)" != 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO localedef -i zh_CN -c -f UTF-8 zh_CN.UTF-8 || echo "huibian: could not generate zh_CN.UTF-8 (run: localedef -i zh_CN -f UTF-8 zh_CN.UTF-8)" >&2
fi

# pdf.js, the npm package pinned in tests/e2e/lib/package.json, into a cache
# folder outside the work tree (tests/e2e/readers.py looks there), unless it
# is there at that version already.
if [ -n "$TEST" ]; then
  pin="$(dirname "$0")/../tests/e2e/lib/package.json"
  dir="${XDG_CACHE_HOME:-$HOME/.cache}/huibian/pdfjs"
  if ! cmp -s "$pin" "$dir/package.json" || [ ! -f "$dir/node_modules/pdfjs-dist/legacy/build/pdf.mjs" ]; then
    echo "huibian: installing pdf.js (npm) into $dir" >&2
    rm -rf "$dir"
    mkdir -p "$dir"
    cp "$pin" "$dir/package.json"
    # not the optional canvas and path2d: they only draw pages (canvas is native code)
    if ! npm install --prefix "$dir" --omit=optional --no-package-lock --no-audit --no-fund --loglevel=error >/dev/null; then
      rm -rf "$dir"
      exit 1
    fi
  fi
fi
