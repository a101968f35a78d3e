/**
 * A real RFC 3161 time-stamping authority for tests, made with Debian's openssl: a CA, a TSA
 * certificate with the critical timeStamping extended key usage, and `openssl ts -reply` behind a
 * small local HTTP server that answers application/timestamp-query as a public authority does.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface LocalTsa {
  url: string;
  caPem: string;
  /** Requests answered so far. */
  answered: () => number;
  close: () => Promise<void>;
}

/** Creates a CA and a TSA certificate; `name` goes into their subjects so two authorities differ. */
export async function startLocalTsa(name = 'Test'): Promise<LocalTsa> {
  const dir = await mkdtemp(join(tmpdir(), 'hearing-room-tsa-'));
  const at = (file: string) => join(dir, file);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  await run('openssl', [
    'req',
    '-x509',
    ...ec,
    '-keyout',
    at('ca.key'),
    '-out',
    at('ca.crt'),
    '-days',
    '2',
    '-subj',
    `/CN=${name} TSA CA`,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign',
  ]);
  await run('openssl', ['req', ...ec, '-keyout', at('tsa.key'), '-out', at('tsa.csr'), '-subj', `/CN=${name} TSA`]);
  await writeFile(at('tsa.ext'), 'extendedKeyUsage=critical,timeStamping\nkeyUsage=critical,digitalSignature\nbasicConstraints=CA:FALSE\n');
  await run('openssl', [
    'x509',
    '-req',
    '-in',
    at('tsa.csr'),
    '-CA',
    at('ca.crt'),
    '-CAkey',
    at('ca.key'),
    '-CAcreateserial',
    '-out',
    at('tsa.crt'),
    '-days',
    '2',
    '-extfile',
    at('tsa.ext'),
  ]);
  await writeFile(at('serial'), '01\n');
  await writeFile(
    at('tsa.cnf'),
    [
      '[ tsa ]',
      'default_tsa = tsa_config',
      '[ tsa_config ]',
      `serial = ${at('serial')}`,
      'crypto_device = builtin',
      `signer_cert = ${at('tsa.crt')}`,
      `certs = ${at('tsa.crt')}`,
      `signer_key = ${at('tsa.key')}`,
      'signer_digest = sha256',
      'default_policy = 1.2.3.4.1',
      'other_policies = 1.2.3.4.2',
      'digests = sha256',
      'accuracy = secs:1',
      'ordering = yes',
      'tsa_name = yes',
      'ess_cert_id_chain = no',
      'ess_cert_id_alg = sha256',
      '',
    ].join('\n'),
  );

  let count = 0;
  // One reply at a time: openssl keeps its serial number in a file.
  let queue: Promise<unknown> = Promise.resolve();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      queue = queue.then(async () => {
        const n = ++count;
        const query = at(`q${n}.tsq`);
        const reply = at(`r${n}.tsr`);
        try {
          if (request.method !== 'POST' || request.headers['content-type'] !== 'application/timestamp-query') throw new Error('not a timestamp query');
          await writeFile(query, Buffer.concat(chunks));
          await run('openssl', ['ts', '-reply', '-config', at('tsa.cnf'), '-queryfile', query, '-out', reply]);
          response.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(await readFile(reply));
        } catch (error) {
          response.writeHead(400).end((error as Error).message);
        }
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/tsa`,
    caPem: await readFile(at('ca.crt'), 'utf8'),
    answered: () => count,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
