/* pdf/pdfa: PDF/A-1b, for the archived copies — what ISO 19005-1 (level B)
 * asks beyond what libharu 2.3 writes, added through its object API just
 * before saving:
 * - XMP metadata (uncompressed) that repeats the document info, escaped;
 * - an OutputIntent with the sRGB ICC profile (Debian's icc-profiles-free);
 * - per font a CIDSet in the descriptor (font.c, hui_pdf_font_write);
 * - no soft masks: images with alpha are flattened against white
 *   (hui_pdfa_flatten, when image.c embeds them);
 * - no DeviceCMYK: CMYK colours are written as RGB (content.c);
 * - a trailer /ID derived from the content: SHA-256 of the page content
 *   streams and the info, so the same inputs give the same bytes.
 * The version stays 1.4, which PDF/A-1 requires. */
#include "pdf/pdf_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "base/sha256.h"

#ifndef HUI_SRGB_ICC
#define HUI_SRGB_ICC "/usr/share/color/icc/sRGB.icc"
#endif

const uint8_t *hui_pdfa_flatten(hui_pdf *p, const hui_image *img) {
  size_t n = (size_t)img->width * img->height, c = (size_t)img->components;
  uint8_t *out = hui_xmalloc(n * c);
  for (size_t i = 0; i < n; i++) {
    unsigned a = img->alpha[i];
    for (size_t k = 0; k < c; k++)
      out[i * c + k] = (uint8_t)((img->pixels[i * c + k] * a + 255 * (255 - a) + 127) / 255);
  }
  *HUI_PUSH(p->flat, p->nflat, p->capflat) = out;
  return out;
}

static void xml_escaped(hui_buf *b, const char *s) {
  for (; s && *s; s++) {
    switch (*s) {
      case '&': hui_buf_puts(b, "&amp;"); break;
      case '<': hui_buf_puts(b, "&lt;"); break;
      case '>': hui_buf_puts(b, "&gt;"); break;
      case '"': hui_buf_puts(b, "&quot;"); break;
      case '\'': hui_buf_puts(b, "&apos;"); break;
      default: hui_buf_putc(b, *s);
    }
  }
}

/* The XMP packet: dc, xmp, pdf and pdfaid, each value as in /Info. */
static char *pdfa_xmp(hui_pdf *p) {
  const char *title = p->pdfa_info[0], *author = p->pdfa_info[1], *subject = p->pdfa_info[2],
             *keywords = p->pdfa_info[3], *creator = p->pdfa_info[4], *date = p->pdfa_info[5];
  const char *producer = HPDF_GetInfoAttr(p->doc, HPDF_INFO_PRODUCER);
  hui_buf b = {0};
  hui_buf_puts(&b, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                   "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                   "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                   "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
                   "<dc:format>application/pdf</dc:format>\n");
  if (title && *title) {
    hui_buf_puts(&b, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
    xml_escaped(&b, title);
    hui_buf_puts(&b, "</rdf:li></rdf:Alt></dc:title>\n");
  }
  if (author && *author) {
    hui_buf_puts(&b, "<dc:creator><rdf:Seq><rdf:li>");
    xml_escaped(&b, author);
    hui_buf_puts(&b, "</rdf:li></rdf:Seq></dc:creator>\n");
  }
  if (subject && *subject) {
    hui_buf_puts(&b, "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">");
    xml_escaped(&b, subject);
    hui_buf_puts(&b, "</rdf:li></rdf:Alt></dc:description>\n");
  }
  hui_buf_puts(&b, "</rdf:Description>\n"
                   "<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n");
  if (creator && *creator) {
    hui_buf_puts(&b, "<xmp:CreatorTool>");
    xml_escaped(&b, creator);
    hui_buf_puts(&b, "</xmp:CreatorTool>\n");
  }
  if (date && *date) {
    hui_buf_printf(&b, "<xmp:CreateDate>%s+00:00</xmp:CreateDate>\n<xmp:ModifyDate>%s+00:00</xmp:ModifyDate>\n",
                   date, date);
  }
  hui_buf_puts(&b, "</rdf:Description>\n"
                   "<rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n");
  if (keywords && *keywords) {
    hui_buf_puts(&b, "<pdf:Keywords>");
    xml_escaped(&b, keywords);
    hui_buf_puts(&b, "</pdf:Keywords>\n");
  }
  if (producer && *producer) {
    hui_buf_puts(&b, "<pdf:Producer>");
    xml_escaped(&b, producer);
    hui_buf_puts(&b, "</pdf:Producer>\n");
  }
  hui_buf_puts(&b, "</rdf:Description>\n"
                   "<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
                   "<pdfaid:part>1</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n"
                   "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
  return hui_buf_take(&b);
}

/* /ID: the first 16 bytes of SHA-256 over the page contents and the info. */
static void pdfa_id(hui_pdf *p) {
  hui_sha256 h;
  hui_sha256_init(&h);
  for (int i = 0; i < 6; i++)
    if (p->pdfa_info[i]) hui_sha256_update(&h, p->pdfa_info[i], strlen(p->pdfa_info[i]) + 1);
  for (size_t i = 0; i < p->npages; i++) {
    HPDF_PageAttr pa = (HPDF_PageAttr)p->pages[i]->attr;
    HPDF_Stream st = pa ? pa->stream : NULL;
    HPDF_UINT n = st ? HPDF_MemStream_GetBufCount(st) : 0;
    for (HPDF_UINT k = 0; k < n; k++) {
      HPDF_UINT len = 0;
      HPDF_BYTE *buf = HPDF_MemStream_GetBufPtr(st, k, &len);
      if (buf && len) hui_sha256_update(&h, buf, len);
    }
    hui_sha256_update(&h, &p->heights[i], sizeof p->heights[i]);
  }
  uint8_t d[32];
  hui_sha256_final(&h, d);
  HPDF_Array id = HPDF_Array_New(p->doc->mmgr);
  HPDF_Array_Add(id, HPDF_Binary_New(p->doc->mmgr, d, 16));
  HPDF_Array_Add(id, HPDF_Binary_New(p->doc->mmgr, d, 16));
  HPDF_Dict_Add(p->doc->trailer, "ID", id);
}

bool hui_pdfa_finish(hui_pdf *p, char **why) {
  const char *icc_path = getenv("HUIBIAN_ICC");
  if (!icc_path || !*icc_path) icc_path = HUI_SRGB_ICC;
  size_t icc_len;
  char *icc = hui_read_file(icc_path, 1u << 20, &icc_len);
  if (!icc)
    return hui_pdf_fail_msg(p, why,
                            hui_xasprintf("PDF/A needs the sRGB colour profile %s (Debian package "
                                          "icc-profiles-free): %s; install it (scripts/install-deps.sh)",
                                          icc_path, strerror(errno)));
  HPDF_MMgr mm = p->doc->mmgr;
  /* the output intent */
  HPDF_Dict profile = hui_pdf_flate_stream(p, icc, icc_len);
  free(icc);
  HPDF_Dict intent = HPDF_Dict_New(mm);
  HPDF_Array intents = HPDF_Array_New(mm);
  if (!profile || !intent || !intents) return hui_pdf_fail_lib(p, why, "writing the output intent");
  HPDF_Dict_AddNumber(profile, "N", 3);
  HPDF_Xref_Add(p->doc->xref, intent);
  HPDF_Dict_AddName(intent, "Type", "OutputIntent");
  HPDF_Dict_AddName(intent, "S", "GTS_PDFA1");
  HPDF_Dict_Add(intent, "OutputConditionIdentifier", HPDF_String_New(mm, "sRGB IEC61966-2.1", NULL));
  HPDF_Dict_Add(intent, "Info", HPDF_String_New(mm, "sRGB IEC61966-2.1", NULL));
  HPDF_Dict_Add(intent, "DestOutputProfile", profile);
  HPDF_Array_Add(intents, intent);
  HPDF_Dict_Add(p->doc->catalog, "OutputIntents", intents);
  /* the metadata: never compressed, so any tool can read it */
  HPDF_Dict meta = HPDF_DictStream_New(mm, p->doc->xref);
  if (!meta) return hui_pdf_fail_lib(p, why, "writing the XMP metadata");
  char *xmp = pdfa_xmp(p);
  HPDF_Dict_AddName(meta, "Type", "Metadata");
  HPDF_Dict_AddName(meta, "Subtype", "XML");
  HPDF_Stream_Write(meta->stream, (const HPDF_BYTE *)xmp, (HPDF_UINT)strlen(xmp));
  free(xmp);
  meta->filter = HPDF_STREAM_FILTER_NONE;
  HPDF_Dict_Add(p->doc->catalog, "Metadata", meta);
  pdfa_id(p);
  p->doc->pdf_version = HPDF_VER_14;
  return !hui_pdf_failed(p, why, "writing the PDF/A parts");
}
