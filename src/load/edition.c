/* load/edition: the edition folder — campaign.xml, then every file of
 * submissions/ that a reader takes (reader.c picks it by the extension), in
 * file-name order. What is not a readable edition folder at all is one
 * message for the user; everything wrong inside it is a finding. */
#define _XOPEN_SOURCE 700 /* lstat */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/base.h"
#include "base/i18n.h"
#include "load.h"
#include "load/reader.h"

/* Why the entry rel of the edition cannot be read as a submission, when it
 * is a link to nothing or a link loop (caller frees); NULL otherwise. */
static char *unreadable_entry(const char *dir, const char *rel) {
  char *full = hui_path_join(dir, rel);
  struct stat st;
  char *why = NULL;
  if (lstat(full, &st) == 0 && S_ISLNK(st.st_mode) && stat(full, &st) != 0) {
    if (errno == ELOOP)
      why =
          hui_xstrdup(_("the file is a link that leads round in a circle (a link loop); replace it "
                        "with the submission file itself"));
    else
      why = hui_xstrdup(_("the file is a link to a file that does not exist (any more); replace it "
                          "with the submission file itself"));
  }
  free(full);
  return why;
}

/* Loads the submission rel (relative to dir) into sub, with the reader its
 * name selects. A link that leads nowhere or out of the edition folder is a
 * finding and is not read. */
static void load_submission(const char *dir, const char *rel, hui_diags *d, hui_submission *sub) {
  char *path = hui_path_inside(dir, rel);
  char *odd = path ? NULL : unreadable_entry(dir, rel);
  if (odd)
    hui_diag_add(d, HUI_ERROR, rel, 0, 0, "file-unreadable", "%s", odd);
  else if (!path) /* a link that leads out of the edition folder is never read */
    hui_diag_add(
        d, HUI_ERROR, rel, 0, 0, "file-outside",
        _("the file is a link that leads outside the edition folder; it is not read: put the "
          "submission itself into submissions/"));
  if (path) {
    hui_source src = {.rel = rel, .path = path};
    hui_reader_run(hui_reader_for(rel), &src, d, sub);
  } else {
    hui_reader_init(sub, rel);
  }
  free(odd);
  free(path);
}

static int cmp_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_dir(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

hui_edition *hui_load_edition(const char *dir, hui_diags *d, char **why) {
  *why = NULL;
  struct stat st;
  if (stat(dir, &st) != 0) {
    *why = hui_xasprintf(_("%s does not exist. Give the path of an edition folder (it holds "
                           "campaign.xml and submissions/*.xml; see README.md)."),
                         dir);
    return NULL;
  }
  if (!S_ISDIR(st.st_mode)) {
    *why =
        hui_xasprintf(_("%s is a file, not an edition folder. An edition folder holds campaign.xml "
                        "and submissions/*.xml; see README.md."),
                      dir);
    return NULL;
  }
  char *cpath = hui_path_join(dir, "campaign.xml");
  bool has_campaign = stat(cpath, &st) == 0 && S_ISREG(st.st_mode);
  free(cpath);
  if (!has_campaign) {
    *why =
        hui_xasprintf(_("%s is not an edition folder: campaign.xml is missing. An edition folder "
                        "holds campaign.xml and submissions/*.xml; see README.md."),
                      dir);
    return NULL;
  }
  char *sdir = hui_path_join(dir, "submissions");
  DIR *dh = is_dir(sdir) ? opendir(sdir) : NULL;
  if (!dh) {
    *why = hui_xasprintf(_("%s is not an edition folder: the submissions/ folder is %s. An edition "
                           "folder holds campaign.xml and submissions/*.xml; see README.md."),
                         dir, is_dir(sdir) ? _("not readable") : _("missing"));
    free(sdir);
    return NULL;
  }
  char **names = NULL;
  size_t nnames = 0, cap = 0;
  struct dirent *de;
  while ((de = readdir(dh)) != NULL) {
    const char *nm = de->d_name;
    /* Every file a reader takes (*.xml in any case) is a submission, whatever
     * it turns out to be: one that cannot be read is a finding of its own
     * (load_submission), so the count of submissions never shrinks without a
     * word. */
    if (nm[0] == '.' || !hui_reader_for(nm)) continue;
    char **slot = HUI_PUSH(names, nnames, cap);
    *slot = hui_xstrdup(nm);
  }
  closedir(dh);
  free(sdir);
  if (nnames > 1) qsort(names, nnames, sizeof *names, cmp_names);

  hui_edition *e = hui_xcalloc(1, sizeof *e);
  e->dir = hui_xstrdup(dir);
  char *campaign_path = hui_path_join(dir, "campaign.xml");
  hui_source campaign = {.rel = "campaign.xml", .path = campaign_path};
  hui_read_campaign(&campaign, d, &e->campaign);
  free(campaign_path);
  if (nnames > HUI_MAX_SUBMISSIONS) {
    /* Past the limit none is read: reading the first ones would hide the rest. */
    hui_diag_add(
        d, HUI_ERROR, "submissions/", 0, 0, "too-many-submissions",
        _("the folder holds %zu submissions, more than the %u huibian reads in one edition; "
          "none of them was read: split the edition"),
        nnames, HUI_MAX_SUBMISSIONS);
    for (size_t i = 0; i < nnames; i++) free(names[i]);
    nnames = 0;
  }
  e->subs = nnames ? hui_xcalloc(nnames, sizeof *e->subs) : NULL;
  for (size_t i = 0; i < nnames; i++) {
    char *rel = hui_xasprintf("submissions/%s", names[i]);
    load_submission(dir, rel, d, &e->subs[i]);
    e->nsubs++;
    free(rel);
    free(names[i]);
  }
  free(names);
  return e;
}
