// The staff team: an owner invites a designer, who joins from the emailed link and lands signed
// in; the owner deactivates them (asked first), and they are told by email; the designer's own
// account page saves only what changed. Every page visited gets axe, its title and the 390 px check.
import { assertNoProblems, newPage, visit } from '../lib/browser.mjs';
import { signInStaff } from '../lib/api.mjs';
import { messagesTo, waitForLink } from '../lib/outbox.mjs';

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

export default async function team({ browser, server, name }) {
  const owner = await newPage(browser, 'owner');
  await signInStaff(owner, server);
  await owner.getByTestId('nav-team').click();
  await owner.waitForURL(/\/staff\/team$/);
  await owner.getByTestId('team-row').first().waitFor();
  // The owner's own row says why its controls are off.
  expect((await owner.getByTestId('team-locked').first().innerText()).includes('your own role'), 'own row explains the lock');
  await owner.getByTestId('invite-email').fill('dana@studio.example');
  await owner.getByTestId('invite-name').fill('Dana Ørsted');
  await owner.getByTestId('invite-title').fill('Designer');
  await owner.getByTestId('invite-submit').click();
  await owner.getByTestId('toast').filter({ hasText: 'Invitation sent to dana@studio.example' }).waitFor();
  const dana = owner.getByTestId('team-row').filter({ hasText: 'Dana Ørsted' });
  await dana.getByTestId('team-status').filter({ hasText: 'Invited' }).waitFor();
  await visit(owner, name, 'staff-team');

  // Dana opens the link signed out, chooses a password and is in.
  const link = await waitForLink(server.outbox, 'dana@studio.example', '/staff/join#token=');
  const invitee = await newPage(browser, 'invitee');
  await invitee.goto(link);
  await invitee.getByTestId('set-password-form').waitFor();
  await visit(invitee, name, 'staff-join');
  await invitee.getByTestId('set-password').fill('copper lantern meadow 58');
  await invitee.getByTestId('set-password-submit').click();
  await invitee.waitForURL(/\/staff\/$/);
  await invitee.getByTestId('signed-in-as').filter({ hasText: 'Dana Ørsted' }).click();
  await invitee.waitForURL(/\/staff\/account$/);
  await invitee.getByTestId('profile-phone').fill('+45 33 12 34 56');
  await invitee.getByTestId('profile-save').click();
  await invitee.getByTestId('toast').filter({ hasText: 'Profile saved.' }).waitFor();
  await visit(invitee, name, 'staff-account');
  // A member sees why the team page is not theirs.
  await invitee.goto(`${server.origin}/staff/team`);
  await invitee.getByTestId('team-not-admin').waitFor();

  // The owner deactivates Dana, asked first; her next request is refused.
  await owner.reload();
  const row = owner.getByTestId('team-row').filter({ hasText: 'Dana Ørsted' });
  await row.getByTestId('team-status').filter({ hasText: 'Active' }).waitFor();
  await row.getByTestId('team-deactivate').click();
  // The question says what happens, including that she is told.
  await row.getByRole('alertdialog').filter({ hasText: 'told by email' }).waitFor();
  await row.getByTestId('team-deactivate-confirm').click();
  await row.getByTestId('team-status').filter({ hasText: 'Deactivated' }).waitFor();
  await invitee.goto(`${server.origin}/staff/account`);
  await invitee.waitForURL(/\/staff\/login/);
  // She is told by email, which says what stopped working (no link: she can't sign in).
  const deadline = Date.now() + 15_000;
  let told;
  while (!(told = messagesTo(server.outbox, 'dana@studio.example').find((m) => /has ended/.test(m.subject)))) {
    expect(Date.now() < deadline, 'no deactivation email to Dana');
    await new Promise((r) => setTimeout(r, 200));
  }
  expect(/deactivated your staff account/.test(told.text), told.text);

  assertNoProblems(owner);
  assertNoProblems(invitee);
}
