// A ticket's QR code as one SVG path (uqr encodes it; the page draws it, so no markup is injected).
import { encode } from "uqr";

/** The quiet zone scanners need around the code, in modules. */
const QUIET_ZONE = 4;

export interface QrDrawing {
  /** Width and height in modules, quiet zone included. */
  size: number;
  /** One 1×1 square per dark module. */
  path: string;
}

export function drawQr(text: string): QrDrawing {
  // M: a phone screen's glare or a crack may hide up to 15% of the code and it still reads.
  const qr = encode(text, { ecc: "M", border: QUIET_ZONE });
  const squares = qr.data.flatMap((row, y) => row.flatMap((dark, x) => (dark ? [`M${x} ${y}h1v1h-1z`] : [])));
  return { size: qr.size, path: squares.join("") };
}
