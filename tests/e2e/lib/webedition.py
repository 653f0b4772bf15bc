"""The edition the website tests build: the sample edition with what a web
page must carry besides paragraphs — an editor's note, nested sections, a
footnote, a figure from a large PNG, a table with merged cells — a title
with markup in it, and a photo stored turned with an EXIF orientation."""
import os
import shutil
import subprocess

from huitest import SRC, png, replace_in

SCRIPT_TITLE = "<script>alert(1)</script>让荒山变成“花果山”"
CAPTION = "图为王秀英在菌棒厂查看菌棒"
NOTE = "杏林村的菌棒厂由合作社与村集体共同出资建成。"
EDITOR = "香菇是杏林村的当家产业。本文记述一位村支书带领乡亲种香菇的经过。"
TABLE_CELLS = ["年份", "大棚", "户数", "起步", "合作社成立", "2015年", "20个", "9户"]
TURNED_ID = "s2020-003"


def make(folder):
    """Writes the edition into folder/edition and returns its path."""
    ed = os.path.join(folder, "edition")
    shutil.copytree(os.path.join(SRC, "input", "2020"), ed)
    png(os.path.join(ed, "images", "junbang.png"), 2000, 1200)
    s1 = os.path.join(ed, "submissions", "s2020-001.xml")
    replace_in(s1, "  <para>王秀英，女，",
               f'  <note role="editor"><para>{EDITOR}</para></note>\n  <para>王秀英，女，')
    table = ("<table><title>合作社的头一年</title><tgroup cols=\"3\">"
             "<colspec colname=\"c1\"/><colspec colname=\"c2\"/><colspec colname=\"c3\"/>"
             "<thead><row><entry>年份</entry><entry>大棚</entry><entry>户数</entry></row></thead><tbody>"
             "<row><entry morerows=\"1\">起步</entry><entry namest=\"c2\" nameend=\"c3\">合作社成立</entry></row>"
             "<row><entry>2015年</entry><entry>20个</entry></row>"
             "<row><entry>9户</entry><entry>—</entry><entry>—</entry></row>"
             "</tbody></tgroup></table>")
    figure = (f"<figure><title>{CAPTION}</title><mediaobject><imageobject>"
              "<imagedata fileref=\"images/junbang.png\"/></imageobject></mediaobject></figure>")
    nested = ("<section><title>（一）菌棒厂</title>"
              f"<para>菌棒厂建在村口<footnote><para>{NOTE}</para></footnote>，一年能产两百万棒。</para>"
              + figure + table + "</section>")
    replace_in(s1, "  </section>\n</article>", nested + "  </section>\n</article>")
    replace_in(os.path.join(ed, "campaign.xml"), 'max-chars="1500"', 'max-chars="3000"')
    s2 = os.path.join(ed, "submissions", "s2020-002.xml")
    with open(s2, encoding="utf-8") as f:
        text = f.read()
    start = text.index("<title>") + len("<title>")
    end = text.index("</title>")
    escaped = SCRIPT_TITLE.replace("<", "&lt;").replace(">", "&gt;")
    with open(s2, "w", encoding="utf-8") as f:
        f.write(text[:start] + escaped + text[end:])
    # a photo stored turned a quarter (EXIF 6): 900 x 1600 upright
    subprocess.run([os.environ["HUIBIAN_MKJPEG"], os.path.join(ed, "images", TURNED_ID + ".jpg"), "rgb",
                    "900", "1600", "6"], check=True)
    return ed
