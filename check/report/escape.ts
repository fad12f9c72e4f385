/**
 * Safe output: whatever a port names its classes, its errors or its driver, a report prints it
 * without running it or redrawing the terminal. Names and messages come from the code under
 * test, so each place they go gets its own escaping: the terminal (no control characters), a
 * shell command line (quoted), a comment or a string in a reproduction (no way out of either),
 * an HTML page (entities), and a file name (inside the report folder, and unique).
 *
 * @module
 */

/**
 * `text` for a terminal: control characters (C0 but newline and tab, DEL, C1), and the
 * characters that reorder a line (bidirectional overrides and isolates), as `\xNN` or
 * `\u{NNNN}` escapes, so no name or message can move the cursor, recolour the screen or hide
 * what follows. Newlines stay, unless `oneLine`.
 */
export function terminalSafe(text: string, oneLine = false): string {
  return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu, (c) => {
    if (c === '\n' && !oneLine) return c;
    const code = c.codePointAt(0) as number;
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}

/**
 * `arg` as one word of a POSIX shell command line: as it is when it holds only characters no
 * shell treats specially, otherwise in single quotes (a quote inside as `'\''`), so that a name
 * like `$(touch x)` is printed, not run.
 */
export function shellQuote(arg: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}

/** A command line from its words, each quoted as it needs. */
export function shellCommand(words: readonly string[]): string {
  return words.map(shellQuote).join(' ');
}

/**
 * `text` for the inside of a `//` or `/* *\/` comment of a reproduction: on one line (every
 * line break a JavaScript parser knows, escaped) and with no `*\/` to end a block comment.
 */
export function commentSafe(text: string): string {
  return terminalSafe(text, true).replaceAll('*/', '*\\/');
}

/** `text` for HTML: the five characters that could open markup or end an attribute, as entities. */
export function htmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** Names Windows keeps for devices, in any case and with any extension. */
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

/**
 * A file name for `name` in the report folder, and never one in `taken` (case aside, for file
 * systems that ignore it): letters, digits, `.`, `_` and `-` kept, every other run of
 * characters a `-`, no leading dot (so never `.` or `..`), at most 80 characters, a name for a
 * nameless class, and `-2`, `-3`, ... after a name already taken. Adds the name it returns to
 * `taken`.
 */
export function fileBase(name: string, taken: Set<string>): string {
  let base = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '').replace(/[.-]+$/, '').slice(0, 80);
  if (base === '' || RESERVED.test(base)) base = `unnamed${base === '' ? '' : `-${base}`}`;
  let unique = base;
  for (let n = 2; taken.has(unique.toLowerCase()); n++) unique = `${base}-${n}`;
  taken.add(unique.toLowerCase());
  return unique;
}
