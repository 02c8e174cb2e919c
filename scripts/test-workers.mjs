// The workers project (unit, API and Durable Object tests inside workerd), one vitest process per
// test file, two at a time. In one process the plugin's shared runtime sometimes stalled for good
// between files: a file that left work in flight as it ended (an alarm, a queue batch, a retry
// with a delay) kept the next file from ever starting, with nothing failing. A process of its own
// gives each file a runtime of its own; a file that still does not finish in time is stopped and
// run once more, and the run fails if it fails again.
import { spawn } from "node:child_process";
import { globSync } from "node:fs";
import { stripVTControlCharacters } from "node:util";

const PARALLEL = 2;
const FILE_TIMEOUT_MS = 300_000;
const files = globSync("tests/{unit,api,do}/**/*.test.ts").sort();

/** Runs one file; resolves with its exit code, or "timeout". */
function runFile(file) {
  return new Promise((resolve) => {
    const child = spawn("vitest", ["run", "--project", "workers", file], {
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const timer = setTimeout(() => {
      process.kill(-child.pid, "SIGKILL");
      resolve({ code: "timeout", output });
    }, FILE_TIMEOUT_MS);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

const failed = [];
const queue = [...files];
const started = Date.now();
async function worker() {
  for (let file = queue.shift(); file; file = queue.shift()) {
    let result = await runFile(file);
    if (result.code === "timeout") {
      console.log(`… ${file} did not finish in ${FILE_TIMEOUT_MS / 1000} s: once more`);
      result = await runFile(file);
    }
    const summary = stripVTControlCharacters(result.output).match(/Tests\s+.*\(\d+\)/)?.[0] ?? "";
    if (result.code === 0) console.log(`✓ ${file}  ${summary}`);
    else {
      failed.push(file);
      console.log(`✗ ${file} (${result.code})\n${result.output}`);
    }
  }
}
await Promise.all(Array.from({ length: PARALLEL }, worker));
console.log(
  `\nworkers: ${files.length - failed.length} of ${files.length} files passed in ${Math.round((Date.now() - started) / 1000)} s`,
);
if (failed.length) {
  console.log(`failed: ${failed.join(", ")}`);
  process.exit(1);
}
