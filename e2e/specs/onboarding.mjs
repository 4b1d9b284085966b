// The first journey of a client contact: staff invite → accept → sign out → a deep link while
// signed out → magic link back to that page → staff revokes access → the contact's next
// navigation lands on sign-in (which would return to that page).
import { assertNoProblems, checkA11y, checkFocusOnHeading, checkPhoneWidth, checkTitle, newPage, visit, screenshot } from '../lib/browser.mjs';
import { messagesTo, waitForLink } from '../lib/outbox.mjs';
import { PASSWORD } from '../lib/server.mjs';

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

export default async function onboarding({ browser, server, name }) {
  const contactEmail = 'ana@bluepeak.example';

  // Staff signs in and creates a client with a contact, sending the invitation.
  const staff = await newPage(browser, 'staff');
  await staff.goto(`${server.origin}/staff/`);
  await staff.waitForURL(/\/staff\/login/);
  await staff.getByTestId('login-email').waitFor();
  await visit(staff, name, 'staff-login');
  await staff.getByTestId('login-email').fill(server.staff.email);
  await staff.getByTestId('login-password').fill(server.staff.password);
  await staff.getByTestId('login-submit').click();
  // Staff land on the overview; with no client yet every panel says what will appear there.
  await staff.getByTestId('widget-waiting').getByTestId('widget-empty').waitFor();
  await visit(staff, name, 'staff-overview-empty');
  await staff.getByTestId('nav-clients').click();
  await staff.getByTestId('clients-empty').waitFor();
  await visit(staff, name, 'staff-clients-empty');
  await staff.getByTestId('client-name-input').fill('Blue Peak Coffee');
  await staff.getByTestId('client-create').click();
  await staff.getByTestId('client-row').filter({ hasText: 'Blue Peak Coffee' }).waitFor();
  await staff.getByTestId('client-row').getByRole('link', { name: 'Blue Peak Coffee' }).click();
  await staff.waitForURL(/\/staff\/clients\//);
  await staff.getByTestId('contact-name').fill('Ana Lopez');
  await staff.getByTestId('contact-email').fill(contactEmail);
  await staff.getByTestId('contact-invite-now').check();
  await staff.getByTestId('contact-create').click();
  await staff.getByTestId('contact-row').filter({ hasText: contactEmail }).waitFor();
  await visit(staff, name, 'staff-client-detail');
  // The contact's details open and close with a toggle whose accessible name matches its text.
  const newRow = staff.getByTestId('contact-row').filter({ hasText: contactEmail });
  await newRow.getByTestId('contact-manage').click();
  await newRow.locator('[data-test-id="contact-manage"][aria-expanded="true"]').waitFor();
  await visit(staff, name, 'staff-contact-details');

  // The contact opens the invitation from the outbox and accepts it.
  const inviteLink = await waitForLink(server.outbox, contactEmail, '/portal/invite#token=');
  const contact = await newPage(browser, 'contact');
  await contact.goto(inviteLink);
  await contact.getByTestId('invite-name').waitFor();
  // The page says whose invitation this is and pre-fills the name staff entered.
  await contact.getByTestId('invite-for').waitFor();
  const inviteFor = await contact.getByTestId('invite-for').innerText();
  expect(inviteFor.includes(contactEmail) && inviteFor.includes('Lumen Creative'), `the page names the address and the agency: ${inviteFor}`);
  expect(await contact.getByTestId('invite-name').inputValue() === 'Ana Lopez', 'the name staff entered is pre-filled');
  await visit(contact, name, 'portal-accept-invite');
  await contact.getByTestId('invite-name').fill('Ana López');
  await contact.getByTestId('invite-password').fill(PASSWORD);
  await contact.getByTestId('invite-submit').click();
  await contact.getByTestId('signed-in-as').waitFor();
  // After signing in, keyboard focus starts on the page, not on <body>.
  await checkFocusOnHeading(contact, 'portal-dashboard');
  expect((await contact.getByTestId('org-name').innerText()).includes('Lumen Creative'), 'the portal shows the agency name');
  await visit(contact, name, 'portal-dashboard');

  // Every section of the portal renders (empty states for now) and passes the a11y check.
  for (const section of ['projects', 'approvals', 'requests', 'invoices', 'gallery', 'notifications', 'settings']) {
    await contact.getByTestId(`nav-${section}`).click();
    await contact.waitForURL(new RegExp(`/portal/${section}$`));
    await contact.getByTestId('page-title').waitFor();
    await checkFocusOnHeading(contact, `portal-${section}`);
    await visit(contact, name, `portal-${section}`);
  }
  await contact.getByTestId('session-row').first().waitFor();

  // An address that is no page keeps the signed-in header and navigation around "Page not found".
  await contact.goto(`${server.origin}/portal/no-such-page`);
  await contact.getByTestId('not-found-home').waitFor();
  await visit(contact, name, 'portal-not-found');
  expect(await contact.getByTestId('nav-dashboard').isVisible(), 'the navigation stays on the 404 page');
  expect(await contact.getByTestId('signed-in-as').isVisible(), 'the account menu stays on the 404 page');

  // Sign out, then sign in again with an emailed link.
  await contact.getByTestId('sign-out').click();
  await contact.waitForURL(/\/portal\/login/);
  await contact.getByTestId('login-email').waitFor();
  await visit(contact, name, 'portal-login');
  const before = messagesTo(server.outbox, contactEmail).length;
  // A signed-out visit to a deep link goes to sign-in, which remembers the page asked for; the
  // emailed link then opens that page, not the dashboard.
  await contact.goto(`${server.origin}/portal/settings?tab=devices`);
  await contact.waitForURL(/\/portal\/login\?next=%2Fportal%2Fsettings%3Ftab%3Ddevices$/);
  // One email field serves the password and the emailed link; the link without an address
  // asks for it up there.
  expect(await contact.locator('input[type="email"]').count() === 1, 'the sign-in page has one email field');
  await contact.getByTestId('magic-submit').click();
  await contact.getByTestId('magic-email-error').waitFor();
  await contact.getByTestId('login-email').fill(contactEmail);
  await contact.getByTestId('magic-submit').click();
  await contact.getByTestId('magic-sent').waitFor();
  // Not `visit`: Playwright never reports network idle for a document whose address the app
  // replaced before its load event (the 401 redirect), so screenshot and check directly.
  await checkTitle(contact, 'portal-magic-link-sent');
  await screenshot(contact, name, 'portal-magic-link-sent');
  await checkA11y(contact, 'portal-magic-link-sent');
  await checkPhoneWidth(contact, name, 'portal-magic-link-sent');
  const magicLink = await waitForLink(server.outbox, contactEmail, '/portal/auth/magic#token=', { after: before });
  expect(magicLink.endsWith('&next=%2Fportal%2Fsettings%3Ftab%3Ddevices'), `the link returns to the page: ${magicLink}`);
  await contact.goto(magicLink);
  await contact.getByTestId('signed-in-as').waitFor();
  await contact.waitForURL(/\/portal\/settings\?tab=devices$/);
  expect(!contact.url().includes('token='), 'the token is cleared from the address bar');
  await visit(contact, name, 'portal-signed-in-by-magic-link');

  // Opening the same link again fails clearly: it is single use.
  const replay = await newPage(browser, 'replay');
  await replay.goto(magicLink);
  await replay.getByTestId('magic-invalid').waitFor();
  await visit(replay, name, 'portal-magic-link-used');
  // A used invitation says so at once and offers a sign-in link instead of a form that can't work.
  await replay.goto(inviteLink);
  await replay.getByTestId('invite-expired').waitFor();
  expect(await replay.getByTestId('invite-name').count() === 0, 'no name field on a used invitation');
  await visit(replay, name, 'portal-invite-used');

  // Staff revokes the contact's access; the contact's next navigation lands on sign-in.
  const row = staff.getByTestId('contact-row').filter({ hasText: contactEmail });
  await staff.reload();
  await row.getByTestId('contact-revoke').click();
  await row.getByRole('alertdialog').waitFor();
  await row.getByTestId('contact-revoke-confirm').click();
  await staff.getByTestId('contact-notice').waitFor();
  await screenshot(staff, name, 'staff-contact-revoked');
  await checkPhoneWidth(staff, name, 'staff-contact-revoked');
  await contact.getByTestId('nav-projects').click();
  await contact.waitForURL(/\/portal\/login\?next=%2Fportal%2Fprojects$/);
  await contact.getByTestId('login-email').waitFor();
  await screenshot(contact, name, 'portal-after-revocation');
  await checkPhoneWidth(contact, name, 'portal-after-revocation');

  for (const page of [staff, contact, replay]) assertNoProblems(page);
}
