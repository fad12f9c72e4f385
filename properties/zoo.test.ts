/**
 * The bug zoo keeps the checker honest: for every entry, the checker, through its public API,
 * finds the bug, names the rule the catalog says, and shrinks it to the catalog's program; and
 * the plain implementation each entry breaks in one place passes the same check.
 */

import { describe, expect, test } from 'vitest';
import { zooFamilies } from './zoo/catalog.js';
import { found, judge } from './zoo.js';

for (const family of zooFamilies) {
  describe(`the checker catches every ${family.name} bug in the zoo, naming its rule and its shortest program`, () => {
    for (const entry of family.entries) {
      test(`catches ${entry.bug}`, async () => {
        expect(await found(entry)).toEqual(entry.caught);
      });
    }
    test(`the zoo's plain ${family.name}, without a planted bug, passes the same check`, async () => {
      for (const { primitive, make, adapt } of family.plain) expect((await judge(primitive, make, `plain ${primitive}`, 2000, adapt)).failure, primitive).toBeUndefined();
    });
  });
}
