// A support ticket end to end: the contact submits one with an attachment (upload progress),
// staff find it in the inbox, add an internal note and a public reply; the contact sees the reply
// and never the note, answers, and closes the ticket.
import { assertNoProblems, newPage, screenshot, visit } from '../lib/browser.mjs';
import { call, clientWithContact, signInContact, signInStaff, staffToken } from '../lib/api.mjs';
import { messagesTo } from '../lib/outbox.mjs';

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

const NOTE = 'Internal: their CMS plugin is two versions behind.';

export default async function requests({ browser, server, name }) {
  const email = 'ana@bluepeak.example';
  await clientWithContact(server, { email });

  // The contact: an empty list that invites the first request, then the form.
  const page = await newPage(browser, 'contact');
  await signInContact(page, server, email);
  await page.getByTestId('nav-requests').click();
  await page.waitForURL(/\/portal\/requests$/);
  await page.getByTestId('requests-empty').waitFor();
  await visit(page, name, 'portal-requests-empty');
  await page.getByTestId('new-request').click();
  await page.waitForURL(/\/portal\/requests\/new$/);
  await page.getByTestId('request-form').waitFor();
  // Sending an empty form says what is missing, field by field.
  await page.getByTestId('request-submit').click();
  await page.locator('#request-title-error').waitFor();
  await page.locator('#request-category-error').waitFor();
  // Support is chosen by default; its categories are offered, a job's are not.
  const categories = await page.getByTestId('request-category').locator('option').allInnerTexts();
  expect(categories.includes('Bug') && !categories.includes('Design'), `support categories: ${categories}`);
  await page.getByTestId('request-type-job').check();
  await page.getByTestId('request-category').locator('option', { hasText: 'Design' }).waitFor({ state: 'attached' });
  await page.getByTestId('request-type-support').check();
  await page.getByTestId('request-category').locator('option', { hasText: 'Bug' }).waitFor({ state: 'attached' });
  await page.getByTestId('request-category').selectOption('bug');
  await page.getByTestId('request-title').fill('Contact form does nothing');
  await page.getByTestId('request-description').fill('Pressing Send on the contact page shows no message and no email arrives.');
  await page.getByTestId('request-priority').selectOption('high');
  await page.getByTestId('file-input').setInputFiles({
    name: 'console.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% console log\n'),
  });
  await page.getByTestId('upload-done').waitFor();
  expect(await page.getByTestId('upload-progress').getAttribute('aria-valuenow') === '100', 'the upload reached 100%');
  await visit(page, name, 'portal-new-request');
  await page.getByTestId('request-submit').click();
  await page.waitForURL(/\/portal\/requests\/[0-9a-f-]{36}$/);
  const requestUrl = page.url();
  const requestId = requestUrl.split('/').pop();
  await page.getByTestId('request-due').waitFor();
  expect((await page.getByTestId('request-due').innerText()).startsWith('We aim to reply by'), 'the client sees when to expect a reply');
  await page.getByTestId('attachment').filter({ hasText: 'console.pdf' }).waitFor();
  await page.getByTestId('thread-empty').waitFor();
  await visit(page, name, 'portal-request-sent');

  // Staff: the inbox has it; a note for the team, then a reply.
  const mailsBefore = messagesTo(server.outbox, email).length;
  const staff = await newPage(browser, 'staff');
  await signInStaff(staff, server);
  await staff.getByTestId('nav-requests').click();
  await staff.waitForURL(/\/staff\/requests/);
  const row = staff.getByTestId('request-row').filter({ hasText: 'Contact form does nothing' });
  await row.waitFor();
  expect((await row.innerText()).includes('Blue Peak Coffee'), 'the inbox row names the client');
  await staff.getByTestId('unassigned-count').waitFor();
  await visit(staff, name, 'staff-requests-inbox');
  await row.getByTestId('request-link').click();
  await staff.waitForURL(/\/staff\/requests\/[0-9a-f-]{36}$/);
  await staff.getByTestId('composer').waitFor();
  expect(await staff.getByTestId('composer-internal').isChecked() === false, 'the composer starts as a public reply');
  await staff.getByTestId('composer-internal').check();
  await staff.getByTestId('composer-body').fill(NOTE);
  expect((await staff.getByTestId('composer-submit').innerText()) === 'Add internal note', 'the button says it is a note');
  await staff.getByTestId('composer-submit').click();
  await staff.getByTestId('timeline-note').filter({ hasText: NOTE }).waitFor();
  await staff.getByTestId('composer-body').fill('Thanks, Ana. We found the cause and are fixing it today.');
  expect((await staff.getByTestId('composer-submit').innerText()) === 'Send reply', 'back to a public reply');
  await staff.getByTestId('composer-submit').click();
  await staff.getByTestId('timeline-message').filter({ hasText: 'fixing it today' }).waitFor();
  await staff.getByTestId('request-status-select').selectOption('waiting_on_client');
  await staff.getByTestId('toast').filter({ hasText: 'Saved.' }).waitFor();
  await visit(staff, name, 'staff-request-detail');

  // The contact: the reply (and its email) but never the note.
  await page.reload();
  await page.getByTestId('request-message').filter({ hasText: 'fixing it today' }).waitFor();
  const thread = await page.getByTestId('request-thread').innerText();
  expect(!thread.includes('CMS plugin') && !(await page.content()).includes('CMS plugin'), 'the internal note is nowhere on the page');
  expect((await page.getByTestId('request-status').innerText()) === 'Waiting on you', 'the status speaks to the client');
  await screenshot(page, name, 'portal-request-reply-no-note');
  // The reply reaches Ana by email too, with a link to the request.
  const deadline = Date.now() + 15000;
  while (!messagesTo(server.outbox, email).slice(mailsBefore).some((m) => m.text.includes('fixing it today')
    && (m.text.includes(`/portal/requests/${requestId}`) || m.text.includes(`next=%2Fportal%2Frequests%2F${requestId}`)))) {
    expect(Date.now() < deadline, 'an email with the reply and a link to the request');
    await page.waitForTimeout(200);
  }
  for (const m of messagesTo(server.outbox, email)) expect(!m.text.includes('CMS plugin'), `no email carries the note: ${m.subject}`);

  // The contact answers (the request opens again) and then closes it, asked first.
  await page.getByTestId('reply-body').fill('It works now, thank you!');
  await page.getByTestId('reply-submit').click();
  await page.getByTestId('request-message').filter({ hasText: 'It works now' }).waitFor();
  await page.getByTestId('request-status').filter({ hasText: 'Open' }).waitFor();
  await page.getByTestId('request-close').click();
  await page.getByTestId('request-close-confirm').waitFor();
  await page.getByTestId('request-close-confirm').click();
  await page.getByTestId('request-closed').waitFor();
  await page.getByTestId('request-status').filter({ hasText: 'Closed' }).waitFor();
  await visit(page, name, 'portal-request-closed');
  // The list shows it closed, with the public messages counted (not the note).
  await page.getByTestId('nav-requests').click();
  const listed = page.getByTestId('request-row').filter({ hasText: 'Contact form does nothing' });
  await listed.waitFor();
  expect((await listed.innerText()).includes('2 messages'), `the count leaves the note out: ${await listed.innerText()}`);
  await visit(page, name, 'portal-requests');

  // Staff see the closing in the thread's status; the metrics page renders.
  const detail = await call(server, 'GET', `/api/v1/requests/${requestId}`, { token: await staffToken(server) });
  expect(detail.status === 'closed' && detail.timeline.some((e) => e.internal), 'staff keep the note and see it closed');
  // Staff open one on the client's behalf, for Ana, from the inbox.
  await staff.getByTestId('nav-requests').click();
  await staff.getByTestId('new-request-open').click();
  await staff.getByTestId('new-request-client').locator('option', { hasText: 'Blue Peak Coffee' }).waitFor({ state: 'attached' });
  await staff.getByTestId('new-request-client').selectOption({ label: 'Blue Peak Coffee' });
  await staff.getByTestId('new-request-contact').locator('option', { hasText: 'Ana Lopez' }).waitFor({ state: 'attached' });
  await staff.getByTestId('new-request-contact').selectOption({ label: 'Ana Lopez' });
  await staff.getByTestId('new-request-category').selectOption('content');
  await staff.getByTestId('new-request-title').fill('Copy for the summer flyer');
  await staff.getByTestId('new-request-description').fill('Asked for on the phone: 120 words about the summer menu.');
  await visit(staff, name, 'staff-new-request');
  await staff.getByTestId('new-request-submit').click();
  await staff.waitForURL(/\/staff\/requests\/[0-9a-f-]{36}$/);
  await staff.getByTestId('request-meta').filter({ hasText: 'Ana Lopez' }).waitFor();
  await page.reload();
  await page.getByTestId('request-row').filter({ hasText: 'Copy for the summer flyer' }).waitFor();
  await staff.goto(`${server.origin}/staff/requests/metrics`);
  await staff.getByTestId('metrics-overall').waitFor();
  await visit(staff, name, 'staff-request-metrics');

  assertNoProblems(page);
  assertNoProblems(staff);
}
