/* fuzz_docx: the Word reader (hui_docx_read) from memory, two ways by the
 * first byte:
 *   even: the rest is a whole .docx (ZIP through libzip, capped reads,
 *         relationships, then the parts);
 *   odd:  the rest is up to four parts separated by NUL bytes —
 *         document.xml, styles.xml, numbering.xml, footnotes.xml — that this
 *         target packs into a stored ZIP with their relationships, so that
 *         mutations reach the XML (a mutated deflated member fails its CRC).
 * A failure must say why; every text must be valid UTF-8; spans, marks,
 * labels and table cells must lie within what they refer to. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "fuzz_common.h"
#include "load/docx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint32_t crc32_of(const char *p, size_t n) {
  uint32_t c = 0xFFFFFFFFu;
  for (size_t i = 0; i < n; i++) {
    c ^= (uint8_t)p[i];
    for (int k = 0; k < 8; k++) {
      c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
  }
  return ~c;
}

static void le16(hui_buf *b, unsigned v) {
  hui_buf_putc(b, (char)(v & 0xFF));
  hui_buf_putc(b, (char)((v >> 8) & 0xFF));
}

static void le32(hui_buf *b, uint32_t v) {
  le16(b, v & 0xFFFF);
  le16(b, v >> 16);
}

typedef struct member {
  const char *name;
  const char *data;
  size_t len;
} member;

/* A ZIP of stored members. */
static void pack(hui_buf *zip, const member *m, size_t n) {
  hui_buf dir = {0};
  for (size_t i = 0; i < n; i++) {
    uint32_t crc = crc32_of(m[i].data, m[i].len), offset = (uint32_t)zip->len;
    size_t nl = strlen(m[i].name);
    le32(zip, 0x04034b50u);
    le16(zip, 20);
    le16(zip, 0);
    le16(zip, 0); /* stored */
    le32(zip, 0);
    le32(zip, crc);
    le32(zip, (uint32_t)m[i].len);
    le32(zip, (uint32_t)m[i].len);
    le16(zip, (unsigned)nl);
    le16(zip, 0);
    hui_buf_add(zip, m[i].name, nl);
    hui_buf_add(zip, m[i].data, m[i].len);
    le32(&dir, 0x02014b50u);
    le16(&dir, 20);
    le16(&dir, 20);
    le16(&dir, 0);
    le16(&dir, 0);
    le32(&dir, 0);
    le32(&dir, crc);
    le32(&dir, (uint32_t)m[i].len);
    le32(&dir, (uint32_t)m[i].len);
    le16(&dir, (unsigned)nl);
    le16(&dir, 0);
    le16(&dir, 0);
    le16(&dir, 0);
    le16(&dir, 0);
    le32(&dir, 0);
    le32(&dir, offset);
    hui_buf_add(&dir, m[i].name, nl);
  }
  uint32_t dir_offset = (uint32_t)zip->len;
  hui_buf_add(zip, dir.data, dir.len);
  le32(zip, 0x06054b50u);
  le16(zip, 0);
  le16(zip, 0);
  le16(zip, (unsigned)n);
  le16(zip, (unsigned)n);
  le32(zip, (uint32_t)dir.len);
  le32(zip, dir_offset);
  le16(zip, 0);
  hui_buf_free(&dir);
}

static const char PKG_RELS[] =
    "<?xml version=\"1.0\"?><Relationships "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship "
    "Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    "officeDocument\" Target=\"word/document.xml\"/></Relationships>";

static const char DOC_RELS[] =
    "<?xml version=\"1.0\"?><Relationships "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
    "Target=\"styles.xml\"/>"
    "<Relationship Id=\"rId2\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" "
    "Target=\"numbering.xml\"/>"
    "<Relationship Id=\"rId3\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes\" "
    "Target=\"footnotes.xml\"/>"
    "<Relationship Id=\"rIdImg1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" "
    "Target=\"media/photo.png\"/>"
    "</Relationships>";

static void check_doc(const hui_docx *d) {
  for (size_t i = 0; i < d->nblocks; i++) {
    const hui_docx_block *b = &d->blocks[i];
    FUZZ_CHECK(b->text);
    size_t len = strlen(b->text);
    FUZZ_CHECK(hui_utf8_valid(b->text, len, NULL));
    FUZZ_CHECK(b->label_len <= len);
    for (size_t k = 0; k < b->nbold; k++) {
      FUZZ_CHECK(b->bold[k].start < b->bold[k].end && b->bold[k].end <= len);
      FUZZ_CHECK(k == 0 || b->bold[k - 1].end <= b->bold[k].start);
    }
    for (size_t k = 0; k < b->nnotes; k++) {
      FUZZ_CHECK(b->notes[k].at <= len && b->notes[k].what < d->nnotes);
    }
    for (size_t k = 0; k < b->nimages; k++) {
      FUZZ_CHECK(b->images[k].at <= len && b->images[k].what < d->nimages);
    }
    FUZZ_CHECK(b->kind != HUI_DOCX_IMAGE || b->image < d->nimages);
    FUZZ_CHECK((b->kind == HUI_DOCX_TABLE) == (b->table != NULL));
    if (b->table) {
      const hui_docx_table *t = b->table;
      FUZZ_CHECK(t->grid.nrows == t->nrows);
      for (size_t r = 0; r < t->nrows; r++) {
        FUZZ_CHECK(t->grid.rows[r].ncells == t->ncols);
        for (size_t c = 0; c < t->ncols; c++) {
          const hui_docx_cell *cell = &t->cells[r * t->ncols + c];
          FUZZ_CHECK(cell->text && hui_utf8_valid(cell->text, strlen(cell->text), NULL));
          FUZZ_CHECK(c + cell->colspan <= t->ncols && r + cell->rowspan <= t->nrows);
        }
      }
    }
  }
  for (size_t i = 0; i < d->nnotes; i++) {
    FUZZ_CHECK(hui_utf8_valid(d->notes[i].text, strlen(d->notes[i].text), NULL));
  }
  for (size_t i = 0; i < d->ndrops; i++) {
    FUZZ_CHECK(d->drops[i].what && *d->drops[i].what);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0) {
    return 0;
  }
  hui_buf zip = {0};
  const char *bytes = (const char *)data + 1;
  size_t len = size - 1;
  if (data[0] & 1) {
    static const char *const names[] = {"word/document.xml", "word/styles.xml",
                                        "word/numbering.xml", "word/footnotes.xml"};
    static const char png[] = "\x89PNG\r\n\x1a\n";
    member m[8] = {{"_rels/.rels", PKG_RELS, sizeof PKG_RELS - 1},
                   {"word/_rels/document.xml.rels", DOC_RELS, sizeof DOC_RELS - 1},
                   {"word/media/photo.png", png, sizeof png - 1}};
    size_t n = 3;
    const char *p = bytes, *end = bytes + len;
    for (size_t k = 0; k < 4 && p <= end; k++) {
      const char *nul = memchr(p, '\0', (size_t)(end - p));
      const char *stop = nul ? nul : end;
      m[n++] = (member){names[k], p, (size_t)(stop - p)};
      p = stop + 1;
    }
    pack(&zip, m, n);
    bytes = zip.data;
    len = zip.len;
  }
  hui_docx d = {0};
  char *why = NULL;
  bool ok = hui_docx_read(bytes, len, &d, &why);
  FUZZ_CHECK(ok == (why == NULL));
  FUZZ_CHECK(ok || *why);
  if (ok) {
    check_doc(&d);
  }
  free(why);
  hui_docx_clear(&d);
  hui_buf_free(&zip);
  return 0;
}
