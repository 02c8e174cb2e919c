// npm test, once the web app is built: the workers project (unit, API and Durable Object tests in
// workerd, scripts/test-workers.mjs) and the web and e2e projects at the same time, one stream on
// each of CI's two cores. The e2e tests spend much of their time waiting (for a socket, a queue,
// a page's layout), so run one after the other (workers, then e2e) the cores sat half idle for
// ten minutes. Fails if either fails; each prints as it goes.
import { spawn } from "node:child_process";

const quiet = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  WRANGLER_HIDE_BANNER: "true",
};

function run(command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", env: { ...quiet, ...env } });
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

const started = Date.now();
const [workers, browser] = await Promise.all([
  run("node", ["scripts/test-workers.mjs"], { WORKERS_PARALLEL: "1" }),
  run("vitest", ["run", "--project", "web", "--project", "e2e"]),
]);
console.log(
  `\nnpm test: workers ${workers ? "failed" : "passed"}, web and e2e ${browser ? "failed" : "passed"}, in ${Math.round((Date.now() - started) / 1000)} s`,
);
process.exit(workers || browser ? 1 : 0);
