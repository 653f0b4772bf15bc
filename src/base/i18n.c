/* i18n: choosing the messages' language (see i18n.h). */
#define _XOPEN_SOURCE 700 /* setenv */
#include "i18n.h"

#include "datadir.h"

#include <locale.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

void hui_i18n_init(const char *lang) {
  setlocale(LC_CTYPE, "");
  setlocale(LC_MESSAGES, "");
  if (lang && *lang) {
    /* --lang: LANGUAGE wins over LC_MESSAGES for gettext; "en" (or "C")
     * means the messages as written. Messages need LC_MESSAGES other than
     * C for LANGUAGE to count: a UTF-8 locale that exists everywhere. */
    bool english = strcmp(lang, "en") == 0 || strcmp(lang, "C") == 0;
    setenv("LANGUAGE", english ? "en" : lang, 1);
    if (!english && strcmp(setlocale(LC_MESSAGES, NULL), "C") == 0) {
      if (!setlocale(LC_MESSAGES, "C.UTF-8")) setlocale(LC_MESSAGES, "C.utf8");
    }
  }
  bindtextdomain("huibian", hui_locale_dir());
  bind_textdomain_codeset("huibian", "UTF-8");
  textdomain("huibian");
}
