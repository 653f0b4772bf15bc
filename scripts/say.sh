# Sourced by the set-up scripts (setup.sh, progress.sh, install-deps.sh):
# their messages speak the clerk's language, as huibian itself does. Chinese
# when the locale that decides messages (the first of LC_ALL, LC_MESSAGES
# and LANG that is set) is zh_CN, English otherwise.
case ${LC_ALL:-${LC_MESSAGES:-${LANG:-}}} in
  zh_CN*) hui_zh=1 ;;
  *) hui_zh= ;;
esac

# say ZH EN: prints one line, Chinese or English.
say() {
  if [ -n "$hui_zh" ]; then printf '%s\n' "$1"; else printf '%s\n' "$2"; fi
}

# tr_ ZH EN: the same, without the newline (for building a line).
tr_() {
  if [ -n "$hui_zh" ]; then printf '%s' "$1"; else printf '%s' "$2"; fi
}
