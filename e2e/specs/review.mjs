// A client reviews work: dashboard widgets (approvals, projects, team), the projects list and a
// project's milestones, then an approval: detail, a comment, and a change request with a note.
// Set-up goes through the staff API, files included (`POST /api/v1/clients/{id}/files`).
import { assertNoProblems, newPage, screenshot, visit } from '../lib/browser.mjs';
import { activeContact, call, clientWithContact, signInContact, upload } from '../lib/api.mjs';
import { png } from '../lib/media.mjs';
import { messagesTo, waitForLink } from '../lib/outbox.mjs';

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

export default async function review({ browser, server, name }) {
  const email = 'ana@bluepeak.example';
  const { token, client } = await clientWithContact(server, { email });

  // The owner is the client's account manager; the client sees the team on projects.
  const me = await call(server, 'GET', '/api/v1/auth/me', { token });
  await call(server, 'PUT', `/api/v1/clients/${client.id}/managers`, { token, body: { staff_ids: [me.id] } });
  await call(server, 'PATCH', `/api/v1/clients/${client.id}`, { token, body: { show_team_members: true } });

  // A stage-less project with two milestones, one of them approved (50%).
  const project = await call(server, 'POST', '/api/v1/projects', {
    token,
    body: {
      client_id: client.id, name: 'Spring campaign', description: 'Posters and a radio spot.',
      start_date: '2026-03-02', due_date: '2026-05-29', manager_ids: [me.id],
    },
  });
  await call(server, 'POST', `/api/v1/projects/${project.id}/milestones`, {
    token, body: { title: 'Concepts', client_status: 'approved', deadline: '2026-03-20' },
  });
  await call(server, 'POST', `/api/v1/projects/${project.id}/milestones`, {
    token, body: { title: 'Final artwork', client_status: 'in_progress', deadline: '2026-05-15' },
  });

  // An approval with a PNG and a text file.
  const poster = await upload(server, token, client.id, 'poster.png', 'image/png', png());
  const txt = await upload(server, token, client.id, 'copy.txt', 'text/plain', Buffer.from('Spring is here.\n'));
  await call(server, 'POST', '/api/v1/approvals', {
    token,
    body: {
      project_id: project.id, title: 'Poster, first draft', kind: 'image', due_date: '2026-04-01',
      version: { notes: 'First draft of the poster and its copy.', file_ids: [poster.id, txt.id] },
    },
  });

  const page = await newPage(browser, 'contact');
  await signInContact(page, server, email);

  // Dashboard: the waiting approval, the project with its progress, the account manager.
  await page.getByTestId('widget-projects').getByTestId('project-row').first().waitFor();
  await page.getByTestId('widget-team').getByTestId('team-member').first().waitFor();
  const member = page.getByTestId('widget-team').getByTestId('team-member').first();
  expect((await member.innerText()).includes('Olivia Owner'), 'the team widget names the account manager');
  await member.getByRole('link', { name: 'Email Olivia Owner' }).waitFor();
  expect(await page.getByTestId('widget-projects').getByTestId('project-progress').first().getAttribute('value') === '50',
    'the dashboard shows the project at 50%');
  await page.getByTestId('widget-approvals').getByTestId('approval-row').first().waitFor();
  expect((await page.getByTestId('widget-approvals').innerText()).includes('Poster, first draft'),
    'the dashboard lists the approval waiting for review');
  await visit(page, name, 'portal-dashboard');

  // Projects list and detail.
  await page.getByTestId('nav-projects').click();
  await page.getByTestId('project-row').first().waitFor();
  const row = page.getByTestId('project-row').first();
  expect((await row.innerText()).includes('In progress'), 'the project row shows its status as text');
  await visit(page, name, 'portal-projects');
  await row.getByRole('link', { name: 'Spring campaign' }).click();
  await page.waitForURL(/\/portal\/projects\/[^/]+$/);
  await page.getByTestId('milestone-row').nth(1).waitFor();
  const milestones = await page.getByTestId('milestone-row').allInnerTexts();
  expect(milestones[0].includes('Concepts') && milestones[0].includes('Approved') && milestones[0].includes('20 Mar 2026'),
    'the first milestone shows its status and deadline');
  expect(await page.getByTestId('project-progress').getAttribute('value') === '50', 'the project is 50% done');
  await page.getByTestId('project-team').getByTestId('team-member').first().waitFor();
  await visit(page, name, 'portal-project-detail');

  // Approvals list.
  await page.getByTestId('nav-approvals').click();
  await page.waitForURL(/\/portal\/approvals$/);
  await page.getByTestId('approval-tab-all').waitFor();
  expect(await page.getByTestId('approval-tab-all').getAttribute('aria-current') === 'page', 'the All tab is current');
  await page.getByTestId('approval-row').first().waitFor();
  expect((await page.getByTestId('approval-tab-pending').innerText()).includes('1'), 'the pending tab counts one');
  const approvalRow = page.getByTestId('approval-row').first();
  const rowText = await approvalRow.innerText();
  expect(rowText.includes('Spring campaign') && rowText.includes('Image') && rowText.includes('1 Apr 2026'),
    'the approval row shows project, kind and due date');
  await visit(page, name, 'portal-approvals');

  // Approval detail: files, version, a comment, then a change request.
  await approvalRow.getByTestId('approval-title').click();
  await page.waitForURL(/\/portal\/approvals\/[^/]+$/);
  await page.getByTestId('version-switcher').waitFor();
  expect((await page.getByTestId('file-row').allInnerTexts()).some((t) => t.includes('poster.png') && t.includes('image/png')),
    'the file list shows the PNG with its type');
  expect(await page.getByTestId('approval-status').innerText() === 'In review', 'opening it moves it to review');
  await page.getByTestId('approval-project').filter({ hasText: 'Spring campaign' }).waitFor();
  // On a wide screen the decision sits beside the media, in view without scrolling.
  const decision = await page.getByTestId('respond-panel').boundingBox();
  const media = await page.getByTestId('player').boundingBox();
  expect(decision.x > media.x + media.width - 1, 'the decision is beside the media, not under it');
  expect(decision.y + 40 < 860, `the decision is in view on arrival (top at ${decision.y}px)`);
  await visit(page, name, 'portal-approval-detail');

  await page.getByTestId('comment-input').fill('Could the logo be a little larger?');
  await page.getByTestId('comment-submit').click();
  await page.getByTestId('comment-row').filter({ hasText: 'Could the logo be a little larger?' }).waitFor();
  expect((await page.getByTestId('comment-row').first().innerText()).includes('Ana Lopez'), 'the comment names its author');
  // "Reply" moves the cursor to the box, which now answers that comment.
  await page.getByTestId('comment-row').first().getByTestId('comment-reply').click();
  await page.waitForFunction(() => document.activeElement?.id === 'comment-input');
  await page.getByText('Your reply to Ana Lopez').waitFor();
  await page.getByRole('button', { name: 'Cancel reply' }).click();

  // The author can edit their comment while the version is undecided, and delete one (asked first).
  // (The thread is oldest first; while edited, the text is in a box, not in the row's text.)
  const own = page.getByTestId('comment-row').first();
  expect((await own.innerText()).includes('Could the logo be a little larger?'), 'the first comment is ours');
  await own.getByTestId('comment-edit').click();
  await own.getByTestId('comment-edit-input').fill('Could the logo be a little larger, please?');
  await own.getByTestId('comment-edit-save').click();
  await own.getByTestId('comment-edited').waitFor();
  expect((await own.getByTestId('comment-body').innerText()) === 'Could the logo be a little larger, please?', 'the edit is saved');
  await page.getByTestId('comment-input').fill('Ignore this one.');
  await page.getByTestId('comment-submit').click();
  const stray = page.getByTestId('comment-row').filter({ hasText: 'Ignore this one.' });
  await stray.waitFor();
  await stray.getByTestId('comment-delete').click();
  await stray.getByRole('alertdialog').waitFor();
  await stray.getByTestId('comment-delete-confirm').click();
  await stray.waitFor({ state: 'detached' });

  // Requesting changes without a note is refused in place; with a note it is recorded.
  await page.getByTestId('respond-request-changes').click();
  await page.getByTestId('respond-submit').click();
  await page.locator('#respond-note-error').waitFor();
  await page.getByTestId('respond-note').fill('Please make the logo larger and the headline shorter.');
  await page.getByTestId('respond-submit').click();
  await page.getByTestId('version-decision').waitFor();
  await page.getByTestId('approval-status').filter({ hasText: 'Changes requested' }).waitFor();
  expect((await page.getByTestId('version-decision').innerText()).includes('by Ana Lopez'), 'the decision says who');
  expect(await page.getByTestId('respond-panel').count() === 0, 'the decided version can no longer be answered');
  await visit(page, name, 'portal-approval-changes-requested');

  // A region comment: drag a box on the image, the form points at it, the marker appears.
  const frame = page.getByTestId('image-frame');
  await frame.scrollIntoViewIfNeeded();
  const box = await frame.boundingBox();
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.7, { steps: 5 });
  await page.mouse.up();
  await page.getByTestId('comment-target').waitFor();
  expect(await page.evaluate(() => document.activeElement?.id) === 'comment-input', 'marking a region focuses the comment box');
  await page.getByTestId('comment-input').fill('The headline should sit in this area.');
  await page.getByTestId('comment-submit').click();
  await page.getByTestId('region-marker').first().waitFor();
  const regionComment = page.getByTestId('comment-row').filter({ hasText: 'The headline should sit in this area.' });
  await regionComment.getByTestId('comment-region').click();
  expect(await page.getByTestId('region-marker').first().evaluate((el) => el.classList.contains('active')),
    'choosing a region comment highlights its box');
  await visit(page, name, 'portal-approval-region-comment');

  // The same by keyboard: Enter on the focused image places a pin in the middle, arrow keys move
  // it, Enter again opens the comment box.
  await frame.focus();
  await page.keyboard.press('Enter');
  const pin = page.getByTestId('region-draft');
  await pin.waitFor();
  const leftBefore = await pin.evaluate((el) => parseFloat(el.style.left));
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction((before) => parseFloat(document.querySelector('[data-test-id="region-draft"]').style.left) > before + 3, leftBefore);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'comment-input');
  await page.keyboard.type('Placed with the keyboard.');
  await page.getByTestId('comment-submit').click();
  await page.getByTestId('comment-row').filter({ hasText: 'Placed with the keyboard.' }).getByTestId('comment-region').waitFor();
  expect(await page.getByTestId('region-marker').count() === 2, 'the keyboard pin is a second box on the image');

  // The gallery collects the image, linked to its approval.
  await page.getByTestId('nav-gallery').click();
  await page.waitForURL(/\/portal\/gallery$/);
  const tile = page.getByTestId('gallery-item').filter({ hasText: 'poster.png' });
  await tile.waitFor();
  expect((await tile.innerText()).includes('Poster, first draft'), 'the gallery tile names its approval');
  await visit(page, name, 'portal-gallery');
  await tile.getByRole('link').click();
  await page.waitForURL(/\/portal\/approvals\/[^/]+$/);
  const approvalUrl = page.url();

  // The staff's new version reaches the contact's open dashboard at once: the badge counts it
  // and the dashboard reloads its numbers and notifications, live.
  const approvalId = approvalUrl.split('/').pop();
  await page.getByTestId('nav-dashboard').click();
  await page.getByTestId('widget-notifications').waitFor();
  const badge = page.getByTestId('nav-notifications-badge');
  const unread = async () => ((await badge.count()) ? parseInt(await badge.innerText(), 10) : 0);
  const before = await unread();
  const awaiting = page.getByTestId('counter-awaiting-review').getByTestId('counter-value');
  const awaitingBefore = parseInt(await awaiting.innerText(), 10);
  const mailsBefore = messagesTo(server.outbox, email).length;
  await call(server, 'POST', `/api/v1/approvals/${approvalId}/versions`, {
    token, body: { notes: 'Second draft.', file_ids: [poster.id] },
  });
  await page.waitForFunction(
    (n) => parseInt(document.querySelector('[data-test-id=nav-notifications-badge]')?.innerText ?? '0', 10) === n,
    before + 1, { timeout: 5000 });
  await page.getByTestId('widget-notifications').getByTestId('notification')
    .filter({ hasText: 'A new version (v2) of Poster' }).waitFor({ timeout: 5000 });
  // The change request had taken it off the contact's desk; version 2 puts it back.
  await page.waitForFunction(
    (n) => parseInt(document.querySelector('[data-test-id=counter-awaiting-review] [data-test-id=counter-value]')?.innerText ?? '-1', 10) === n,
    awaitingBefore + 1, { timeout: 5000 });
  expect(await page.getByTestId('widget-approvals').getByTestId('approval-row').count() === awaitingBefore + 1,
    'the counter and the list of waiting approvals agree');
  await screenshot(page, name, 'portal-dashboard-live');
  // The email about it carries a sign-in link to that approval.
  const emailLink = await waitForLink(server.outbox, email, '/portal/auth/magic#token=', { after: mailsBefore });
  expect(emailLink.endsWith(`&next=%2Fportal%2Fapprovals%2F${approvalId}`), `the email links to the approval: ${emailLink}`);
  const subjects = messagesTo(server.outbox, email).slice(mailsBefore).map((m) => m.subject);
  expect(subjects.some((s) => s.includes('A new version (v2) of Poster')), `the email says what is new: ${subjects}`);
  // The Notifications page lists it unread; opening it marks it read and lands on the approval.
  await page.getByTestId('nav-notifications').click();
  await page.waitForURL(/\/portal\/notifications$/);
  const item = page.getByTestId('notification').filter({ hasText: 'A new version (v2) of Poster' });
  await item.waitFor();
  expect(await item.getAttribute('data-read') === 'false', 'the new notification is unread');
  await visit(page, name, 'portal-notifications');
  await item.getByTestId('notification-link').click();
  await page.waitForURL(approvalUrl);
  await page.waitForFunction(
    (n) => parseInt(document.querySelector('[data-test-id=nav-notifications-badge]')?.innerText ?? '0', 10) === n,
    before, { timeout: 5000 });
  // On another device, signed out, the email's link signs the contact in and opens the approval.
  const fromEmail = await newPage(browser, 'from-email');
  await fromEmail.goto(emailLink);
  await fromEmail.waitForURL(approvalUrl);
  await fromEmail.getByTestId('version-switcher').waitFor();
  await fromEmail.getByTestId('signed-in-as').waitFor();
  await screenshot(fromEmail, name, 'portal-opened-from-email');

  // A colleague who may neither approve nor comment is told so where the controls would be.
  const readerEmail = 'ben@bluepeak.example';
  await activeContact(server, token, client.id, {
    name: 'Ben Ruiz', email: readerEmail, permissions: { can_approve_work: false, can_add_comments: false },
  });
  const reader = await newPage(browser, 'reader');
  await signInContact(reader, server, readerEmail);
  await reader.getByTestId('approvals-not-allowed').waitFor();
  expect((await reader.getByTestId('widget-approvals').innerText()).includes('Awaiting a decision'),
    'the dashboard does not ask this contact for a review');
  await visit(reader, name, 'portal-dashboard-without-approvals');
  await reader.goto(approvalUrl);
  await reader.getByTestId('decision-not-allowed').waitFor();
  expect((await reader.getByTestId('decision-not-allowed').innerText()).includes('has not enabled approvals for you'),
    'the decision panel says why it is not there');
  expect(await reader.getByTestId('respond-panel').count() === 0, 'no decision buttons');
  await reader.getByTestId('comments-not-allowed').waitFor();
  expect(await reader.getByTestId('comment-input').count() === 0, 'no comment box');
  expect(await reader.getByTestId('image-frame').getAttribute('tabindex') === null, 'the image takes no pins');
  await visit(reader, name, 'portal-approval-read-only');

  assertNoProblems(page);
  assertNoProblems(reader);
  assertNoProblems(fromEmail);
}
