/**
 * The escapes every name and message goes through on its way out (check/report/escape.ts), as
 * properties over any string: a comment stays a comment, a quoted word stays one word, a file
 * name stays inside its folder and unique, and the terminal sees no control character.
 */

import { spawnSync } from 'node:child_process';
import * as fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { commentSafe, fileBase, htmlEscape, shellQuote, terminalSafe } from '../check/report/escape.js';

/** Strings with what breaks out: comment ends, quotes, line terminators, escapes, `$(...)`. */
const hostile = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.array(fc.constantFrom('*/', '/*', '//', '\n', '\r', '\u2028', '\u2029', "'", '"', '`', '$(', ')', '\\', '\u001b[2J', '..', '/', 'x', ' '), { maxLength: 12 }).map((parts) => parts.join('')),
);

describe('escapes', () => {
  test('a name in a line comment or a block comment of a reproduction stays inside it', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const safe = commentSafe(text);
        expect(new Function(`// ${safe}\nreturn 1;`)()).toBe(1);
        expect(new Function(`/* ${safe} */ return 2;`)()).toBe(2);
      }),
    );
  });

  test('a word quoted for the shell reaches the command as that one word, and nothing in it runs', () => {
    fc.assert(
      fc.property(hostile.filter((s) => !s.includes('\u0000')), (word) => {
        const shown = spawnSync('sh', ['-c', `printf '%s' ${shellQuote(word)}`], { encoding: 'utf8' });
        expect(shown.stdout).toBe(word);
      }),
      { numRuns: 60 },
    );
  });

  test('a plain word is left as it is', () => {
    expect(shellQuote('./port.js')).toBe('./port.js');
    expect(shellQuote('$(touch x)')).toBe("'$(touch x)'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
  });

  test('the terminal gets no control character, and newlines only where allowed', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        expect(terminalSafe(text)).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u);
        expect(terminalSafe(text, true)).not.toContain('\n');
      }),
    );
    expect(terminalSafe('a\u001b[2Jb\nc')).toBe('a\\x1b[2Jb\nc');
  });

  test('a file name is never a path, never hidden, never empty, and never one already taken', () => {
    fc.assert(
      fc.property(fc.array(hostile, { minLength: 1, maxLength: 8 }), (names) => {
        const taken = new Set<string>();
        const bases = names.map((name) => fileBase(name, taken));
        for (const base of bases) expect(base).toMatch(/^[A-Za-z0-9_][A-Za-z0-9._-]*$/);
        expect(new Set(bases.map((b) => b.toLowerCase())).size).toBe(bases.length);
      }),
    );
  });

  test('HTML gets text, never markup', () => {
    expect(htmlEscape(`<script>alert("x")</script>&'`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;');
  });
});
