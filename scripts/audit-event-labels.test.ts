import { describe, expect, it } from "vitest";
import { AUDIT_EVENT_TYPES } from "../contract/audit-events.ts";
import { enUS } from "../web/i18n/en-US.ts";
import { zhCN } from "../web/i18n/zh-CN.ts";

describe("audit event labels", () => {
  it("name every event type in Chinese and in English", () => {
    const zh: Record<string, string> = zhCN;
    const en: Record<string, string> = enUS;
    const missing = AUDIT_EVENT_TYPES.flatMap((type) => {
      const key = `audit.type.${type}`;
      return [
        ...(/[\u4e00-\u9fff]/.test(zh[key] ?? "") ? [] : [`zh-CN ${key}`]),
        ...(/^[\x20-\x7e’]+$/.test(en[key] ?? "") ? [] : [`en-US ${key}`]),
      ];
    });
    expect(missing).toEqual([]);
  });
});
