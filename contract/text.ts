/** Whether the UTF-16 code unit at `i` starts or ends a valid surrogate pair. */
const paired = (s: string, i: number, c: number) =>
  c <= 0xdbff
    ? i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00
    : i > 0 && (s.charCodeAt(i - 1) & 0xfc00) === 0xd800;

/**
 * Characters XML 1.0 cannot hold: C0 controls other than tab, newline and carriage return, lone
 * surrogates, U+FFFE and U+FFFF. A title holding one makes a generated .docx unreadable.
 */
export function isXmlInvalidAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 0x20) return c !== 0x09 && c !== 0x0a && c !== 0x0d;
  if (c === 0xfffe || c === 0xffff) return true;
  if (c >= 0xd800 && c <= 0xdfff) return !paired(s, i, c);
  return false;
}

/** The text without the characters XML cannot carry; everything else kept as it was. */
export function stripXmlInvalid(s: string): string {
  let i = 0;
  while (i < s.length && !isXmlInvalidAt(s, i)) i++;
  if (i === s.length) return s;
  let out = s.slice(0, i);
  for (; i < s.length; i++) if (!isXmlInvalidAt(s, i)) out += s[i];
  return out;
}
