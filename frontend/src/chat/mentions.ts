// `@name` mentions: finding them in a message, and the one being typed at the caret.

/** Whether `body` mentions the user by name (`@Name`, any case, not inside a longer name). */
export function mentions(body: string, name: string): boolean {
  const lower = body.toLowerCase();
  const wanted = `@${name.toLowerCase()}`;
  for (let at = lower.indexOf(wanted); at >= 0; at = lower.indexOf(wanted, at + 1)) {
    const next = lower.charAt(at + wanted.length);
    if (!/[\p{L}\p{N}_]/u.test(next)) return true;
  }
  return false;
}

const MENTION_BEFORE_CARET = /(^|\s)@([^\s@]{0,32})$/;

/** The `@name` being typed at the caret, if any: where its `@` is and what follows it. */
export function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const match = MENTION_BEFORE_CARET.exec(text.slice(0, caret));
  return match ? { start: caret - match[2].length - 1, query: match[2] } : null;
}
