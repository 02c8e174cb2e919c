// xlsx documents for every area's exports and imports, by exceljs under nodejs_compat. Its Node
// build, named by path: bundlers otherwise pick its browser build, whose bundled process.nextTick
// and setImmediate shims keep one task queue per module, so that two requests exporting at once
// resolve each other's promises, which workerd refuses (the second export hung). Tested with
// concurrent exports in tests/api/trainer-bank.test.ts. Cells are text or numbers.
import ExcelJS from "exceljs/excel.js";
import type { Cell } from "./csv";

export interface Sheet {
  name: string;
  rows: Cell[][];
}

/** A workbook with one worksheet per sheet, the first row of each in bold (its header). */
export async function xlsxBytes(sheets: Sheet[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name);
    for (const row of sheet.rows) worksheet.addRow(row);
    worksheet.getRow(1).font = { bold: true };
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** The first worksheet's rows as text cells ("" for an empty one), top to bottom. */
export async function readXlsx(bytes: Uint8Array): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const worksheet = workbook.worksheets[0];
  if (!worksheet) return [];
  const rows: string[][] = [];
  worksheet.eachRow({ includeEmpty: true }, (row) => {
    const cells: string[] = [];
    for (let i = 1; i <= worksheet.columnCount; i++) cells.push(row.getCell(i).text ?? "");
    rows.push(cells);
  });
  return rows;
}

export function xlsxResponse(filename: string, bytes: Uint8Array): Response {
  return new Response(bytes, {
    headers: {
      "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "content-disposition": `attachment; filename="${filename}"`,
    },
  });
}
