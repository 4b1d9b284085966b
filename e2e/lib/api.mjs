// Fast set-up through the HTTP APIs, for specs whose subject is not sign-up itself.
import { waitForLink } from './outbox.mjs';
import { PASSWORD } from './server.mjs';

async function call(server, method, path, { token, body } = {}) {
  const res = await fetch(`${server.origin}${path}`, {
    method,
    headers: {
      'Content-Type': 'application/json',
      Origin: server.origin,
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

export async function staffToken(server) {
  const { access_token } = await call(server, 'POST', '/api/v1/auth/login', { body: server.staff });
  return access_token;
}

/** Creates a client and an active contact (invitation accepted, password `PASSWORD`). */
export async function clientWithContact(server, { client = 'Blue Peak Coffee', name = 'Ana Lopez', email, permissions = {} }) {
  const token = await staffToken(server);
  const created = await call(server, 'POST', '/api/v1/clients', { token, body: { name: client } });
  const contact = await activeContact(server, token, created.id, { name, email, permissions });
  return { token, client: created, contact, password: PASSWORD };
}

/** Adds an active contact to a client (invitation accepted, password `PASSWORD`);
 *  `permissions` overrides the client's defaults (`{ can_approve_work: false }`). */
export async function activeContact(server, token, clientId, { name, email, permissions = {} }) {
  const contact = await call(server, 'POST', `/api/v1/clients/${clientId}/contacts`, {
    token, body: { name, email, permissions, invite: true },
  });
  const link = await waitForLink(server.outbox, email, '/portal/invite#token=');
  const inviteToken = link.split('#token=')[1];
  await call(server, 'POST', '/portal/api/auth/invite/accept', { body: { token: inviteToken, name, password: PASSWORD } });
  return contact;
}

/** Signs a contact in through the portal's login form. */
export async function signInContact(page, server, email, password = PASSWORD) {
  await page.goto(`${server.origin}/portal/login`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('signed-in-as').waitFor();
}

/** Signs the organization owner in to the staff dashboard. */
export async function signInStaff(page, server) {
  await page.goto(`${server.origin}/staff/login`);
  await page.getByTestId('login-email').fill(server.staff.email);
  await page.getByTestId('login-password').fill(server.staff.password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.endsWith('/login'));
}

/** Uploads one file for the client through the staff API; returns the file's metadata. */
export async function upload(server, token, clientId, filename, type, bytes) {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type }), filename);
  const res = await fetch(`${server.origin}/api/v1/clients/${clientId}/files`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, Origin: server.origin },
    body: form,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`upload ${filename} → ${res.status}: ${text}`);
  return JSON.parse(text);
}

export { call };
