#!/bin/sh
# Regenerates huibian's import test documents (see README.md):
#   make.py writes the sources (src/*.fodt), the expected texts, photo.png and
#   the rosters; LibreOffice (libreoffice-writer-nogui, installed by
#   scripts/install-deps.sh --test) converts every source to .docx, and
#   article.fodt also to .doc, .odt and .rtf; normalize.py gives the zip
#   packages fixed times so that a run without changes changes no bytes;
#   verify.py checks what LibreOffice made against the expected texts.
# Usage: tests/data/import/make.sh [--no-verify]
# The outputs are committed: the tests read them and need neither Python nor
# LibreOffice.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
command -v soffice >/dev/null 2>&1 || {
  echo "make.sh: soffice not found: install libreoffice-writer-nogui (scripts/install-deps.sh --test)" >&2
  exit 2
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

convert() { # FORMAT FILE...
  fmt=$1
  shift
  soffice --headless --norestore --nologo --nolockcheck \
    -env:UserInstallation="file://$tmp/profile" \
    --convert-to "$fmt" --outdir "$tmp/out" "$@" </dev/null >"$tmp/log" 2>&1 || {
    cat "$tmp/log" >&2
    exit 1
  }
}

python3 make.py
convert docx src/*.fodt
convert doc src/article.fodt
convert odt src/article.fodt
convert rtf src/article.fodt
for f in "$tmp"/out/*; do
  case $f in
  *.docx | *.odt | *.rtf) python3 normalize.py "$f" "$(basename "$f")" ;;
  *) cp "$f" . ;;
  esac
done
if [ "${1:-}" != "--no-verify" ]; then
  python3 verify.py
fi
