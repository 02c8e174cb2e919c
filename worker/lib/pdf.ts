// PDF documents for every area's reports: titled tables on A4 (and pictures their callers draw
// between them), drawn by pdf-lib in the Worker.
// The 14 standard PDF fonts know only Latin (WinAnsi), so Cyrillic names need an embedded font:
// DejaVu Sans from the dejavu-fonts-ttf package, bundled as Data modules (wrangler.toml) and
// subset to the glyphs a document uses, so a results sheet weighs kilobytes, not the font's 750.
import regular from "dejavu-fonts-ttf/ttf/DejaVuSans.ttf";
import bold from "dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf";
import type { PDFFont, PDFPage, RGB } from "pdf-lib";
import type { Cell } from "./csv";

export interface Column {
  label: string;
  /** A share of the table's width: the columns always fill the page between its margins. */
  width: number;
  align?: "left" | "right";
}

export interface TableSection {
  heading: string;
  columns: Column[];
  rows: Cell[][];
  /** Shown under the header row when there are no rows. */
  empty?: string;
}

/** A picture its caller draws (a target with its shots, a chart): full width, kept on one page. */
export interface DrawingSection {
  heading: string;
  /** Points of height it takes below its heading. */
  height: number;
  draw(canvas: Canvas): void;
}

/** A drawing section's box on its page (PDF points, y upwards) and the document's fonts. */
export interface Canvas {
  page: PDFPage;
  x: number;
  y: number;
  width: number;
  height: number;
  font: PDFFont;
  strong: PDFFont;
  rgb(red: number, green: number, blue: number): RGB;
}

export interface TablesDocument {
  title: string;
  subtitle?: string;
  sections: (TableSection | DrawingSection)[];
  /** Printed at the foot of every page, left of the page number. */
  footer?: string;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 40;
const ROW = 15;
const PAD = 3;
const SIZE = { title: 16, subtitle: 10, heading: 12, cell: 9, footer: 8 };

/** One table per section, continued on new pages (heading and header row again) as they fill. */
export async function renderTablesPdf(doc: TablesDocument): Promise<Uint8Array> {
  // Loaded on the first document, not at every cold start of the Worker: evaluating pdf-lib and
  // fontkit costs ~300 ms of CPU (fontkit unpacks its Brotli dictionary and Unicode tables).
  // wrangler's esbuild keeps a dynamic import in the one bundle, as a module initialised late.
  const [{ PDFDocument, rgb }, { default: fontkit }] = await Promise.all([
    import("pdf-lib"),
    import("@pdf-lib/fontkit"),
  ]);
  const [INK, GREY, STRIPE] = [rgb(0, 0, 0), rgb(0.4, 0.4, 0.4), rgb(0.94, 0.94, 0.94)];
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  // A subset's name starts with a tag of six capitals and "+" (ISO 32000-1, 9.6.4), which tells
  // readers it is not the whole font; left to itself pdf-lib names it "DejaVuSans-1234".
  const tag = String.fromCharCode(...crypto.getRandomValues(new Uint8Array(6)).map((b) => 65 + (b % 26)));
  const font = await pdf.embedFont(regular, { subset: true, customName: `${tag}+DejaVuSans` });
  const strong = await pdf.embedFont(bold, { subset: true, customName: `${tag}+DejaVuSans-Bold` });
  pdf.setTitle(doc.title);
  pdf.setCreator("Podium");

  const [pageWidth, pageHeight] = A4;
  const tableWidth = pageWidth - 2 * MARGIN;
  let page: PDFPage = pdf.addPage(A4);
  let y = pageHeight - MARGIN; // the top of the next thing drawn; it moves down the page

  const newPage = () => {
    page = pdf.addPage(A4);
    y = pageHeight - MARGIN;
  };
  /** Draws one line of `height` points at the left margin and moves below it. */
  const line = (text: string, size: number, f: PDFFont, height: number, color = INK) => {
    page.drawText(ellipsize(text, f, size, tableWidth)[0], { x: MARGIN, y: y - size, size, font: f, color });
    y -= height;
  };
  const row = (cells: Cell[], columns: Column[], widths: number[], f: PDFFont, shaded: boolean) => {
    if (shaded) page.drawRectangle({ x: MARGIN, y: y - ROW, width: tableWidth, height: ROW, color: STRIPE });
    let x = MARGIN;
    columns.forEach((column, i) => {
      const width = widths[i] ?? 0;
      const [text, textWidth] = ellipsize(clean(cells[i] ?? null), f, SIZE.cell, width - 2 * PAD);
      const left = column.align === "right" ? x + width - PAD - textWidth : x + PAD;
      // The baseline sits above the row's bottom by about the descent of the 9 pt font.
      if (text) page.drawText(text, { x: left, y: y - ROW + 4.5, size: SIZE.cell, font: f, color: INK });
      x += width;
    });
    y -= ROW;
  };
  const sectionHead = (section: TableSection, widths: number[]) => {
    y -= 6;
    line(section.heading, SIZE.heading, strong, 18);
    row(
      section.columns.map((c) => c.label),
      section.columns,
      widths,
      strong,
      false,
    );
    page.drawLine({ start: { x: MARGIN, y }, end: { x: MARGIN + tableWidth, y }, thickness: 0.5, color: GREY });
  };
  const room = (height: number) => y - height >= MARGIN;

  line(doc.title, SIZE.title, strong, 24);
  if (doc.subtitle) line(doc.subtitle, SIZE.subtitle, font, 16, GREY);

  for (const section of doc.sections) {
    if ("draw" in section) {
      if (!room(24 + section.height)) newPage();
      y -= 6;
      line(section.heading, SIZE.heading, strong, 18);
      section.draw({
        page,
        x: MARGIN,
        y: y - section.height,
        width: tableWidth,
        height: section.height,
        font,
        strong,
        rgb,
      });
      y -= section.height;
      continue;
    }
    const total = section.columns.reduce((sum, c) => sum + c.width, 0);
    const widths = section.columns.map((c) => (c.width / total) * tableWidth);
    // Never leave a heading alone at the foot of a page: it goes down with its first row.
    if (!room(24 + 2 * ROW)) newPage();
    sectionHead(section, widths);
    if (section.rows.length === 0 && section.empty) line(section.empty, SIZE.cell, font, ROW, GREY);
    section.rows.forEach((cells, i) => {
      if (!room(ROW)) {
        newPage();
        sectionHead(section, widths);
      }
      row(cells, section.columns, widths, font, i % 2 === 1);
    });
  }

  // Page numbers need the page count, so they are drawn once every page exists.
  const pages = pdf.getPages();
  pages.forEach((p, i) => {
    const number = `${i + 1} / ${pages.length}`;
    const numberWidth = font.widthOfTextAtSize(number, SIZE.footer);
    const foot = { y: MARGIN / 2, size: SIZE.footer, font, color: GREY };
    p.drawText(number, { ...foot, x: pageWidth - MARGIN - numberWidth });
    if (doc.footer)
      p.drawText(ellipsize(doc.footer, font, SIZE.footer, tableWidth - numberWidth - 12)[0], { ...foot, x: MARGIN });
  });
  return pdf.save();
}

/** User data on one line: drawText would break a name at a newline and overlap the next row. */
function clean(cell: Cell): string {
  return cell === null ? "" : String(cell).replace(/\s+/g, " ").trim();
}

/**
 * The text whole if it fits in `room` points, else its longest prefix that fits with "…"; and
 * its width. Measuring runs fontkit's shaper, the costliest step here, so no width is measured
 * twice: a right-aligned cell reuses the one returned.
 */
function ellipsize(text: string, font: PDFFont, size: number, room: number): [string, number] {
  const whole = font.widthOfTextAtSize(text, size);
  if (whole <= room) return [text, whole];
  const chars = Array.from(text); // code points: a cut never splits a surrogate pair
  const cut = (n: number) => `${chars.slice(0, n).join("").trimEnd()}…`;
  let [low, high] = [0, chars.length - 1];
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (font.widthOfTextAtSize(cut(mid), size) <= room) low = mid;
    else high = mid - 1;
  }
  return [cut(low), font.widthOfTextAtSize(cut(low), size)];
}
