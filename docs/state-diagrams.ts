/**
 * State diagrams drawn by the models themselves: starting from a small configuration, apply
 * every call a program could make, with the model's own `step`, until no new state appears;
 * then emit the graph as DOT. Nothing here knows the rules: change a model and its picture
 * changes with it.
 *
 * Waiter numbers grow without end, so states are merged by a label that forgets them (how many
 * wait, how many hold, ...): the picture is the model up to renaming waiters, which is exactly
 * what fairness is about.
 */

import type { Returned, Settlement, Step } from '../model/index.js';

/** One primitive's picture: how to start, which calls to try, and how to name what is seen. */
export interface DiagramSpec<S, Op> {
  /** Caption, e.g. `Lock`. */
  readonly title: string;
  /** What the caption says about the configuration, e.g. `new BoundedSemaphore(2), at most 2 waiters`. */
  readonly configuration: string;
  readonly initial: S;
  readonly step: (state: S, op: Op) => Step<S>;
  /** The calls to try from `state`; `fresh` is a waiter number not used yet. */
  readonly ops: (state: S, fresh: number) => readonly Op[];
  /** The node a state belongs to; states with the same label are one node. */
  readonly label: (state: S) => string;
  /** How a call made in `state` reads on an edge, e.g. `acquire()`. */
  readonly opLabel: (op: Op, state: S) => string;
  /** Whether what `op` returns is worth showing even when it is `undefined` (`tryAcquire()`). */
  readonly returnsValue?: (op: Op) => boolean;
  /** The waiter a call is made by, if any, to tell "settles itself" from "settles another". */
  readonly caller?: (op: Op) => number | undefined;
}

/** A state machine as explored: nodes by label, edges with every call that takes them. */
export interface Graph {
  readonly nodes: readonly string[];
  readonly initial: string;
  /** A state of each node, in the order of `nodes`: the first one found. */
  readonly states: readonly unknown[];
  /** `from -> to`, each with the distinct labels of the calls that take it. */
  readonly edges: ReadonlyMap<string, { readonly from: string; readonly to: string; readonly labels: readonly string[] }>;
}

const OUTCOME: Record<Settlement['outcome'], string> = {
  resolved: 'resolves',
  timeout: 'times out',
  aborted: 'rejects',
  rejected: 'rejects',
};

function describeReturned(returned: Returned, always: boolean): string {
  switch (returned.kind) {
    case 'threw':
      return `throws ${returned.error}`;
    case 'returned':
      if (returned.value === undefined) return always ? 'returns undefined' : '';
      // The models name what they hand out ('releaser') or hand out an item.
      return typeof returned.value === 'string' ? `returns a ${returned.value}` : 'returns an item';
    case 'pending':
      return '';
  }
}

/** How a step reads on an edge: the call, what it returned, and who settled. */
function describeStep<S, Op>(spec: DiagramSpec<S, Op>, state: S, op: Op, result: Step<S>): string {
  const effects: string[] = [];
  const returned = describeReturned(result.returned, spec.returnsValue?.(op) ?? false);
  if (returned !== '') effects.push(returned);
  const caller = spec.caller?.(op);
  // In the model's order; the caller reads "it ...", a run of others is counted: "2 oldest waiters resolve".
  const runs: { who: 'it' | 'other'; outcome: string; count: number }[] = [];
  for (const settlement of result.settled) {
    const outcome = settlement.outcome === 'resolved' && typeof settlement.value === 'boolean'
      ? `${OUTCOME.resolved} ${settlement.value}`
      : settlement.outcome === 'rejected' ? `${OUTCOME.rejected} ${settlement.error}` : OUTCOME[settlement.outcome];
    const who = settlement.waiter === caller ? 'it' : 'other';
    const last = runs.at(-1);
    if (who === 'other' && last !== undefined && last.who === 'other' && last.outcome === outcome) last.count++;
    else runs.push({ who, outcome, count: 1 });
  }
  for (const { who, outcome, count } of runs) {
    if (who === 'it') effects.push(`it ${outcome}`);
    else effects.push(count === 1 ? `oldest waiter ${outcome}` : `${count} oldest waiters ${outcome.replace(/s\b/, '')}, in order`);
  }
  if (effects.length === 0 && spec.label(result.state) === spec.label(state)) effects.push('changes nothing');
  return effects.length === 0 ? spec.opLabel(op, state) : `${spec.opLabel(op, state)}: ${effects.join(', ')}`;
}

/** Breadth-first exploration of every node reachable from the spec's initial state. */
export function explore<S, Op>(spec: DiagramSpec<S, Op>, limit = 60): Graph {
  const initial = spec.label(spec.initial);
  const representative = new Map<string, S>([[initial, spec.initial]]);
  const queue: S[] = [spec.initial];
  const edges = new Map<string, { from: string; to: string; labels: string[] }>();
  let fresh = 1_000;
  while (queue.length > 0) {
    const state = queue.shift() as S;
    const from = spec.label(state);
    for (const op of spec.ops(state, fresh++)) {
      const result = spec.step(state, op);
      const to = spec.label(result.state);
      if (!representative.has(to)) {
        if (representative.size >= limit) throw new Error(`${spec.title}: more than ${limit} states; restrict the configuration`);
        representative.set(to, result.state);
        queue.push(result.state);
      }
      const key = `${from}\u0000${to}`;
      const edge = edges.get(key) ?? { from, to, labels: [] };
      const label = describeStep(spec, state, op, result);
      if (!edge.labels.includes(label)) edge.labels.push(label);
      edges.set(key, edge);
    }
  }
  return { nodes: [...representative.keys()], initial, states: [...representative.values()], edges };
}

function quote(text: string): string {
  return `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')}"`;
}

/** Text for a Graphviz HTML-like label. */
function html(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/**
 * An edge's label, one call a line, as a Graphviz HTML-like label: a table cell whose padding
 * Graphviz counts when it places labels, so that two labels (those of opposite edges between two
 * states, say) always keep a gap and never read as one.
 */
function edgeLabel(labels: readonly string[]): string {
  return `<<table border="0" cellborder="0" cellpadding="${LABEL_PADDING}" cellspacing="0"><tr><td>${labels.map(html).join('<br/>')}</td></tr></table>>`;
}

/** The empty space around an edge's label, in points: half the least gap between two labels. */
export const LABEL_PADDING = 4;

/** The graph in DOT, laid out top to bottom, the initial state drawn bold. */
export function toDot(title: string, graph: Graph): string {
  const lines = [
    `digraph ${quote(title)} {`,
    '  graph [rankdir=TB, bgcolor="transparent", fontname="Helvetica", fontsize=11, nodesep=0.35, ranksep=0.6];',
    '  node [shape=box, style="rounded", fontname="Helvetica", fontsize=11, margin="0.12,0.06"];',
    '  edge [fontname="Helvetica", fontsize=9, arrowsize=0.7];',
  ];
  for (const node of graph.nodes) {
    lines.push(`  ${quote(node)}${node === graph.initial ? ' [penwidth=2.2]' : ''};`);
  }
  for (const { from, to, labels } of graph.edges.values()) {
    lines.push(`  ${quote(from)} -> ${quote(to)} [label=${edgeLabel(labels)}];`);
  }
  lines.push('}');
  return lines.join('\n');
}
