// Staff run a project and an approval in the dashboard: create a project, add a milestone and a
// task, create an approval by uploading files through the UI (progress bars reach 100%), post an
// internal comment, upload version 2, and check the audit trail's hash chain.
import { assertNoProblems, checkPhoneWidth, newPage, screenshot, visit } from '../lib/browser.mjs';
import { activeContact, call, signInContact, signInStaff, staffToken } from '../lib/api.mjs';

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

// A 1×1 PNG (shown inline) and a second of silent 16-bit mono WAV, padded to about 1.5 MB so
// the upload takes long enough to report progress.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

function wav(bytes) {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + bytes, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(44100, 24);
  header.writeUInt32LE(88200, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(bytes, 40);
  return Buffer.concat([header, Buffer.alloc(bytes)]);
}

/** Waits until every progress bar in `scope` reads 100 and every upload says "Uploaded". */
async function uploadsFinish(scope, count) {
  await scope.getByTestId('upload-done').nth(count - 1).waitFor();
  const bars = scope.getByTestId('upload-progress');
  expect(await bars.count() === count, `${count} progress bars are shown`);
  for (let i = 0; i < count; i++) {
    expect(await bars.nth(i).getAttribute('aria-valuenow') === '100', `upload ${i + 1} reached 100%`);
  }
  expect(await scope.getByTestId('upload-error').count() === 0, 'no upload failed');
}

export default async function staffApprovals({ browser, server, name }) {
  // A client and one pipeline stage, through the API.
  const token = await staffToken(server);
  const client = await call(server, 'POST', '/api/v1/clients', { token, body: { name: 'Harbor Radio' } });
  await call(server, 'POST', '/api/v1/stages', { token, body: { name: 'Production', client_status: 'in_progress' } });

  const page = await newPage(browser, 'staff');
  await signInStaff(page, server);

  // Projects: empty list, then "New project".
  await page.getByTestId('nav-projects').click();
  await page.waitForURL(/\/staff\/projects$/);
  await page.getByTestId('projects-empty').waitFor();
  await visit(page, name, 'projects-empty');
  await page.getByTestId('new-project-open').click();
  await page.getByTestId('project-client').locator(`option[value="${client.id}"]`).waitFor({ state: 'attached' });
  await page.getByTestId('project-client').selectOption(client.id);
  await page.getByTestId('project-name').fill('Morning show jingles');
  await page.getByTestId('project-description').fill('Three jingles for the new morning show.');
  await page.getByTestId('project-stage').selectOption({ label: 'Production (client sees: In progress)' });
  await page.getByTestId('project-start').fill('2026-12-01');
  await page.getByTestId('project-due').fill('2027-01-15');
  await page.getByTestId('staff-pick').first().check();
  await visit(page, name, 'project-new');
  await page.getByTestId('project-create').click();

  // Project detail: a milestone and a task.
  await page.waitForURL(/\/staff\/projects\/[^/]+$/);
  await page.getByTestId('page-title').filter({ hasText: 'Morning show jingles' }).waitFor();
  const projectId = page.url().split('/').pop();
  await page.getByTestId('milestones-empty').waitFor();
  await page.getByTestId('milestone-add-open').click();
  await page.getByTestId('milestone-title').fill('First jingle');
  await page.getByTestId('milestone-deadline').fill('2026-12-18');
  await page.getByTestId('milestone-save').click();
  const milestone = page.getByTestId('milestone-row').filter({ hasText: 'First jingle' });
  await milestone.waitFor();
  expect((await milestone.innerText()).includes('18 Dec 2026'), 'the milestone shows its deadline');
  expect((await milestone.getByTestId('milestone-status').innerText()) === 'In progress', 'the milestone shows the client status');

  // Reordering changes the order and nothing else: "Move up" once sent `stage_id: null` and
  // `deadline: null` with the new position, clearing both on every milestone it renumbered.
  await page.getByTestId('milestone-add-open').click();
  await page.getByTestId('milestone-title').fill('Second jingle');
  await page.getByTestId('milestone-form').getByLabel('Stage').selectOption({ index: 1 });
  await page.getByTestId('milestone-deadline').fill('2026-12-24');
  await page.getByTestId('milestone-save').click();
  const second = page.getByTestId('milestone-row').filter({ hasText: 'Second jingle' });
  await second.waitFor();
  const secondBefore = await second.innerText();
  expect(secondBefore.includes('24 Dec 2026') && secondBefore.includes('Stage: '), `the new milestone shows its stage and deadline: ${secondBefore}`);
  await page.getByRole('button', { name: 'Move up: Second jingle' }).click();
  await page.getByTestId('milestone-row').first().filter({ hasText: 'Second jingle' }).waitFor();
  await page.getByRole('button', { name: 'Move up: Second jingle' }).and(page.locator('[disabled]')).waitFor();
  const secondAfter = await page.getByTestId('milestone-row').first().innerText();
  expect(secondAfter === secondBefore, `moving kept the stage and deadline: ${secondAfter}`);
  expect((await milestone.innerText()).includes('18 Dec 2026'), 'the milestone moved down kept its deadline');

  // Deleting asks first, naming what is lost; Escape and Cancel keep it; only "Yes" deletes.
  await second.getByTestId('milestone-delete').click();
  const question = second.getByRole('alertdialog');
  await question.waitFor();
  expect((await question.innerText()).includes('Milestone Second jingle will be deleted'), 'the question names the milestone');
  expect(await second.getByTestId('milestone-delete-confirm').evaluate((b) => b === document.activeElement), 'focus is on the confirming button');
  await screenshot(page, name, 'staff-milestone-delete-question');
  await checkPhoneWidth(page, name, 'staff-milestone-delete-question');
  await page.keyboard.press('Escape');
  await question.waitFor({ state: 'detached' });
  await second.getByTestId('milestone-delete').click();
  await second.getByTestId('confirm-cancel').click();
  await question.waitFor({ state: 'detached' });
  expect(await second.count() === 1, 'cancelling keeps the milestone');
  await second.getByTestId('milestone-delete').click();
  await second.getByTestId('milestone-delete-confirm').click();
  await second.waitFor({ state: 'detached' });
  await milestone.waitFor();

  await page.getByTestId('task-title').fill('Record the voice-over');
  await page.getByTestId('task-milestone').selectOption({ label: 'First jingle' });
  await page.getByTestId('task-assignee').selectOption({ label: 'Olivia Owner' });
  await page.getByTestId('task-add').click();
  const task = page.getByTestId('task-row').filter({ hasText: 'Record the voice-over' });
  await task.waitFor();
  await page.getByTestId('project-team').getByTestId('team-member').filter({ hasText: 'Olivia Owner' }).waitFor();
  await page.getByTestId('project-approvals-empty').waitFor();
  await visit(page, name, 'project-detail');

  // New approval from the project: files upload with progress, then "Send for review".
  await page.getByTestId('new-approval-link').click();
  await page.waitForURL(/\/staff\/approvals\/new\?project=/);
  await page.getByTestId('approval-project').locator(`option[value="${projectId}"]`).waitFor({ state: 'attached' });
  expect(await page.getByTestId('approval-project').inputValue() === projectId, 'the project is preselected');
  await page.getByTestId('approval-milestone').locator('option', { hasText: 'First jingle' }).waitFor({ state: 'attached' });
  await page.getByTestId('approval-milestone').selectOption({ label: 'First jingle' });
  // Sending without a title says what is missing; the message goes as soon as the field is fixed.
  await page.getByTestId('approval-create').click();
  const titleError = page.locator('#approval-title-error');
  await titleError.waitFor();
  expect((await titleError.innerText()) === 'Enter a title.', `the title error says so: ${await titleError.innerText()}`);
  await page.getByTestId('approval-title').fill('Jingle one, first mix');
  await titleError.waitFor({ state: 'detached' });
  expect(await page.getByTestId('approval-title').getAttribute('aria-invalid') === null, 'the field is no longer marked invalid');
  await page.getByTestId('approval-kind').selectOption('audio');
  await page.getByTestId('approval-due').fill('2026-12-20');
  await page.getByTestId('approval-notes').fill('First mix with the cover art.');
  const form = page.getByTestId('approval-form');
  await form.getByTestId('file-input').setInputFiles([
    { name: 'jingle-one.wav', mimeType: 'audio/wav', buffer: wav(1_500_000) },
    { name: 'cover.png', mimeType: 'image/png', buffer: PNG },
  ]);
  await uploadsFinish(form, 2);
  await visit(page, name, 'approval-new-uploaded');
  await page.getByTestId('approval-create').click();

  // Approval detail: version 1 with the files, then an internal comment.
  await page.waitForURL(/\/staff\/approvals\/[^/?]+$/);
  await page.getByTestId('page-title').filter({ hasText: 'Jingle one, first mix' }).waitFor();
  const approvalUrl = page.url();
  await page.getByTestId('approval-status').filter({ hasText: 'Awaiting review' }).waitFor();
  // The current version's first medium (the WAV) gets the review player; the PNG shows inline.
  await page.getByTestId('player').waitFor();
  await page.getByTestId('player-time').filter({ hasText: '/ 0:' }).waitFor();
  await page.getByTestId('media-image').waitFor();
  expect((await page.getByTestId('file-row').allInnerTexts()).some((t) => t.includes('jingle-one.wav')), 'the WAV is listed');
  await visit(page, name, 'approval-detail');

  await page.getByTestId('comment-input').fill('Mix is hot at 0:12, check levels before the client hears it.');
  await page.getByTestId('comment-time').fill('0:12');
  await page.getByTestId('comment-internal-check').check();
  await page.getByTestId('comment-submit').click();
  const internal = page.locator('[data-test-id="comment"][data-internal="true"]').filter({ hasText: 'Mix is hot' });
  await internal.waitFor();
  expect((await internal.getByTestId('comment-internal').innerText()) === 'Internal', 'the internal comment carries the badge');
  expect((await internal.getByTestId('comment-timecode').innerText()) === '0:12', 'the timecode reads as in the portal (0:12)');
  const marker = page.getByTestId('timeline-marker').first();
  await marker.waitFor();
  // The player has the page's width, and a comment's time seeks it.
  const playerBox = await page.getByTestId('player').boundingBox();
  expect(playerBox.width > 800, `the player spans the page (${playerBox.width}px)`);
  await internal.getByTestId('comment-timecode').click();
  await page.getByTestId('player-time').filter({ hasText: /^0:12 \// }).waitFor();
  expect((await marker.getAttribute('aria-label')).includes('Internal'), 'the internal comment\'s marker says it is internal');
  await visit(page, name, 'approval-internal-comment');

  // Version 2.
  await page.getByTestId('new-version-open').click();
  const versionForm = page.getByTestId('new-version-form');
  await page.getByTestId('new-version-notes').fill('Levels fixed.');
  await versionForm.getByTestId('file-input').setInputFiles([
    { name: 'jingle-one-v2.wav', mimeType: 'audio/wav', buffer: wav(1_200_000) },
  ]);
  await uploadsFinish(versionForm, 1);
  await page.getByTestId('new-version-submit').click();
  await page.getByTestId('version').filter({ hasText: 'Version 2' }).waitFor();
  await page.getByTestId('toast').filter({ hasText: 'Version 2 sent' }).waitFor();
  expect(await page.getByTestId('version').count() === 2, 'both versions are listed');
  await visit(page, name, 'approval-version-2');

  // Audit trail: the chain verifies, with both submissions and their file hashes.
  await page.getByTestId('audit-link').click();
  await page.waitForURL(/\/audit$/);
  await page.getByTestId('chain-status').waitFor();
  expect((await page.getByTestId('chain-status').innerText()).includes('Chain verified'), 'the chain verifies');
  await page.locator('[data-test-id="audit-row"][data-action="submitted"]').waitFor();
  await page.locator('[data-test-id="audit-row"][data-action="resubmitted"]').waitFor();
  expect((await page.locator('[data-test-id="audit-row"][data-action="submitted"] code[title]').count()) >= 2,
    'the submission lists its files\' hashes');
  await visit(page, name, 'approval-audit');

  // The approvals list shows it with its status in text.
  await page.getByTestId('nav-approvals').click();
  await page.waitForURL(/\/staff\/approvals$/);
  const row = page.getByTestId('approval-row').filter({ hasText: 'Jingle one, first mix' });
  await row.waitFor();
  expect((await row.innerText()).includes('Awaiting review') && (await row.innerText()).includes('v2'), 'the row shows status and version');
  await visit(page, name, 'approvals');

  await page.getByTestId('nav-stages').click();
  await page.getByTestId('stage-row').first().waitFor();
  await visit(page, name, 'stages');

  // A new API key's secret is shown whole (not cut off) with a Copy button that copies it.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
  await page.getByTestId('nav-api-keys').click();
  await page.getByTestId('api-key-name').fill('Accounting sync');
  await page.getByTestId('api-key-create').click();
  const secret = page.getByTestId('api-key-secret');
  await secret.waitFor();
  const shown = (await secret.innerText()).trim();
  expect(shown.length >= 32, `the whole secret is shown: ${shown}`);
  expect(await secret.evaluate((el) => el.scrollWidth <= el.clientWidth), 'the secret is not cut off');
  await page.getByTestId('api-key-copy').click();
  await page.getByTestId('api-key-copy-status').filter({ hasText: 'Copied' }).waitFor();
  expect(await page.evaluate(() => navigator.clipboard.readText()) === shown, 'Copy puts the secret on the clipboard');
  await visit(page, name, 'api-key-created');
  // Revoking asks first, naming what stops working; only "Yes" revokes.
  const keyRow = page.getByTestId('api-key-row').filter({ hasText: 'Accounting sync' });
  await keyRow.getByTestId('api-key-revoke').click();
  const revokeQuestion = keyRow.getByRole('alertdialog');
  await revokeQuestion.waitFor();
  expect((await revokeQuestion.innerText()).includes('Integrations using Accounting sync stop working'), 'the question says what is lost');
  await page.keyboard.press('Escape');
  await revokeQuestion.waitFor({ state: 'detached' });
  expect((await keyRow.getByTestId('api-key-status').innerText()) === 'Active', 'Escape keeps the key');
  await keyRow.getByTestId('api-key-revoke').click();
  await keyRow.getByTestId('api-key-revoke-confirm').click();
  await keyRow.getByTestId('api-key-status').filter({ hasText: 'Revoked' }).waitFor();

  // The overview lists the approval waiting on the client. When a contact approves, the bell
  // and the overview's "client decisions" panel update without a reload.
  await page.getByTestId('nav-overview').click();
  const waitingRow = page.getByTestId('widget-waiting').getByTestId('waiting-row').filter({ hasText: 'Jingle one, first mix' });
  await waitingRow.waitFor();
  expect((await waitingRow.innerText()).includes('Harbor Radio'), 'the waiting approval names its client');
  await visit(page, name, 'staff-overview');
  const approvalId = approvalUrl.split('/').pop();
  await activeContact(server, token, client.id, { name: 'Hana Sato', email: 'hana@harbor.example' });
  const contact = await newPage(browser, 'contact');
  await signInContact(contact, server, 'hana@harbor.example');
  const portal = (path, data) => contact.request.fetch(`${server.origin}/portal/api${path}`, {
    method: data ? 'POST' : 'GET', data, headers: { Origin: server.origin },
  });
  const seen = await (await portal(`/approvals/${approvalId}`)).json();
  const bellBefore = await page.getByTestId('nav-notifications-badge').count();
  expect(bellBefore === 0, 'no unread notification before the decision');
  const answer = await portal(`/approvals/${approvalId}/respond`, { version: seen.current_version, decision: 'approve' });
  expect(answer.ok(), `the contact approves: ${answer.status()}`);
  await page.getByTestId('nav-notifications-badge').filter({ hasText: '1' }).waitFor({ timeout: 5000 });
  await page.getByTestId('widget-client-activity').getByTestId('activity-row')
    .filter({ hasText: 'approved' }).first().waitFor({ timeout: 5000 });
  await waitingRow.waitFor({ state: 'detached', timeout: 5000 });
  await screenshot(page, name, 'staff-overview-live');

  // The staff notifications page (where batched staff emails link) and its email choice.
  await page.getByTestId('nav-notifications').click();
  await page.waitForURL(/\/staff\/notifications$/);
  await page.getByTestId('email-client_activity').waitFor();
  await page.getByTestId('notification').filter({ hasText: 'approved' }).first().waitFor();
  await visit(page, name, 'staff-notifications');

  assertNoProblems(page);
  assertNoProblems(contact);
}
