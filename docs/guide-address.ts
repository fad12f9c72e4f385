/**
 * Where the site puts a guide: `documents/` and its title, each character that is not a letter,
 * a digit, one of `( ) + , - . _` or beyond ASCII made `_` (TypeDoc's createNormalizedUrl, which
 * it does not export; the browser test finds every page it names in the built site).
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');

/** The site address of the guide at `guide` (a path from the repository's root), from its front matter's title. */
export function guideAddress(guide: string): string {
  const title = /^title:\s*(.+)$/m.exec(readFileSync(join(ROOT, guide), 'utf8'))?.[1]?.trim();
  if (title === undefined) throw new Error(`${guide} has no title`);
  return `documents/${title.replaceAll(/[^A-Za-z0-9()+,\-._\u00a0-\uffff]/g, '_')}.html`;
}
