// Starts a real Atrium server on a fresh SQLite database in a temporary directory.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');
export const PASSWORD = 'violet tractor harbor 42';

// A port for a server, free now and below the kernel's ephemeral range: a port the kernel handed
// out and we released could be handed to another spec's client connection before the server
// binds it; the kernel never picks from below that range. Each call starts from a different place
// (specs start servers concurrently).
const EPHEMERAL_LOW = (() => {
  try {
    return Number.parseInt(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0], 10) || 32768;
  } catch { return 32768; }
})();
let portCalls = 0;

function bindable(port) {
  return new Promise((ok) => {
    const srv = createServer();
    srv.once('error', () => ok(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => ok(true)));
  });
}

async function freePort() {
  const low = 10_000;
  const span = Math.max(1, EPHEMERAL_LOW - low);
  const start = (process.pid * 7_919 + (portCalls += 1) * 104_729) % span;
  for (let n = 0; n < span; n += 1) {
    const port = low + ((start + n) % span);
    if (await bindable(port)) return port;
  }
  throw new Error('no free port below the ephemeral range');
}

export async function startServer() {
  const bin = process.env.ATRIUM_BIN;
  if (!bin) throw new Error('ATRIUM_BIN must point at the atrium binary');
  const dir = mkdtempSync(join(tmpdir(), 'atrium-e2e-'));
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const outbox = join(dir, 'outbox');
  mkdirSync(outbox);
  const env = {
    ...process.env,
    ATRIUM_DATABASE_URL: `sqlite://${join(dir, 'atrium.db')}`,
    ATRIUM_BIND: `127.0.0.1:${port}`,
    ATRIUM_PUBLIC_URL: origin,
    ATRIUM_DATA_DIR: dir,
    ATRIUM_MAIL_URL: `file://${outbox}`,
    ATRIUM_MAIL_POLL_SECS: '1',
    // Notification emails go out two seconds after their event (a journey does not wait 5 min).
    ATRIUM_NOTIFY_BATCH_SECS: '2',
    ATRIUM_PORTAL_DIST: join(ROOT, 'crates/portal-web/dist'),
    ATRIUM_STAFF_DIST: join(ROOT, 'crates/staff-web/dist'),
    RUST_LOG: process.env.RUST_LOG ?? 'warn',
  };
  execFileSync(bin, ['create-org', '--name', 'Lumen Creative', '--slug', 'lumen',
    '--owner-email', 'owner@lumen.example', '--owner-name', 'Olivia Owner', '--owner-password', PASSWORD],
    { env, stdio: 'ignore' });
  const child = spawn(bin, ['serve'], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      const res = await fetch(`${origin}/readyz`);
      if (res.ok) break;
    } catch { /* not up yet */ }
    if (Date.now() > deadline) { child.kill(); throw new Error('server did not become ready'); }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    origin,
    outbox,
    staff: { email: 'owner@lumen.example', password: PASSWORD },
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}
