/**
 * The court's mail relay, over SMTP (nodemailer): the server hands each message to the relay the
 * operator names and the relay delivers it. What the relay answers decides what happens next: a
 * permanent refusal (an SMTP 5xx reply, such as an unknown mailbox) is not tried again; anything
 * else (4xx, no answer, a dropped connection) is.
 */
import nodemailer from 'nodemailer';
import type { ComposedMessage } from '../../store/index.js';

export interface MailRelay {
  /** Hands the message over; resolves once the relay has taken it. */
  send(message: ComposedMessage): Promise<{ messageId: string }>;
  close(): void;
}

/** Why the relay did not take a message, without its reply's text (which may quote the address). */
export interface RelayRefusal {
  permanent: boolean;
  /** `smtp 550`, `connection`, `timeout`, `auth`, … */
  reason: string;
}

export function relayRefusal(error: unknown): RelayRefusal {
  const e = error as { responseCode?: unknown; code?: unknown };
  if (typeof e.responseCode === 'number') return { permanent: e.responseCode >= 500 && e.responseCode < 600, reason: `smtp ${e.responseCode}` };
  const code = typeof e.code === 'string' ? e.code : '';
  const reason = code === 'ETIMEDOUT' ? 'timeout' : code === 'EAUTH' ? 'auth' : code === 'ECONNECTION' || code === 'ESOCKET' ? 'connection' : 'error';
  return { permanent: false, reason };
}

/**
 * `url`: `smtp://user:password@relay:587` (STARTTLS required, since it signs in), `smtp://relay:25` (an
 * internal relay that takes the court's letters without a password; STARTTLS when offered) or `smtps://…:465`.
 * `from`: the sender every message carries, e.g. `Hearing Room <hearings@court.example>`.
 */
export function smtpRelay(url: string, from: string): MailRelay {
  // Timeouts short enough that a silent relay does not hold a letter's claim for long; long enough for a slow one.
  // A relay that asks for a password gets it only over TLS: STARTTLS is then required, so nobody on
  // the way can strip it and read the password and the letters.
  const signsIn = new URL(url).username !== '';
  const transport = nodemailer.createTransport(
    { url, requireTLS: signsIn && url.startsWith('smtp:'), connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 },
    { from },
  );
  return {
    async send(message) {
      const info = await transport.sendMail({
        to: message.to.map((recipient) => ({ name: recipient.name, address: recipient.address })),
        subject: message.subject,
        text: message.text,
        headers: { 'Content-Language': message.language },
        ...(message.calendar ? { icalEvent: { method: message.calendar.method, filename: message.calendar.filename, content: message.calendar.content } } : {}),
        attachments: message.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
      });
      return { messageId: String(info.messageId ?? '') };
    },
    close() {
      transport.close();
    },
  };
}
