#!/bin/sh
# Builds the Debian package of huibian (`make deb`) and checks it with
# lintian: any error or warning fails; then tries it: the program unpacked
# from it (dpkg -x) builds the sample edition input/2020 from a scratch
# folder, and speaks Chinese. Prints the path of the .deb.
#
#   sh scripts/deb/build.sh [--prebuilt BUILD] [--quick] OUTDIR
#
# Without --prebuilt, a Release build in build-deb/ ($HUIBIAN_DEB_BUILD) with
# Debian's hardening flags (dpkg-buildflags); --prebuilt BUILD packages that
# build tree as it is, and --quick leaves out lintian and the trial
# (tests/e2e/deb_package.py packages the tree it tests so, and tries it itself).
# The build is installed under /usr into a staging root (cmake --install:
# the layout is in CMakeLists.txt), and what Debian policy adds is added
# there: a stripped binary, the man page and scripts/deb/changelog gzipped,
# scripts/deb/copyright (machine-readable), the lintian overrides (each with
# its reason), md5sums, and a control file from
# scripts/deb/control.in whose Depends are the shared libraries the binary
# links (dpkg-shlibdeps) and the fonts and colour profile it reads.
# The version is the top entry of scripts/deb/changelog, whose upstream part
# must be the project's version (CMakeLists.txt).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)

prebuilt=
quick=
while [ $# -gt 1 ]; do
  case "$1" in
    --prebuilt) prebuilt=$2; shift 2 ;;
    --quick) quick=1; shift ;;
    *) break ;;
  esac
done
if [ $# -ne 1 ]; then
  echo "usage: sh scripts/deb/build.sh [--prebuilt BUILD] [--quick] OUTDIR" >&2
  exit 2
fi
mkdir -p "$1"
out=$(cd "$1" && pwd)

need() {
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "huibian: deb: $1 is missing (Debian package $2): run sh scripts/install-deps.sh --test" >&2
  exit 2
}
need dpkg-deb dpkg
need dpkg-shlibdeps dpkg-dev
need strip binutils
[ -n "$quick" ] || need lintian lintian

# The package's data, read from the changelog's top entry:
#   huibian (0.1.0-1) bookworm; urgency=medium ... -- NAME <MAIL>  DATE
version=$(sed -n '1s/^huibian (\([^)]*\)).*/\1/p' "$here/changelog")
maintainer=$(sed -n 's/^ -- \(.*>\)  .*/\1/p' "$here/changelog" | head -n 1)
stamp=$(sed -n 's/^ -- .*>  \(.*\)$/\1/p' "$here/changelog" | head -n 1)
arch=$(dpkg --print-architecture)
if [ -z "$version" ] || [ -z "$maintainer" ] || [ -z "$stamp" ]; then
  echo "huibian: deb: cannot read the version, maintainer and date of scripts/deb/changelog's first entry" >&2
  exit 2
fi
# The file dates in the package: the changelog's (reproducible packages).
SOURCE_DATE_EPOCH=$(date -d "$stamp" +%s)
export SOURCE_DATE_EPOCH

if [ -n "$prebuilt" ]; then
  build=$(cd "$prebuilt" && pwd)
else
  build=${HUIBIAN_DEB_BUILD:-$src/build-deb}
  # Debian's flags (hardening: fortify, stack protector, relro, bindnow; the
  # compiler makes PIE by default) decide the optimisation; Release only adds
  # NDEBUG. The file prefix map keeps the build's paths out of the debug data,
  # HUIBIAN_BUILD_TREE_DATA=OFF out of the program (it never runs from there).
  eval "$(cd "$src" && DEB_BUILD_MAINT_OPTIONS=hardening=+all dpkg-buildflags --export=sh)"
  cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release "-DCMAKE_C_FLAGS=$CFLAGS $CPPFLAGS" \
    -DCMAKE_C_FLAGS_RELEASE=-DNDEBUG "-DCMAKE_EXE_LINKER_FLAGS=$LDFLAGS" \
    -DCMAKE_INSTALL_PREFIX=/usr -DHUIBIAN_BUILD_TREE_DATA=OFF >/dev/null
  cmake --build "$build" -j "${JOBS:-2}" --target huibian huibian-catalogs >/dev/null
fi
upstream=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")
if [ "${version%-*}" != "$upstream" ]; then
  echo "huibian: deb: scripts/deb/changelog says $version but the project is $upstream: add a changelog entry" >&2
  exit 2
fi

# The trial: the unpacked program, with none of huibian's variables set, in
# a folder outside the source tree, must build the sample edition's PDFs and
# answer --help in Chinese from its own catalog.
try_package() {
  dpkg -x "$1" "$work/unpacked"
  mkdir "$work/trial"
  cp -R "$src/input/2020" "$work/trial/2020"
  exe=$work/unpacked/usr/bin/huibian
  if ! (cd "$work/trial" && env -u HUIBIAN_DATA -u HUIBIAN_LOCALEDIR "$exe" build 2020 -o out) \
    >"$work/trial.log" 2>&1 || [ ! -s "$work/trial/out/compendium.pdf" ] ||
    [ ! -s "$work/trial/out/certificates.pdf" ]; then
    cat "$work/trial.log" >&2
    echo "huibian: deb: the packaged huibian did not build the sample edition" >&2
    exit 1
  fi
  if ! env -u HUIBIAN_LOCALEDIR "$exe" --lang zh_CN --help | grep -q '用法'; then
    echo "huibian: deb: the packaged huibian does not find its Chinese catalog" >&2
    exit 1
  fi
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/root
DESTDIR=$root cmake --install "$build" --prefix /usr >/dev/null

doc=$root/usr/share/doc/huibian
strip --strip-unneeded --remove-section=.comment --remove-section=.note "$root/usr/bin/huibian"
find "$root/usr/share/man" -type f -name '*.[1-8]' -exec gzip -9n {} +
gzip -9n -c "$here/changelog" >"$doc/changelog.Debian.gz"
cp "$here/copyright" "$doc/copyright"
mkdir -p "$root/usr/share/lintian/overrides"
cp "$here/lintian-overrides" "$root/usr/share/lintian/overrides/huibian"
find "$root" -type d -exec chmod 0755 {} +
find "$root" -type f -exec chmod 0644 {} +
chmod 0755 "$root/usr/bin/huibian"

# dpkg-shlibdeps wants a source package's debian/control around it.
mkdir -p "$work/src/debian"
printf 'Source: huibian\n\nPackage: huibian\nArchitecture: any\n' >"$work/src/debian/control"
shlibs=$(cd "$work/src" && dpkg-shlibdeps -O "$root/usr/bin/huibian" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
if [ -z "$shlibs" ]; then
  echo "huibian: deb: dpkg-shlibdeps found no libraries for usr/bin/huibian" >&2
  exit 2
fi
# What the program reads at run time besides its own files: the free fonts
# of fonts.conf's roles and the sRGB profile of the PDF/A output intent
# (docs/dependencies.md).
depends="$shlibs, fonts-arphic-uming, fonts-arphic-ukai, fonts-wqy-zenhei, fonts-lxgw-wenkai, fonts-dejavu-core, icc-profiles-free"
# Installed-Size as dpkg-gencontrol counts it: KiB per file, rounded up, and
# one per folder.
size=$(find "$root" -mindepth 1 \( -type f -printf '%s\n' \) -o \( -type d -printf '1024\n' \) |
  awk '{ s += int(($1 + 1023) / 1024) } END { print s }')

mkdir -p "$root/DEBIAN"
sed -e "s|@VERSION@|$version|" -e "s|@ARCH@|$arch|" -e "s|@MAINTAINER@|$maintainer|" \
  -e "s|@SIZE@|$size|" -e "s|@DEPENDS@|$depends|" "$here/control.in" >"$root/DEBIAN/control"
(cd "$root" && find usr -type f | LC_ALL=C sort | xargs md5sum) >"$root/DEBIAN/md5sums"
chmod 0755 "$root/DEBIAN"
chmod 0644 "$root/DEBIAN/control" "$root/DEBIAN/md5sums"

deb=$out/huibian_${version}_${arch}.deb
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
if [ -z "$quick" ]; then
  # Errors and warnings fail; the informational tags are printed only.
  lintian --fail-on error,warning --display-info "$deb" >&2
  try_package "$deb"
fi
echo "$deb"
