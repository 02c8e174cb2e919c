// Plays a lane's electronic target system against a running Podium (`npm start`), so the live
// page can be seen moving: `npm run range:simulate -- <lane id> [shots]`. It logs in as the demo
// range staff, issues itself a device token for the lane (revoked again at the end), and posts two
// sighters and then match shots, one a second, scattered about the centre as a decent shooter's
// are. Start the booking's session first (as its shooter, or at the range desk).
const BASE = process.env.PODIUM_URL ?? "http://127.0.0.1:8787";
const [laneId, count = "20"] = process.argv.slice(2);
if (!laneId) {
  console.error("Usage: npm run range:simulate -- <lane id> [shots]   (demo lanes: demo-lane-1 … demo-lane-4)");
  process.exit(2);
}

const login = await fetch(`${BASE}/api/auth/login`, {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ email: "rangestaff@podium.local", password: "podium-demo" }),
});
if (!login.ok) throw new Error(`logging in as the demo range staff failed: ${login.status} ${await login.text()}`);
const cookie = login.headers
  .getSetCookie()
  .map((c) => c.split(";")[0])
  .join("; ");
const staff = (method: string, path: string, body?: unknown) =>
  fetch(`${BASE}/api${path}`, {
    method,
    headers: { cookie, ...(body !== undefined && { "content-type": "application/json" }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });

const issued = await staff("POST", `/range/lanes/${laneId}/tokens`, { label: "simulator" });
if (!issued.ok) throw new Error(`issuing a device token failed: ${issued.status} ${await issued.text()}`);
const device = (await issued.json()) as { id: string; token: string };

/** A normally distributed offset (Box–Muller), in millimetres, rounded to hundredths as a target reports. */
const scatter = (sigma: number) =>
  Math.round(sigma * Math.sqrt(-2 * Math.log(1 - Math.random())) * Math.cos(2 * Math.PI * Math.random()) * 100) / 100;

const run = Date.now().toString(36);
try {
  const total = Number(count) + 2;
  for (let n = 1; n <= total; n++) {
    const shot = {
      shot_id: `sim-${run}-${n}`,
      x: scatter(3),
      y: scatter(3),
      at: new Date().toISOString(),
      kind: n <= 2 ? "sighter" : "match",
    };
    const res = await fetch(`${BASE}/api/range/lanes/${laneId}/shots`, {
      method: "POST",
      headers: { authorization: `Bearer ${device.token}`, "content-type": "application/json" },
      body: JSON.stringify(shot),
    });
    const body = (await res.json()) as { shot?: { decimal: number }; detail?: string };
    if (!res.ok) {
      console.error(`shot ${n} refused: ${res.status} ${body.detail ?? ""}`);
      break;
    }
    console.log(`${shot.kind} ${n}: (${shot.x}, ${shot.y}) mm → ${body.shot?.decimal.toFixed(1)}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
} finally {
  await staff("DELETE", `/range/lanes/${laneId}/tokens/${device.id}`);
}
