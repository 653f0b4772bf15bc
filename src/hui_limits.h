/* hui_limits: every bound that keeps a hostile edition from exhausting the machine,
 * in one place. Each has a diagnostic (rule id in brackets) and a test at the
 * limit and one past it (tests/unit/test_limits.c). */
#ifndef HUI_LIMITS_H
#define HUI_LIMITS_H

/* Largest XML file (campaign, submission, template), in bytes [file-too-large].
 * Refused by its size before it is read. */
#define HUI_MAX_XML_BYTES (4u * 1024u * 1024u)

/* Most elements in one XML file, counted from the bytes before libxml2 builds
 * a tree [too-many-elements]. A submission has about a hundred. */
#define HUI_MAX_XML_ELEMENTS 50000u

/* Deepest element nesting libxml2 parses (its xmlParserMaxDepth without
 * XML_PARSE_HUGE) [too-deep]; the loader reports the number it finds there. */
#define HUI_MAX_XML_DEPTH 256

/* Deepest nesting of body blocks and inlines kept in the model [too-deep]:
 * layout and the rules never see deeper content. */
#define HUI_MAX_BODY_DEPTH 32

/* Most characters in one paragraph, title or other text block [text-too-long],
 * whatever max-chars says: one paragraph is set as one unit. */
#define HUI_MAX_TEXT_CHARS 100000u

/* Most grid columns of one table (tgroup cols) [table-span]: a page holds
 * fewer (docs/typography.md, "Tables"); a larger cols is refused before any
 * per-column memory is taken. */
#define HUI_MAX_TABLE_COLS 64

/* Most submissions in an edition [too-many-submissions]; past it none is read. */
#define HUI_MAX_SUBMISSIONS 5000u

/* The largest roster file (CSV, or a sheet's XML) and its most rows. */
#define HUI_MAX_ROSTER_BYTES (16u * 1024u * 1024u)
#define HUI_MAX_ROSTER_ROWS 20000u

/* The largest .docx file, the most bytes one XML part of it may inflate to,
 * and the most bytes all the parts read from it may inflate to together
 * (images included): a zip bomb stops at these. */
#define HUI_MAX_DOCX_BYTES (128u * 1024u * 1024u)
#define HUI_MAX_DOCX_PART_BYTES (32u * 1024u * 1024u)
#define HUI_MAX_DOCX_INFLATED (256u * 1024u * 1024u)
/* Most table cells (grid positions, merged ones too) in one .docx, and most
 * bytes of text the reader may make of it (a merged cell's text repeats in
 * the grid, a numbering label in every paragraph): a small hostile file
 * could otherwise ask for gigabytes. */
#define HUI_MAX_DOCX_CELLS 1000000u
#define HUI_MAX_DOCX_TEXT (64u * 1024u * 1024u)

/* Largest image file, in bytes, and most pixels (width x height) decoded
 * [photo-unreadable]. */
#define HUI_MAX_IMAGE_BYTES (256u * 1024u * 1024u)
#define HUI_MAX_IMAGE_PIXELS (40u * 1000u * 1000u)

/* Most scans (SOS markers) in one JPEG [photo-unreadable]. The checker
 * decodes every scan, and each pass of a progressive file goes over the
 * whole image again: a small file of thousands of tiny scans would take
 * minutes. Ordinary files have one (baseline) to about ten (progressive). */
#define HUI_MAX_JPEG_SCANS 100u

#endif
