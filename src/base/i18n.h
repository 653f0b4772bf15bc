/* i18n: the messages a person reads, in the language of their locale
 * (gettext, GNU libc's own). Every message in the source is wrapped in _()
 * where it is used, or N_() where it is only listed (a table) and
 * translated when printed; po/zh_CN.po holds the Chinese, and a test fails
 * when a message has none (po/README.md). Rule ids, file names and the
 * machine-read JSON keys are never translated. */
#ifndef HUI_I18N_H
#define HUI_I18N_H

#include <libintl.h>

#define _(msgid) gettext(msgid)
#define N_(msgid) (msgid)
/* Singular or plural by n (Chinese has one form). */
#define P_(one, many, n) ngettext(one, many, n)

/* Sets the messages' language from the locale (LANG, LC_ALL, LC_MESSAGES),
 * or from lang ("zh_CN", "en") when not NULL (--lang), and where the
 * catalogs are: $HUIBIAN_LOCALEDIR, else where the build or the package put
 * them. Only messages and character types follow the locale: numbers in
 * files stay "1.5" whatever the locale says. */
void hui_i18n_init(const char *lang);

#endif
