"""The website edition in a real browser (headless Chromium, Debian's
chromium): every page of the site, and every 公众号 copy, loaded from
file:// at 390 and 1280 px wide (the copies at 390) inside a test harness (a page of this test's
own, with the script the site must not have) that measures each: no
horizontal scrolling, no broken image, every text at WCAG 2.1 AA contrast
(4.5:1, large text 3:1), one h1, lang zh-CN, the body's
Chinese typography (2-em indent, justified, line-break strict); every
awardee's title and every text of its body present in the rendered text;
the tiers and awardees of the index in the compendium's order; the photo
stored turned shown upright (its quadrants where they belong); no console
error. Screenshots of the index and an article at both widths are saved in
the test's folder (screens/)."""
import json
import os
import re
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from huitest import BIN, check, run, summary, tmp  # noqa: E402
import webedition  # noqa: E402

TMP = tmp("/tmp/huibian-web-browser")
shutil.rmtree(TMP, ignore_errors=True)
os.makedirs(TMP)
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if not CHROMIUM:
    print("FAILED: no chromium (scripts/setup.sh installs it)")
    sys.exit(1)
BASE = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
        "--disable-extensions", "--disable-background-networking", "--mute-audio",
        f"--user-data-dir={os.path.join(TMP, 'profile')}"]

ed = webedition.make(TMP)
out = os.path.join(TMP, "out")
r = run(BIN, "build", ed, "-o", out, "--only", "web,report")
check(r.returncode == 0, f"build: {r.stdout}{r.stderr}")
web = os.path.join(out, "web")
with open(os.path.join(out, "report.json"), encoding="utf-8") as f:
    report = json.load(f)
order = report["compendium_order"]
tier_of = {s["id"]: s["tier"] for s in report["submissions"]}

HARNESS = r"""<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
<pre id="out">pending</pre>
<script>
const JOBS = %s, TURNED = %s;
function colour(d, x, y) {
  const p = d.getImageData(x, y, 1, 1).data;
  return [p[0], p[1], p[2]];
}
function rgb(s) { const m = s.match(/[\d.]+/g).map(Number); return m.length > 3 ? m : m.concat([1]); }
function lum(c) {
  const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
}
/* WCAG 2.1 contrast of every element with text of its own against the
 * first background behind it that is not transparent. */
function lowContrast(d, w) {
  const low = [];
  for (const el of d.body.querySelectorAll('*')) {
    if (![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
    const cs = w.getComputedStyle(el);
    let bg = null;
    for (let e = el; e && !bg; e = e.parentElement) {
      const c = rgb(w.getComputedStyle(e).backgroundColor);
      if (c[3] > 0) bg = c;
    }
    bg = bg || [255, 255, 255, 1];
    const a = lum(rgb(cs.color)), b = lum(bg);
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const size = parseFloat(cs.fontSize), bold = parseInt(cs.fontWeight) >= 700;
    const large = size >= 24 || (bold && size >= 18.66);
    if (ratio < (large ? 3 : 4.5)) low.push(el.tagName + ' ' + ratio.toFixed(2));
  }
  return low;
}
async function measure(url, width, wantText) {
  const f = document.createElement('iframe');
  f.style.cssText = 'width:' + width + 'px;height:900px;border:0';
  document.body.appendChild(f);
  await new Promise(r => { f.onload = r; f.src = url; });
  const d = f.contentDocument, w = f.contentWindow;
  const imgs = [...d.images];
  await Promise.all(imgs.map(i => i.complete ? 0 : new Promise(r => { i.onload = i.onerror = r; })));
  const p = d.querySelector('main article > p, main section > p, section > p');
  const cs = p ? w.getComputedStyle(p) : null;
  const res = {url, width,
    scrollWidth: d.documentElement.scrollWidth, clientWidth: d.documentElement.clientWidth,
    broken: imgs.filter(i => !(i.naturalWidth > 0)).map(i => (i.getAttribute('src') || '').slice(0, 40)),
    h1: d.querySelectorAll('h1').length, lang: d.documentElement.lang,
    indent: cs ? parseFloat(cs.textIndent) / parseFloat(cs.fontSize) : null,
    align: cs ? cs.textAlign : null, lineBreak: cs ? cs.lineBreak : null,
    scripts: d.querySelectorAll('script').length, low: lowContrast(d, w),
    tiers: [...d.querySelectorAll('.tier h2')].map(h => h.textContent),
    links: [...d.querySelectorAll('.awardees a')].map(a => a.getAttribute('href')),
    text: wantText ? d.body.innerText : ''};
  if (url.endsWith('/web/' + TURNED + '.html')) {
    const img = d.querySelector('.portrait img');
    const c = document.createElement('canvas');
    c.width = img.naturalWidth; c.height = img.naturalHeight;
    const x = c.getContext('2d', {willReadFrequently: true});
    x.drawImage(img, 0, 0);
    try {
      res.quadrants = [colour(x, c.width / 4, c.height / 4), colour(x, 3 * c.width / 4, c.height / 4),
                       colour(x, c.width / 4, 3 * c.height / 4), colour(x, 3 * c.width / 4, 3 * c.height / 4)];
    } catch (e) { res.quadrants = String(e); }
  }
  f.remove();
  return res;
}
(async () => {
  const results = [];
  for (const [url, width, text] of JOBS) results.push(await measure(url, width, text));
  document.getElementById('out').textContent = JSON.stringify(results);
})().catch(e => { document.getElementById('out').textContent = 'error: ' + e; });
</script></body></html>
"""

pages = ["index.html"] + [i + ".html" for i in order]
jobs = []
for width in (390, 1280):
    for p in pages:
        jobs.append(["file://" + os.path.join(web, p), width, width == 390])
    for i in order if width == 390 else []:  # the 公众号 copies are read on phones
        jobs.append(["file://" + os.path.join(web, "wechat", i + ".html"), width, False])
harness = os.path.join(TMP, "harness.html")
with open(harness, "w", encoding="utf-8") as f:
    f.write(HARNESS % (json.dumps(jobs), json.dumps(webedition.TURNED_ID)))
t0 = time.time()
r = subprocess.run(BASE + ["--allow-file-access-from-files", "--enable-logging=stderr", "--v=0",
                           "--window-size=1400,1000", "--virtual-time-budget=60000", "--dump-dom",
                           "file://" + harness], capture_output=True, text=True, timeout=120)
print(f"harness: {time.time() - t0:.1f} s")
m = re.search(r'<pre id="out">(.*?)</pre>', r.stdout, re.S)
raw = m.group(1) if m else ""
check(raw.startswith("["), f"the harness measured every page: {raw[:200]} {r.stderr[-500:]}")
results = json.loads(raw.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")) if raw.startswith("[") else []
check(len(results) == len(jobs), f"{len(results)} of {len(jobs)} pages measured")
console = [line for line in r.stderr.splitlines() if "CONSOLE" in line and "harness.html" not in line]
check(not console, f"no console message from any page: {console[:3]}")

for res in results:
    name = f"{os.path.relpath(res['url'][7:], web)} at {res['width']} px"
    check(res["scrollWidth"] <= res["clientWidth"],
          f"{name}: no horizontal scrolling ({res['scrollWidth']} > {res['clientWidth']})")
    check(not res["broken"], f"{name}: no broken image {res['broken']}")
    check(not res["low"], f"{name}: every text meets WCAG 2.1 AA contrast: {res['low'][:3]}")
    check(res["h1"] == 1 and res["lang"] == "zh-CN" and res["scripts"] == 0, f"{name}: one h1, zh-CN, no script")
    if res["indent"] is not None:
        check(abs(res["indent"] - 2) < 0.01 and res["align"] == "justify" and res["lineBreak"] == "strict",
              f"{name}: paragraphs indented 2 em, justified, line-break strict "
              f"({res['indent']}, {res['align']}, {res['lineBreak']})")

by_url = {(res["url"], res["width"]): res for res in results}


def squeeze(s):
    return re.sub(r"\s+", "", s)


def body_texts(path):
    """The title and every text of the article's body, as the source has them."""
    ns = "{http://docbook.org/ns/docbook}"
    root = ET.parse(path).getroot()
    texts = [root.find(f"{ns}info/{ns}title").text]
    for child in root:
        if child.tag == f"{ns}info":
            continue
        for el in child.iter():
            for t in (el.text, el.tail if el is not child else None):
                if t and squeeze(t):
                    texts.append(t)
    return texts


for i in order:
    res = by_url.get(("file://" + os.path.join(web, i + ".html"), 390))
    if not res:
        continue
    shown = squeeze(res["text"])
    missing = [t for t in body_texts(os.path.join(ed, "submissions", i + ".xml")) if squeeze(t) not in shown]
    check(not missing, f"{i}: its title and every text of its body in the rendered page: missing {missing[:2]}")

index = by_url.get(("file://" + os.path.join(web, "index.html"), 1280), {})
check(index.get("links") == [i + ".html" for i in order], "the index lists the awardees in the compendium's order")
tiers = []
for i in order:
    if not tiers or tiers[-1] != tier_of[i]:
        tiers.append(tier_of[i])
check(index.get("tiers") == tiers, f"the index's tiers in the compendium's order: {index.get('tiers')}")
for t in webedition.SCRIPT_TITLE, "前言":
    check(t in by_url.get(("file://" + os.path.join(web, "index.html"), 390), {}).get("text", ""),
          f"the index shows {t} as text")

turned = by_url.get(("file://" + os.path.join(web, webedition.TURNED_ID + ".html"), 390), {})
want = [(255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 0)]
q = turned.get("quadrants")
check(isinstance(q, list) and all(all(abs(a - b) < 60 for a, b in zip(got, w)) for got, w in zip(q, want)),
      f"the photo stored turned is shown upright: red, green / blue, yellow, got {q}")

# screenshots of the index and an article at both widths
screens = os.path.join(TMP, "screens")
os.makedirs(screens)
for page in ("index.html", order[0] + ".html"):
    for width in (390, 1280):
        shot = os.path.join(screens, f"{page[:-5]}-{width}.png")
        subprocess.run(BASE + [f"--window-size={width},1600", f"--screenshot={shot}", "file://" + os.path.join(web, page)],
                       capture_output=True, timeout=60)
        check(os.path.exists(shot) and os.path.getsize(shot) > 10000, f"a screenshot {shot}")
print("screenshots in", screens)
sys.exit(summary())
