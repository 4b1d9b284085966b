// Runs every spec in e2e/specs against its own fresh server; exits non-zero on any failure.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from './lib/server.mjs';
import { launch, OUTPUT } from './lib/browser.mjs';

const only = process.argv[2];
const specs = readdirSync(join(import.meta.dirname, 'specs')).filter((f) => f.endsWith('.mjs')).filter((f) => !only || f.includes(only)).sort();
rmSync(OUTPUT, { recursive: true, force: true });

let failed = 0;
const browser = await launch();
for (const file of specs) {
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
await browser.close();
console.log(`${specs.length - failed}/${specs.length} browser specs passed; screenshots in e2e/output/`);
process.exit(failed ? 1 : 0);
