import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stripXmlInvalid } from "./text.ts";

/** XML 1.0 `Char`, by code point. */
const xmlChar = (cp: number) =>
  cp === 0x9 ||
  cp === 0xa ||
  cp === 0xd ||
  (cp >= 0x20 && cp <= 0xd7ff) ||
  (cp >= 0xe000 && cp <= 0xfffd) ||
  (cp >= 0x10000 && cp <= 0x10ffff);

describe("stripXmlInvalid", () => {
  it("drops U+FFFE, U+FFFF, C0 controls and lone surrogates, and keeps tab, newline, CR and pairs", () => {
    expect(stripXmlInvalid("整改\uFFFE通\uFFFF")).toBe("整改通");
    expect(stripXmlInvalid("a\u0001\u0008\u000B\u000C\u001Fb\t\n\r")).toBe("ab\t\n\r");
    expect(stripXmlInvalid("\uD800x\uDC00😀𠜎")).toBe("x😀𠜎");
    expect(stripXmlInvalid("广西壮族自治区")).toBe("广西壮族自治区");
  });

  it("leaves only characters XML can hold, and changes nothing else", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 60 }), (s) => {
        const out = stripXmlInvalid(s);
        for (const ch of out) expect(xmlChar(ch.codePointAt(0) as number)).toBe(true);
        const kept = [...s].filter((ch) => xmlChar(ch.codePointAt(0) as number)).join("");
        expect(out).toBe(kept);
      }),
    );
  });
});
