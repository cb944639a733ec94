import nodemailer, { type Transporter } from "nodemailer";
import type { SmtpConfig } from "../config.ts";
import type { EmailPayload } from "../domain/notifications/notification.derive.ts";

const transports = new Map<string, Transporter>();

/** One pooled-free SMTP transport per configuration (settings never change while running). */
function transportFor(smtp: SmtpConfig, timeoutMs: number): Transporter {
  const key = JSON.stringify(smtp);
  let t = transports.get(key);
  if (!t) {
    t = smtp.url
      ? nodemailer.createTransport(smtp.url)
      : nodemailer.createTransport({
          host: smtp.host ?? "localhost",
          port: smtp.port,
          secure: smtp.secure,
          auth: smtp.user ? { user: smtp.user, pass: smtp.pass ?? "" } : undefined,
          connectionTimeout: timeoutMs,
          greetingTimeout: timeoutMs,
          socketTimeout: timeoutMs,
        });
    transports.set(key, t);
  }
  return t;
}

/** The Message-ID derived from the idempotency key, so a mail system can drop a duplicate. */
export function messageIdFor(key: string, from: string): string {
  const domain = /@([^>\s]+)/.exec(from)?.[1] ?? "rectify.local";
  return `<${key}@${domain}>`;
}

/** The plain-text body: the message, its link, and the key that identifies it. */
export function emailText(p: EmailPayload, key: string): string {
  return [p.text, p.link ? `\n${p.link}` : "", `\n-- \n整改通 Rectify · ${key}`].join("\n");
}

/** Sends one notification e-mail; throws when the server refuses it. */
export async function sendEmail(smtp: SmtpConfig, p: EmailPayload, key: string, timeoutMs: number) {
  await transportFor(smtp, timeoutMs).sendMail({
    from: smtp.from,
    to: p.to,
    subject: p.subject,
    text: emailText(p, key),
    messageId: messageIdFor(key, smtp.from),
    headers: { "X-Rectify-Idempotency-Key": key },
  });
}
