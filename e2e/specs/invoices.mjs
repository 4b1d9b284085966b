// A contact's invoices: the overdue one is marked in words, its slideover shows the full
// breakdown with "Pay now" and the PDF (downloaded, read back with pdftotext, its first page
// drawn to a PNG beside the screenshots), Escape closes it, and a deep link opens it again.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertNoProblems, newPage, OUTPUT, screenshot, visit } from '../lib/browser.mjs';
import { call, clientWithContact, signInContact, signInStaff } from '../lib/api.mjs';

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

function daysAgo(n) {
  const d = new Date(Date.now() - n * 86400000);
  return d.toISOString().slice(0, 10);
}

export default async function invoices({ browser, server, name }) {
  const email = 'ana@bluepeak.example';
  const { token, client } = await clientWithContact(server, { email });
  const draft = await call(server, 'POST', '/api/v1/invoices', {
    token,
    body: {
      client_id: client.id, currency: 'EUR', issue_date: daysAgo(42), due_date: daysAgo(12),
      lines: [
        { description: 'Brand workshop', quantity_milli: 1000, unit_price: 120000 },
        { description: 'Illustrations for Zoë Ångström', quantity_milli: 2500, unit_price: 9000 },
      ],
      discount: { kind: 'percent', basis_points: 500 },
      taxes: [{ name: 'VAT', basis_points: 2000 }],
      payment_url: 'https://pay.example/inv/1',
    },
  });
  await call(server, 'POST', `/api/v1/invoices/${draft.id}/send`, { token, body: {} });
  await call(server, 'POST', `/api/v1/invoices/${draft.id}/payments`, {
    token, body: { amount: 50000, paid_on: daysAgo(5), method: 'Bank transfer', reference: 'BP-2207' },
  });
  // A draft never shows in the portal.
  await call(server, 'POST', '/api/v1/invoices', { token, body: { client_id: client.id } });

  const page = await newPage(browser, 'contact');
  await signInContact(page, server, email);
  await page.getByTestId('nav-invoices').click();
  await page.waitForURL(/\/portal\/invoices$/);
  const row = page.getByTestId('invoice-row');
  await row.first().waitFor();
  expect(await row.count() === 1, 'one invoice (the draft is not shown)');
  expect((await row.getByTestId('aging').innerText()) === '12 days overdue', 'the overdue badge says how late in words');
  expect((await page.getByTestId('overdue-total').innerText()).startsWith('EUR'), 'the overdue card names the currency');
  await visit(page, name, 'portal-invoices');

  await row.getByTestId('invoice-link').click();
  await page.waitForURL(/\/portal\/invoices\/[0-9a-f-]{36}$/);
  const panel = page.getByTestId('invoice-slideover');
  await panel.getByTestId('invoice-line').nth(1).waitFor();
  expect((await panel.getByTestId('invoice-line').nth(1).innerText()).includes('Zoë Ångström'), 'names keep their accents');
  const totals = await panel.getByTestId('invoice-totals').innerText();
  // 1,200.00 + 225.00 = 1,425.00; −5% = 71.25; VAT 20% of 1,353.75 = 270.75; total 1,624.50.
  expect(totals.includes('EUR 1,425.00') && totals.includes('EUR 1,624.50'), `the totals: ${totals}`);
  expect((await panel.getByTestId('invoice-balance').innerText()) === 'EUR 1,124.50', 'the balance after the payment');
  await panel.getByTestId('invoice-payment').filter({ hasText: 'BP-2207' }).waitFor();
  await panel.getByTestId('invoice-overdue').waitFor();
  expect((await panel.getByTestId('pay-now').getAttribute('href')) === 'https://pay.example/inv/1', 'Pay now links to the payment page');
  await screenshot(page, name, 'portal-invoice-slideover');
  await visit(page, name, 'portal-invoice-slideover-checked');
  const number = (await panel.getByTestId('invoice-number').innerText()).split(/\s/)[0];
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    panel.getByTestId('invoice-pdf').click(),
  ]);
  expect(download.suggestedFilename() === `invoice-${number}.pdf`, `the PDF's name: ${download.suggestedFilename()}`);
  const pdf = await download.path();
  expect(readFileSync(pdf).subarray(0, 5).toString() === '%PDF-', 'a PDF arrived');
  const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-']).toString();
  for (const needle of [number, 'Illustrations for Zoë Ångström', 'EUR 1,624.50', 'EUR 1,124.50', 'BP-2207', '12 days past the due date']) {
    expect(text.includes(needle), `the PDF says ${needle}:\n${text}`);
  }
  const shots = join(OUTPUT, name);
  mkdirSync(shots, { recursive: true });
  execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', '-singlefile', pdf, join(shots, 'invoice-pdf-page-1')]);
  await page.keyboard.press('Escape');
  await page.waitForURL(/\/portal\/invoices$/);
  await panel.waitFor({ state: 'detached' });
  // A deep link (from an email) opens the list with the slideover open.
  await page.goto(`${server.origin}/portal/invoices/${draft.id}`);
  await page.getByTestId('invoice-slideover').getByTestId('invoice-number').waitFor();

  // Staff: a draft from the list, two lines with live totals, saved, sent (asked first), then a
  // payment; the contact's list shows it.
  const staff = await newPage(browser, 'staff');
  await signInStaff(staff, server);
  await staff.getByTestId('nav-invoices').click();
  await staff.waitForURL(/\/staff\/invoices$/);
  await staff.getByTestId('invoice-row').first().waitFor();
  await visit(staff, name, 'staff-invoices');
  await staff.getByTestId('new-invoice-client').locator('option', { hasText: 'Blue Peak Coffee' }).waitFor({ state: 'attached' });
  await staff.getByTestId('new-invoice-client').selectOption({ label: 'Blue Peak Coffee' });
  await staff.getByTestId('new-invoice').click();
  await staff.waitForURL(/\/staff\/invoices\/[0-9a-f-]{36}$/);
  await staff.getByTestId('invoice-editor').waitFor();
  await staff.getByTestId('line-add').click();
  await staff.getByTestId('line-description').nth(0).fill('Menu design');
  await staff.getByTestId('line-quantity').nth(0).fill('2');
  await staff.getByTestId('line-price').nth(0).fill('350');
  await staff.getByTestId('line-add').click();
  await staff.getByTestId('line-description').nth(1).fill('Printing');
  await staff.getByTestId('line-quantity').nth(1).fill('1.5');
  await staff.getByTestId('line-price').nth(1).fill('19.99');
  await staff.getByTestId('tax-rate').fill('20');
  // 700.00 + 29.985 → 29.99 (half away from zero) = 729.99; VAT 146.00 (145.998); 875.99.
  await staff.getByTestId('live-total').filter({ hasText: 'EUR 875.99' }).waitFor();
  await visit(staff, name, 'staff-invoice-editor');
  // The save is a PATCH of only what the editor changed (the lines and the tax).
  const [patch] = await Promise.all([
    staff.waitForRequest((r) => r.method() === 'PATCH' && /\/api\/v1\/invoices\//.test(r.url())),
    staff.getByTestId('invoice-save').click(),
  ]);
  const patched = Object.keys(patch.postDataJSON()).sort().join(',');
  expect(patched === 'lines,taxes', `the save sends only the changed fields: ${patched}`);
  await staff.getByTestId('toast').filter({ hasText: 'Draft saved.' }).waitFor();
  await staff.getByTestId('invoice-send').click();
  await staff.getByTestId('invoice-send-confirm').click();
  await staff.getByTestId('payment-form').waitFor();
  const saved = await call(server, 'GET', `/api/v1/invoices/${staff.url().split('/').pop()}`, { token });
  expect(saved.total === 87599 && saved.status === 'sent', `the server's total matches the editor's: ${saved.total}`);
  await staff.getByTestId('payment-amount').fill('100');
  await staff.getByTestId('payment-submit').click();
  await staff.getByTestId('invoice-balance').filter({ hasText: 'EUR 775.99' }).waitFor();
  await visit(staff, name, 'staff-invoice-sent');
  const [staffPdf] = await Promise.all([staff.waitForEvent('download'), staff.getByTestId('invoice-pdf').click()]);
  expect(/^invoice-INV-\d+\.pdf$/.test(staffPdf.suggestedFilename()), `staff PDF: ${staffPdf.suggestedFilename()}`);
  expect(execFileSync('pdftotext', [await staffPdf.path(), '-']).toString().includes('Menu design'), 'the staff PDF has the lines');
  // The client's page says what they owe, by age.
  await staff.goto(`${server.origin}/staff/clients/${client.id}`);
  const aging = staff.getByTestId('client-aging-row').filter({ hasText: 'EUR' });
  await aging.waitFor();
  expect((await aging.innerText()).includes('EUR 1,900.49'), `outstanding on the client page: ${await aging.innerText()}`);
  await visit(staff, name, 'staff-client-billing');
  const [statement] = await Promise.all([staff.waitForEvent('download'), staff.getByTestId('client-statement-pdf').click()]);
  const statementText = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', await statement.path(), '-']).toString();
  expect(statementText.includes('Total outstanding') && statementText.includes('EUR 1,900.49'), `the statement: ${statementText}`);
  await page.goto(`${server.origin}/portal/invoices`);
  await page.getByTestId('invoice-row').nth(1).waitFor();

  assertNoProblems(page);
  assertNoProblems(staff);
}
