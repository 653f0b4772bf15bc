#!/bin/sh
# Installs the Debian 12 packages huibian needs to build and run (and, with
# --test, to run its tests), asking apt only for those that are missing. It
# names what it installs; what apt and npm print goes to a log
# ($HUIBIAN_INSTALL_LOG, shown when they fail), or with V=1 to the terminal.
set -eu
# shellcheck source=scripts/say.sh
. "$(dirname "$0")/say.sh"
log=${HUIBIAN_INSTALL_LOG:-${TMPDIR:-/tmp}/huibian-install-$(id -u).log}
# (a log left by another user, root say, cannot be written: a new one then)
if ! { mkdir -p "$(dirname "$log")" && : >"$log"; } 2>/dev/null; then
  log=$(mktemp)
fi

# logged COMMAND...: runs it with its output in the log; when it fails, shows
# the log's end and stops with its exit status.
logged() {
  if [ "${V:-}" = 1 ]; then
    "$@"
    return
  fi
  rc=0
  "$@" >>"$log" 2>&1 || rc=$?
  if [ $rc != 0 ]; then
    say "失败：$*（退出状态 $rc）。记录的最后 20 行：" "failed: $* (exit status $rc). The last 20 lines of the log:" >&2
    tail -n 20 "$log" >&2
    say "完整的记录在 $log" "The whole log is in $log" >&2
    exit $rc
  fi
}

# To build and run huibian (and look at its PDFs: poppler-utils). Why each
# library: docs/dependencies.md.
PACKAGES="cmake make gcc pkg-config
libhpdf-dev libxml2-dev libxml2-utils libfontconfig-dev libfreetype-dev libicu-dev
libpng-dev libjpeg62-turbo-dev zlib1g-dev libdeflate-dev libzip-dev libxlsxwriter-dev libharfbuzz-dev gettext locales
fonts-noto-cjk fonts-arphic-uming fonts-arphic-ukai fonts-wqy-zenhei fonts-wqy-microhei
fonts-lxgw-wenkai fonts-dejavu-core
icc-profiles-free poppler-utils"

# With --test, also what the test suite and CI use: PDF and DocBook checkers,
# Python for the end-to-end tests, valgrind, clang's libFuzzer, clang-tidy
# and clang-format (make lint), PDFBox's PDF/A validator and text extractor
# (Java), and the other PDF readers of tests/e2e/readers.py: MuPDF,
# Ghostscript and pdf.js (Node and npm, below); LibreOffice's Writer, which
# `huibian import` uses to convert .doc/.wps/.odt/.rtf and the tests use to make
# Word files from flat ODT they write; LibreOffice's Calc, which reads
# stats.xlsx back (tests/office/); dpkg-dev (dpkg-shlibdeps) and lintian
# for `make deb`; Chromium, the real browser the website edition is loaded in
# (tests/e2e/web_browser.py), and html5lib, the WHATWG HTML parser that
# checks its pages (tests/e2e/web.py).
TEST_PACKAGES="qpdf docbook5-xml python3 dpkg-dev lintian chromium python3-html5lib
valgrind clang libclang-rt-14-dev clang-tidy clang-format
default-jre-headless libpdfbox2-java libactivation-java libjaxb-api-java
mupdf-tools ghostscript libreoffice-writer-nogui libreoffice-calc-nogui"

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
  missing=${missing# }
  say "  安装缺少的 Debian 软件包（需要几分钟）：$missing" \
    "  installing the missing Debian packages (this takes a few minutes): $missing"
  if [ "$(id -u)" != 0 ]; then
    SUDO=sudo
  else
    SUDO=
  fi
  export DEBIAN_FRONTEND=noninteractive
  logged $SUDO apt-get update -qq
  # shellcheck disable=SC2086
  logged $SUDO apt-get install -y -qq --no-install-recommends $missing
else
  say "  所需的 Debian 软件包都已安装" "  the Debian packages needed are all installed"
fi

# The Chinese locale, so that a clerk's terminal and the tests can speak
# Chinese (huibian's messages follow LANG=zh_CN.UTF-8): a fresh Debian has
# only C.UTF-8.
if ! locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$'; then
  say "  生成 zh_CN.UTF-8 语言环境" "  generating the zh_CN.UTF-8 locale"
  if [ "$(id -u)" != 0 ]; then SUDO=sudo; else SUDO=; fi
  if ! $SUDO localedef -i zh_CN -c -f UTF-8 zh_CN.UTF-8 >>"$log" 2>&1; then
    say "  无法生成 zh_CN.UTF-8 语言环境，提示将是英文（可以以 root 身份运行：localedef -i zh_CN -f UTF-8 zh_CN.UTF-8）" \
      "  could not generate the zh_CN.UTF-8 locale, messages will be English (as root, run: localedef -i zh_CN -f UTF-8 zh_CN.UTF-8)" >&2
  fi
fi

# pdf.js, the npm package pinned in tests/e2e/lib/package.json, into a cache
# folder outside the work tree (tests/e2e/readers.py looks there), unless it
# is there at that version already.
if [ -n "$TEST" ]; then
  pin="$(dirname "$0")/../tests/e2e/lib/package.json"
  dir="${XDG_CACHE_HOME:-$HOME/.cache}/huibian/pdfjs"
  if ! cmp -s "$pin" "$dir/package.json" || [ ! -f "$dir/node_modules/pdfjs-dist/legacy/build/pdf.mjs" ]; then
    say "  安装 pdf.js（npm）到 $dir" "  installing pdf.js (npm) into $dir"
    rm -rf "$dir"
    mkdir -p "$dir"
    cp "$pin" "$dir/package.json"
    # not the optional canvas and path2d: they only draw pages (canvas is native code)
    trap 'rm -rf "$dir"' EXIT
    logged npm install --prefix "$dir" --omit=optional --no-package-lock --no-audit --no-fund --loglevel=error
    trap - EXIT
  fi
fi
