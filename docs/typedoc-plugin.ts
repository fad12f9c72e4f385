/**
 * The site's TypeDoc plugin: it puts the API (`toro-ts`) and the specification (`toro-ts/model`)
 * side by side.
 *
 * ## How the sidebar groups: by primitive
 *
 * Both entry points list their exports in the same groups, in the order of {@link GROUPS}: the
 * primitives (Semaphore family, Event, Condition, Queues, ...), then the shared vocabulary and
 * the errors. An export joins the group of the file that declares it (`src/lock.ts` and
 * `model/lock.ts` both join "Semaphore family"), so `Semaphore` and `semaphoreStep` sit under the
 * same title on the two sides.
 *
 * - **A new primitive** (`src/barrier.ts` with `model/barrier.ts`) needs no line at all: its
 *   file gets a group of its own, titled with the API class named like the file (`Barrier`),
 *   after the listed primitives and before the shared groups. One line in {@link GROUPS} titles
 *   and places it, or puts its file in a family (as `weighted-semaphore` is in "Semaphore
 *   family").
 * - **One export elsewhere**: a `@group` tag in its TSDoc wins over the file rule.
 * - Within a group: the group's files in the order listed, classes first, then source order.
 *
 * ## The rest
 *
 * - Links cross between the two entry points: `{@link Semaphore}` written in a model resolves
 *   to the API's class, `{@link semaphoreStep}` written in `src/` to the model's function (the
 *   explicit `{@link model!semaphoreStep}` works too).
 * - Each model's `step` page (the primitive's specification page) shows the state machine,
 *   explored from small configurations by the model's own `step` and rendered by Graphviz at
 *   build time, links back to the classes it specifies, and shows the `step` source itself.
 *   Wide diagrams are scaled to the column; `docs/site.js` opens one full size on a click.
 * - Each class it specifies gets a "Specification" section that links to that page.
 * - The search finds the words of a model's module comment, which its specification page shows,
 *   as it finds the guides' and the comments' (typedoc.json, `searchInDocuments`,
 *   `searchInComments`).
 * - A heading with inline code keeps that code's text in "On This Page" (TypeDoc keeps only a
 *   heading's plain text there).
 * - A model's module comment, which its specification page shows, links to a guide as a reader
 *   of the source expects (`[rule 7](../docs/guides/rules.md#rule-7-queues-follow-tornado)`): on
 *   the site the link goes to the guide's page, and a missing page or anchor is a warning.
 * - The explorer: the guide that holds the mount point `<div id="toro-explorer">` gets the
 *   explorer's script and styles (`docs/explorer/`, bundled by esbuild into `assets/` once the
 *   site is written), every state diagram (the script shows the current primitive's and
 *   highlights the current state), and the address of the rules page. A page that holds the
 *   marker `<!-- zoo-replays -->` gets, in its place, one link per bug zoo entry that opens its
 *   counterexample in the explorer, beside the broken implementation's trace, with the timeline
 *   picture of the two (`docs/timeline-figure.ts`).
 * - Every table sits in a box of its own that scrolls sideways (`boxTables`).
 * - A page that holds `<!-- timeline: ... -->` markers gets the timeline picture of each
 *   finding there (`docs/finding-timelines.ts`); a marker that names none is a warning.
 * - It checks what TypeDoc's validation does not: every public class carries an `@example`,
 *   and every model `step` function has its pictures; a miss is a warning, so an error under
 *   `treatWarningsAsErrors`.
 *
 * Loaded by `npm run docs` through `tsx` (see `typedoc.json`, `"plugin"`).
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { instance } from '@viz-js/viz';
import ts from 'typescript';
import {
  Application,
  Comment,
  CommentTag,
  Converter,
  DeclarationReflection,
  DocumentReflection,
  IndexEvent,
  JSX,
  PageEvent,
  Reflection,
  ReflectionKind,
  Renderer,
  type CommentDisplayPart,
  type DefaultThemeRenderContext,
  type ProjectReflection,
} from 'typedoc';
import { diagramsFor, type Diagram } from './diagrams.js';
import { buildExplorer } from './explorer/build.js';
import { asksForTimelines, peerFigures, placeTimelines } from './finding-timelines.js';
import { zooReplays, type ZooReplay } from './explorer/zoo-replays.js';

/** The module names TypeDoc gives the two entry points (their `@module` tags). */
const API = 'toro-ts';
const SPEC = 'model';

/**
 * The sidebar's groups, in order, each with the base names of the `src/` and `model/` files
 * whose exports it lists. A file not listed gets a group of its own, placed before
 * {@link FIRST_SHARED}; see the top of this file.
 */
const GROUPS: readonly { readonly title: string; readonly files: readonly string[] }[] = [
  { title: 'Semaphore family', files: ['semaphore', 'lock', 'weighted-semaphore'] },
  { title: 'RWLock', files: ['rwlock'] },
  { title: 'Event', files: ['event'] },
  { title: 'Condition', files: ['condition'] },
  { title: 'Queues', files: ['queue'] },
  { title: 'Shared vocabulary', files: ['common', 'options', 'releaser'] },
  { title: 'Errors', files: ['errors'] },
];
/** Groups from here on are shared by every primitive; a new primitive's group goes before. */
const FIRST_SHARED = 'Shared vocabulary';

/** The explorer's mount point: the guide that holds it is the explorer page. */
const EXPLORER_MOUNT = '<div id="toro-explorer">';
/** Where a page wants the bug zoo's replay links. */
const ZOO_MARKER = '<!-- zoo-replays -->';
/** The guide that states the rules, which the explorer links a divergence's rule to. */
const RULES_GUIDE = fileURLToPath(new URL('./guides/rules.md', import.meta.url));

/** The search field that holds a specification page's "About this model" text. */
const ABOUT_FIELD = 'about';

/** A model's step function: the page that specifies a primitive. */
const STEP = /^[a-z][A-Za-z]*Step$/;

interface RenderedDiagram extends Diagram {
  readonly svg: string;
}

function moduleOf(reflection: Reflection): Reflection | undefined {
  let current: Reflection | undefined = reflection;
  while (current !== undefined && !current.kindOf(ReflectionKind.Module)) current = current.parent;
  return current;
}

function topModule(project: ProjectReflection, name: string): DeclarationReflection | undefined {
  return project.children?.find((child) => child.kindOf(ReflectionKind.Module) && child.name === name);
}

/** The reflection a comment belongs to, seen as a page: a signature belongs to its function. */
function owner(reflection: Reflection): Reflection {
  return reflection.kindOf(ReflectionKind.SomeSignature) && reflection.parent !== undefined ? reflection.parent : reflection;
}

function comments(reflection: Reflection): Comment[] {
  const found: Comment[] = [];
  if (reflection.comment !== undefined) found.push(reflection.comment);
  if (reflection instanceof DeclarationReflection) {
    for (const signature of [...(reflection.signatures ?? []), reflection.getSignature, reflection.setSignature]) {
      if (signature?.comment !== undefined) found.push(signature.comment);
    }
  }
  return found;
}

const MODEL_DIR = fileURLToPath(new URL('../model', import.meta.url));

/** A model function's source, as written, and the module comment of the file that declares it. */
interface ModelSource {
  readonly code: string;
  /** The file's `@module` comment as markdown, its links written as code; empty if none. */
  readonly about: string;
}

/** Finds the model function `name` in whichever `model/` file declares it. */
function modelSource(name: string): ModelSource | undefined {
  for (const file of readdirSync(MODEL_DIR).filter((entry) => entry.endsWith('.ts'))) {
    const path = join(MODEL_DIR, file);
    const text = readFileSync(path, 'utf8');
    const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
    const found = source.statements.find((statement) => ts.isFunctionDeclaration(statement) && statement.name?.text === name);
    if (found === undefined) continue;
    // `export *` from model/index.ts drops each file's module comment from the site; it says
    // why the model is as it is, so the specification page shows it.
    const header = /^\/\*\*([\s\S]*?)\*\//.exec(text)?.[1] ?? '';
    const about = header.includes('@module')
      ? header
          .replace(/^[ \t]*\* ?/gm, '')
          .replace(/@module.*$/m, '')
          .replace(/\{@link\s+([^}|\s]+)(?:\s*\|\s*([^}]+))?\}/g, (_all, target: string, text?: string) => `\`${text ?? target.replace(/^[\w-]+!/, '')}\``)
          // A bare file name such as README.md is not a web address (.md is a top-level domain).
          .replace(/(^|[\s(])([\w-]+\.md)\b/g, '$1`$2`')
          .trim()
      : '';
    return { code: found.getText(source), about };
  }
  return undefined;
}

/** Graphviz's SVG, ready to sit inline in a page: no XML prolog, no doctype, no comments. */
function inlineSvg(svg: string): string {
  return svg
    .replace(/<\?xml[^>]*\?>/, '')
    .replace(/<!DOCTYPE[^>]*>/, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/\n\s*\n/g, '\n')
    .trim();
}

/** The base name of the file that declares an export: `src/weighted-semaphore.ts` -> `weighted-semaphore`. */
function fileOf(reflection: Reflection): string | undefined {
  const path = reflection.project.getSymbolIdFromReflection(reflection)?.packagePath;
  return path === undefined ? undefined : /([^/\\]+)\.[cm]?tsx?$/.exec(path)?.[1];
}

/** A group's title for a file: its line in {@link GROUPS}, or the API class named like the file. */
function groupTitle(file: string, api: DeclarationReflection): string {
  const listed = GROUPS.find((group) => group.files.includes(file));
  if (listed !== undefined) return listed.title;
  const bare = file.replaceAll('-', '').toLowerCase();
  const named = api.children?.find((child) => child.kindOf(ReflectionKind.Class) && child.name.toLowerCase() === bare);
  return named?.name ?? file.replace(/(^|-)(\w)/g, (_all, _dash: string, letter: string) => letter.toUpperCase());
}

/** Where a group goes: listed ones in their order, the others (new primitives) before the shared ones. */
function groupRank(title: string): number {
  const index = GROUPS.findIndex((group) => group.title === title);
  return index !== -1 ? index : GROUPS.findIndex((group) => group.title === FIRST_SHARED) - 0.5;
}

/** Gives every export of an entry point the `@group` of its file, unless it names one itself. */
function groupByPrimitive(module: DeclarationReflection, api: DeclarationReflection): void {
  for (const child of module.children ?? []) {
    const own = comments(child).some((comment) => comment.blockTags.some((tag) => tag.tag === '@group'));
    const file = fileOf(child);
    if (own || file === undefined) continue;
    const comment = child.comment ?? child.signatures?.[0]?.comment ?? (child.comment = new Comment());
    comment.blockTags.push(new CommentTag('@group', [{ kind: 'text', text: groupTitle(file, api) }]));
  }
  // The sidebar shows a module's groups (TypeDoc's own modifier, set here for both modules).
  (module.comment ??= new Comment()).modifierTags.add('@showGroups');
}

/** Orders the groups TypeDoc made, and each group's members: files as listed, classes first, then source order. */
function orderGroups(module: DeclarationReflection): void {
  module.groups?.sort((a, b) => groupRank(a.title) - groupRank(b.title) || a.title.localeCompare(b.title));
  for (const group of module.groups ?? []) {
    const files = GROUPS.find((listed) => listed.title === group.title)?.files ?? [];
    const position = new Map<Reflection, number>(group.children.map((child, index) => [child, index]));
    const key = (child: Reflection): [number, number, number] => {
      const file = files.indexOf(fileOf(child) ?? '');
      return [file === -1 ? files.length : file, child.kindOf(ReflectionKind.Class) ? 0 : 1, position.get(child) ?? 0];
    };
    group.children.sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
    });
  }
}

interface MarkdownToken {
  type: string;
  content: string;
  children: MarkdownToken[] | null;
}
interface MarkdownParser {
  core: { ruler: { push(name: string, rule: (state: { tokens: MarkdownToken[]; Token: new (type: string, tag: string, nesting: number) => MarkdownToken }) => void): void } };
}

/**
 * TypeDoc titles "On This Page" entries (and their anchors) with a heading's text tokens only,
 * so `## Cancelling with an \`AbortSignal\`` lost its code. A heading's inline code becomes
 * `<code>`, text, `</code>`: drawn the same, and its text counts.
 */
function headingCodeAsText(parser: MarkdownParser): void {
  parser.core.ruler.push('toro-heading-code', (state) => {
    for (const [index, token] of state.tokens.entries()) {
      if (token.type !== 'heading_open') continue;
      const inline = state.tokens[index + 1];
      if (inline?.children == null) continue;
      inline.children = inline.children.flatMap((child) => {
        if (child.type !== 'code_inline') return [child];
        const [open, text, close] = [new state.Token('html_inline', '', 0), new state.Token('text', '', 0), new state.Token('html_inline', '', 0)];
        open.content = '<code>';
        text.content = child.content;
        close.content = '</code>';
        return [open, text, close];
      });
    }
  });
}

/** A state diagram with its caption, as a specification page and the explorer show it. */
function figure(picture: RenderedDiagram): JSX.Element {
  const h = JSX.createElement;
  return h(
    'figure',
    { class: 'toro-diagram', 'data-primitives': picture.classes.join(' '), 'data-diagram': picture.title },
    h('div', { class: 'toro-diagram-svg' }, h(JSX.Raw, { html: picture.svg })),
    h(
      'figcaption',
      null,
      h('strong', null, picture.title),
      ` — ${picture.configuration}; ${picture.states} states.`,
      // Shown by docs/site.css only while the column draws the diagram scaled down.
      h('button', { type: 'button', class: 'toro-diagram-zoom', 'aria-label': `Show ${picture.title} full size` }, 'Full size'),
    ),
  );
}

/** Text for HTML. */
function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/**
 * `html` with each `<table>` inside a `div.toro-table`: the box scrolls sideways when the table is
 * wider than the column. It is a named region (its header cells name it) so a reader of a
 * screen reader knows what scrolls; `docs/site.js` makes it focusable only while it scrolls.
 */
export function boxTables(html: string): string {
  return html.replace(/<table>([\s\S]*?)<\/table>/g, (_all, inner: string) => {
    const headers = [...(/<thead>([\s\S]*?)<\/thead>/.exec(inner)?.[1] ?? '').matchAll(/<th[^>]*>([\s\S]*?)<\/th>/g)]
      .map((cell) => (cell[1] as string).replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim())
      .filter((text) => text !== '');
    const label = headers.length === 0 ? 'Table' : `Table: ${headers.join(', ')}`;
    // The header cells' text is HTML already (`&amp;`); only a quote would end the attribute.
    return `<div class="toro-table" role="region" aria-label="${label.replaceAll('"', '&quot;')}"><table>${inner}</table></div>`;
  });
}

/** Whether a guide holds `text` in its markdown. */
function holds(guide: DocumentReflection, text: string): boolean {
  return guide.content.some((part) => part.text.includes(text));
}

function link(context: DefaultThemeRenderContext, target: Reflection, text = target.name): JSX.Element {
  const href = context.urlTo(target);
  return href === undefined ? JSX.createElement('code', null, text) : JSX.createElement('a', { href }, JSX.createElement('code', null, text));
}

export function load(app: Application): void {
  // Options are read again after plugins load, so the loader is set once they are final; a
  // loader from typedoc.json, if any, still runs first.
  app.on(Application.EVENT_BOOTSTRAP_END, () => {
    const configured = app.options.getValue('markdownItLoader');
    app.options.setValue('markdownItLoader', (parser: MarkdownParser) => {
      configured(parser);
      headingCodeAsText(parser);
    });
  });

  // Cross-module links: a name that does not resolve in its own entry point is looked up in
  // the other one. TypeDoc turns a resolver's result into the link target as is, so a
  // reflection makes an ordinary internal link (the declared type only mentions URLs).
  app.converter.addUnknownSymbolResolver((ref, reflection) => {
    if (ref.moduleSource !== undefined || ref.symbolReference?.path === undefined) return undefined;
    const here = moduleOf(reflection)?.name;
    const there = here === API ? SPEC : here === SPEC ? API : undefined;
    if (there === undefined) return undefined;
    const module = topModule(reflection.project, there);
    const target = module?.getChildByName(ref.symbolReference.path.map((component) => component.path));
    return target === undefined ? undefined : { target: target as unknown as string };
  });

  // A model lists its invariants as `{ noWaitersWhileSet, ... } as const`: each property is a
  // documented function of the same module, so it takes that function's documentation.
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const property of context.project.getReflectionsByKind(ReflectionKind.Property)) {
      if (!(property instanceof DeclarationReflection) || property.hasComment()) continue;
      const literal = property.parent;
      const variable = literal?.parent;
      if (!literal?.kindOf(ReflectionKind.TypeLiteral) || !variable?.kindOf(ReflectionKind.Variable)) continue;
      const named = variable.parent?.getChildByName(property.name);
      const comment = named instanceof DeclarationReflection ? (named.comment ?? named.signatures?.[0]?.comment) : undefined;
      if (comment === undefined) continue;
      property.comment = comment.clone();
      const signatures = property.type?.type === 'reflection' ? property.type.declaration.getNonIndexSignatures() : [];
      for (const signature of signatures) signature.comment ??= comment.clone();
    }
  });

  // Before TypeDoc groups (at priority -100): the tags it groups by.
  app.converter.on(Converter.EVENT_RESOLVE_END, (context) => {
    const api = topModule(context.project, API);
    if (api === undefined) return;
    for (const module of [api, topModule(context.project, SPEC)]) if (module !== undefined) groupByPrimitive(module, api);
  });
  // After TypeDoc groups: their order.
  app.converter.on(
    Converter.EVENT_RESOLVE_END,
    (context) => {
      for (const name of [API, SPEC]) {
        const module = topModule(context.project, name);
        if (module !== undefined) orderGroups(module);
      }
    },
    -150,
  );

  /** The guides, by absolute path: a model's module comment links to them by relative path. */
  const guides = new Map<string, DocumentReflection>();
  /** Links to a guide's anchor made for those comments, checked once every page is rendered. */
  const anchored: { readonly from: string; readonly guide: DocumentReflection; readonly anchor: string }[] = [];
  app.renderer.on(Renderer.EVENT_BEGIN, (event) => {
    guides.clear();
    anchored.length = 0;
    for (const guide of event.project.getReflectionsByKind(ReflectionKind.Document)) {
      const path = event.project.files.getReflectionPath(guide);
      if (path !== undefined && guide instanceof DocumentReflection) guides.set(resolve(path), guide);
    }
  });
  app.renderer.on(Renderer.EVENT_END, () => {
    for (const { from, guide, anchor } of anchored) {
      if (app.renderer.router?.getSlugger(guide).hasAnchor(anchor) !== true) {
        app.logger.warn(`${from} links to "${guide.name}#${anchor}", but that page has no such heading`);
      }
    }
  });

  /** A module comment's relative links to guides (`../docs/guides/rules.md#rule-7-...`), made links to their pages. */
  function linkGuides(context: DefaultThemeRenderContext, markdown: string, from: string): string {
    return markdown.replace(/\]\((\.\.?\/[^)\s#]+\.md)(?:#([^)\s]+))?\)/g, (all, path: string, anchor?: string) => {
      const guide = guides.get(resolve(MODEL_DIR, path));
      if (guide === undefined) {
        app.logger.warn(`${from} links to ${path}, which is not a page of the site (typedoc.json, "projectDocuments")`);
        return all;
      }
      if (anchor !== undefined) anchored.push({ from, guide, anchor });
      return `](${context.urlTo(guide)}${anchor === undefined ? '' : `#${anchor}`})`;
    });
  }

  const diagrams = new Map<string, readonly RenderedDiagram[]>();
  /** API class name -> the model step function that specifies it. */
  const specifiedBy = new Map<string, DeclarationReflection>();

  app.converter.on(Converter.EVENT_RESOLVE_END, (context) => {
    const project = context.project;
    const api = topModule(project, API);
    const spec = topModule(project, SPEC);
    if (api === undefined || spec === undefined) {
      app.logger.warn(`The site needs two entry points named ${API} and ${SPEC}; found ${project.children?.map((c) => c.name).join(', ')}`);
      return;
    }
    for (const child of api.children ?? []) {
      if (!child.kindOf(ReflectionKind.Class)) continue;
      const example = comments(child).some((comment) => comment.blockTags.some((tag) => tag.tag === '@example'));
      if (!example) app.logger.warn(`${API}.${child.name} has no @example: every public class shows how it is used`);
    }
    for (const step of spec.children ?? []) {
      if (!step.kindOf(ReflectionKind.Function) || !STEP.test(step.name)) continue;
      const pictures = diagramsFor(step.name);
      if (pictures.length === 0) {
        app.logger.warn(`${SPEC}.${step.name} has no state diagram: add its configurations to docs/diagrams.ts`);
      }
      for (const name of new Set(pictures.flatMap((picture) => picture.classes))) {
        if (api.getChildByName(name) === undefined) {
          app.logger.warn(`docs/diagrams.ts draws ${name} for ${step.name}, but ${API} exports no ${name}`);
        } else {
          specifiedBy.set(name, step);
        }
      }
      diagrams.set(step.name, pictures.map((picture) => ({ ...picture, svg: '' })));
    }
  });

  // A link written `{@link model!semaphoreStep}` reads `semaphoreStep`: the module prefix only
  // says where to look. (TypeDoc keeps a link's text as written.)
  app.renderer.on(Renderer.EVENT_BEGIN, (event) => {
    const strip = (parts: readonly CommentDisplayPart[] | undefined): void => {
      for (const part of parts ?? []) {
        if (part.kind === 'inline-tag' && part.tag.startsWith('@link') && part.target !== undefined) {
          part.text = part.text.replace(new RegExp(`^\\s*(?:${API}|${SPEC})!`), '');
        }
      }
    };
    const stripComment = (comment: Comment | undefined): void => {
      strip(comment?.summary);
      for (const tag of comment?.blockTags ?? []) strip(tag.content);
    };
    const project = event.project;
    for (const reflection of [project, ...Object.values(project.reflections)]) {
      for (const comment of comments(reflection)) stripComment(comment);
      if (reflection instanceof DocumentReflection) strip(reflection.content);
      if (reflection.isProject() || reflection instanceof DeclarationReflection) strip(reflection.readme);
    }
  });

  app.renderer.preRenderAsyncJobs.push(async () => {
    const viz = await instance();
    for (const [name, pictures] of diagrams) {
      diagrams.set(name, pictures.map((picture) => ({ ...picture, svg: inlineSvg(viz.renderString(picture.dot, { format: 'svg' })) })));
    }
  });

  app.renderer.hooks.on('comment.afterTags', (context, _comment, reflection) => {
    const page = context.page.model;
    const subject = owner(reflection);
    // Render once per page, for the page's own subject (not for the members it lists).
    if (subject !== page || (reflection !== subject && reflection !== (subject as DeclarationReflection).signatures?.[0])) {
      return JSX.createElement(JSX.Fragment, null);
    }
    const module = moduleOf(subject)?.name;
    if (module === SPEC && diagrams.has(subject.name)) return specificationSection(context, subject as DeclarationReflection);
    if (module === API && specifiedBy.has(subject.name)) return implementationSection(context, specifiedBy.get(subject.name) as DeclarationReflection);
    return JSX.createElement(JSX.Fragment, null);
  });

  // The search: TypeDoc indexes a document's text and a reflection's own comments, but a model
  // file's module comment never reaches it (`export *` from model/index.ts drops it; the
  // specification page shows it from the source, above): its step function, whose page shows
  // it, carries it as a field of its own.
  app.renderer.on(IndexEvent.PREPARE_INDEX, (event: IndexEvent) => {
    event.searchFieldWeights[ABOUT_FIELD] = 1;
    event.searchResults.forEach((reflection, index) => {
      if (moduleOf(reflection)?.name !== SPEC || !STEP.test(reflection.name)) return;
      const about = modelSource(reflection.name)?.about;
      if (about !== undefined && about !== '') event.searchFields[index] = { ...event.searchFields[index], [ABOUT_FIELD]: about };
    });
  });

  // ---- The explorer ----
  let explorerPage: DocumentReflection | undefined;
  let rulesPage: DocumentReflection | undefined;
  let replays: readonly ZooReplay[] = [];
  app.renderer.on(Renderer.EVENT_BEGIN, (event) => {
    const documents = event.project.getReflectionsByKind(ReflectionKind.Document).filter((d): d is DocumentReflection => d instanceof DocumentReflection);
    explorerPage = documents.find((guide) => holds(guide, EXPLORER_MOUNT));
    rulesPage = guides.get(RULES_GUIDE);
    const wanting = documents.filter((guide) => holds(guide, ZOO_MARKER));
    if (wanting.length > 0 && explorerPage === undefined) app.logger.warn(`${wanting.map((g) => g.name).join(', ')} asks for the zoo's replays, but no guide holds the explorer (${EXPLORER_MOUNT})`);
  });
  app.renderer.preRenderAsyncJobs.push(async () => {
    replays = await zooReplays();
  });
  // The pictures of the findings (docs/finding-timelines.ts), where a page asks for them.
  let findings: ReadonlyMap<string, string> = new Map();
  app.renderer.preRenderAsyncJobs.push(async () => {
    findings = await peerFigures();
  });
  app.renderer.on(PageEvent.END, (page: PageEvent) => {
    if (page.contents === undefined || !asksForTimelines(page.contents)) return;
    const { html, errors } = placeTimelines(page.contents, findings);
    page.contents = html;
    for (const error of errors) app.logger.warn(`${page.url}: ${error}`);
  });
  const onExplorer = (context: DefaultThemeRenderContext): boolean => explorerPage !== undefined && context.page.model === explorerPage;
  app.renderer.hooks.on('head.end', (context) =>
    onExplorer(context) ? JSX.createElement('link', { rel: 'stylesheet', href: context.relativeURL('assets/explorer.css', true) }) : JSX.createElement(JSX.Fragment, null),
  );
  app.renderer.hooks.on('body.end', (context) =>
    onExplorer(context) ? JSX.createElement('script', { type: 'module', src: context.relativeURL('assets/explorer.js', true) }) : JSX.createElement(JSX.Fragment, null),
  );
  // Every diagram, for the script to show the current primitive's.
  app.renderer.hooks.on('content.end', (context) =>
    onExplorer(context)
      ? JSX.createElement('div', { class: 'toro-explorer-diagrams', 'aria-hidden': 'true' }, ...[...diagrams.values()].flat().map(figure))
      : JSX.createElement(JSX.Fragment, null),
  );
  // Every table in its own box that scrolls sideways (docs/site.css, docs/site.js), so a wide
  // table never widens the page nor runs under the page menu or "On This Page".
  app.renderer.on(PageEvent.END, (page: PageEvent) => {
    if (page.contents !== undefined) page.contents = boxTables(page.contents);
  });
  app.renderer.on(PageEvent.END, (page: PageEvent) => {
    if (page.contents === undefined || !(page.model instanceof Reflection)) return;
    const router = app.renderer.router;
    if (explorerPage !== undefined && page.model === explorerPage && rulesPage !== undefined && router !== undefined) {
      page.contents = page.contents.replace(EXPLORER_MOUNT, `<div id="toro-explorer" data-rules="${escapeHtml(router.relativeUrl(explorerPage, rulesPage))}">`);
    }
    if (page.contents.includes(ZOO_MARKER) && explorerPage !== undefined && router !== undefined) {
      const to = router.relativeUrl(page.model, explorerPage);
      const items = replays.map(
        (replay) =>
          `<li><a href="${escapeHtml(`${to}${replay.hash}`)}" data-primitive="${escapeHtml(replay.primitive)}" data-rule="${escapeHtml(replay.rule)}">${escapeHtml(replay.bug)}</a> ` +
          `(${escapeHtml(replay.primitive)}): <code>${escapeHtml(replay.program.split('\n').slice(1).map((line) => line.trim()).join('; '))}</code>${replay.figure}</li>`,
      );
      page.contents = page.contents.replace(ZOO_MARKER, `<ul class="toro-zoo-replays">${items.join('')}</ul>`);
    }
  });
  app.renderer.postRenderAsyncJobs.push(async (event) => {
    if (explorerPage === undefined) return;
    for (const size of await buildExplorer(join(event.outputDirectory, 'assets'))) {
      app.logger.info(`explorer: assets/${size.file} is ${size.bytes} bytes, ${size.gzipped} gzipped`);
    }
  });

  function specificationSection(context: DefaultThemeRenderContext, step: DeclarationReflection): JSX.Element {
    const api = topModule(step.project, API);
    const pictures = diagrams.get(step.name) ?? [];
    const classes = [...new Set(pictures.flatMap((picture) => picture.classes))];
    const source = modelSource(step.name);
    const h = JSX.createElement;
    return h(
      'div',
      { class: 'tsd-comment tsd-typography toro-spec' },
      h('h4', { id: 'specifies' }, 'Specifies'),
      h(
        'p',
        null,
        'This step function is the specification of ',
        ...classes.flatMap((name, index) => {
          const target = api?.getChildByName(name);
          const separator = index === 0 ? [] : [index === classes.length - 1 ? ' and ' : ', '];
          return [...separator, target === undefined ? h('code', null, name) : link(context, target)];
        }),
        ': the implementation must agree with it on every program, which the property tests check.',
      ),
      source === undefined || source.about === '' ? null : h('h4', { id: 'about-the-model' }, 'About this model'),
      source === undefined || source.about === '' ? null : h(JSX.Raw, { html: context.markdown(linkGuides(context, source.about, `The module comment of ${step.name}`)) }),
      h('h4', { id: 'state-machine' }, 'State machine'),
      h(
        'p',
        null,
        'Every state reachable from a small configuration, found by applying every call to the model above; ',
        'states that differ only in which waiter is which are drawn as one, and bad input (a bad timeout, count or weight), which changes nothing, is left out. ',
        'Generated at build time from the model, not drawn by hand.',
      ),
      ...pictures.map(figure),
      source === undefined
        ? null
        : h(
            'details',
            { class: 'toro-step-source' },
            h('summary', { id: 'step-source' }, `The rules, as code: ${step.name}`),
            h(JSX.Raw, { html: context.markdown(`\`\`\`ts\n${source.code}\n\`\`\``) }),
          ),
    );
  }

  function implementationSection(context: DefaultThemeRenderContext, step: DeclarationReflection): JSX.Element {
    const h = JSX.createElement;
    return h(
      'div',
      { class: 'tsd-comment tsd-typography toro-spec' },
      h('h4', { id: 'specification' }, 'Specification'),
      h(
        'p',
        null,
        'The model ',
        link(context, step),
        ' in ',
        h('code', null, 'toro-ts/model'),
        ' states what every call does, with the state machine drawn from it; the property tests check that this class agrees with it.',
      ),
    );
  }
}
