/* load/docbook: the DocBook reader — a DocBook 5.0 <article> (the subset of
 * docs/edition-format.md) into a hui_submission. Its vocabulary table and
 * schema drive the schema check (schema.c); the mapping takes the metadata
 * from <info> and the body from the article's blocks. A reader as reader.h
 * describes it: positions are the file's lines and columns. */
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "base/i18n.h"
#include "load/reader.h"
#include "load/xml.h"

extern const char hui_schema_submission[];

#define DB_NS "http://docbook.org/ns/docbook"

/* ---- the vocabulary ----------------------------------------------------- */

#define INLINE "emphasis quote phrase"
#define BLOCKS "para itemizedlist orderedlist blockquote informaltable table informalfigure figure"
/* Set apart at the start of an article or section: 颁奖辞, 编者按. */
#define APART "epigraph note"
#define TABLE_ATTRS "frame=all|bottom|none|sides|top|topbot colsep=0|1 rowsep=0|1 pgwide=0|1"
static const hui_vocab sub_vocab[] = {
    {"article", "title subtitle info section " APART " " BLOCKS, false, true, "class status label", "", "title subtitle info"},
    {"info", "title subtitle author date cover subjectset bibliomisc abstract", false, false, "", "",
     "title subtitle date cover abstract"},
    {"author", "personname orgname affiliation", false, false, "", "", "personname orgname"},
    {"affiliation", "jobtitle orgname", false, false, "", "", "orgname"},
    {"personname", "surname firstname givenname othername honorific lineage " INLINE, true, false, "", "", ""},
    {"cover", "mediaobject", false, false, "", "mediaobject", ""},
    {"mediaobject", "imageobject caption", false, false, "", "imageobject", "caption"},
    {"imageobject", "imagedata", false, false, "", "imagedata", "imagedata"},
    {"imagedata", "", false, false,
     "!fileref format width depth contentwidth contentdepth scale scalefit=0|1 align valign", "", ""},
    {"subjectset", "subject", false, false, "!scheme=category", "subject", ""},
    {"subject", "subjectterm", false, false, "weight", "subjectterm", ""},
    {"subjectterm", "", true, false, "", "", ""},
    {"abstract", "title para", false, false, "", "para", "title"},
    {"section", "title subtitle section " APART " " BLOCKS, false, true, "", "title", "title subtitle"},
    {"epigraph", "para", false, true, "", "para", ""},
    {"note", "title para", false, true, "!role=editor", "para", "title"},
    {"footnote", "para", false, true, "", "para", ""},
    {"itemizedlist", "listitem", false, true, "mark spacing=compact|normal", "listitem", ""},
    {"orderedlist", "listitem", false, true,
     "numeration=arabic|upperalpha|loweralpha|upperroman|lowerroman inheritnum=inherit|ignore "
     "continuation=continues|restarts startingnumber spacing=compact|normal",
     "listitem", ""},
    {"listitem", BLOCKS, false, true, "override", "", ""},
    {"blockquote", BLOCKS, false, true, "", "", ""},
    {"informaltable", "tgroup", false, true, TABLE_ATTRS, "tgroup", "tgroup"},
    {"table", "title tgroup", false, true, TABLE_ATTRS, "title tgroup", "title tgroup"},
    {"tgroup", "colspec thead tbody", false, true, "!cols align", "tbody", "thead tbody"},
    {"colspec", "", false, true, "colname colnum colwidth align", "", ""},
    {"thead", "row", false, true, "", "row", ""},
    {"tbody", "row", false, true, "", "row", ""},
    {"row", "entry", false, true, "", "entry", ""},
    {"entry", "para " INLINE, true, true, "namest nameend morerows align valign", "", ""},
    {"informalfigure", "mediaobject", false, true, "", "mediaobject", "mediaobject"},
    {"figure", "title mediaobject", false, true, "", "title mediaobject", "title mediaobject"},
    {"caption", "para", false, true, "", "para", ""},
    {"para", INLINE " footnote", true, true, "", "", ""},
    {"emphasis", INLINE, true, true, "", "", ""},
    {"quote", INLINE, true, true, "", "", ""},
    {"phrase", INLINE, true, true, "", "", ""},
    {"title", INLINE, true, false, "", "", ""},
    {"subtitle", INLINE, true, false, "", "", ""},
    {"date", INLINE, true, false, "", "", ""},
    {"orgname", INLINE, true, false, "class otherclass", "", ""},
    {"jobtitle", INLINE, true, false, "", "", ""},
    {"bibliomisc", INLINE, true, false, "!role=recommender|honor", "", ""},
    {"surname", INLINE, true, false, "", "", ""},
    {"firstname", INLINE, true, false, "", "", ""},
    {"givenname", INLINE, true, false, "", "", ""},
    {"othername", INLINE, true, false, "", "", ""},
    {"honorific", INLINE, true, false, "", "", ""},
    {"lineage", INLINE, true, false, "", "", ""},
    {NULL, NULL, false, false, NULL, NULL, NULL}};

static const hui_vocab_rule sub_rules[] = {
    {.name = "section",
     .first = "title",
     .max_nesting = 3,
     .too_deep = N_("<section> is nested too deep: sections may be nested at most three deep "
                    "(一、 （一） 1.); make the deeper headings paragraphs")},
    {.name = "footnote",
     .max_nesting = 1,
     .too_deep = N_("a <footnote> cannot hold another footnote; put its text into the same "
                    "footnote")},
    {.name = "author",
     .exclusive = {"personname", "orgname"},
     .both =
         N_("<author> holds a <personname> (a person) or an <orgname> (a collective), not both")},
    {.name = NULL}};

static const hui_doctype SUBMISSION = {
    .voc = sub_vocab,
    .rules = sub_rules,
    .ns = DB_NS,
    .root = "article",
    .common_attrs = "xml:id xml:lang xml:base version remap xreflabel "
                    "revisionflag=changed|added|deleted|off dir=ltr|rtl|lro|rlo "
                    "arch audience condition conformance os revision security userlevel "
                    "vendor wordsize annotations role",
    .schema = hui_schema_submission,
    .ns_advice =
        N_("is not in the DocBook namespace; declare xmlns=\"http://docbook.org/ns/docbook\" "
           "on <article> and do not reset it"),
    .body_list =
        "para, section, epigraph, note, itemizedlist, orderedlist, listitem, blockquote, "
        "informaltable, table, informalfigure, figure, emphasis, quote, phrase, footnote",
    .roles = "para=signature|date emphasis=bold|strong note=editor"};

/* ---- mapping ------------------------------------------------------------ */

/* The persons of a submission: the first <author>'s personname is the
 * person, with the unit and job title of its affiliation; each further
 * <author> adds a person to others (a father and daughter, a team). A
 * collective is one <author> with an <orgname>. What the model cannot hold —
 * persons and a collective together, two collectives, a unit on a later
 * author — is a schema finding rather than text that silently never prints. */
static void map_author(hui_xml_src *s, const hui_doctype *dt, xmlNode *author, hui_submission *sub,
                       size_t *authors) {
  size_t k = (*authors)++;
  hui_pos at = hui_xml_pos(s, author);
  if (k == 0) {
    char *role = hui_xml_attr(author, "role");
    sub->female = role && strcmp(role, "female") == 0;
    free(role);
  }
  for (xmlNode *a = author->children; a; a = a->next) {
    if (hui_xml_is(a, dt, "personname")) {
      if (sub->collective.text) {
        hui_diag_add(s->d, HUI_ERROR, s->file, at.line, at.col, "schema",
                     _("<author> names a person, but an earlier <author> names a collective: a "
                       "submission is for persons or for one collective, not both"));
      } else if (k == 0 || !sub->person.text) {
        hui_xml_set_field(s, &sub->person, a);
      } else {
        size_t cap = sub->nothers;
        hui_field *f = HUI_PUSH(sub->others, sub->nothers, cap);
        *f = (hui_field){0};
        hui_xml_set_field(s, f, a);
      }
    } else if (hui_xml_is(a, dt, "orgname")) {
      if (k > 0)
        hui_diag_add(s->d, HUI_ERROR, s->file, at.line, at.col, "schema",
                     sub->collective.text
                         ? _("a second <author> with an <orgname>: a submission is for one "
                             "collective; name it in one <orgname>")
                         : _("<author> names a collective, but an earlier <author> names a person: "
                             "a submission is for persons or for one collective, not both"));
      else
        hui_xml_set_field(s, &sub->collective, a);
    } else if (hui_xml_is(a, dt, "affiliation")) {
      if (k > 0) {
        hui_pos p = hui_xml_pos(s, a);
        hui_diag_add(s->d, HUI_ERROR, s->file, p.line, p.col, "schema",
                     _("only the first <author> carries an <affiliation>: a submission has one "
                       "unit, printed under all the names; move it to the first <author> or "
                       "delete it here"));
        continue;
      }
      for (xmlNode *f = a->children; f; f = f->next) {
        if (hui_xml_is(f, dt, "orgname")) hui_xml_set_field(s, &sub->unit, f);
        if (hui_xml_is(f, dt, "jobtitle")) hui_xml_set_field(s, &sub->position, f);
      }
    }
  }
}

/* 高青旺　高红: every person's name joined by an ideographic space, when
 * there is more than one person. */
static void join_names(hui_submission *sub) {
  if (!sub->nothers || !sub->person.text) return;
  hui_buf b = {0};
  hui_buf_puts(&b, sub->person.text);
  for (size_t i = 0; i < sub->nothers; i++) {
    hui_buf_puts(&b, "\xE3\x80\x80"); /* U+3000 */
    hui_buf_puts(&b, sub->others[i].text ? sub->others[i].text : "");
  }
  sub->joined_name = hui_buf_take(&b);
}

static bool role_is(const xmlNode *n, const char *role) {
  char *r = hui_xml_attr(n, "role");
  bool is = r && strcmp(r, role) == 0;
  free(r);
  return is;
}

static void map_info(hui_xml_src *s, const hui_doctype *dt, xmlNode *info, hui_submission *sub) {
  size_t authors = 0;
  for (xmlNode *c = info->children; c; c = c->next) {
    if (!hui_xml_allowed(dt, info, c)) continue;
    const char *nm = (const char *)c->name;
    if (strcmp(nm, "title") == 0) {
      hui_xml_set_field(s, &sub->title, c);
    } else if (strcmp(nm, "subtitle") == 0) {
      hui_xml_set_field(s, &sub->subtitle, c);
    } else if (strcmp(nm, "date") == 0) {
      hui_xml_set_field(s, &sub->date, c);
    } else if (strcmp(nm, "author") == 0) {
      map_author(s, dt, c, sub, &authors);
    } else if (strcmp(nm, "cover") == 0) {
      /* the first image is the photo; one marked role="portrait" (on its
       * mediaobject, imageobject or imagedata) is the portrait */
      for (xmlNode *m = c->children; m; m = m->next)
        for (xmlNode *io = hui_xml_is(m, dt, "mediaobject") ? m->children : NULL; io; io = io->next)
          for (xmlNode *id = hui_xml_is(io, dt, "imageobject") ? io->children : NULL; id; id = id->next) {
            if (!hui_xml_is(id, dt, "imagedata")) continue;
            bool portrait = role_is(m, "portrait") || role_is(io, "portrait") || role_is(id, "portrait");
            hui_field *f = portrait ? &sub->portrait : &sub->photo;
            if (!f->text) hui_xml_set_attr(s, f, id, "fileref", true);
          }
    } else if (strcmp(nm, "subjectset") == 0) {
      char *scheme = hui_xml_attr(c, "scheme");
      if (scheme && strcmp(scheme, "category") == 0)
        for (xmlNode *sj = c->children; sj; sj = sj->next)
          for (xmlNode *t = hui_xml_is(sj, dt, "subject") ? sj->children : NULL; t; t = t->next)
            if (hui_xml_is(t, dt, "subjectterm")) hui_xml_set_field(s, &sub->category, t);
      free(scheme);
    } else if (strcmp(nm, "bibliomisc") == 0) {
      char *role = hui_xml_attr(c, "role");
      if (role && strcmp(role, "recommender") == 0) {
        hui_xml_set_field(s, &sub->recommender, c);
      } else if (role && strcmp(role, "honor") == 0) {
        size_t cap = sub->nhonors;
        hui_honor *h = HUI_PUSH(sub->honors, sub->nhonors, cap);
        hui_xml_set_field(s, &h->text, c);
      }
      free(role);
    } else if (strcmp(nm, "abstract") == 0) {
      hui_buf b = {0};
      for (xmlNode *p = c->children; p; p = p->next)
        if (hui_xml_is(p, dt, "para")) {
          char *t = hui_xml_content(p);
          if (b.len && *t) hui_buf_putc(&b, '\n');
          hui_buf_puts(&b, t);
          free(t);
        }
      if (!sub->abstract.text) {
        sub->abstract.text = hui_buf_take(&b);
        sub->abstract.pos = hui_xml_pos(s, c);
      }
      hui_buf_free(&b);
    }
  }
}

static void map_submission(hui_xml_src *s, xmlNode *root, hui_submission *sub) {
  const hui_doctype *dt = &SUBMISSION;
  sub->root_pos = hui_xml_pos(s, root);
  xmlChar *id = xmlGetNsProp(root, (const xmlChar *)"id", (const xmlChar *)HUI_XML_NS);
  if (id) {
    sub->id.text = hui_xstrdup((const char *)id);
    sub->id.pos = sub->root_pos;
    xmlFree(id);
  }
  hui_pos body_pos = sub->root_pos;
  for (xmlNode *c = root->children; c; c = c->next) {
    if (hui_xml_is(c, dt, "title")) hui_xml_set_field(s, &sub->title, c);
    else if (hui_xml_is(c, dt, "subtitle")) hui_xml_set_field(s, &sub->subtitle, c);
    else if (hui_xml_is(c, dt, "info")) map_info(s, dt, c, sub);
    else if (c->type == XML_ELEMENT_NODE && body_pos.line == sub->root_pos.line &&
             body_pos.col == sub->root_pos.col && hui_xml_allowed(dt, root, c))
      body_pos = hui_xml_pos(s, c);
  }
  join_names(sub);
  sub->body = hui_node_new(HUI_N_ROOT, NULL, body_pos);
  hui_xml_map_body(s, dt, root, sub->body);
}

void hui_read_docbook(const hui_source *src, hui_diags *d, hui_submission *sub) {
  hui_xml_src s = {.file = src->rel, .d = d};
  xmlDoc *doc = src->path ? hui_xml_parse_file(&s, src->path) : hui_xml_parse_memory(&s, src->bytes, src->len);
  if (doc && s.sha256[0]) {
    memcpy(sub->sha256, s.sha256, sizeof sub->sha256);
    sub->size = s.file_size;
  }
  if (doc) {
    xmlNode *root = xmlDocGetRootElement(doc);
    if (!hui_xml_is(root, &SUBMISSION, "article")) {
      char *qn = hui_xml_qname(root);
      hui_pos p = hui_xml_pos(&s, root);
      hui_diag_add(d, HUI_ERROR, src->rel, p.line, p.col, "schema",
                   _("the root element is <%s>%s; a submission must be a DocBook 5.0 <article "
                     "xmlns=\"http://docbook.org/ns/docbook\" version=\"5.0\">"),
                   qn, strcmp(qn, "article") == 0 ? _(" without the DocBook namespace") : "");
      free(qn);
    } else {
      hui_xml_validate(&s, doc, &SUBMISSION);
      map_submission(&s, root, sub);
      /* Schema-invalid files are still mapped so the rules can report more;
       * the schema errors keep the edition from being built. */
      sub->loaded = true;
    }
    xmlFreeDoc(doc);
  }
  hui_xml_src_free(&s);
}
