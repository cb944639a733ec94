import type { WebhookKind } from "../../../contract/enums.ts";

/**
 * The only hosts a group robot is posted to: DingTalk's and WeCom's official robot APIs, over
 * https on the default port. Anything else — a loopback, private, link-local or numeric address,
 * another port, plain http — would let whoever configures a robot make the server call into its
 * own network (server-side request forgery), so it is refused when configured and again at send.
 */
export const ROBOT_HOSTS: Record<WebhookKind, string> = {
  dingtalk: "oapi.dingtalk.com",
  wecom: "qyapi.weixin.qq.com",
};

export type RobotUrlProblem = "webhook_url_invalid" | "webhook_host_not_allowed";

/** Null when `raw` is an official robot address of `kind`; otherwise why it is refused. */
export function robotUrlProblem(kind: WebhookKind, raw: string): RobotUrlProblem | null {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    return "webhook_url_invalid";
  }
  if (u.protocol !== "https:" && u.protocol !== "http:") return "webhook_url_invalid";
  if (u.username || u.password || u.hostname === "") return "webhook_url_invalid";
  // the URL parser has already turned 0x7f000001, 2130706433 and friends into dotted addresses
  if (u.protocol !== "https:" || u.port !== "" || u.hostname !== ROBOT_HOSTS[kind]) {
    return "webhook_host_not_allowed";
  }
  return null;
}
