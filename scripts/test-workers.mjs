// The workers project (unit, API and Durable Object tests inside workerd), in batches of files, a
// vitest process per batch, two batches at a time. The files of a batch share one runtime and one
// storage (`--no-isolate`): vitest's isolation starts a new workerd per file, some five seconds of
// CPU before its first test, which was most of this suite's time (408 s isolated, ~100 s shared).
// So every test makes its own records (its own users, events, ids) and counts only those; a file
// that breaks its own D1 on purpose runs alone, isolated (ISOLATED). One process for all the
// files risked the plugin's runtime stalling for good between files, so batches stay bounded: a
// batch that does not finish in time is stopped and its files are run once more, each in a
// process of its own; the run fails if any file fails.
import { spawn } from "node:child_process";
import { globSync } from "node:fs";
import { stripVTControlCharacters } from "node:util";

const PARALLEL = 2;
const FILES_PER_BATCH = 15;
/** Files that break their storage on purpose (a dropped table, emptied migrations): alone, isolated. */
const ISOLATED = new Set(["tests/api/failures.test.ts"]);
const BATCH_TIMEOUT_MS = 420_000;
const FILE_TIMEOUT_MS = 300_000;

/** Runs some files in one process; resolves with its exit code (or "timeout") and output. */
function run(files, timeoutMs, { shared = false } = {}) {
  return new Promise((resolve) => {
    // Two batches run at once, so each runs its files one after another.
    const isolation = shared ? ["--no-isolate"] : [];
    const child = spawn("vitest", ["run", "--project", "workers", "--maxWorkers=1", ...isolation, ...files], {
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const timer = setTimeout(() => {
      process.kill(-child.pid, "SIGKILL");
      resolve({ code: "timeout", output });
    }, timeoutMs);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

const summaryOf = (output) => stripVTControlCharacters(output).match(/Tests\s+.*\(\d+\)/)?.[0] ?? "";

/** The files vitest reported failing in a batch's output (all of the batch if it said none). */
function failedFiles(batch, output) {
  const named = stripVTControlCharacters(output).match(/(?<=FAIL\s+workers\s+)tests\/\S+\.test\.ts/g) ?? [];
  return named.length ? [...new Set(named)] : batch;
}

const files = globSync("tests/{unit,api,do}/**/*.test.ts").sort();
const sharing = files.filter((file) => !ISOLATED.has(file));
const batches = [];
for (let i = 0; i < sharing.length; i += FILES_PER_BATCH) batches.push(sharing.slice(i, i + FILES_PER_BATCH));
batches.push(...files.filter((file) => ISOLATED.has(file)).map((file) => [file]));

const failed = [];
const started = Date.now();

async function runBatch(batch) {
  const result = await run(batch, BATCH_TIMEOUT_MS, { shared: !ISOLATED.has(batch[0]) });
  if (result.code === 0) {
    console.log(`✓ ${batch.join(" ")}  ${summaryOf(result.output)}`);
    return;
  }
  if (result.code !== "timeout") {
    failed.push(...failedFiles(batch, result.output));
    console.log(`✗ ${batch.join(" ")} (${result.code})\n${result.output}`);
    return;
  }
  console.log(`… ${batch.join(" ")} did not finish in ${BATCH_TIMEOUT_MS / 1000} s: each file once more`);
  for (const file of batch) {
    const again = await run([file], FILE_TIMEOUT_MS);
    if (again.code === 0) console.log(`✓ ${file}  ${summaryOf(again.output)}`);
    else {
      failed.push(file);
      console.log(`✗ ${file} (${again.code})\n${again.output}`);
    }
  }
}

const queue = [...batches];
async function worker() {
  for (let batch = queue.shift(); batch; batch = queue.shift()) await runBatch(batch);
}
await Promise.all(Array.from({ length: PARALLEL }, worker));
console.log(
  `\nworkers: ${files.length - failed.length} of ${files.length} files passed in ${Math.round((Date.now() - started) / 1000)} s`,
);
if (failed.length) {
  console.log(`failed: ${failed.join(", ")}`);
  process.exit(1);
}
