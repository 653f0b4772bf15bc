/* load/zipfile: libzip behind hui_zip (zipfile.h). */
#include "load/zipfile.h"

#include <stdlib.h>
#include <zip.h>

#include "base/base.h"
#include "base/i18n.h"

struct hui_zip {
  zip_t *za;
};

hui_zip *hui_zip_open_memory(const void *bytes, size_t len, char **why) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t *src = zip_source_buffer_create(bytes, len, 0, &err);
  if (!src) {
    *why = hui_xstrdup(_("out of memory while opening the file as a ZIP package"));
    zip_error_fini(&err);
    return NULL;
  }
  zip_t *za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err);
  if (!za && zip_error_code_zip(&err) == ZIP_ER_INCONS) {
    /* Local headers that differ from the central directory in what does not
     * matter (padding in their extra fields, as some writers leave): Word
     * and unzip read such files, and every member's CRC is still checked
     * as it is read. */
    zip_error_fini(&err);
    zip_error_init(&err);
    za = zip_open_from_source(src, ZIP_RDONLY, &err);
  }
  if (!za) {
    zip_source_free(src);
    *why = hui_xasprintf(_("the file is not a readable Office file (a ZIP package): %s"),
                         zip_error_strerror(&err));
    zip_error_fini(&err);
    return NULL;
  }
  zip_error_fini(&err);
  hui_zip *z = hui_xcalloc(1, sizeof *z);
  z->za = za;
  return z;
}

bool hui_zip_has(hui_zip *z, const char *name) { return zip_name_locate(z->za, name, 0) >= 0; }

char *hui_zip_read(hui_zip *z, const char *name, size_t cap, size_t *len, char **why) {
  zip_int64_t idx = zip_name_locate(z->za, name, 0);
  if (idx < 0) {
    *why = hui_xasprintf(_("the package has no part '%s'"), name);
    return NULL;
  }
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(z->za, (zip_uint64_t)idx, 0, &st) == 0 &&
      (st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
    *why = hui_xasprintf(_("the part '%s' is encrypted (the file has a password); save it "
                           "again without a password"),
                         name);
    return NULL;
  }
  zip_file_t *f = zip_fopen_index(z->za, (zip_uint64_t)idx, 0);
  if (!f) {
    *why = hui_xasprintf(_("the part '%s' cannot be read: %s"), name, zip_strerror(z->za));
    return NULL;
  }
  hui_buf b = {0};
  char *err = NULL;
  char chunk[16384];
  for (;;) {
    zip_int64_t n = zip_fread(f, chunk, sizeof chunk);
    if (n < 0) {
      err = hui_xasprintf(_("the part '%s' is damaged: %s"), name, zip_file_strerror(f));
      break;
    }
    if (n == 0) {
      break;
    }
    if (b.len + (size_t)n > cap) {
      err = hui_xasprintf(_("the part '%s' unpacks to more than %zu bytes; the file is not "
                            "an ordinary Office file"),
                          name, cap);
      break;
    }
    hui_buf_add(&b, chunk, (size_t)n);
  }
  zip_fclose(f);
  if (err) {
    *why = err;
    hui_buf_free(&b);
    return NULL;
  }
  *len = b.len;
  return b.data ? hui_buf_take(&b) : hui_xstrdup("");
}

void hui_zip_close(hui_zip *z) {
  if (!z) {
    return;
  }
  zip_discard(z->za);
  free(z);
}

/* A member added to za with the fixed date and plain file permissions. */
static bool add_member(zip_t *za, const hui_zip_member *m, unsigned dosdate, unsigned dostime) {
  zip_source_t *src = zip_source_buffer(za, m->bytes, m->len, 0);
  if (!src) return false;
  zip_int64_t idx = zip_file_add(za, m->name, src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
  if (idx < 0) {
    zip_source_free(src);
    return false;
  }
  zip_uint64_t i = (zip_uint64_t)idx;
  return zip_file_set_dostime(za, i, (zip_uint16_t)dostime, (zip_uint16_t)dosdate, 0) == 0 &&
         zip_file_set_external_attributes(za, i, 0, ZIP_OPSYS_UNIX, 0100644u << 16) == 0 &&
         zip_set_file_compression(za, i, m->store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 9) == 0;
}

bool hui_zip_write(const char *path, const hui_zip_member *members, size_t n, int year, int month,
                   int day, char **why) {
  int err = 0;
  zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
  if (!za) {
    zip_error_t ze;
    zip_error_init_with_code(&ze, err);
    *why = hui_xasprintf(_("cannot write %s: %s"), path, zip_error_strerror(&ze));
    zip_error_fini(&ze);
    return false;
  }
  if (year < 1980) year = 1980;
  if (year > 2107) year = 2107;
  unsigned dosdate = (unsigned)(year - 1980) << 9 | (unsigned)month << 5 | (unsigned)day;
  for (size_t i = 0; i < n; i++)
    if (!add_member(za, &members[i], dosdate, 0)) {
      *why = hui_xasprintf(_("cannot write %s: %s"), path, zip_strerror(za));
      zip_discard(za);
      return false;
    }
  if (zip_close(za) != 0) {
    *why = hui_xasprintf(_("cannot write %s: %s"), path, zip_strerror(za));
    zip_discard(za);
    return false;
  }
  return true;
}
