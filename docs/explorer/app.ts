/**
 * The explorer page of the docs site: drive a primitive's model call by call, step through a
 * pasted program (with another implementation's trace beside the model's), and run the same
 * program against toro-ts's real implementation live. Bundled for the browser by
 * `docs/explorer/build.ts` into `site/assets/explorer.js`, with the real `check/`, `model/` and
 * `src/` code; `app.ts` only draws what `core.ts` and `live.ts` compute.
 *
 * The page (`docs/guides/explorer.md`) holds the mount point `#toro-explorer`; the docs plugin
 * gives it `data-rules` (the rules page's address) and puts every state diagram in the page,
 * each a `figure.toro-diagram` with `data-diagram` (its title).
 */

import { CONTRACT_CHOICES, type ContractChoices } from '../../check/compare/choices.js';
import type { Divergence } from '../../check/compare/compare.js';
import { isCall, ProgramSyntaxError, showAction, showProgram, showResult, showSettlement, type Action, type CallAction, type Num, type Observation, type PrimitiveName, type Program, type TickTrace } from '../../check/program/program.js';
import { RULES } from '../../check/compare/rules.js';
import {
  abortedSignals,
  addActions,
  callRows,
  defaultParams,
  diagramMatches,
  explorable,
  firstDivergence,
  fromHash,
  handlesOf,
  nextId,
  paramChoices,
  parseActions,
  readObservation,
  readProgram,
  readState,
  readTrace,
  runModel,
  signalsOf,
  toHash,
  traceFor,
  type CallRow,
  type ModelRun,
  type OtherTrace,
  type ReadLine,
} from './core.js';
import { timelineFigure } from '../timeline-figure.js';
import { liveAvailable, runLive, type LiveRun } from './live.js';

/** What the page shows: a program, how many of its ticks are applied, and another implementation's trace. */
interface View {
  readonly program: Program;
  readonly at: number;
  readonly other: { readonly name: string; readonly trace: OtherTrace } | undefined;
  /** The contract choices the other trace is compared under (none: the model's rules). */
  readonly choices?: ContractChoices;
}

type Attributes = Readonly<Record<string, string | boolean | undefined>>;
type Child = Node | string | null | undefined | false;

/** An element with attributes (`false`/`undefined` ones left out) and children. */
function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) element.append(child);
  return element;
}

const mount = document.getElementById('toro-explorer');
if (mount !== null) start(mount);

function start(root: HTMLElement): void {
  const rulesPage = root.dataset['rules'] ?? '';
  const primitives = explorable();
  const first = primitives[0];
  if (first === undefined) {
    root.textContent = 'No primitive has a model the explorer can drive.';
    return;
  }
  let uid = 0;
  const id = (name: string): string => `toro-${name}-${uid++}`;

  let view: View = { program: { primitive: first, params: defaultParams(first), ticks: [] }, at: 0, other: undefined };
  const history: View[] = [];
  let live = false;
  let liveRun: { readonly program: Program; readonly result: LiveRun } | undefined;
  let livePending: Program | undefined;

  // ---- Layout ----
  const primitiveSelect = h('select', { id: 'toro-primitive' }, ...primitives.map((p) => h('option', { value: p }, p)));
  const liveToggle = h('input', { type: 'checkbox', id: 'toro-live' });
  const liveNote = h('span', { class: 'toro-aside', id: 'toro-live-note', 'aria-live': 'polite' });
  const paramsBox = h('span', { class: 'toro-params' });
  const startOver = h('button', { type: 'button', id: 'toro-start-over' }, 'Start over');
  const setup = h(
    'section',
    { class: 'toro-panel', 'aria-labelledby': 'toro-setup-title' },
    h('h2', { id: 'toro-setup-title' }, 'Primitive'),
    h('div', { class: 'toro-row' }, h('label', { for: 'toro-primitive' }, 'Primitive '), primitiveSelect, paramsBox, startOver),
    h('div', { class: 'toro-row' }, liveToggle, h('label', { for: 'toro-live' }, ' Live: run the same program on toro-ts’s real implementation too, in this page, on a virtual clock'), liveNote),
  );

  const printed = h('pre', { id: 'toro-program', class: 'toro-program', 'aria-label': 'The program, printed' });
  const timeline = h('ol', { class: 'toro-ticks', id: 'toro-ticks', 'aria-label': 'Ticks: choose one to see the state after it' });
  const pictures = h('div', { class: 'toro-timelines', id: 'toro-timelines' });
  const previous = h('button', { type: 'button', id: 'toro-previous' }, '◀ Previous');
  const next = h('button', { type: 'button', id: 'toro-next' }, 'Next ▶');
  const undo = h('button', { type: 'button', id: 'toro-undo' }, 'Undo');
  const reset = h('button', { type: 'button', id: 'toro-reset' }, 'Reset');
  const share = h('a', { id: 'toro-share', href: '#' }, 'Link to this program');
  const copy = h('button', { type: 'button', id: 'toro-copy' }, 'Copy link');
  const copied = h('span', { class: 'toro-aside', 'aria-live': 'polite' });
  const programPanel = h(
    'section',
    { class: 'toro-panel', 'aria-labelledby': 'toro-program-title' },
    h('h2', { id: 'toro-program-title' }, 'Program'),
    printed,
    timeline,
    pictures,
    h('div', { class: 'toro-row' }, previous, next, undo, reset, share, copy, copied),
  );

  const callsBox = h('div', { class: 'toro-calls' });
  const advanceInput = h('input', { type: 'number', id: 'toro-advance-ms', min: '0', step: '1', value: '1', class: 'toro-number' });
  const advanceButton = h('button', { type: 'button', id: 'toro-advance' }, 'advance');
  const abortSelect = h('select', { id: 'toro-abort-signal' });
  const abortButton = h('button', { type: 'button', id: 'toro-abort' }, 'abort');
  const typed = h('input', { type: 'text', id: 'toro-typed', class: 'toro-typed', placeholder: 'acquire({ timeout: 5 }); advance(5)', autocomplete: 'off', spellcheck: 'false' });
  const typedForm = h(
    'form',
    { class: 'toro-row', id: 'toro-typed-form' },
    h('label', { for: 'toro-typed' }, 'Or type actions '),
    typed,
    h('button', { type: 'submit' }, 'Run'),
  );
  const sameTick = h('input', { type: 'checkbox', id: 'toro-same-tick' });
  const errorLine = h('p', { class: 'toro-error', id: 'toro-error', role: 'alert' });
  const actionsPanel = h(
    'section',
    { class: 'toro-panel', 'aria-labelledby': 'toro-actions-title' },
    h('h2', { id: 'toro-actions-title' }, 'Next action'),
    callsBox,
    h(
      'div',
      { class: 'toro-row' },
      h('span', { class: 'toro-group', role: 'group', 'aria-label': 'time passes' }, advanceButton, h('label', { for: 'toro-advance-ms' }, ' ms '), advanceInput),
      h('span', { class: 'toro-group', role: 'group', 'aria-label': 'abort a signal' }, abortButton, h('label', { for: 'toro-abort-signal' }, ' signal '), abortSelect),
    ),
    typedForm,
    h('p', { class: 'toro-aside' }, 'Typed in the printed form: ', h('code', {}, '#7 release() on #2'), ', ', h('code', {}, 'notify(2)'), ', ', h('code', {}, 'put(key 1, { timeout: 5, signal: s0 })'), ', ', h('code', {}, 'abort(s0)'), ', ', h('code', {}, 'advance(10)'), '; a call without its ', h('code', {}, '#id'), ' gets the next one, and several separated by ', h('code', {}, ';'), ' make one tick.'),
    h('div', { class: 'toro-row' }, sameTick, h('label', { for: 'toro-same-tick' }, ' Same tick as the previous action (no continuation runs in between)')),
    h('p', { class: 'toro-aside', id: 'toro-composites-note', hidden: true }, 'A composite call (', h('code', {}, 'runExclusive'), ', ', h('code', {}, 'runRead'), ', ', h('code', {}, 'runWrite'), ') holds its grant while its function runs; ', h('code', {}, 'release() on a handle'), ' on it ends the function, and the grant is given back once the tick’s continuations have run.'),
    errorLine,
  );

  const stepTitle = h('h2', { id: 'toro-step-title' });
  const notes = h('div', { class: 'toro-notes' });
  const columns = h('div', { class: 'toro-columns' });
  const statePre = h('pre', { id: 'toro-state', class: 'toro-json' });
  const stateView = h('div', { class: 'toro-read-box', id: 'toro-state-view' });
  const figuresBox = h('div', { class: 'toro-figures' });
  const stepPanel = h(
    'section',
    { class: 'toro-panel', 'aria-labelledby': 'toro-step-title' },
    stepTitle,
    notes,
    columns,
    h('h3', { id: 'toro-state-title' }, 'The model’s state'),
    stateView,
    h('details', { class: 'toro-state' }, h('summary', {}, 'The state as JSON'), statePre),
    figuresBox,
  );

  // One picker per choice with values, each listing the checker's values, the model's first.
  const choicePickers = Object.entries(CONTRACT_CHOICES)
    .filter(([, info]) => info.values.length > 0)
    .map(([name, info]) => {
      const select = h('select', { id: `toro-choice-${name}`, 'data-choice': name }, ...info.values.map((value, i) => h('option', { value: i === 0 ? '' : value }, i === 0 ? `${value} (the model’s)` : value)));
      const group = h('span', { class: 'toro-group', title: info.meaning.replaceAll('`', '') }, h('label', { for: select.id }, name), select);
      return { name, select, group };
    });
  const pickedChoices = (): ContractChoices => Object.fromEntries(choicePickers.filter((picker) => picker.select.value !== '').map((picker) => [picker.name, picker.select.value])) as ContractChoices;
  const pasteProgram = h('textarea', { id: 'toro-paste-program', rows: '5', spellcheck: 'false', placeholder: 'new Lock()\n  tick 1: #0 acquire(); #1 acquire({ timeout: 5 })\n  tick 2: advance(5)' });
  const pasteTrace = h('textarea', { id: 'toro-paste-trace', rows: '4', spellcheck: 'false', placeholder: '{"initial": {...}, "ticks": [...]}' });
  const replayForm = h(
    'form',
    { id: 'toro-replay-form' },
    h('label', { for: 'toro-paste-program' }, 'Program: printed, JSON (a report’s ', h('code', {}, '*.program.json'), ', a vector) or a driver’s protocol transcript'),
    pasteProgram,
    h('label', { for: 'toro-paste-trace' }, 'Trace of another implementation (optional): a ', h('code', {}, 'Trace'), ', its ', h('code', {}, 'ticks'), ' array, or ', h('code', {}, 'ticked'), ' messages'),
    pasteTrace,
    h(
      'fieldset',
      { class: 'toro-choices', id: 'toro-choices' },
      h('legend', {}, 'Contract choices the other implementation declares, by the checker’s names (the model’s rules where none is picked)'),
      ...choicePickers.map((picker) => picker.group),
    ),
    h('div', { class: 'toro-row' }, h('button', { type: 'submit', id: 'toro-replay' }, 'Replay')),
  );
  const replayPanel = h('section', { class: 'toro-panel', 'aria-labelledby': 'toro-replay-title' }, h('h2', { id: 'toro-replay-title' }, 'Replay a program'), replayForm);
  const announcer = h('p', { class: 'toro-sr', 'aria-live': 'polite', id: 'toro-announce' });

  root.replaceChildren(setup, programPanel, actionsPanel, stepPanel, replayPanel, announcer);
  const store = document.querySelector<HTMLElement>('.toro-explorer-diagrams');

  // ---- Helpers ----
  let rowsFor: PrimitiveName | undefined;
  const rowControls: { row: CallRow; button: HTMLButtonElement; key?: HTMLInputElement; count?: HTMLInputElement; flag?: HTMLInputElement; timeout?: HTMLInputElement; signal?: HTMLSelectElement; on?: HTMLSelectElement }[] = [];

  function readNum(text: string, what: string): Num | undefined {
    const t = text.trim();
    if (t === '') return undefined;
    if (t === 'NaN' || t === 'Infinity' || t === '-Infinity') return t;
    const n = Number(t);
    if (!/^-?\d+(\.\d+)?$/.test(t) || !Number.isFinite(n)) throw new ProgramSyntaxError(`${what}: ${JSON.stringify(t)} is not a number`);
    return n;
  }

  function buildRows(primitive: PrimitiveName): void {
    rowsFor = primitive;
    rowControls.length = 0;
    callsBox.replaceChildren();
    const note = document.getElementById('toro-composites-note');
    if (note !== null) note.hidden = !callRows(primitive).some((row) => row.standsFor !== undefined);
    for (const row of callRows(primitive)) {
      const label = row.onHandle ? `${row.call}() on a handle` : `${row.call}()`;
      const button = h('button', { type: 'button', class: 'toro-call', 'data-call': row.call, 'data-on-handle': row.onHandle ? 'true' : 'false' }, label);
      const controls: (typeof rowControls)[number] = { row, button };
      const parts: Child[] = [button];
      if (row.keys !== undefined) {
        const key = id('key');
        controls.key = h('input', { type: 'number', id: key, min: '0', step: '1', value: String(row.keys[0] ?? 0), class: 'toro-number' });
        parts.push(h('label', { for: key }, ' key '), controls.key);
      }
      if (row.counts) {
        const count = id('count');
        // A weight is required (the API refuses a call without one): it starts at 1.
        controls.count = h('input', { type: 'text', id: count, placeholder: 'none', size: '5', class: 'toro-number', spellcheck: 'false', ...(row.countField === 'weight' ? { value: '1' } : {}) });
        parts.push(h('label', { for: count }, ` ${row.countName} `), controls.count);
      }
      if (row.flag) {
        const flag = id('flag');
        controls.flag = h('input', { type: 'checkbox', id: flag });
        parts.push(controls.flag, h('label', { for: flag }, ' immediate'));
      }
      if (row.waits) {
        const timeout = id('timeout');
        const signal = id('signal');
        controls.timeout = h('input', { type: 'number', id: timeout, min: '0', step: '1', placeholder: 'none', class: 'toro-number' });
        controls.signal = h('select', { id: signal });
        parts.push(h('label', { for: timeout }, ' timeout '), controls.timeout, h('label', { for: signal }, ' signal '), controls.signal);
      }
      if (row.onHandle) {
        const on = id('on');
        controls.on = h('select', { id: on });
        parts.push(h('label', { for: on }, ' on '), controls.on);
      }
      if (row.standsFor !== undefined) parts.push(h('span', { class: 'toro-aside' }, ` holds what ${row.standsFor}() takes while its function runs`));
      button.addEventListener('click', () => act(() => [callAction(controls)]));
      callsBox.append(h('div', { class: 'toro-row toro-call-row', role: 'group', 'aria-label': label }, ...parts));
      rowControls.push(controls);
    }
  }

  function callAction(controls: (typeof rowControls)[number]): CallAction {
    const { row } = controls;
    const action: { -readonly [K in keyof CallAction]: CallAction[K] } = { call: row.call, id: nextId(view.program) };
    if (controls.on !== undefined) {
      if (controls.on.value === '') throw new ProgramSyntaxError(`${row.call}() on a handle: no call has been given a handle yet`);
      action.on = Number(controls.on.value);
    }
    if (controls.key !== undefined) {
      const key = readNum(controls.key.value, 'key');
      if (key !== undefined) {
        if (typeof key !== 'number' || !Number.isInteger(key) || key < 0) throw new ProgramSyntaxError('key: a non-negative integer');
        action.key = key;
      }
    }
    if (controls.count !== undefined) {
      const n = readNum(controls.count.value, row.countName);
      if (n !== undefined) action[row.countField] = n;
    }
    if (controls.flag?.checked === true) action.immediate = true;
    if (controls.timeout !== undefined) {
      const timeout = readNum(controls.timeout.value, 'timeout');
      if (timeout !== undefined) action.timeout = timeout;
    }
    if (controls.signal !== undefined && controls.signal.value !== '') action.signal = Number(controls.signal.value);
    return action;
  }

  let paramsFor = '';
  /** The parameter inputs: made again only when the parameters' names change, so focus stays. */
  function showParams(program: Program): void {
    const choices = paramChoices(program.primitive);
    const names = [...new Set([...Object.keys(choices), ...Object.keys(program.params)])];
    const key = `${program.primitive}(${names.join(',')})`;
    if (key === paramsFor) {
      for (const input of paramsBox.querySelectorAll<HTMLInputElement>('input[data-param]')) {
        const value = program.params[input.dataset['param'] ?? ''];
        input.value = value === undefined ? '' : String(value);
      }
      return;
    }
    paramsFor = key;
    paramsBox.replaceChildren();
    for (const name of names) {
      const input = h('input', { type: 'text', id: `toro-param-${name}`, class: 'toro-number', 'data-param': name, placeholder: 'default', size: '6', list: `toro-param-${name}-values`, spellcheck: 'false' });
      const value = program.params[name];
      input.value = value === undefined ? '' : String(value);
      const list = h('datalist', { id: `toro-param-${name}-values` }, ...(choices[name] ?? []).map((v) => h('option', { value: String(v) })));
      input.addEventListener('change', () => {
        act(() => {
          const params: Record<string, Num | boolean> = { ...view.program.params };
          const text = input.value.trim();
          if (text === '') delete params[name];
          else if (text === 'true' || text === 'false') params[name] = text === 'true';
          else params[name] = readNum(text, name) as Num;
          return { program: { ...view.program, params }, at: view.program.ticks.length, other: undefined };
        });
      });
      paramsBox.append(h('label', { for: input.id }, ` ${name} `), input, list);
    }
  }

  const signalLabel = (n: number): string => `s${n}`;

  function fillSelect(select: HTMLSelectElement, options: readonly { value: string; text: string }[]): void {
    const before = select.value;
    select.replaceChildren(...options.map((o) => h('option', { value: o.value }, o.text)));
    if (options.some((o) => o.value === before)) select.value = before;
  }

  // ---- Changing the view ----

  const isActions = (made: View | readonly Action[]): made is readonly Action[] => Array.isArray(made);

  /**
   * Applies a change: a new view, or actions to add after the tick shown (dropping later ticks).
   * Actions the model cannot run (a call it does not have) are refused, not recorded.
   */
  function act(change: () => View | readonly Action[]): void {
    errorLine.textContent = '';
    let proposed: View;
    try {
      const made = change();
      if (isActions(made)) {
        const program = addActions(view.program, view.at, made, sameTick.checked);
        runModel(program);
        const other = keepOther(program);
        proposed = { program, at: program.ticks.length, other, ...(other === undefined || view.choices === undefined ? {} : { choices: view.choices }) };
      } else {
        proposed = made;
      }
    } catch (error) {
      errorLine.textContent = error instanceof Error ? error.message : String(error);
      return;
    }
    history.push(view);
    view = proposed;
    render(true);
  }

  /** The pasted trace stays while the program only grows past it. */
  function keepOther(program: Program): View['other'] {
    const other = view.other;
    if (other === undefined) return undefined;
    const kept = other.trace.ticks.length;
    const same = JSON.stringify(program.ticks.slice(0, kept)) === JSON.stringify(view.program.ticks.slice(0, kept)) && program.ticks.length >= kept;
    return same ? other : undefined;
  }

  function go(at: number): void {
    view = { ...view, at: Math.max(0, Math.min(at, view.program.ticks.length)) };
    render(false);
  }

  /** Shows what a link carries; one followed later (not the page's own) can be undone. */
  function load(hash: string, first: boolean): boolean {
    try {
      const shared = fromHash(hash);
      if (shared === undefined) return false;
      if (!first) history.push(view);
      view = { program: shared.program, at: shared.at ?? shared.program.ticks.length, other: shared.other, ...(shared.choices === undefined ? {} : { choices: shared.choices }) };
      if (shared.live === true && liveAvailable(shared.program.primitive)) {
        live = true;
        liveToggle.checked = true;
      }
      render(false);
      return true;
    } catch (error) {
      errorLine.textContent = `The link's program cannot be read: ${error instanceof Error ? error.message : String(error)}`;
      return false;
    }
  }

  // ---- Drawing ----

  /** Observers in one line, as a reader reads them: `statistics() locked true, waiting 0; locked() true`. */
  const compact = (observed: Observation | undefined): string =>
    observed === undefined
      ? ''
      : readObservation(observed)
          .map((line) => `${line.label} ${line.text ?? ''}`)
          .join('; ');

  function ruleLink(divergence: Divergence): Node {
    const rule = RULES[divergence.rule];
    const text = 'number' in rule ? `${rule.title} (rule ${rule.number})` : rule.title;
    return rulesPage === '' ? h('strong', {}, text) : h('a', { href: `${rulesPage}#${rule.anchor}` }, text);
  }

  function divergenceNote(label: string, divergence: Divergence | undefined, stoppedAt: number | undefined, side: string): HTMLElement | null {
    if (divergence === undefined) {
      if (stoppedAt !== undefined && stoppedAt < view.program.ticks.length) return h('p', { class: 'toro-note', 'data-side': side }, `${label} agrees with the model for the ${stoppedAt} ticks it has.`);
      return h('p', { class: 'toro-note toro-agree', 'data-side': side }, `${label} agrees with the model at every tick.`);
    }
    const where = divergence.tick === 0 ? 'once constructed' : `at tick ${divergence.tick}`;
    const show = h('button', { type: 'button', class: 'toro-show-tick' }, `Show tick ${divergence.tick}`);
    show.addEventListener('click', () => {
      go(divergence.tick);
      timeline.querySelector<HTMLElement>(`[data-tick="${divergence.tick}"]`)?.focus();
    });
    return h(
      'div',
      { class: 'toro-note toro-differs', role: 'note', 'data-side': side, 'data-rule': divergence.rule, 'data-tick': String(divergence.tick) },
      h('p', {}, h('strong', {}, `${label} parts from the model ${where}: `), ruleLink(divergence), '. ', divergence.summary, '. ', view.at === divergence.tick ? null : show),
      h('pre', {}, `model:          ${divergence.expected}\nimplementation: ${divergence.actual}`),
    );
  }

  /** Lines of a state or of observers as a reader reads them: a definition list, lists as chips in order. */
  function readList(lines: readonly ReadLine[], part: string): HTMLElement {
    return h(
      'dl',
      { class: 'toro-read', 'data-read': part },
      ...lines.flatMap((line) => [
        h('dt', {}, line.label),
        h(
          'dd',
          { 'data-field': line.field },
          line.list === undefined
            ? line.text ?? ''
            : line.list.length === 0
              ? h('span', { class: 'toro-aside' }, line.none ?? 'none')
              : h('ol', { class: 'toro-chips' }, ...line.list.map((item) => h('li', { class: item.next === true ? 'toro-chip toro-chip-next' : 'toro-chip' }, h('code', {}, item.text), item.note === undefined ? null : h('span', { class: 'toro-chip-note' }, ` ${item.note}`), item.next === true ? h('span', { class: 'toro-chip-note' }, ' (next out)') : null))),
        ),
      ]),
    );
  }

  /** Observers: read in words, the JSON a click away. */
  function observedBlock(observed: Observation | undefined): Child[] {
    if (observed === undefined) return [h('p', { class: 'toro-aside', 'data-part': 'observed' }, '(not given)')];
    return [readList(readObservation(observed), 'observed'), h('details', { class: 'toro-json-details' }, h('summary', {}, 'As JSON'), h('pre', { class: 'toro-json', 'data-part': 'observed' }, JSON.stringify(observed, null, 2)))];
  }

  function callLine(action: CallAction | undefined, call: TickTrace['calls'][number], withObserved: boolean): HTMLElement {
    const what = action === undefined ? `#${call.id}` : showAction(action);
    const ignored = call.ignored === true ? ' (ignored: its grant was already given back)' : '';
    return h('li', {}, h('code', {}, what), ` → ${showResult(call.result)}${ignored}`, withObserved && call.observed !== undefined ? h('div', { class: 'toro-aside' }, `then ${compact(call.observed)}`) : null);
  }

  function column(title: string, side: string, tick: TickTrace | undefined, initial: Observation | undefined, state: 'differs' | 'agrees' | 'uncompared' | 'model', actions: readonly Action[]): HTMLElement {
    const calls = new Map(actions.filter(isCall).map((a) => [a.id, a]));
    const body: Child[] = [h('h3', {}, title, state === 'differs' ? h('span', { class: 'toro-badge toro-badge-differs' }, 'differs here') : state === 'agrees' ? h('span', { class: 'toro-badge toro-badge-agrees' }, 'agrees') : state === 'uncompared' ? h('span', { class: 'toro-badge' }, 'not compared') : null)];
    if (view.at === 0) {
      body.push(h('h4', {}, 'Observers'), ...observedBlock(initial));
    } else if (tick === undefined) {
      body.push(h('p', { class: 'toro-aside' }, 'No trace for this tick.'));
    } else {
      body.push(
        h('h4', {}, 'Calls'),
        tick.calls.length === 0 ? h('p', { class: 'toro-aside', 'data-part': 'calls' }, 'No call in this tick.') : h('ul', { 'data-part': 'calls' }, ...tick.calls.map((call) => callLine(calls.get(call.id), call, true))),
        h('h4', {}, 'Settled, in order'),
        tick.settled.length === 0 ? h('p', { class: 'toro-aside', 'data-part': 'settled' }, 'Nobody settled.') : h('ol', { 'data-part': 'settled' }, ...tick.settled.map((s) => h('li', {}, showSettlement(s)))),
        h('h4', {}, 'Observers once every continuation ran'),
        ...observedBlock(tick.observed),
      );
      if (tick.resources !== undefined) {
        const listening = Object.entries(tick.resources.listeners).filter(([, n]) => n > 0);
        const listeners = listening.length === 0 ? 'no abort listener' : listening.map(([signal, n]) => `${n} abort listener${n === 1 ? '' : 's'} on ${signal}`).join(', ');
        body.push(h('p', { class: 'toro-aside', 'data-part': 'resources' }, `Still held: ${tick.resources.timers} timer${tick.resources.timers === 1 ? '' : 's'}, ${listeners}.`));
      }
    }
    return h('div', { class: `toro-column toro-column-${state}`, 'data-side': side }, ...body);
  }

  function sideState(divergence: Divergence | undefined, at: number, has: boolean): 'differs' | 'agrees' | 'uncompared' {
    if (!has) return 'uncompared';
    if (divergence === undefined) return 'agrees';
    if (divergence.tick === at) return 'differs';
    return divergence.tick < at ? 'uncompared' : 'agrees';
  }

  function drawFigures(run: ModelRun | undefined): void {
    if (store === null) return;
    const state = run === undefined ? undefined : view.at === 0 ? run.initialState : run.states[view.at - 1];
    const matches = run === undefined ? [] : diagramMatches(view.program, state);
    const wanted = new Set(matches.map((m) => m.diagram.title));
    for (const figure of [...figuresBox.querySelectorAll<HTMLElement>('figure.toro-diagram')]) {
      if (!wanted.has(figure.dataset['diagram'] ?? '')) store.append(figure);
    }
    for (const match of matches) {
      const figure = [...document.querySelectorAll<HTMLElement>('figure.toro-diagram')].find((f) => f.dataset['diagram'] === match.diagram.title);
      if (figure === undefined) continue;
      // Moved only when not in place: a move makes the page lay the diagram out again.
      if (figure.parentElement !== figuresBox) figuresBox.append(figure);
      for (const node of figure.querySelectorAll('g.node.toro-current')) node.classList.remove('toro-current');
      let status = figure.querySelector<HTMLElement>('.toro-diagram-status');
      if (status === null) {
        status = h('p', { class: 'toro-diagram-status' });
        figure.append(status);
      }
      const title = match.node?.replaceAll('\n', '\\n');
      const node = title === undefined ? undefined : [...figure.querySelectorAll('g.node')].find((g) => g.querySelector('title')?.textContent === title);
      if (node !== undefined && match.node !== undefined) {
        node.classList.add('toro-current');
        status.dataset['node'] = match.node;
        status.textContent = `The current state is highlighted: ${match.node.replaceAll('\n', ', ')}.`;
      } else {
        delete status.dataset['node'];
        status.textContent = `The current state is not one of this diagram’s: ${match.why ?? 'it is not drawn'}.`;
      }
    }
    figuresBox.hidden = matches.length === 0;
  }

  function render(edited: boolean): void {
    const { program, at } = view;
    if (rowsFor !== program.primitive) buildRows(program.primitive);
    primitiveSelect.value = program.primitive;
    showParams(program);
    printed.textContent = showProgram(program);
    // The address bar always holds the link to what is shown.
    const hash = toHash({ program, at, ...(view.other === undefined ? {} : { other: view.other }), ...(view.choices === undefined ? {} : { choices: view.choices }), live });
    if (window.location.hash !== hash) window.history.replaceState(null, '', hash);
    share.href = hash;

    let run: ModelRun | undefined;
    let refused: string | undefined;
    try {
      run = runModel(program, view.choices);
    } catch (error) {
      refused = error instanceof Error ? error.message : String(error);
    }

    // Live: run again whenever the program changed.
    const liveOn = live && liveAvailable(program.primitive);
    liveToggle.disabled = !liveAvailable(program.primitive);
    liveNote.textContent = liveAvailable(program.primitive) ? '' : `(toro-ts exports no ${program.primitive} yet)`;
    if (liveOn && liveRun?.program !== program && livePending !== program) {
      livePending = program;
      liveNote.textContent = 'running…';
      void runLive(program).then((result) => {
        if (livePending === program) livePending = undefined;
        if (view.program !== program) return;
        liveRun = { program, result };
        render(false);
      });
    }
    const liveTrace = liveOn && liveRun?.program === program && 'trace' in liveRun.result ? liveRun.result.trace : undefined;
    const liveError = liveOn && liveRun?.program === program && 'error' in liveRun.result ? liveRun.result.error : undefined;
    if (liveOn && livePending === program) liveNote.textContent = 'running…';
    else if (liveOn) liveNote.textContent = '';

    const otherDivergence = run !== undefined && view.other !== undefined ? firstDivergence(program, run, view.other.trace, view.choices) : undefined;
    // toro-ts live is held to the model's own rules, whatever the other trace declared.
    const plainRun = run === undefined || view.choices === undefined || liveTrace === undefined ? run : runModel(program);
    const liveDivergence = plainRun !== undefined && liveTrace !== undefined ? firstDivergence(program, plainRun, liveTrace) : undefined;
    for (const picker of choicePickers) {
      const chosen = view.choices?.[picker.name as keyof ContractChoices];
      picker.select.value = typeof chosen === 'string' ? chosen : '';
    }

    // The pictures: one lane per call, the model alone or beside each other trace.
    const figures: string[] = [];
    if (run !== undefined) {
      if (view.other !== undefined) {
        figures.push(timelineFigure({ program, expected: run, actual: view.other.trace, ...(otherDivergence === undefined ? {} : { divergence: otherDivergence }) }, `The model and ${view.other.name}${otherDivergence === undefined ? ', agreeing' : `, parting at tick ${otherDivergence.tick}`}: one lane per call, time running to the right.`, 'toro-picture-other'));
      }
      if (plainRun !== undefined && liveTrace !== undefined) {
        figures.push(timelineFigure({ program, expected: plainRun, actual: liveTrace, ...(liveDivergence === undefined ? {} : { divergence: liveDivergence }) }, `The model and toro-ts (live)${liveDivergence === undefined ? ', agreeing' : `, parting at tick ${liveDivergence.tick}`}.`, 'toro-picture-live'));
      }
      if (figures.length === 0 && program.ticks.length > 0) figures.push(timelineFigure({ program, expected: run }, 'The model: one lane per call, from when it was made to when it settled, time running to the right.', 'toro-picture-model'));
    }
    const drawn = figures.join('');
    if (pictures.dataset['drawn'] !== drawn) {
      pictures.innerHTML = drawn;
      pictures.dataset['drawn'] = drawn;
    }

    // Timeline.
    const entry = (index: number, text: string): HTMLElement => {
      const button = h('button', { type: 'button', class: 'toro-tick', 'aria-current': index === at ? 'step' : undefined, 'data-tick': String(index) }, text);
      button.addEventListener('click', () => go(index));
      const badges: Child[] = [];
      const name = view.other?.name ?? '';
      if (otherDivergence?.tick === index) badges.push(h('span', { class: 'toro-badge toro-badge-differs', title: `${name} differs from the model here` }, `≠ ${name.length <= 24 ? name : 'the other trace'}`));
      if (liveDivergence?.tick === index) badges.push(h('span', { class: 'toro-badge toro-badge-differs' }, '≠ toro-ts'));
      return h('li', {}, button, ...badges);
    };
    // The list is drawn anew; a reader stepping through it with the keyboard keeps the focus.
    const focused = document.activeElement instanceof HTMLElement && timeline.contains(document.activeElement) ? document.activeElement.dataset['tick'] : undefined;
    timeline.replaceChildren(entry(0, showProgram({ ...program, ticks: [] })), ...program.ticks.map((tick, i) => entry(i + 1, `tick ${i + 1}: ${tick.map(showAction).join('; ')}`)));
    if (focused !== undefined) timeline.querySelector<HTMLElement>(`[data-tick="${focused}"]`)?.focus();
    previous.disabled = at === 0;
    next.disabled = at >= program.ticks.length;
    undo.disabled = history.length === 0;
    reset.disabled = program.ticks.length === 0 && view.other === undefined;

    // Controls.
    const signals = signalsOf(program);
    const aborted = abortedSignals(program, at);
    const fresh = signals.length === 0 ? 0 : Math.max(...signals) + 1;
    const signalOptions = [{ value: '', text: 'none' }, ...signals.map((n) => ({ value: String(n), text: `${signalLabel(n)}${aborted.has(n) ? ' (aborted)' : ''}` })), { value: String(fresh), text: `${signalLabel(fresh)} (new)` }];
    const handles = run === undefined ? [] : handlesOf(run, at);
    for (const controls of rowControls) {
      if (controls.signal !== undefined) fillSelect(controls.signal, signalOptions);
      if (controls.on !== undefined) fillSelect(controls.on, handles.map((n) => ({ value: String(n), text: `#${n}` })));
      controls.button.disabled = run === undefined || (controls.on !== undefined && handles.length === 0);
    }
    fillSelect(abortSelect, [...signals.filter((n) => !aborted.has(n)).map((n) => ({ value: String(n), text: signalLabel(n) })), { value: String(fresh), text: `${signalLabel(fresh)} (new)` }]);
    advanceButton.disabled = run === undefined;
    abortButton.disabled = run === undefined;

    // The step.
    const actions = at === 0 ? [] : (program.ticks[at - 1] ?? []);
    stepTitle.textContent = at === 0 ? `Once constructed: new ${program.primitive}(${Object.keys(program.params).length === 0 ? '' : JSON.stringify(program.params)})` : `After tick ${at}: ${actions.map(showAction).join('; ')}`;
    const noteList: Child[] = [];
    if (refused !== undefined) noteList.push(h('p', { class: 'toro-note toro-differs', role: 'note' }, `The model refuses this program: ${refused}`));
    if (run !== undefined && run.violations.length > 0) noteList.push(h('p', { class: 'toro-note toro-differs', role: 'note' }, `The model broke its own invariants: ${run.violations.map((v) => `${v.rule} after ${v.action}`).join('; ')}`));
    if (view.choices !== undefined && Object.keys(view.choices).length > 0) {
      noteList.push(h('p', { class: 'toro-note toro-aside', 'data-side': 'choices' }, `Compared under its declared choices: ${Object.entries(view.choices).map(([name, value]) => `${name} ${typeof value === 'string' ? value : JSON.stringify(value)}`).join(', ')}; the model column follows them.`));
    }
    if (view.other !== undefined && run !== undefined) noteList.push(divergenceNote(view.other.name, otherDivergence, view.other.trace.ticks.length, 'other'));
    if (liveOn && liveTrace !== undefined) noteList.push(divergenceNote('toro-ts (live)', liveDivergence, undefined, 'live'));
    if (liveOn && liveError !== undefined) noteList.push(h('p', { class: 'toro-note', 'data-side': 'live' }, `toro-ts (live): ${liveError}${refused !== undefined ? ', and the model refuses too' : ''}.`));
    notes.replaceChildren(...noteList.filter((n): n is HTMLElement => n instanceof HTMLElement));

    const cols: HTMLElement[] = [];
    if (run !== undefined) {
      cols.push(column('Model', 'model', run.ticks[at - 1], run.initial, 'model', actions));
      if (view.other !== undefined) {
        const other = view.other.trace;
        cols.push(column(view.other.name, 'other', other.ticks[at - 1], other.initial, sideState(otherDivergence, at, at === 0 ? other.initial !== undefined : other.ticks[at - 1] !== undefined), actions));
      }
      if (liveTrace !== undefined) cols.push(column('toro-ts (live)', 'live', liveTrace.ticks[at - 1], liveTrace.initial, sideState(liveDivergence, at, true), actions));
    }
    columns.replaceChildren(...cols);
    columns.classList.toggle('toro-columns-many', cols.length > 1);
    const state = run === undefined ? undefined : at === 0 ? run.initialState : run.states[at - 1];
    statePre.textContent = state === undefined ? '' : JSON.stringify(state, null, 2);
    stateView.replaceChildren(...(state === undefined ? [] : [readList(readState(state), 'state')]));
    drawFigures(run);

    if (edited && run !== undefined && at > 0) {
      const tick = run.ticks[at - 1];
      announcer.textContent = tick === undefined ? '' : `Tick ${at}: ${tick.calls.map((c) => `#${c.id} ${showResult(c.result)}`).join(', ') || 'no call'}; settled ${tick.settled.map(showSettlement).join(', ') || 'nobody'}.`;
    }
  }

  // ---- Events ----
  primitiveSelect.addEventListener('change', () => {
    const primitive = primitiveSelect.value as PrimitiveName;
    act(() => ({ program: { primitive, params: defaultParams(primitive), ticks: [] }, at: 0, other: undefined }));
  });
  startOver.addEventListener('click', () => act(() => ({ program: { ...view.program, ticks: [] }, at: 0, other: undefined })));
  reset.addEventListener('click', () => act(() => ({ program: { ...view.program, ticks: [] }, at: 0, other: undefined })));
  undo.addEventListener('click', () => {
    const before = history.pop();
    if (before === undefined) return;
    view = before;
    errorLine.textContent = '';
    render(true);
  });
  // In the tick list, the arrow keys, Home and End step through the ticks.
  timeline.addEventListener('keydown', (event) => {
    const to = { ArrowUp: view.at - 1, ArrowDown: view.at + 1, Home: 0, End: view.program.ticks.length }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    go(to);
    timeline.querySelector<HTMLElement>(`[data-tick="${view.at}"]`)?.focus();
  });
  previous.addEventListener('click', () => go(view.at - 1));
  next.addEventListener('click', () => go(view.at + 1));
  advanceButton.addEventListener('click', () =>
    act(() => {
      const ms = Number(advanceInput.value);
      if (!Number.isInteger(ms) || ms < 0) throw new ProgramSyntaxError('advance: a whole number of milliseconds, 0 or more');
      return [{ advance: ms }];
    }),
  );
  abortButton.addEventListener('click', () => act(() => [{ abort: Number(abortSelect.value) }]));
  typedForm.addEventListener('submit', (event) => {
    event.preventDefault();
    act(() => parseActions(typed.value, view.program.primitive, nextId(view.program)));
    if (errorLine.textContent === '') typed.value = '';
  });
  replayForm.addEventListener('submit', (event) => {
    event.preventDefault();
    act(() => {
      const read = readProgram(pasteProgram.value);
      const trace = pasteTrace.value.trim() === '' ? read.trace : readTrace(pasteTrace.value);
      const other = trace === undefined ? undefined : { name: 'the pasted trace', trace: traceFor(read.program, trace) };
      const choices = pickedChoices();
      // Open at the first difference, if there is one; at the start otherwise.
      let at = 0;
      try {
        at = other === undefined ? 0 : (firstDivergence(read.program, runModel(read.program, choices), other.trace, choices)?.tick ?? 0);
      } catch {
        at = 0;
      }
      return { program: read.program, at, other, ...(other === undefined || Object.keys(choices).length === 0 ? {} : { choices }) };
    });
  });
  // Another choice compares the same trace again.
  for (const picker of choicePickers) {
    picker.select.addEventListener('change', () => {
      if (view.other === undefined) return;
      const choices = pickedChoices();
      act(() => {
        const { choices: _before, ...rest } = view;
        return Object.keys(choices).length === 0 ? rest : { ...rest, choices };
      });
    });
  }
  liveToggle.addEventListener('change', () => {
    live = liveToggle.checked;
    render(false);
  });
  copy.addEventListener('click', () => {
    const url = new URL(share.getAttribute('href') ?? '', window.location.href).href;
    const fallback = (): void => {
      copied.textContent = 'Copy the address bar: it holds the link.';
    };
    // The clipboard is there only in a secure context (https, localhost).
    const clipboard = (navigator as { clipboard?: Clipboard }).clipboard;
    if (clipboard === undefined) fallback();
    else clipboard.writeText(url).then(() => (copied.textContent = 'Copied.'), fallback);
  });
  window.addEventListener('hashchange', () => load(window.location.hash, false));

  if (!load(window.location.hash, true)) render(false);
}
