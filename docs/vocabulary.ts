/**
 * The checker's vocabulary as the guides list it, made from the checker's own lists: the
 * primitives its models specify (`PRIMITIVES`), each one's calls and observers (its family's
 * recipe and model, `callsOf` and `observersOf`), and the contract choices (`CONTRACT_CHOICES`,
 * `ADAPTER_CHOICES`). A guide asks for one with a marker, `<!-- vocabulary: NAME -->`, and the
 * lines that follow it up to the next blank line are the block; `docs/guide-blocks.ts` rewrites
 * them, and `test/docs-guides.test.ts` fails when a page has drifted.
 */

import { CONTRACT_CHOICES, type ChoiceInfo } from '../check/compare/choices.js';
import { callsOf, observersOf, type CallWord } from '../check/program/families/index.js';
import { PRIMITIVES, type PrimitiveName } from '../check/program/program.js';
import { ADAPTER_CHOICES } from '../check/run/adapter.js';

const code = (text: string): string => `\`${text}\``;

/** `a`, `b` and `c`. */
function inWords(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}

/** `` `put` (`key`) ``, `` `release` on a handle ``, `` `runExclusive` (`weight`; as `acquire`) ``. */
function callText(word: CallWord): string {
  const notes = [...(word.takes.length === 0 ? [] : [word.takes.map(code).join(', ')]), ...(word.standsFor === undefined ? [] : [`as ${code(word.standsFor)}`])];
  return `${code(word.call)}${notes.length === 0 ? '' : ` (${notes.join('; ')})`}${word.onHandle ? ' on a handle' : ''}`;
}

function observersText(primitive: PrimitiveName): string {
  const { observers, statistics } = observersOf(primitive);
  return observers.map((name) => (name === 'statistics' && statistics.length > 0 ? `${code(name)} (${statistics.map(code).join(', ')})` : code(name))).join(', ');
}

/** The primitives in a sentence: `` `Semaphore`, ... and `LifoQueue` ``. */
function primitives(): string {
  return `${inWords(PRIMITIVES.map(code))}.`;
}

/** A table of every primitive's calls and observers; primitives that share both share a row. */
function calls(): string {
  const rows: { names: PrimitiveName[]; calls: string; observers: string }[] = [];
  for (const primitive of PRIMITIVES) {
    const row = { calls: callsOf(primitive).map(callText).join(', '), observers: observersText(primitive) };
    const same = rows.find((r) => r.calls === row.calls && r.observers === row.observers);
    if (same === undefined) rows.push({ names: [primitive], ...row });
    else same.names.push(primitive);
  }
  return ['| primitive | calls | observers |', '| --- | --- | --- |', ...rows.map((row) => `| ${row.names.join(', ')} | ${row.calls} | ${row.observers} |`)].join('\n');
}

function choiceRow(name: string, info: Omit<ChoiceInfo, 'changes'>): string {
  const values = info.values.length === 0 ? `${info.form?.startsWith('[') === true ? 'a list' : 'a map'}: ${code(info.form ?? '{}')}` : `${info.values.map(code).join(', ')}${info.byCall === true ? ', or by call' : ''}`;
  return `| ${code(name)} | ${values} | ${info.meaning.replaceAll('|', '\\|')} |`;
}

/** The contract choices a driver may declare, as a table: name, values (the model's first), meaning. */
function driverChoices(): string {
  return ['| choice | values (the model\'s first) | meaning |', '| --- | --- | --- |', ...Object.entries(CONTRACT_CHOICES).map(([name, info]) => choiceRow(name, info))].join('\n');
}

/** Every contract choice an adapter may declare: a driver's, then those only an adapter has. */
function adapterChoices(): string {
  return [driverChoices(), ...Object.entries(ADAPTER_CHOICES).map(([name, info]) => choiceRow(name, info))].join('\n');
}

/** The blocks a guide may ask for, by name. */
export const VOCABULARY: Readonly<Record<string, () => string>> = {
  primitives,
  calls,
  'driver-choices': driverChoices,
  choices: adapterChoices,
};

/** `markdown` with every vocabulary block made again from the checker's lists. */
export function syncVocabulary(markdown: string): string {
  return markdown.replaceAll(/(<!-- vocabulary: ([\w-]+) -->\n)(?:.+\n)*/g, (_all, marker: string, name: string) => {
    const block = VOCABULARY[name];
    if (block === undefined) throw new Error(`unknown vocabulary block ${name}: one of ${Object.keys(VOCABULARY).join(', ')}`);
    return `${marker}${block()}\n`;
  });
}
