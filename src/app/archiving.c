/* archiving: huibian archive — the edition built as PDF/A into a folder of
 * its own inside the archive, its inputs copied, verified, sealed and
 * renamed into place, then the archive's index rewritten. */
#define _XOPEN_SOURCE 700
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../archive.h"
#include "../base/base.h"
#include "../base/i18n.h"
#include "../load.h"
#include "build.h"


static const char SEALED_TEXT[] =
    "This edition was archived by huibian and is sealed: 'huibian archive' never\n"
    "changes it. manifest.json lists every input, template, font and output with\n"
    "its SHA-256; 'huibian verify FOLDER' checks them. To correct the edition, run\n"
    "'huibian archive EDITION --into ARCHIVE --supersede': it writes a new revision\n"
    "beside this one (YEAR-r2, YEAR-r3, ...) and the index then uses the newest.\n";

/* The folder name for year in archive: "<year>" when free; when taken and
 * supersede, "<year>-r<N+1>" with *previous the newest existing one.
 * Returns NULL after printing why (a sealed edition without --supersede). */
static char *archive_target(const char *archive, const char *year, bool supersede, int *revision,
                            char **previous) {
  int newest = 0;
  DIR *dir = opendir(archive);
  struct dirent *de;
  while (dir && (de = readdir(dir))) {
    int y, r;
    if (hui_archive_is_edition_name(de->d_name, &y, &r) && strncmp(de->d_name, year, 4) == 0 &&
        r > newest) {
      newest = r;
      free(*previous);
      *previous = hui_xstrdup(de->d_name);
    }
  }
  if (dir) closedir(dir);
  if (!newest) {
    *revision = 1;
    return hui_xstrdup(year);
  }
  if (!supersede) {
    char *shown = hui_path_join(archive, *previous);
    fprintf(stderr,
            _("huibian: %s is sealed: the %s edition is already archived and an archived edition is "
              "never changed. To file a corrected edition beside it, run again with --supersede (it "
              "writes %s-r%d and keeps %s as it is).\n"),
            shown, year, year, newest + 1, *previous);
    free(shown);
    return NULL;
  }
  *revision = newest + 1;
  return hui_xasprintf("%s-r%d", year, newest + 1);
}

/* The year of the edition (campaign.xml), as a folder name: four digits. */
static char *edition_year(const char *edition) {
  hui_diags *scratch = hui_diags_new();
  char *why = NULL;
  hui_edition *e = hui_load_edition(edition, scratch, &why);
  char *year = NULL;
  const char *y = e && e->campaign.year.text ? e->campaign.year.text : NULL;
  if (y && strlen(y) == 4 && strspn(y, "0123456789") == 4) year = hui_xstrdup(y);
  else if (e) year = hui_xstrdup("");
  else fprintf(stderr, _("huibian: %s\n"), why ? why : _("cannot read the edition folder"));
  free(why);
  hui_edition_free(e);
  hui_diags_free(scratch);
  return year;
}

static void sync_dir(const char *path) {
  int fd = open(path, O_RDONLY);
  if (fd >= 0) {
    fsync(fd);
    close(fd);
  }
}

int hui_build_archive(const hui_build_opts *o) {
  const char *archive = o->archive;
  char *year = edition_year(o->edition);
  if (!year) return HUI_EXIT_USAGE;
  if (!*year) {
    free(year);
    fprintf(stderr, _("huibian: %s/campaign.xml has no four-digit year (<campaign year=\"2020\">): the "
                      "archive files each edition under its year. Run 'huibian check %s'.\n"),
            o->edition, o->edition);
    return HUI_EXIT_ERRORS;
  }
  if (!hui_make_dirs(archive)) {
    fprintf(stderr, _("huibian: cannot create the archive folder %s: %s\n"), archive, strerror(errno));
    free(year);
    return HUI_EXIT_USAGE;
  }
  hui_archive_clean(archive);
  int revision = 0;
  char *previous = NULL;
  char *target = archive_target(archive, year, o->supersede, &revision, &previous);
  if (!target) {
    free(previous);
    free(year);
    return HUI_EXIT_USAGE;
  }
  char *tmpl = hui_xasprintf("%s/.tmp-%ld-XXXXXX", archive, (long)getpid());
  char *tmp = mkdtemp(tmpl);
  int status = HUI_EXIT_OK;
  char *why = NULL;
  hui_build_result res = {0};
  if (!tmp) {
    fprintf(stderr, _("huibian: cannot write into the archive folder %s: %s\n"), archive, strerror(errno));
    status = HUI_EXIT_USAGE;
    goto done;
  }
  hui_build_opts b = *o;
  b.out = tmp;
  b.out_private = true;
  b.quiet = true;
  b.edition_name = "input";
  b.pdfa = true;
  b.revision = revision;
  b.supersedes = previous;
  hui_outputs_add(&b.outputs, "web"); /* the website edition is filed with the edition */
  status = hui_build_edition(&b, &res);
  if (status != HUI_EXIT_OK) goto done;
  /* The inputs, copied: the archive can be rebuilt and verified without the clerk's folder. */
  for (size_t i = 0; i < res.ninputs && status == HUI_EXIT_OK; i++) {
    char *src = hui_path_join(o->edition, res.inputs[i]);
    char *in = hui_path_join(tmp, "input"), *dst = hui_path_join(in, res.inputs[i]);
    if (!hui_copy_file(src, dst, &why)) {
      fprintf(stderr, _("huibian: %s\n"), why);
      status = HUI_EXIT_USAGE;
    }
    free(src);
    free(in);
    free(dst);
  }
  if (status != HUI_EXIT_OK) goto done;
  if (hui_verify(tmp, hui_build_data_dir(), true) != 0) {
    fprintf(stderr, _("huibian: not archived: the files changed while they were archived; run again\n"));
    status = HUI_EXIT_USAGE;
    goto done;
  }
  char *sealed = hui_path_join(tmp, "SEALED");
  bool ok = hui_write_atomic(sealed, SEALED_TEXT, strlen(SEALED_TEXT));
  free(sealed);
  if (!ok) {
    fprintf(stderr, _("huibian: cannot write into %s: %s\n"), archive, strerror(errno));
    status = HUI_EXIT_USAGE;
    goto done;
  }
  /* mkdtemp made it 0700; give it the mode a plain mkdir would. */
  chmod(tmp, 0777 & ~(mode_t)hui_umask());
  sync_dir(tmp);
  /* For the tests: a pause before the one step that changes the archive. */
  const char *pause = getenv("HUIBIAN_TEST_PAUSE");
  if (pause && *pause) sleep((unsigned)atoi(pause));
  char *dest = hui_path_join(archive, target);
  if (rename(tmp, dest) != 0) {
    fprintf(stderr, _("huibian: cannot file the edition as %s: %s (did another run archive it just now?)\n"),
            dest, strerror(errno));
    status = HUI_EXIT_USAGE;
  } else {
    tmp = NULL;
    sync_dir(archive);
    if (!hui_archive_reindex(archive, &why)) {
      fprintf(stderr, _("huibian: the edition is archived as %s, but %s/index.json could not be "
                        "updated: %s; the next archive run rebuilds it\n"), dest, archive, why);
      status = HUI_EXIT_USAGE;
    } else {
      if (previous)
        fprintf(stderr, _("huibian: archived the %s edition as %s (sealed; supersedes %s): %zu pages, %zu "
                          "certificates, PDF/A-1b; check it with 'huibian verify %s'\n"),
                year, dest, previous, res.pages, res.certificates, dest);
      else
        fprintf(stderr, _("huibian: archived the %s edition as %s (sealed): %zu pages, %zu "
                          "certificates, PDF/A-1b; check it with 'huibian verify %s'\n"),
                year, dest, res.pages, res.certificates, dest);
    }
  }
  free(dest);
done:
  if (tmp) hui_remove_tree(tmp);
  free(tmpl);
  free(why);
  free(target);
  free(previous);
  free(year);
  hui_build_result_free(&res);
  return status;
}
