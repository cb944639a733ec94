import { Alert, Typography } from "antd";
import QRCode from "qrcode";
import { useEffect, useState } from "react";
import type { Issued, ProblemDetail } from "../../../api/problems";
import { formatDateTime } from "../../../i18n/format";
import { useI18n } from "../../../i18n/I18nProvider";
import type { MessageKey } from "../../../i18n/zh-CN";

/** The full address of a ballot link (the server may answer with a path only). */
export function absoluteUrl(url: string): string {
  return new URL(url, window.location.origin).href;
}

/** Draws a QR code for every issued link, keyed by token. */
export function useTokenQrCodes(issued: Issued | undefined): Record<string, string> {
  const [codes, setCodes] = useState<Record<string, string>>({});
  useEffect(() => {
    if (!issued) return;
    let live = true;
    Promise.all(
      issued.tokens.map(async (tk) => [
        tk.token,
        await QRCode.toDataURL(absoluteUrl(tk.url), { margin: 1, width: 160 }),
      ]),
    ).then(
      (pairs) => live && setCodes(Object.fromEntries(pairs)),
      () => live && setCodes({}),
    );
    return () => {
      live = false;
    };
  }, [issued]);
  return codes;
}

export function BallotTokenList({ issued, qr }: { issued: Issued; qr: Record<string, string> }) {
  const { t, lang } = useI18n();
  return (
    <div>
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title={t("ballots.onceOnly", { until: formatDateTime(issued.expiresAt, lang) })}
      />
      <div
        data-testid="ballot-tokens"
        style={{ display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(180px, 1fr))", gap: 16 }}
      >
        {issued.tokens.map((tk, i) => (
          <div
            key={tk.token}
            style={{ border: "1px solid #e5e8ee", borderRadius: 4, padding: 8, textAlign: "center" }}
          >
            <Typography.Text strong>{tk.label ?? t("ballots.voter", { n: i + 1 })}</Typography.Text>
            <div style={{ height: 160, margin: "4px auto" }}>
              {qr[tk.token] && <img src={qr[tk.token]} alt={t("ballots.qrAlt")} width={160} height={160} />}
            </div>
            <a
              href={absoluteUrl(tk.url)}
              target="_blank"
              rel="noreferrer"
              data-testid="ballot-link"
              style={{ fontSize: 12, wordBreak: "break-all" }}
            >
              {absoluteUrl(tk.url)}
            </a>
          </div>
        ))}
      </div>
    </div>
  );
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

/** Opens the codes on a page of their own and asks the browser to print it. */
export function printTokens(
  issued: Issued,
  qr: Record<string, string>,
  problem: ProblemDetail,
  t: (key: MessageKey, vars?: Record<string, string | number>) => string,
): void {
  const win = window.open("", "_blank");
  if (!win) return;
  const cards = issued.tokens
    .map(
      (
        tk,
        i,
      ) => `<div class="card"><strong>${escapeHtml(tk.label ?? t("ballots.voter", { n: i + 1 }))}</strong>
<img src="${qr[tk.token] ?? ""}" width="150" height="150" alt=""><div class="url">${escapeHtml(absoluteUrl(tk.url))}</div></div>`,
    )
    .join("");
  win.document.write(`<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(problem.code)}</title>
<style>body{font-family:sans-serif;margin:16px}.grid{display:grid;grid-template-columns:repeat(3,1fr);gap:12px}
.card{border:1px dashed #999;padding:8px;text-align:center;page-break-inside:avoid}.url{font-size:10px;word-break:break-all}</style>
</head><body><h3>${escapeHtml(problem.code)} ${escapeHtml(problem.title)}</h3><p>${escapeHtml(t("ballots.printHint"))}</p>
<div class="grid">${cards}</div></body></html>`);
  win.document.close();
  win.focus();
  win.print();
}
