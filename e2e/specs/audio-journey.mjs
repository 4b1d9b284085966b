// The audio review journey: a contact opens a podcast episode, plays it, seeks on the waveform
// and with the keyboard, leaves a comment at the current time (`C`), jumps back to it from the
// thread and requests changes; staff submit version 2; the contact approves version 2; the audit
// trail records every step and its hash chain verifies.
import { assertNoProblems, newPage, visit } from '../lib/browser.mjs';
import { call, clientWithContact, signInContact, upload } from '../lib/api.mjs';
import { wav } from '../lib/media.mjs';

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

const currentTime = (page) => page.evaluate(() => document.querySelector('[data-test-id="player-media"]').currentTime);

/** Waits until the audio element's position satisfies `test` (seconds). */
async function waitForTime(page, test, what) {
  const deadline = Date.now() + 10_000;
  let t = await currentTime(page);
  while (!test(t)) {
    if (Date.now() > deadline) throw new Error(`${what}: the player is at ${t}s`);
    await page.waitForTimeout(50);
    t = await currentTime(page);
  }
  return t;
}

export default async function audioJourney({ browser, server, name }) {
  const email = 'lee@harbourradio.example';
  const { token, client } = await clientWithContact(server, { client: 'Harbour Radio', name: 'Lee Chen', email });
  const project = await call(server, 'POST', '/api/v1/projects', {
    token, body: { client_id: client.id, name: 'Season 2', description: 'Ten episodes.' },
  });
  const v1 = await upload(server, token, client.id, 'episode-1-mix-1.wav', 'audio/wav', wav(20));
  expect(v1.kind === 'audio' && v1.content_type.includes('wav'), `the WAV is sniffed as audio (${v1.content_type})`);
  const approval = await call(server, 'POST', '/api/v1/approvals', {
    token,
    body: {
      project_id: project.id, title: 'Episode 1 — final mix', kind: 'audio',
      version: { notes: 'First mix with music beds.', file_ids: [v1.id] },
    },
  });

  const page = await newPage(browser, 'contact');
  await signInContact(page, server, email);
  await page.getByTestId('nav-approvals').click();
  await page.getByTestId('approval-row').filter({ hasText: 'Episode 1' }).getByTestId('approval-title').click();
  await page.waitForURL(/\/portal\/approvals\/[^/]+$/);

  // The player knows the length (from the server's analysis or the browser's).
  const time = page.getByTestId('player-time');
  await time.filter({ hasText: '/ 0:20' }).waitFor();
  expect(await page.locator('.waveform rect').count() > 0, 'the waveform is drawn');
  await visit(page, name, 'portal-audio-review');

  // Play, then pause with Space (focus off any control, as when the listener just clicked away).
  await page.getByTestId('player-toggle').click();
  await waitForTime(page, (t) => t > 0.3, 'playing advances the position');
  await page.getByTestId('player-toggle').filter({ hasText: 'Pause' }).waitFor();
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press('Space');
  await page.getByTestId('player-toggle').filter({ hasText: 'Play' }).waitFor();

  // Seek by clicking the middle of the waveform, then step with the arrow keys.
  const timeline = page.getByTestId('player-timeline');
  const box = await timeline.boundingBox();
  await timeline.click({ position: { x: box.width / 2, y: box.height / 2 } });
  await waitForTime(page, (t) => t > 9.5 && t < 10.5, 'clicking the middle seeks to 0:10');
  await page.keyboard.press('ArrowRight');
  await waitForTime(page, (t) => t > 14.5 && t < 15.5, '→ moves forward five seconds');
  await page.keyboard.press('ArrowLeft');
  await waitForTime(page, (t) => t > 9.5 && t < 10.5, '← moves back five seconds');
  // The slider's ends: End and Home on the focused timeline.
  await timeline.focus();
  await page.keyboard.press('End');
  await waitForTime(page, (t) => t > 19.5, 'End goes to the end');
  await page.keyboard.press('Home');
  await waitForTime(page, (t) => t < 0.5, 'Home goes to the start');
  await timeline.click({ position: { x: box.width / 2, y: box.height / 2 } });
  await waitForTime(page, (t) => t > 9.5 && t < 10.5, 'back to 0:10');

  // `C` comments at the current moment: the time is filled in and the box has focus.
  await page.keyboard.press('c');
  const timeInput = page.getByTestId('comment-timecode-input');
  expect(await timeInput.inputValue() === '0:10', `C fills in the current time (${await timeInput.inputValue()})`);
  expect(await page.evaluate(() => document.activeElement?.id) === 'comment-input', 'C puts the cursor in the comment box');
  await page.keyboard.type('The music bed drowns the host here.');
  await page.getByTestId('comment-submit').click();
  const comment = page.getByTestId('comment-row').filter({ hasText: 'The music bed drowns the host here.' });
  await comment.waitFor();
  expect((await comment.getByTestId('comment-timecode').innerText()).includes('0:10'), 'the comment shows its timecode');
  await page.getByTestId('timeline-marker').first().waitFor();

  // Clicking the comment's time seeks the player back to it.
  await page.keyboard.press('ArrowRight');
  await waitForTime(page, (t) => t > 14.5, 'moved away from the comment');
  await comment.getByTestId('comment-timecode').click();
  await waitForTime(page, (t) => t > 9.5 && t < 10.5, 'clicking the comment seeks to its time');
  await visit(page, name, 'portal-audio-commented');

  // Request changes on version 1.
  await page.getByTestId('respond-request-changes').click();
  await page.getByTestId('respond-note').fill('Lower the music under the host at 0:10, please.');
  await page.getByTestId('respond-submit').click();
  await page.getByTestId('approval-status').filter({ hasText: 'Changes requested' }).waitFor();

  // Staff submit version 2.
  const v2 = await upload(server, token, client.id, 'episode-1-mix-2.wav', 'audio/wav', wav(20));
  await call(server, 'POST', `/api/v1/approvals/${approval.id}/versions`, {
    token, body: { notes: 'Music bed lowered by 6 dB under speech.', file_ids: [v2.id] },
  });

  // The contact sees version 2 selected, version 1 labelled with its decision, and approves.
  await page.reload();
  await page.getByTestId('version-2').filter({ hasText: 'latest' }).waitFor();
  expect((await page.getByTestId('version-1').innerText()).includes('Changes requested'), 'version 1 shows its decision');
  expect((await page.getByTestId('version-notes').innerText()).includes('Music bed lowered'), 'version 2 says what changed');
  await time.filter({ hasText: '/ 0:20' }).waitFor();
  await page.getByTestId('respond-approve').click();
  await page.getByTestId('respond-submit').click();
  await page.getByTestId('approval-status').filter({ hasText: 'Approved' }).waitFor();
  await visit(page, name, 'portal-audio-approved');

  // The audit trail has every step, and its chain verifies.
  const audit = await call(server, 'GET', `/api/v1/approvals/${approval.id}/audit`, { token });
  const actions = audit.entries.map((e) => `${e.action}@${e.version}`);
  for (const want of ['submitted@1', 'viewed@1', 'commented@1', 'changes_requested@1', 'resubmitted@2', 'viewed@2', 'approved@2']) {
    expect(actions.includes(want), `the audit trail records ${want} (has ${actions.join(', ')})`);
  }
  expect(audit.verified === true && audit.broken_at === null, 'the audit chain verifies');
  const history = await page.getByTestId('audit-row').allInnerTexts();
  expect(history.some((h) => h.startsWith('Approved') && h.includes('version 2')), 'the portal history shows the approval of version 2');

  // Both apps hand out the decision certificate as a PDF.
  const [portalPdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('certificate-pdf').click()]);
  expect(portalPdf.suggestedFilename().endsWith('.pdf'), `the portal certificate is a PDF: ${portalPdf.suggestedFilename()}`);
  // A signed-out staff member following a link to the approval signs in and lands on it.
  const staff = await newPage(browser, 'staff');
  await staff.goto(`${server.origin}/staff/approvals/${approval.id}`);
  await staff.waitForURL(/\/staff\/login\?next=%2Fstaff%2Fapprovals%2F/);
  await staff.getByTestId('login-email').fill(server.staff.email);
  await staff.getByTestId('login-password').fill(server.staff.password);
  await staff.getByTestId('login-submit').click();
  await staff.waitForURL(new RegExp(`/staff/approvals/${approval.id}$`));
  await staff.getByTestId('certificate-pdf').and(staff.locator(':enabled')).waitFor();
  const [staffPdf] = await Promise.all([staff.waitForEvent('download'), staff.getByTestId('certificate-pdf').click()]);
  expect(staffPdf.suggestedFilename().endsWith('.pdf'), `the staff certificate is a PDF: ${staffPdf.suggestedFilename()}`);
  const bytes = await (await staffPdf.createReadStream()).toArray();
  expect(Buffer.concat(bytes).subarray(0, 5).toString() === '%PDF-', 'the download is a PDF document');
  assertNoProblems(staff);

  assertNoProblems(page);
}
