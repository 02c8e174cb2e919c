// PDF documents read back the way a PDF reader would (for the tests of every area's PDFs):
// pdf-lib's parser finds the objects (it also unpacks the compressed object streams pdf-lib writes
// by default, where the font dictionaries live, so a search of the raw bytes would not find them),
// the platform's own zlib (DecompressionStream "deflate", independent of the pdf-lib that wrote
// them) inflates the FlateDecode streams, and each font's ToUnicode CMap turns the glyph ids shown
// by `<…> Tj` back into text. A glyph drawn without a correct CMap entry comes back wrong or missing.
import { PDFArray, PDFDict, PDFDocument, PDFName, type PDFObject, PDFRawStream } from "pdf-lib";
import { expect } from "vitest";

async function inflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** A stream's contents as a reader sees them: looked up, and inflated if Flate-encoded. */
export async function contentsOf(pdf: PDFDocument, ref: PDFObject | undefined): Promise<Uint8Array> {
  const stream = pdf.context.lookup(ref);
  if (!(stream instanceof PDFRawStream)) throw new Error(`Expected a stream, found ${String(stream)}`);
  const filter = stream.dict.get(PDFName.of("Filter"));
  if (filter === undefined) return stream.contents;
  expect(filter, "pdf-lib compresses its streams with Flate only").toBe(PDFName.of("FlateDecode"));
  return inflate(stream.contents);
}

export const latin1 = (bytes: Uint8Array) => new TextDecoder("latin1").decode(bytes);

/** Glyph id (4 hex digits) → the text it stands for, from a Type0 font's ToUnicode CMap. */
async function toUnicode(pdf: PDFDocument, font: PDFDict): Promise<Map<string, string>> {
  const cmap = latin1(await contentsOf(pdf, font.get(PDFName.of("ToUnicode"))));
  const map = new Map<string, string>();
  for (const [, glyph = "", units = ""] of cmap.matchAll(/<([0-9A-F]{4})> <([0-9A-F]+)>/g)) {
    map.set(glyph, String.fromCharCode(...(units.match(/.{4}/g) ?? []).map((u) => Number.parseInt(u, 16))));
  }
  return map;
}

/** Every string each page shows, in drawing order, decoded through its font's CMap. */
export async function pageTexts(bytes: Uint8Array): Promise<string[][]> {
  const pdf = await PDFDocument.load(bytes);
  const pages: string[][] = [];
  for (const page of pdf.getPages()) {
    const fonts = new Map<string, Map<string, string>>();
    const resources = page.node.Resources()?.lookup(PDFName.of("Font"), PDFDict);
    for (const [name, ref] of resources?.entries() ?? []) {
      fonts.set(name.decodeText(), await toUnicode(pdf, pdf.context.lookup(ref, PDFDict)));
    }
    const contents = page.node.Contents();
    const refs = contents instanceof PDFArray ? contents.asArray() : [page.node.get(PDFName.of("Contents"))];
    const shown: string[] = [];
    for (const ref of refs) {
      const ops = latin1(await contentsOf(pdf, ref));
      let font = new Map<string, string>();
      for (const [, name, glyphs] of ops.matchAll(/\/(\S+) [\d.]+ Tf|<([0-9A-F]*)> Tj/g)) {
        if (name !== undefined) font = fonts.get(name) ?? new Map();
        else shown.push((glyphs?.match(/.{4}/g) ?? []).map((g) => font.get(g) ?? "\uFFFD").join(""));
      }
    }
    pages.push(shown);
  }
  return pages;
}
