/**
 * A real SMTP server on loopback (the `smtp-server` package) standing for the court's mail relay:
 * it speaks SMTP to the product's nodemailer exactly as a relay would, keeps every message it takes
 * as raw bytes and parsed (mailparser), and can be told to answer the next recipients with a
 * temporary (4xx) or permanent (5xx) refusal, as a busy or strict relay does.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  raw: string;
  parsed: ParsedMail;
  /** The envelope's recipients, as the relay saw them. */
  recipients: string[];
}

export interface TestMailRelay {
  /** `smtp://…` for HEARING_ROOM_SMTP_URL. */
  url: string;
  received: ReceivedMail[];
  /** The next `count` RCPT TO commands (to `address` only, when given) are answered with `code` (e.g. 451 or 550). */
  refuseNext(count: number, code: number, address?: string): void;
  /** How many deliveries were refused so far. */
  refusals(): number;
  /** Resolves once `count` messages in all have arrived, or fails after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

export async function startMailRelay(): Promise<TestMailRelay> {
  const received: ReceivedMail[] = [];
  let refuse: { count: number; code: number; address?: string } = { count: 0, code: 0 };
  let refused = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (refuse.count > 0 && (refuse.address === undefined || refuse.address === address.address)) {
        refuse.count -= 1;
        refused += 1;
        const error = Object.assign(new Error(refuse.code >= 500 ? 'mailbox unavailable' : 'try again later'), { responseCode: refuse.code });
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw).then(
          (parsed) => {
            received.push({ raw, parsed, recipients: session.envelope.rcptTo.map((r) => r.address) });
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuseNext(count, code, address) {
      refuse = { count, code, address };
    },
    refusals: () => refused,
    async waitFor(count, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`the relay received ${received.length} messages, not ${count}, within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return received.slice(0, count);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
