// Targets for the PDF reports: the lane's face drawn to scale (the ISSF sizes of rules.ts FACES,
// as the live page draws it in web/src/lib/range/TargetFace.svelte), every shot where it hit at
// its bullet's size, the group's centre as a cross and its spread as a circle about the centre.
import type { Canvas, DrawingSection } from "../lib/pdf";
import { type Discipline, FACES, outerDiameter } from "./rules";

const POINTS_PER_MM = 72 / 25.4;
/** Life sizes a target may be drawn at, largest first: a plain ratio reads better than 1.73:1. */
const SCALES = [4, 3, 2, 1.5, 1, 0.5, 0.25, 0.2, 0.1, 0.05];
/** The plot shows a little beyond the face's edge, as the live page does. */
const MARGIN = 1.05;
const LABEL = 14;
const CAPTION = 22;
const GAP = 16;

export interface Plot {
  label: string;
  /** Millimetres from the centre, right and up positive. */
  shots: { x: number; y: number; sighter: boolean }[];
  centre: { x: number; y: number } | null;
  /** Millimetres: the radial standard deviation about the centre. */
  spread: number | null;
  /** Up to two short lines under the target. */
  caption: [string] | [string, string];
}

/** The largest of SCALES at which the face and its margin fit in `room` points. */
export function scaleFor(discipline: Discipline, room: number): number {
  const across = outerDiameter(FACES[discipline]) * MARGIN * POINTS_PER_MM;
  return SCALES.find((s) => across * s <= room) ?? (SCALES[SCALES.length - 1] as number);
}

export const ratioText = (scale: number) => (scale >= 1 ? `${scale}:1` : `1:${1 / scale}`);

/** How many of the shots lie beyond what the plot shows (they are counted, not drawn). */
export const offFace = (discipline: Discipline, shots: { x: number; y: number }[]) =>
  shots.filter((s) => Math.hypot(s.x, s.y) > (outerDiameter(FACES[discipline]) / 2) * MARGIN).length;

/** Up to two targets side by side, each `size` points across, under a heading. */
export function targetRow(heading: string, discipline: Discipline, plots: Plot[], size: number): DrawingSection {
  return {
    heading,
    height: LABEL + size + CAPTION,
    draw(canvas) {
      const width = (canvas.width - GAP) / 2;
      plots.forEach((plot, i) => {
        drawPlot(canvas, { left: canvas.x + i * (width + GAP), width, size }, discipline, plot);
      });
    },
  };
}

/** The plot size that lets two targets stand side by side on an A4 page between its margins. */
export const PLOT_SIZE = 220;

function drawPlot(
  canvas: Canvas,
  box: { left: number; width: number; size: number },
  discipline: Discipline,
  plot: Plot,
) {
  const { page, rgb, font, strong } = canvas;
  const face = FACES[discipline];
  const scale = scaleFor(discipline, box.size) * POINTS_PER_MM;
  const cx = box.left + box.width / 2;
  const cy = canvas.y + CAPTION + box.size / 2;
  const at = (x: number, y: number) => ({ x: cx + x * scale, y: cy + y * scale });
  const [ink, paper, indigo, grey, red] = [
    rgb(0.06, 0.09, 0.16),
    rgb(0.97, 0.98, 0.99),
    rgb(0.31, 0.27, 0.9),
    rgb(0.58, 0.64, 0.72),
    rgb(0.86, 0.15, 0.15),
  ];

  page.drawText(plot.label, { x: box.left, y: canvas.y + canvas.height - 10, size: 10, font: strong, color: ink });
  const radius = outerDiameter(face) / 2;
  page.drawCircle({ ...at(0, 0), size: radius * scale, color: paper, borderColor: ink, borderWidth: 0.6 });
  page.drawCircle({ ...at(0, 0), size: (face.blackDiameter / 2) * scale, color: ink });
  for (let ring = 1; ring <= 10; ring++) {
    const r = face.tenRingDiameter / 2 + (10 - ring) * face.ringWidth;
    const onBlack = r <= face.blackDiameter / 2;
    page.drawCircle({ ...at(0, 0), size: r * scale, borderColor: onBlack ? paper : ink, borderWidth: 0.3 });
  }
  const bullet = (face.calibre / 2) * scale;
  for (const shot of plot.shots) {
    if (Math.hypot(shot.x, shot.y) > radius * MARGIN) continue;
    const colour = shot.sighter ? grey : indigo;
    page.drawCircle({
      ...at(shot.x, shot.y),
      size: bullet,
      color: colour,
      opacity: 0.85,
      borderColor: paper,
      borderWidth: 0.3,
    });
  }
  if (plot.centre) {
    const c = at(plot.centre.x, plot.centre.y);
    const arm = Math.max(bullet, 3);
    page.drawLine({ start: { x: c.x - arm, y: c.y }, end: { x: c.x + arm, y: c.y }, thickness: 0.8, color: red });
    page.drawLine({ start: { x: c.x, y: c.y - arm }, end: { x: c.x, y: c.y + arm }, thickness: 0.8, color: red });
    if (plot.spread)
      page.drawCircle({ ...c, size: plot.spread * scale, borderColor: red, borderWidth: 0.6, borderDashArray: [2, 2] });
  }
  plot.caption.forEach((line, i) => {
    page.drawText(line, { x: box.left, y: canvas.y + 12 - i * 10, size: 8, font, color: ink });
  });
}
