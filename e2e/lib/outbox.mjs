// Reads the `.eml` files the server's file mail transport writes, and finds links in them.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

function decodeQuotedPrintable(text) {
  const bytes = [];
  const soft = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < soft.length; i++) {
    if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(soft[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The decoded text of every MIME part of a message (enough for our own emails). */
export function decodeMessage(raw) {
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw)?.[1];
  const parts = boundary ? raw.split(`--${boundary}`) : [raw];
  return parts.map((part) => {
    const split = part.search(/\r?\n\r?\n/);
    if (split < 0) return '';
    const headers = part.slice(0, split);
    const body = part.slice(split).trim();
    const encoding = /content-transfer-encoding:\s*([\w-]+)/i.exec(headers)?.[1]?.toLowerCase();
    if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
    return body;
  }).join('\n');
}

/** Messages to `to`, oldest first: { subject, text, file }. */
export function messagesTo(outbox, to) {
  return readdirSync(outbox)
    .filter((f) => f.endsWith('.eml'))
    .map((f) => ({ file: join(outbox, f), mtime: statSync(join(outbox, f)).mtimeMs }))
    .sort((a, b) => a.mtime - b.mtime)
    .map(({ file }) => ({ file, raw: readFileSync(file, 'utf8') }))
    .filter(({ raw }) => new RegExp(`^To: .*${to.replace(/[.+]/g, '\\$&')}`, 'mi').test(raw))
    .map(({ file, raw }) => ({ file, subject: /^Subject: (.*)$/mi.exec(raw)?.[1] ?? '', text: decodeMessage(raw) }));
}

/** Waits for the newest email to `to` containing a link with `pathPart`, and returns the link. */
export async function waitForLink(outbox, to, pathPart, { after = 0, timeoutMs = 15_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const messages = messagesTo(outbox, to).slice(after);
    for (const m of messages.reverse()) {
      // The whole link: the token, and whatever follows it in the fragment (`&next=…`).
      const link = new RegExp(`https?://\\S*${pathPart.replace(/[/#?]/g, '\\$&')}[A-Za-z0-9_-]+\\S*`).exec(m.text)?.[0];
      if (link) return link;
    }
    if (Date.now() > deadline) throw new Error(`no email to ${to} with a ${pathPart} link`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
