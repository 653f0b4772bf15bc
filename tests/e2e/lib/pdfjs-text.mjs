// Prints the text of each page of a PDF as pdf.js reads it (getTextContent,
// in content-stream order), each page ended by a form feed, for
// tests/e2e/readers.py. usage: node pdfjs-text.mjs PDFJS_DIST_FOLDER FILE.pdf
// pdf.js says its warnings with console.log: they go to stderr, so that
// stdout is only the text.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

console.log = (...args) => console.error(...args);
const [dist, file] = process.argv.slice(2);
const pdfjs = await import(pathToFileURL(join(dist, "legacy", "build", "pdf.mjs")).href);
const doc = await pdfjs.getDocument({
  data: new Uint8Array(readFileSync(file)),
  verbosity: pdfjs.VerbosityLevel.WARNINGS,
}).promise;
for (let n = 1; n <= doc.numPages; n++) {
  const page = await doc.getPage(n);
  const content = await page.getTextContent();
  let text = "";
  for (const item of content.items) text += item.str + (item.hasEOL ? "\n" : "");
  process.stdout.write(text + "\f");
}
await doc.destroy();
