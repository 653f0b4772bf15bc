/* pdf/font: the document's fonts — one per face drawn (the font cache), each
 * a subset made by subset.c, embedded when saving as a Type0 font
 * (Identity-H) over a CIDFontType2 with its widths, its ToUnicode CMap and,
 * for PDF/A, its CIDSet. The font programs are made one at a time when the
 * document is saved. */
#include "pdf/pdf_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "base/sha256.h"

/* << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>: the character
 * collection of the fonts' CIDs. */
static HPDF_Dict identity_system_info(HPDF_MMgr mm) {
  HPDF_Dict info = HPDF_Dict_New(mm);
  if (info) {
    HPDF_Dict_Add(info, "Registry", HPDF_String_New(mm, "Adobe", NULL));
    HPDF_Dict_Add(info, "Ordering", HPDF_String_New(mm, "Identity", NULL));
    HPDF_Dict_AddNumber(info, "Supplement", 0);
  }
  return info;
}

/* The document's font for a face: its subset and dictionaries, made on first
 * use; the dictionaries are filled by hui_pdf_font_write when the document is
 * saved. */
font_slot *hui_pdf_font_get(hui_pdf *p, hui_face *face, char **why) {
  for (size_t i = 0; i < p->nfonts; i++)
    if (p->fonts[i].face == face) return &p->fonts[i];
  char *err = NULL;
  hui_subset *sub = hui_subset_new(face, &err);
  if (!sub) {
    hui_pdf_fail_msg(p, why, hui_xasprintf("PDF: %s", err));
    free(err);
    return NULL;
  }
  HPDF_Dict font = HPDF_Dict_New(p->doc->mmgr);
  if (font && HPDF_Xref_Add(p->doc->xref, font) != HPDF_OK) font = NULL; /* freed by libharu */
  HPDF_Dict cid = font ? HPDF_Dict_New(p->doc->mmgr) : NULL;
  if (cid && HPDF_Xref_Add(p->doc->xref, cid) != HPDF_OK) cid = NULL;
  if (!cid) {
    hui_subset_free(sub);
    hui_pdf_fail_lib(p, why, "making a font");
    return NULL;
  }
  font_slot *s = HUI_PUSH(p->fonts, p->nfonts, p->capfonts);
  s->face = face;
  s->sub = sub;
  s->font = font;
  s->cid = cid;
  snprintf(s->name, sizeof s->name, "F%zu", p->nfonts);
  if (HPDF_Dict_Add(p->res_fonts, s->name, font) != HPDF_OK) {
    hui_pdf_fail_lib(p, why, "adding a font to the resources");
    return NULL;
  }
  return s;
}

/* A PDF name from a PostScript name: printable ASCII without delimiters. */
static void put_psname(hui_buf *b, const char *ps) {
  size_t start = b->len;
  for (; *ps && b->len - start < 100; ps++)
    if (*ps > ' ' && *ps < 0x7F && !strchr("()<>[]{}/%#", *ps)) hui_buf_putc(b, *ps);
  if (b->len == start) hui_buf_puts(b, "Font");
}

/* The ToUnicode CMap of a subset: each CID (its Identity-H code, two bytes)
 * to the character it was drawn for (UTF-16BE, so characters past the BMP
 * too), in blocks of at most 100. */
static void to_unicode_cmap(const hui_subset *sub, hui_buf *b) {
  hui_buf_puts(b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                  "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                  "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                  "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
  size_t n = hui_subset_count(sub), cid = 1;
  while (cid < n) {
    size_t block = 0, from = cid;
    for (size_t c = cid; c < n && block < 100; c++) block += hui_subset_unicode(sub, (unsigned)c) != 0;
    if (block == 0) break;
    hui_buf_printf(b, "%zu beginbfchar\n", block);
    for (size_t k = 0; k < block; from++) {
      uint32_t u = hui_subset_unicode(sub, (unsigned)from);
      if (!u) continue;
      if (u < 0x10000) {
        hui_buf_printf(b, "<%04zX> <%04X>\n", from, (unsigned)u);
      } else {
        u -= 0x10000;
        hui_buf_printf(b, "<%04zX> <%04X%04X>\n", from, 0xD800u + (unsigned)(u >> 10),
                       0xDC00u + (unsigned)(u & 0x3FF));
      }
      k++;
    }
    hui_buf_puts(b, "endbfchar\n");
    cid = from;
  }
  hui_buf_puts(b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
}

typedef struct cid_width {
  unsigned cid;
  int w;
} cid_width;

static int by_cid(const void *a, const void *b) {
  unsigned x = ((const cid_width *)a)->cid, y = ((const cid_width *)b)->cid;
  return x < y ? -1 : x > y;
}

/* DW, the commonest width of the subset's glyphs, and W, every other width:
 * [c [w ...] ...] for runs of consecutive CIDs (the program's CIDs: a CFF
 * subset's are not its codes). */
static HPDF_Array widths(hui_pdf *p, const hui_subset *sub, int *dw) {
  size_t n = hui_subset_count(sub), m = 0;
  int best = 1000;
  size_t best_count = 0;
  cid_width *w = hui_xmalloc((n ? n : 1) * sizeof *w);
  for (size_t i = 0; i < n; i++)
    w[i] = (cid_width){hui_subset_program_cid(sub, (unsigned)i), hui_subset_width(sub, (unsigned)i)};
  qsort(w, n, sizeof *w, by_cid);
  for (size_t i = 0; i < n; i++) /* one width per CID */
    if (m == 0 || w[m - 1].cid != w[i].cid) w[m++] = w[i];
  /* the commonest value: few distinct widths, so a short table suffices */
  int vals[64];
  size_t counts[64], nv = 0;
  for (size_t i = 1; i < m; i++) {
    size_t k = 0;
    while (k < nv && vals[k] != w[i].w) k++;
    if (k == nv) {
      if (nv == 64) continue;
      vals[nv] = w[i].w;
      counts[nv++] = 0;
    }
    if (++counts[k] > best_count) best_count = counts[k], best = vals[k];
  }
  *dw = best;
  HPDF_Array arr = HPDF_Array_New(p->doc->mmgr);
  for (size_t i = 0; arr && i < m;) {
    if (w[i].w == best) {
      i++;
      continue;
    }
    HPDF_Array run = HPDF_Array_New(p->doc->mmgr);
    if (!run) break;
    HPDF_Array_AddNumber(arr, (HPDF_INT32)w[i].cid);
    HPDF_Array_Add(arr, run);
    unsigned next = w[i].cid;
    for (size_t k = 0; i < m && w[i].w != best && w[i].cid == next && k < 1000; i++, k++, next++)
      HPDF_Array_AddNumber(run, w[i].w);
  }
  free(w);
  return arr;
}

/* The Encoding of a CFF subset: a CMap from each code (two bytes, the
 * subset's own number) to the CID the program draws it with. */
static HPDF_Dict code_cmap(hui_pdf *p, const hui_subset *sub, const char *reg, const char *ord,
                           int supp) {
  hui_buf b = {0};
  hui_buf_printf(&b,
                 "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                 "/CIDSystemInfo << /Registry (%s) /Ordering (%s) /Supplement %d >> def\n"
                 "/CMapName /Huibian-Codes def\n/CMapType 1 def\n"
                 "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
                 reg, ord, supp);
  size_t n = hui_subset_count(sub);
  for (size_t from = 0; from < n; from += 100) {
    size_t k = n - from < 100 ? n - from : 100;
    hui_buf_printf(&b, "%zu begincidchar\n", k);
    for (size_t c = from; c < from + k; c++)
      hui_buf_printf(&b, "<%04zX> %u\n", c, hui_subset_program_cid(sub, (unsigned)c));
    hui_buf_puts(&b, "endcidchar\n");
  }
  hui_buf_puts(&b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
  HPDF_Dict cmap = hui_pdf_flate_stream(p, b.data, b.len);
  hui_buf_free(&b);
  if (cmap) {
    HPDF_Dict info = HPDF_Dict_New(p->doc->mmgr);
    if (info) {
      HPDF_Dict_Add(info, "Registry", HPDF_String_New(p->doc->mmgr, reg, NULL));
      HPDF_Dict_Add(info, "Ordering", HPDF_String_New(p->doc->mmgr, ord, NULL));
      HPDF_Dict_AddNumber(info, "Supplement", supp);
    }
    HPDF_Dict_AddName(cmap, "Type", "CMap");
    HPDF_Dict_AddName(cmap, "CMapName", "Huibian-Codes");
    HPDF_Dict_Add(cmap, "CIDSystemInfo", info);
    HPDF_Dict_AddNumber(cmap, "WMode", 0);
  }
  return cmap;
}

/* Makes a font's program, its digest and its deflated bytes (no libharu
 * here). */
static void pack_program(font_slot *s) {
  hui_buf prog = {0};
  if (!hui_subset_program(s->sub, &prog, &s->err)) {
    hui_buf_free(&prog);
    return;
  }
  hui_sha256 h;
  hui_sha256_init(&h);
  hui_sha256_update(&h, prog.data, prog.len);
  hui_sha256_final(&h, s->digest);
  size_t zlen = 0;
  /* (a CFF program gains little from a slower level: haru.c) */
  s->z = hui_subset_is_cff(s->sub) ? hui_pdf_deflate_fast(prog.data, prog.len, &zlen)
                                   : hui_pdf_deflate(prog.data, prog.len, &zlen);
  if (!s->z) s->err = hui_xstrdup("cannot compress a font program");
  s->zlen = zlen;
  s->len = prog.len;
  hui_buf_free(&prog);
}

/* Makes a font's program and fills its dictionaries, now that the subset is
 * complete. The fonts are written one after the other: each holds its
 * program whole and the subsetter's work while it is made (two at a time, as
 * before, added a second font's worth to the build's peak: 95 → 110 MiB at
 * 2,000 submissions, and saved no time), and its deflated program goes to
 * the temporary file of the pages' contents (spill.c) at once instead of
 * staying in libharu until the document is written. Type0 (Identity-H)
 * over a CIDFontType2 whose CIDs are the subset's glyph numbers; the
 * descriptor, ToUnicode CMap and, for PDF/A, the CIDSet. The subset's name
 * prefix is made from its program, so the same glyphs give the same name. */
bool hui_pdf_font_write(hui_pdf *p, font_slot *s, char **why) {
  HPDF_MMgr mm = p->doc->mmgr;
  if (!s->z && !s->err) pack_program(s);
  if (!s->z) {
    hui_pdf_fail_msg(p, why,
                     hui_xasprintf("PDF: %s", s->err ? s->err : "cannot make a font program"));
    return false;
  }
  hui_buf name = {0};
  for (int i = 0; i < 6; i++) hui_buf_putc(&name, (char)('A' + s->digest[i] % 26));
  hui_buf_putc(&name, '+');
  put_psname(&name, hui_face_psname(s->face));

  HPDF_Dict file = HPDF_DictStream_New(mm, p->doc->xref);
  HPDF_Dict desc = HPDF_Dict_New(mm);
  if (desc && HPDF_Xref_Add(p->doc->xref, desc) != HPDF_OK) desc = NULL;
  if (!file || !desc) {
    hui_buf_free(&name);
    return hui_pdf_fail_lib(p, why, "embedding a font");
  }
  /* deflated already (libharu would keep the program whole until saving) */
  bool cff = hui_subset_is_cff(s->sub);
  if (cff) HPDF_Dict_AddName(file, "Subtype", "CIDFontType0C");
  else HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)s->len);
  bool kept = hui_pdf_spill_contents(p, file, s->z, s->zlen, why);
  free(s->z);
  s->z = NULL;
  if (!kept) {
    hui_buf_free(&name);
    return false;
  }
  file->filter = HPDF_STREAM_FILTER_NONE;
  file->write_fn = hui_pdf_flate_filter;

  hui_subset_metrics m;
  hui_subset_get_metrics(s->sub, &m);
  HPDF_Dict_AddName(desc, "Type", "FontDescriptor");
  HPDF_Dict_AddName(desc, "FontName", name.data);
  /* symbolic (4): the glyphs are reached by CID, not a standard encoding */
  HPDF_Dict_AddNumber(desc, "Flags", 4 | (m.fixed_pitch ? 1 : 0) | (m.serif ? 2 : 0));
  HPDF_Array bbox = HPDF_Array_New(mm);
  for (int i = 0; bbox && i < 4; i++) HPDF_Array_AddNumber(bbox, m.bbox[i]);
  HPDF_Dict_Add(desc, "FontBBox", bbox);
  HPDF_Dict_AddReal(desc, "ItalicAngle", (HPDF_REAL)m.italic_angle);
  HPDF_Dict_AddNumber(desc, "Ascent", m.ascent);
  HPDF_Dict_AddNumber(desc, "Descent", m.descent);
  HPDF_Dict_AddNumber(desc, "CapHeight", m.cap_height);
  HPDF_Dict_AddNumber(desc, "StemV", 80);
  HPDF_Dict_Add(desc, cff ? "FontFile3" : "FontFile2", file);
  if (p->pdfa) {
    /* every CID of the subset is in its program */
    size_t n = hui_subset_count(s->sub), top = 0;
    for (size_t i = 0; i < n; i++)
      if (hui_subset_program_cid(s->sub, (unsigned)i) > top) top = hui_subset_program_cid(s->sub, (unsigned)i);
    size_t nbytes = top / 8 + 1;
    uint8_t *bits = hui_xcalloc(1, nbytes);
    for (size_t i = 0; i < n; i++) {
      unsigned c = hui_subset_program_cid(s->sub, (unsigned)i);
      bits[c / 8] |= (uint8_t)(0x80 >> (c % 8));
    }
    HPDF_Dict cidset = hui_pdf_flate_stream(p, bits, nbytes);
    if (cidset) HPDF_Dict_Add(desc, "CIDSet", cidset);
    free(bits);
  }

  const char *reg = "Adobe", *ord = "Identity";
  int supp = 0;
  if (!hui_subset_ros(s->sub, &reg, &ord, &supp) || !*reg || !*ord) {
    reg = "Adobe";
    ord = "Identity";
    supp = 0;
  }
  HPDF_Dict info = cff ? HPDF_Dict_New(mm) : identity_system_info(mm);
  if (cff && info) {
    HPDF_Dict_Add(info, "Registry", HPDF_String_New(mm, reg, NULL));
    HPDF_Dict_Add(info, "Ordering", HPDF_String_New(mm, ord, NULL));
    HPDF_Dict_AddNumber(info, "Supplement", supp);
  }
  int dw;
  HPDF_Array w = widths(p, s->sub, &dw);
  HPDF_Dict_AddName(s->cid, "Type", "Font");
  HPDF_Dict_AddName(s->cid, "Subtype", cff ? "CIDFontType0" : "CIDFontType2");
  HPDF_Dict_AddName(s->cid, "BaseFont", name.data);
  HPDF_Dict_Add(s->cid, "CIDSystemInfo", info);
  HPDF_Dict_Add(s->cid, "FontDescriptor", desc);
  HPDF_Dict_AddNumber(s->cid, "DW", dw);
  HPDF_Dict_Add(s->cid, "W", w);
  if (!cff) HPDF_Dict_AddName(s->cid, "CIDToGIDMap", "Identity");

  hui_buf tu = {0};
  to_unicode_cmap(s->sub, &tu);
  HPDF_Dict cmap = hui_pdf_flate_stream(p, tu.data, tu.len);
  hui_buf_free(&tu);
  HPDF_Array desc_fonts = HPDF_Array_New(mm);
  if (desc_fonts) HPDF_Array_Add(desc_fonts, s->cid);
  HPDF_Dict_AddName(s->font, "Type", "Font");
  HPDF_Dict_AddName(s->font, "Subtype", "Type0");
  HPDF_Dict_AddName(s->font, "BaseFont", name.data);
  HPDF_Dict enc = cff ? code_cmap(p, s->sub, reg, ord, supp) : NULL;
  if (enc) HPDF_Dict_Add(s->font, "Encoding", enc);
  else HPDF_Dict_AddName(s->font, "Encoding", "Identity-H");
  HPDF_Dict_Add(s->font, "DescendantFonts", desc_fonts);
  HPDF_Dict_Add(s->font, "ToUnicode", cmap);
  hui_buf_free(&name);
  if (!info || !w || !cmap || !desc_fonts || (cff && !enc)) return hui_pdf_fail_lib(p, why, "embedding a font");
  return !hui_pdf_failed(p, why, "embedding a font");
}
