/* pdf/spill: the pages' contents kept in a temporary file until the document
 * is saved. libharu holds a document whole until it writes it, and a page's
 * deflated contents were most of what a page cost there: each page's go
 * into one unnamed file of the document (in $TMPDIR, else /tmp) as soon as
 * the page is drawn, and its content stream becomes one that reads them back
 * when the document is saved (a libharu callback stream, as image.c's
 * photos). The bytes written are those that were kept in memory before.
 * The font programs, made when the document is saved, go the same way one
 * by one (font.c), so that libharu never holds them all; the messages say
 * "the pages' contents" for them too (a font that could not be written to
 * the file stops the save with the same advice). */
#define _GNU_SOURCE /* mkostemp; pread */
#include "pdf/pdf_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/base.h"
#include "base/i18n.h"

struct page_spill {
  int fd;       /* the unnamed file; -1 before the first page */
  uint64_t end; /* bytes written to it */
  char *dir;    /* the folder it is in, for messages */
  char *fail;   /* why reading it back failed, for hui_pdf_save's message */
};

/* One page's contents in the file: a libharu stream's attr, freed with it. */
typedef struct spill_piece {
  page_spill *sp;
  uint64_t off;
  HPDF_UINT len, pos;
} spill_piece;

void hui_pdf_spill_free(page_spill *sp) {
  if (!sp) return;
  if (sp->fd >= 0) close(sp->fd);
  free(sp->dir);
  free(sp->fail);
  free(sp);
}

const char *hui_pdf_spill_failure(const hui_pdf *p) { return p->spill ? p->spill->fail : NULL; }

/* The file, made on first use and unlinked at once: it goes when the
 * document is freed, or the process ends, whatever happens. */
static bool spill_open(hui_pdf *p, char **why) {
  if (p->spill) return true;
  const char *dir = hui_scratch_dir();
  int fd = hui_scratch_file();
  int err = errno;
  if (fd < 0)
    return hui_pdf_fail_msg(
        p, why,
        hui_xasprintf(_("PDF: cannot create a temporary file in %s for the pages' contents: %s "
                        "(set TMPDIR to a folder with room)"),
                      dir, strerror(err)));
  p->spill = hui_xcalloc(1, sizeof *p->spill);
  p->spill->fd = fd;
  p->spill->dir = hui_xstrdup(dir);
  return true;
}

static HPDF_STATUS piece_read(HPDF_Stream stream, HPDF_BYTE *ptr, HPDF_UINT *siz) {
  spill_piece *pc = stream->attr;
  HPDF_UINT want = *siz, got = 0;
  *siz = 0;
  while (got < want && pc->pos < pc->len) {
    size_t n = pc->len - pc->pos;
    if (n > want - got) n = want - got;
    ssize_t r = pread(pc->sp->fd, ptr + got, n, (off_t)(pc->off + pc->pos));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) {
      if (!pc->sp->fail)
        pc->sp->fail =
            hui_xasprintf(_("PDF: cannot read the pages' contents back from the temporary file in "
                            "%s: %s"),
                          pc->sp->dir, r < 0 ? strerror(errno) : _("it was cut short"));
      return HPDF_SetError(stream->error, HPDF_FILE_IO_ERROR, 0);
    }
    got += (HPDF_UINT)r;
    pc->pos += (HPDF_UINT)r;
  }
  *siz = got;
  return pc->pos < pc->len ? HPDF_OK : HPDF_STREAM_EOF;
}

static HPDF_STATUS piece_seek(HPDF_Stream stream, HPDF_INT pos, HPDF_WhenceMode mode) {
  spill_piece *pc = stream->attr;
  if (pos != 0 || mode != HPDF_SEEK_SET)
    return HPDF_SetError(stream->error, HPDF_INVALID_PARAMETER, 0);
  pc->pos = 0;
  return HPDF_OK;
}

static HPDF_INT32 piece_tell(HPDF_Stream stream) {
  return (HPDF_INT32)((spill_piece *)stream->attr)->pos;
}

static HPDF_UINT32 piece_size(HPDF_Stream stream) { return ((spill_piece *)stream->attr)->len; }

static void piece_free(HPDF_Stream stream) {
  HPDF_FreeMem(stream->mmgr, stream->attr);
  stream->attr = NULL;
}

bool hui_pdf_spill_contents(hui_pdf *p, HPDF_Dict contents, const void *z, size_t zlen,
                            char **why) {
  if (!spill_open(p, why)) return false;
  page_spill *sp = p->spill;
  int err = zlen > UINT32_MAX ? EFBIG : hui_write_all(sp->fd, z, zlen) ? 0 : errno;
  if (err) {
    /* what was written of this page is never read: the next page starts at
     * the offset counted, so the file is rewound there */
    (void)ftruncate(sp->fd, (off_t)sp->end);
    (void)lseek(sp->fd, (off_t)sp->end, SEEK_SET);
    return hui_pdf_fail_msg(
        p, why,
        hui_xasprintf(_("PDF: cannot write the pages' contents to a temporary file in %s: %s "
                        "(is the disk full? set TMPDIR to a folder with room)"),
                      sp->dir, strerror(err)));
  }
  HPDF_MMgr mmgr = p->doc->mmgr;
  spill_piece *pc = HPDF_GetMem(mmgr, sizeof *pc);
  HPDF_Stream st =
      pc ? HPDF_CallbackReader_New(mmgr, piece_read, piece_seek, piece_tell, piece_size, pc) : NULL;
  if (!st) {
    if (pc) HPDF_FreeMem(mmgr, pc);
    return hui_pdf_fail_lib(p, why, "keeping a page's contents");
  }
  *pc = (spill_piece){sp, sp->end, (HPDF_UINT)zlen, 0};
  sp->end += zlen;
  st->free_fn = piece_free;
  HPDF_Stream_Free(contents->stream);
  contents->stream = st;
  return true;
}
