import * as fc from 'fast-check';
import { expect, test } from 'vitest';
import { PriorityQueue } from '../src/index.js';

interface Item {
  readonly key: number;
  readonly id: number;
}

test('a comparator that throws loses no item and leaves the priority order intact', () => {
  fc.assert(
    fc.property(fc.array(fc.oneof(fc.nat(5).map((key) => ({ put: key })), fc.constant({ get: true })), { maxLength: 60 }), fc.infiniteStream(fc.boolean()), (calls, failures) => {
      let throwing = true;
      const coins = failures[Symbol.iterator]();
      const queue = new PriorityQueue<Item>({
        compare: (a, b) => {
          if (throwing && coins.next().value === true) throw new Error('comparator failed');
          return a.key - b.key;
        },
      });
      const inside = new Map<number, Item>();
      calls.forEach((call, id) => {
        if ('put' in call) {
          const item = { key: call.put, id };
          try {
            queue.putNowait(item);
            inside.set(id, item);
          } catch (error) {
            expect((error as Error).message).toBe('comparator failed');
          }
        } else if (queue.qsize() > 0) {
          try {
            const taken = queue.getNowait();
            expect(inside.delete(taken.id)).toBe(true);
          } catch (error) {
            expect((error as Error).message).toBe('comparator failed');
          }
        }
        expect(queue.qsize()).toBe(inside.size);
      });
      throwing = false;
      const drained: Item[] = [];
      while (queue.qsize() > 0) drained.push(queue.getNowait());
      const expected = [...inside.values()].sort((a, b) => a.key - b.key || a.id - b.id);
      expect(drained).toEqual(expected);
    }),
  );
});
