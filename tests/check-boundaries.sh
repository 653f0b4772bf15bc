#!/bin/sh
# Each external library belongs to one module of src/ (docs/architecture.md):
# fails when a file elsewhere in src/ includes the library's headers. CMake
# keeps the include paths private to the module (src/CMakeLists.txt), but
# some headers live on the default include path, so this is checked too.
set -u
src=${1:-$(dirname "$0")/../src}
cd "$src" || exit 1
bad=0
check() { # module-path-regex header-regex library
  found=$(grep -rlE "^[[:space:]]*#[[:space:]]*include[[:space:]]*[<\"]($2)" --include='*.c' --include='*.h' . |
          sed 's|^\./||' | grep -vE "^($1)$")
  if [ -n "$found" ]; then
    echo "$3 is included outside its module ($1):" $found
    bad=1
  fi
}
check 'load/.*'              'libxml/'                     libxml2
check 'text/.*'              'unicode/'                    ICU
check 'fonts\.c'             'fontconfig/|ft2build\.h|freetype/' 'fontconfig and FreeType'
check 'image\.c'             'png\.h|jpeglib\.h|jerror\.h'  'libpng and libjpeg'
check 'pdf/.*'               'hpdf'                        libharu
check 'pdf/.*'               'hb\.h|hb-subset\.h|harfbuzz/' 'HarfBuzz (hb-subset)'
check 'load/zipfile\.c'      'zip\.h|zipconf\.h'            libzip
check 'pdf/haru\.c'          'libdeflate\.h'                libdeflate
check 'sheet/.*'             'xlsxwriter'                  libxlsxwriter
if [ $bad = 0 ]; then
  echo "1 passed, 0 failed"
else
  echo "0 passed, 1 failed"
fi
exit $bad
