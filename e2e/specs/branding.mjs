// White-label branding and previews: an admin types a light accent (the live preview shows the
// readable shade the contrast guard will save), uploads an SVG logo (drawn as a PNG) and a tab
// title; the portal's sign-in page shows them before anyone signs in. Then the admin previews the
// portal as a contact: a new tab with the read-only banner, where a write is refused, the
// contact's notification opens without being marked read for them, and "End preview" signs out.
import { assertNoProblems, newPage, screenshot, track, visit } from '../lib/browser.mjs';
import { clientWithContact, signInStaff } from '../lib/api.mjs';

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

const LOGO = `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="60" onload="alert('x')">
  <script>alert('never')</script>
  <rect width="240" height="60" rx="8" fill="#0f766e"/>
  <circle cx="30" cy="30" r="18" fill="#ffffff"/>
  <rect x="60" y="22" width="160" height="16" rx="4" fill="#ffffff"/>
</svg>`;

export default async function branding({ browser, server, name }) {
  const { client, contact } = await clientWithContact(server, { client: 'Blue Peak Coffee', name: 'Ana Lopez', email: 'ana@bluepeak.example' });
  const admin = await newPage(browser, 'admin');
  let dialogs = 0;
  admin.on('dialog', (d) => { dialogs += 1; d.dismiss(); });
  await signInStaff(admin, server);
  await admin.getByTestId('nav-settings').click();
  await admin.waitForURL(/\/staff\/settings$/);
  await admin.getByTestId('branding-name').waitFor();

  // A light teal is too pale for white text: the form says so while typing and the preview
  // already uses the shade that will be saved.
  await admin.getByTestId('branding-accent').fill('#5eead4');
  await admin.getByTestId('branding-accent-check').filter({ hasText: 'is used instead' }).waitFor();
  const previewBg = await admin.getByTestId('branding-preview-button').evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(previewBg !== 'rgb(94, 234, 212)', `the preview shows the readable shade, not ${previewBg}`);
  await admin.getByTestId('branding-name').fill('Lumen Studio');
  await admin.getByTestId('branding-title').fill('Lumen · Client portal');
  await admin.getByTestId('branding-save').click();
  await admin.getByTestId('toast').filter({ hasText: 'Branding saved.' }).waitFor();
  const saved = await admin.getByTestId('branding-accent').inputValue();
  expect(saved !== '#5eead4' && /^#[0-9a-f]{6}$/.test(saved), `the saved accent is the darker shade (${saved})`);

  // The SVG logo, with script in it, becomes a PNG.
  await admin.getByTestId('branding-logo-input').setInputFiles({ name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(LOGO) });
  await admin.getByTestId('toast').filter({ hasText: 'Logo uploaded.' }).waitFor();
  const logoSrc = await admin.getByTestId('branding-logo-image').getAttribute('src');
  const logo = await fetch(`${server.origin}${logoSrc}`);
  expect(logo.headers.get('content-type') === 'image/png', 'the logo is served as a PNG');
  await visit(admin, name, 'staff-settings');

  // The portal's sign-in page, before sign-in: logo, accent on the button, tab title.
  const visitor = await newPage(browser, 'visitor');
  visitor.on('dialog', (d) => { dialogs += 1; d.dismiss(); });
  await visitor.goto(`${server.origin}/portal/login`);
  await visitor.getByTestId('org-logo').waitFor();
  await visitor.waitForFunction(() => document.title.includes('Lumen · Client portal'));
  const accent = await visitor.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--accent').trim());
  expect(accent === saved, `the portal uses the saved accent (${accent} vs ${saved})`);
  const logoDrawn = await visitor.getByTestId('org-logo').evaluate((img) => img.complete && img.naturalWidth > 0);
  expect(logoDrawn, 'the logo image loads on the sign-in page');
  await visit(visitor, name, 'portal-sign-in-branded');
  await screenshot(visitor, name, 'portal-sign-in-branded-final');

  // Something that tells Ana: a request opened for her and resolved.
  const staffAuth = { 'Content-Type': 'application/json', Origin: server.origin, Authorization: `Bearer ${await (await import('../lib/api.mjs')).staffToken(server)}` };
  const opened = await (await fetch(`${server.origin}/api/v1/requests`, {
    method: 'POST', headers: staffAuth,
    body: JSON.stringify({ client_id: client.id, contact_id: contact.id, request_type: 'support', category: 'bug', title: 'Menu typo', description: 'The menu says "expresso".' }),
  })).json();
  const resolved = await fetch(`${server.origin}/api/v1/requests/${opened.id}`, { method: 'PATCH', headers: staffAuth, body: JSON.stringify({ status: 'resolved' }) });
  expect(resolved.ok, `the request is resolved: ${resolved.status}`);

  // Preview as Ana: a new tab, read-only, with the banner.
  await admin.goto(`${server.origin}/staff/clients/${client.id}`);
  const row = admin.getByTestId('contact-row').filter({ hasText: 'ana@bluepeak.example' });
  await row.waitFor();
  const [tab] = await Promise.all([
    admin.context().waitForEvent('page'),
    row.getByTestId('contact-preview').click(),
  ]);
  track(tab, 'preview');
  await tab.waitForURL(/\/portal\/$/);
  await tab.getByTestId('preview-banner').filter({ hasText: 'Ana Lopez' }).waitFor();
  await visit(tab, name, 'portal-preview');
  // A write is refused with the reason.
  const refused = await tab.evaluate(async () => {
    const res = await fetch('/portal/api/notifications/read', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"all":true}' });
    return [res.status, (await res.json()).error.message];
  });
  expect(refused[0] === 403 && refused[1].includes('preview'), `a write in preview is refused: ${refused}`);
  // The forms' buttons are off and say why, rather than failing when clicked.
  await tab.getByTestId('nav-settings').click();
  const save = tab.getByTestId('password-submit');
  await save.waitFor();
  expect(await save.isDisabled(), 'a form button is off in a preview');
  const why = (await save.getAttribute('title')) || '';
  expect(why.includes('Preview as Ana Lopez'), `and says why: ${why}`);
  const choice = tab.getByTestId('email-review');
  await choice.waitFor();
  expect(await choice.isDisabled(), 'the email choices are off too');
  await tab.getByTestId('nav-notifications').click();
  const markAll = tab.getByTestId('mark-all-read');
  await markAll.waitFor();
  expect(((await markAll.getAttribute('title')) || '').includes('Preview as Ana Lopez'), 'mark-all-read says why it is off');
  // Opening Ana's notification shows the request without marking it read for her.
  const writes = [];
  tab.on('request', (r) => { if (r.method() !== 'GET') writes.push(`${r.method()} ${r.url()}`); });
  const link = tab.getByTestId('notification-link').first();
  await link.waitFor();
  await link.click();
  await tab.waitForURL(new RegExp(`/portal/requests/${opened.id}`));
  expect(writes.length === 0, `opening a notification in a preview writes nothing: ${writes}`);
  await tab.getByTestId('preview-end').click();
  await tab.waitForEvent('close', { timeout: 5000 }).catch(() => {});
  const me = await fetch(`${server.origin}/api/v1/activity`, { headers: { Authorization: `Bearer ${await (await import('../lib/api.mjs')).staffToken(server)}` } });
  const activity = JSON.stringify(await me.json());
  expect(activity.includes('previewed the portal as Ana Lopez'), 'the preview is in the activity');
  expect(dialogs === 0, 'no script from the SVG ever ran');
  expect(contact.id, 'contact exists');

  assertNoProblems(admin);
  assertNoProblems(visitor);
}
