// Pattern subscriptions (Java's `addSource(name, Pattern)`). Java subscribes a topic when
// `pattern.matcher(topic).matches()`, i.e. the pattern matches the WHOLE name; a JS RegExp's `test`
// finds a match anywhere, so /orders/ would also take "orders-dlq". Always go through here.

/** True when `pattern` matches all of `topic`, as Java's `Matcher.matches()`. */
export function topicMatchesPattern(pattern: RegExp, topic: string): boolean {
  return wholeNamePattern(pattern).test(topic);
}

const anchored = new WeakMap<RegExp, RegExp>();

function wholeNamePattern(pattern: RegExp): RegExp {
  let whole = anchored.get(pattern);
  if (whole === undefined) {
    // g and y make `test` stateful (lastIndex); a subscription check must not depend on the last call.
    whole = new RegExp(`^(?:${pattern.source})$`, pattern.flags.replace(/[gy]/g, ''));
    anchored.set(pattern, whole);
  }
  return whole;
}
