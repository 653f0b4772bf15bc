/* datadir: where huibian's own files are — the data folder (templates/,
 * fonts/fonts.conf) and the message catalogs (LANG/LC_MESSAGES/huibian.mo).
 * The first of these that applies, found once per process:
 *   1. $HUIBIAN_DATA and $HUIBIAN_LOCALEDIR, each when set;
 *   2. an installed tree around the executable: the data folder at
 *      BIN/../share/huibian (the install layout's relative paths, compiled
 *      in), so a package unpacked under any root (dpkg -x) finds its own
 *      files and never those of the source tree it was built from;
 *   3. the source tree (data) and the build tree (catalogs), when the
 *      executable is inside the build tree: make, ctest, the fuzzers (not
 *      with -DHUIBIAN_BUILD_TREE_DATA=OFF, the Debian package's build);
 *   4. the install prefix compiled in (cmake -DCMAKE_INSTALL_PREFIX).
 * Both are safe to call from any thread. */
#ifndef HUI_DATADIR_H
#define HUI_DATADIR_H

/* The folder that holds templates/ and fonts/. */
const char *hui_data_dir(void);

/* The folder that holds the message catalogs, for bindtextdomain. */
const char *hui_locale_dir(void);

#endif
