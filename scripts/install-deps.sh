#!/bin/sh
# Installs the Debian 12 packages huibian needs to build and run (and, with
# --test, to run its tests), asking apt only for those that are missing.
set -eu

# To build and run huibian (and look at its PDFs: poppler-utils).
PACKAGES="cmake make gcc pkg-config
libhpdf-dev libxml2-dev libxml2-utils libfontconfig-dev libfreetype-dev libicu-dev
libpng-dev zlib1g-dev
fonts-arphic-uming fonts-arphic-ukai fonts-wqy-zenhei fonts-lxgw-wenkai fonts-dejavu-core
icc-profiles-free poppler-utils"

# With --test, also what the test suite and CI use: PDF and DocBook checkers,
# Python for the end-to-end tests, valgrind, clang's libFuzzer, and PDFBox's
# PDF/A validator (Java).
TEST_PACKAGES="qpdf docbook5-xml python3
valgrind clang libclang-rt-14-dev
default-jre-headless libpdfbox2-java libactivation-java libjaxb-api-java"

if [ "${1:-}" = "--test" ]; then
  PACKAGES="$PACKAGES $TEST_PACKAGES"
fi

missing=""
for p in $PACKAGES; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done

if [ -z "$missing" ]; then
  exit 0
fi

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
