import { createHmac } from "node:crypto";
import type { WebhookKind } from "../../contract/enums.ts";
import type { RobotPayload } from "../domain/notifications/notification.derive.ts";
import { robotUrlProblem } from "../domain/notifications/robot-url.ts";
import { PermanentFailure } from "./failure.ts";

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

/**
 * Where a robot request is really sent. In the product it is the checked official URL itself; only
 * test code passes another route (a local receiver), never configuration.
 */
export type RobotRoute = (checked: URL) => URL;

const asIs: RobotRoute = (u) => u;

/**
 * Posts a robot message; both robots answer 200 with `errcode` 0 on success. The address is checked
 * again here (a row written before the check existed, or by hand, is refused), redirects are not
 * followed, and no text of the reply is kept: a failure says only what kind it is (a status, an
 * errcode), so nothing a receiver says can reach the outbox or the audit trail.
 */
export async function postRobot(
  kind: WebhookKind,
  url: string,
  body: unknown,
  key: string,
  timeoutMs: number,
  route: RobotRoute = asIs,
): Promise<void> {
  if (robotUrlProblem(kind, url)) throw new PermanentFailure("robot address not allowed");
  const res = await fetch(route(new URL(url.trim())), {
    method: "POST",
    headers: { "content-type": "application/json; charset=utf-8", [IDEMPOTENCY_HEADER]: key },
    body: JSON.stringify(body),
    redirect: "manual",
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (res.status >= 300 && res.status < 400) {
    await res.body?.cancel();
    throw new PermanentFailure(`redirect refused (HTTP ${res.status})`);
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw new Error(`HTTP ${res.status}`);
  }
  let answer: { errcode?: unknown } = {};
  try {
    answer = JSON.parse(await res.text());
  } catch {
    throw new Error("not a robot answer");
  }
  if (answer?.errcode !== 0) {
    const code = Number.isInteger(answer?.errcode) ? answer.errcode : "?";
    throw new Error(`robot refused: errcode ${code}`);
  }
}
