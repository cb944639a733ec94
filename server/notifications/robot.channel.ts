import { createHmac } from "node:crypto";
import type { RobotPayload } from "../domain/notifications/notification.derive.ts";

export const IDEMPOTENCY_HEADER = "X-Rectify-Idempotency-Key";

/**
 * DingTalk's signed URL: `timestamp` (ms) and `sign` = urlencoded base64 HMAC-SHA256 of
 * `${timestamp}\n${secret}` keyed with the secret (DingTalk custom-robot security setting "加签").
 */
export function dingTalkSignedUrl(url: string, secret: string, timestamp: number): string {
  const sign = createHmac("sha256", secret).update(`${timestamp}\n${secret}`).digest("base64");
  const u = new URL(url);
  u.searchParams.set("timestamp", String(timestamp));
  u.searchParams.set("sign", sign);
  return u.toString();
}

const markdown = (p: RobotPayload, key: string) =>
  [
    `#### ${p.title}`,
    "",
    p.text,
    ...(p.link ? ["", `[查看详情](${p.link})`] : []),
    "",
    `> 消息编号 ${key}`,
  ].join("\n");

/** DingTalk custom robot body (`msgtype: markdown`). */
export const dingTalkBody = (p: RobotPayload, key: string) => ({
  msgtype: "markdown",
  markdown: { title: p.title, text: markdown(p, key) },
});

/** WeCom group robot body (`msgtype: markdown`; content at most 4096 bytes). */
export const weComBody = (p: RobotPayload, key: string) => {
  let content = markdown(p, key);
  while (Buffer.byteLength(content) > 4096) content = content.slice(0, -64);
  return { msgtype: "markdown", markdown: { content } };
};

/** Posts a robot message; both robots answer 200 with `errcode` 0 on success. */
export async function postRobot(url: string, body: unknown, key: string, timeoutMs: number): Promise<void> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json; charset=utf-8", [IDEMPOTENCY_HEADER]: key },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`HTTP ${res.status}: ${text.slice(0, 200)}`);
  let answer: { errcode?: number; errmsg?: string } = {};
  try {
    answer = JSON.parse(text);
  } catch {
    throw new Error(`not a robot answer: ${text.slice(0, 200)}`);
  }
  if (answer.errcode !== 0) throw new Error(`robot refused: ${answer.errcode} ${answer.errmsg ?? ""}`);
}
