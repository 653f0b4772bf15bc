// Prints the text of each page of a PDF as PDFBox reads it (PDFTextStripper,
// in content-stream order), each page ended by a form feed, for
// tests/e2e/readers.py: PDFBox's own ExtractText ends a page with a line
// break only. Debian's JRE has the compiler module, so no JDK is needed:
//   java -m jdk.compiler/com.sun.tools.javac.Main -cp pdfbox2.jar -d DIR PdfboxText.java
//   java -cp DIR:pdfbox2.jar:fontbox2.jar:commons-logging.jar PdfboxText FILE.pdf
import java.io.File;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

public class PdfboxText {
  public static void main(String[] args) throws Exception {
    try (PDDocument doc = PDDocument.load(new File(args[0]))) {
      PDFTextStripper stripper = new PDFTextStripper();
      stripper.setPageEnd("\f");
      Writer out = new OutputStreamWriter(System.out, StandardCharsets.UTF_8);
      stripper.writeText(doc, out);
      out.flush();
    }
  }
}
