// The few java.lang behaviours the Java scenarios' lambdas rely on and JavaScript does differently
// (test/conformance/README.md): the twins call these where a port must keep Java's result.

/**
 * Java's `String.split(regex)` (limit 0): trailing empty strings are dropped, and a leading empty
 * string is dropped when the first match is zero-width at position 0. `"".split(x)` is `[""]`.
 */
export function javaSplit(value: string, separator: string | RegExp): string[] {
  if (value.length === 0) return [''];
  const parts = value.split(separator);
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** Java's `Long.parseLong`: an optional sign and decimal digits, or a NumberFormatException. */
export function parseLong(text: string): number {
  if (!/^[+-]?\d+$/.test(text)) throw new Error(`NumberFormatException: For input string: "${text}"`);
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error(`${text} is beyond what a JavaScript number holds exactly`);
  return value;
}

/** Java's `Double.parseDouble` for the plain decimal forms the scenarios use. */
export function parseDouble(text: string): number {
  const trimmed = text.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[dDfF]?$/.test(trimmed)) throw new Error(`NumberFormatException: For input string: "${text}"`);
  return Number(trimmed.replace(/[dDfF]$/, ''));
}
