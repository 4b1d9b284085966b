// Runs every spec in e2e/specs against its own fresh server; exits non-zero on any failure.
// Specs run `E2E_JOBS` at a time (default 2): each has its own server, database and browser
// contexts, and most of a spec's time is spent waiting (mail polling, notification batches), so
// two at once nearly halve the stage on a 2-core machine. `E2E_JOBS=1` runs them one by one.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from './lib/server.mjs';
import { launch, OUTPUT } from './lib/browser.mjs';

const only = process.argv[2];
const specs = readdirSync(join(import.meta.dirname, 'specs')).filter((f) => f.endsWith('.mjs')).filter((f) => !only || f.includes(only)).sort();
const jobs = Math.max(1, Number.parseInt(process.env.E2E_JOBS ?? '2', 10) || 1);
rmSync(OUTPUT, { recursive: true, force: true });

const stageStarted = Date.now();
let failed = 0;
const browser = await launch();

async function run(file) {
  const name = file.replace(/\.mjs$/, '');
  const server = await startServer();
  const started = Date.now();
  try {
    const spec = await import(`./specs/${file}`);
    await spec.default({ browser, server, name });
    console.log(`ok   ${name} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
  } catch (err) {
    failed += 1;
    console.error(`FAIL ${name}\n${err.stack ?? err}`);
  } finally {
    await server.stop();
  }
}

const queue = [...specs];
await Promise.all(Array.from({ length: Math.min(jobs, queue.length) }, async () => {
  for (let file = queue.shift(); file; file = queue.shift()) await run(file);
}));
await browser.close();
const total = ((Date.now() - stageStarted) / 1000).toFixed(1);
console.log(`${specs.length - failed}/${specs.length} browser specs passed in ${total}s (${jobs} at a time); screenshots in e2e/output/`);
process.exit(failed ? 1 : 0);
