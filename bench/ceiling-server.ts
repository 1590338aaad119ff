// The ceiling for the form post: a bare node:http server that parses the body minimally and does the same
// database work as the Server Action (look the submission key or the same answers up, then one transaction: submission +
// contract_request + 2 outbox rows) through the app's own Prisma client, then answers 303.
// No validation, no React, no mail templates: what is left is the database and Node's HTTP.
// Run by bench/run.ts as `node --import tsx bench/ceiling-server.ts` with PORT and DATA_DIR or DATABASE_URL.
import http from 'node:http';
import { submissionFingerprint } from '@/lib/crypto/fingerprint';
import { closeDatabase, database } from '@/lib/db/client';
import { encryptTin, hashTin } from '@/lib/crypto/tin';
import { enqueue } from '@/lib/mail/outbox';
import { newReference } from '@/lib/reference';
import { exitWithParent } from './lib';

function parseMultipart(body: Buffer, contentType: string): Map<string, string> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!boundary) throw new Error('multipart without boundary');
  const delimiter = `--${boundary[1] ?? boundary[2]}`;
  const fields = new Map<string, string>();
  for (const part of body.toString('utf8').split(delimiter).slice(1)) {
    if (part.startsWith('--')) break;
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) continue;
    const name = /name="([^"]*)"/i.exec(part.slice(0, split))?.[1];
    if (name !== undefined) fields.set(name, part.slice(split + 4, part.length - 2)); // drop the CRLF before the next delimiter
  }
  return fields;
}

function parseBody(body: Buffer, contentType: string): Map<string, string> {
  if (/^multipart\/form-data/i.test(contentType)) return parseMultipart(body, contentType);
  return new Map(new URLSearchParams(body.toString('utf8')));
}

const nullable = (value: string | undefined) => (value ? value : null);

async function main() {
  const { prisma, engine } = await database();
  const port = Number(process.env.PORT);

  async function store(fields: Map<string, string>): Promise<string> {
    const submissionKey = fields.get('submissionKey') ?? '';
    const get = (name: string) => fields.get(name) ?? '';
    // The same repeat check as the app: the submission key, or the same answers within a day.
    const fingerprint = submissionFingerprint('CONTRACT_REQUEST', Object.fromEntries(fields));
    const existing = await prisma.submission.findFirst({
      where: { OR: [{ submissionKey }, { fingerprint, createdAt: { gte: new Date(Date.now() - 86_400_000) } }] },
      select: { reference: true },
    });
    if (existing) return existing.reference;
    const tin = get('tin').replace(/\D/g, '');
    const tinHash = hashTin(tin);
    const reference = newReference('CONTRACT_REQUEST');
    await prisma.$transaction(async (tx) => {
      const submission = await tx.submission.create({
        data: {
          kind: 'CONTRACT_REQUEST',
          reference,
          submissionKey,
          name: get('providerName'),
          email: get('email'),
          npi: get('npi'),
          tinHash,
          fingerprint,
          contractRequest: {
            create: {
              providerName: get('providerName'),
              taxonomyCode: get('taxonomyCode'),
              phone: get('phone'),
              fax: nullable(get('fax')),
              email: get('email'),
              physicalStreet: get('physicalStreet'),
              physicalLine2: nullable(get('physicalLine2')),
              physicalCity: get('physicalCity'),
              physicalState: get('physicalState'),
              physicalZip: get('physicalZip'),
              mailingStreet: nullable(get('mailingStreet')),
              mailingLine2: nullable(get('mailingLine2')),
              mailingCity: nullable(get('mailingCity')),
              mailingState: nullable(get('mailingState')),
              mailingZip: nullable(get('mailingZip')),
              npi: get('npi'),
              tinCiphertext: encryptTin(tin),
              tinLast4: tin.slice(-4),
              tinHash,
              dmapId: nullable(get('dmapId').toUpperCase()),
              dmapPending: fields.get('dmapPending') === 'on',
              notes: nullable(get('notes')),
            },
          },
        },
      });
      const text = `New contract request ${reference} from ${get('providerName')}`;
      await enqueue(tx, submission.id, [
        {
          template: 'contract-request-forward',
          to: 'newcontractrequest@careoregon.org',
          replyTo: get('email'),
          subject: text,
          text,
          html: `<p>${text}</p>`,
        },
        { template: 'contract-request-receipt', to: get('email'), subject: `Receipt ${reference}`, text, html: `<p>${text}</p>` },
      ]);
    });
    return reference;
  }

  const server = http.createServer((req, res) => {
    if (req.method !== 'POST') {
      res.writeHead(req.url === '/health' ? 200 : 405).end();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > 1_000_000) req.destroy();
      else chunks.push(chunk);
    });
    req.on('end', () => {
      store(parseBody(Buffer.concat(chunks), req.headers['content-type'] ?? ''))
        .then((reference) => res.writeHead(303, { location: `/contract-request/submitted/${reference}`, 'content-length': '0' }).end())
        .catch((error: Error) => {
          console.error('[ceiling] insert failed:', error.message);
          res.writeHead(500, { 'content-type': 'text/plain' }).end(error.message);
        });
    });
  });
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  console.info(`[ceiling] READY ${engine} on 127.0.0.1:${port}`);

  const stop = async () => {
    server.close();
    server.closeAllConnections();
    await closeDatabase();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
  exitWithParent(() => void stop());
}

main().catch((error) => {
  console.error(`[ceiling] ${(error as Error).stack ?? error}`);
  process.exit(1);
});
