// Reading QR codes from the phone's camera: with the browser's own BarcodeDetector where it has
// one that reads QR codes (Android's Chrome), else with jsQR on the video's frames (loaded only
// then). A code held in front of the camera is read many times over: each is reported once.

/** The part of the Barcode Detection API used here (TypeScript's DOM types do not have it yet). */
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}
interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats(): Promise<string[]>;
}

const FRAME_MS = 200;
/** The same code seen again within this long is the same ticket still in front of the camera. */
const SAME_CODE_MS = 3_000;

type Reader = (video: HTMLVideoElement) => Promise<string | null>;

async function browserReader(): Promise<Reader | null> {
  const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (!Detector || !(await Detector.getSupportedFormats()).includes("qr_code")) return null;
  const detector = new Detector({ formats: ["qr_code"] });
  return async (video) => (await detector.detect(video))[0]?.rawValue ?? null;
}

async function jsQrReader(): Promise<Reader> {
  const { default: jsQR } = await import("jsqr");
  const canvas = document.createElement("canvas");
  const context = canvas.getContext("2d", { willReadFrequently: true });
  return async (video) => {
    if (!context || !video.videoWidth) return null;
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    context.drawImage(video, 0, 0);
    const frame = context.getImageData(0, 0, canvas.width, canvas.height);
    return jsQR(frame.data, frame.width, frame.height, { inversionAttempts: "dontInvert" })?.data ?? null;
  };
}

/**
 * Shows the back camera in `video` and calls `found` with each code read. Resolves with the
 * function that stops it (and the camera); rejects when there is no camera or no permission.
 */
export async function scanQrCodes(video: HTMLVideoElement, found: (text: string) => void): Promise<() => void> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
  video.srcObject = stream;
  await video.play();
  const read = (await browserReader()) ?? (await jsQrReader());
  let stopped = false;
  let last = { text: "", at: 0 };
  const tick = async () => {
    if (stopped) return;
    const text = await read(video).catch(() => null);
    const now = Date.now();
    if (text && !(text === last.text && now - last.at < SAME_CODE_MS)) found(text);
    if (text) last = { text, at: now };
    setTimeout(tick, FRAME_MS);
  };
  tick();
  return () => {
    stopped = true;
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  };
}
