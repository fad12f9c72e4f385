/**
 * A JSON Schema validator for the protocol's own schema, so the checker validates every driver
 * message against the very document drivers are written to, with no runtime dependency. It
 * knows the keywords that schema uses and no others: given a schema with any other keyword it
 * throws at once, rather than ignore a rule it cannot check. `test/protocol-validator.test.ts`
 * holds its verdicts to ajv's on valid and invalid messages alike.
 *
 * @module
 */

/** A JSON Schema: `true`, `false`, or an object of keywords. */
export type JsonSchema = boolean | { readonly [keyword: string]: unknown };

/** Where a value breaks its schema, and how, in one line. */
export interface SchemaProblem {
  /** The path to the bad value, as JavaScript would read it: `calls[0].result.kind`; `''` for the value itself. */
  readonly path: string;
  readonly message: string;
}

/** The schema uses a keyword this validator does not know: it cannot check what that keyword asks. */
export class SchemaKeywordError extends Error {
  override get name(): string {
    return 'SchemaKeywordError';
  }
}

const ANNOTATIONS = new Set(['$schema', '$id', '$comment', '$defs', 'title', 'description', 'examples', 'default']);
const KEYWORDS = new Set([
  '$ref',
  'type',
  'const',
  'enum',
  'oneOf',
  'anyOf',
  'properties',
  'required',
  'additionalProperties',
  'propertyNames',
  'minProperties',
  'maxProperties',
  'allOf',
  'if',
  'then',
  'items',
  'minItems',
  'uniqueItems',
  'minimum',
  'exclusiveMinimum',
  'minLength',
  'pattern',
]);

/** JSON with its keys in order: two values are equal, as JSON Schema means it, when these are. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/** Control characters of a driver's text, escaped for a terminal (newlines and tabs too). */
export const printable = (text: string): string =>
  // eslint-disable-next-line no-control-regex
  text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** A value for a message: short, on one line, every control character escaped. */
export function shown(value: unknown, width = 60): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : (canonical(value) ?? String(value));
  const cut = text.length > width ? `${text.slice(0, width)}…` : text;
  return printable(cut);
}

const typeOf = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'object':
      return typeOf(value) === 'object';
    default:
      return typeOf(value) === type;
  }
}

const member = (path: string, key: string): string => (/^[A-Za-z_$][\w$]*$/.test(key) ? (path === '' ? key : `${path}.${key}`) : `${path}[${JSON.stringify(key)}]`);

/** A validator for one schema document and the definitions it holds. */
export class SchemaValidator {
  readonly #root: JsonSchema;
  readonly #patterns = new Map<string, RegExp>();

  /** @throws {@link SchemaKeywordError} when the schema uses a keyword this validator does not check. */
  constructor(root: JsonSchema) {
    this.#root = root;
    this.#vet(root, '#');
  }

  /** Every keyword of every subschema is one this validator checks, or an annotation. */
  #vet(schema: unknown, where: string): void {
    if (typeof schema === 'boolean') return;
    if (typeof schema !== 'object' || schema === null) throw new SchemaKeywordError(`${where} is not a schema`);
    for (const [keyword, value] of Object.entries(schema)) {
      if (!KEYWORDS.has(keyword) && !ANNOTATIONS.has(keyword)) throw new SchemaKeywordError(`${where} uses ${keyword}, which this validator does not check`);
      if (keyword === '$defs' || keyword === 'properties') for (const [name, sub] of Object.entries(value as object)) this.#vet(sub, `${where}/${keyword}/${name}`);
      if (keyword === 'oneOf' || keyword === 'anyOf' || keyword === 'allOf') (value as unknown[]).forEach((sub, i) => this.#vet(sub, `${where}/${keyword}/${i}`));
      if (keyword === 'additionalProperties' || keyword === 'propertyNames' || keyword === 'items' || keyword === 'if' || keyword === 'then') this.#vet(value, `${where}/${keyword}`);
      if (keyword === '$ref') this.#resolve(value as string);
      if (keyword === 'pattern') this.#patterns.set(value as string, new RegExp(value as string, 'u'));
    }
  }

  #resolve(ref: string): JsonSchema {
    if (!ref.startsWith('#')) throw new SchemaKeywordError(`$ref ${ref} leaves the document`);
    let schema: unknown = this.#root;
    for (const part of ref.slice(1).split('/').filter((p) => p !== '')) {
      const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
      if (typeof schema !== 'object' || schema === null || !Object.hasOwn(schema, key)) throw new SchemaKeywordError(`$ref ${ref} names nothing`);
      schema = (schema as Record<string, unknown>)[key];
    }
    return schema as JsonSchema;
  }

  /** The first way `value` breaks the schema at `ref` (`#` for the document, `#/$defs/Name`), or `undefined`. */
  problem(ref: string, value: unknown): SchemaProblem | undefined {
    return this.#check(this.#resolve(ref), value, '');
  }

  #check(schema: JsonSchema, value: unknown, path: string): SchemaProblem | undefined {
    const at = (message: string): SchemaProblem => ({ path, message });
    if (schema === true) return undefined;
    if (schema === false) return at('must not be there');
    const s = schema as Record<string, unknown>;
    if (typeof s['$ref'] === 'string') {
      const problem = this.#check(this.#resolve(s['$ref']), value, path);
      if (problem !== undefined) return problem;
    }
    if (s['type'] !== undefined) {
      const types = Array.isArray(s['type']) ? (s['type'] as string[]) : [s['type'] as string];
      if (!types.some((type) => hasType(value, type))) return at(`must be ${types.join(' or ')}, got ${shown(value)}`);
    }
    if ('const' in s && canonical(value) !== canonical(s['const'])) return at(`must be ${shown(s['const'])}, got ${shown(value)}`);
    if (Array.isArray(s['enum']) && !s['enum'].some((option) => canonical(option) === canonical(value))) {
      return at(`must be one of ${s['enum'].map((option) => shown(option, 30)).join(', ')}; got ${shown(value)}`);
    }
    if (typeof s['minimum'] === 'number' && typeof value === 'number' && value < s['minimum']) return at(`must be at least ${s['minimum']}, got ${shown(value)}`);
    if (typeof s['exclusiveMinimum'] === 'number' && typeof value === 'number' && value <= s['exclusiveMinimum']) return at(`must be more than ${s['exclusiveMinimum']}, got ${shown(value)}`);
    if (typeof value === 'string') {
      if (typeof s['minLength'] === 'number' && [...value].length < s['minLength']) return at(`must be at least ${s['minLength']} characters long, got ${shown(value)}`);
      if (typeof s['pattern'] === 'string' && this.#patterns.get(s['pattern'])?.test(value) !== true) return at(`must match ${s['pattern']}, got ${shown(value)}`);
    }
    if (Array.isArray(value)) {
      const problem = this.#array(s, value, path);
      if (problem !== undefined) return problem;
    } else if (typeOf(value) === 'object') {
      const problem = this.#object(s, value as Record<string, unknown>, path);
      if (problem !== undefined) return problem;
    }
    // Every form of allOf holds; `then` holds wherever `if` does.
    for (const sub of Array.isArray(s['allOf']) ? (s['allOf'] as JsonSchema[]) : []) {
      const problem = this.#check(sub, value, path);
      if (problem !== undefined) return problem;
    }
    if (s['if'] !== undefined && s['then'] !== undefined && this.#check(s['if'] as JsonSchema, value, path) === undefined) {
      const problem = this.#check(s['then'] as JsonSchema, value, path);
      if (problem !== undefined) return problem;
    }
    for (const keyword of ['anyOf', 'oneOf'] as const) {
      const forms = s[keyword];
      if (!Array.isArray(forms)) continue;
      const problems = (forms as JsonSchema[]).map((sub) => this.#check(sub, value, path));
      const matches = problems.filter((p) => p === undefined).length;
      if (matches === 0) {
        // The form the value names by its tag (`"kind": "threw"`) is the one it was meant to be.
        const meant = problems.filter((_, i) => this.#tagged(forms[i] as JsonSchema, value));
        return meant.length === 1 ? (meant[0] as SchemaProblem) : at(`is none of the forms it may take: ${shown(value)}`);
      }
      if (matches > 1 && keyword === 'oneOf') return at(`is more than one of the forms it may take: ${shown(value)}`);
    }
    return undefined;
  }

  /** Whether `value` carries every tag of `form` it has a field for (a field `const` or `enum` there), and at least one. */
  #tagged(form: JsonSchema, value: unknown): boolean {
    let schema = form;
    while (typeof schema === 'object' && typeof schema['$ref'] === 'string') schema = this.#resolve(schema['$ref']);
    if (typeof schema !== 'object' || typeOf(value) !== 'object') return false;
    const properties = (schema['properties'] ?? {}) as Readonly<Record<string, JsonSchema>>;
    let tags = 0;
    for (const [key, sub] of Object.entries(properties)) {
      if (typeof sub !== 'object' || !('const' in sub || Array.isArray(sub['enum']))) continue;
      if (!Object.hasOwn(value as object, key)) return false;
      const given = canonical((value as Record<string, unknown>)[key]);
      if ('const' in sub ? canonical(sub['const']) !== given : !(sub['enum'] as unknown[]).some((option) => canonical(option) === given)) return false;
      tags++;
    }
    return tags > 0;
  }

  #array(s: Record<string, unknown>, value: readonly unknown[], path: string): SchemaProblem | undefined {
    if (typeof s['minItems'] === 'number' && value.length < s['minItems']) return { path, message: `must hold at least ${s['minItems']} items, got ${value.length}` };
    if (s['uniqueItems'] === true) {
      const seen = new Set<string>();
      for (const [i, item] of value.entries()) {
        const key = canonical(item);
        if (seen.has(key)) return { path: `${path}[${i}]`, message: `repeats ${shown(item)}` };
        seen.add(key);
      }
    }
    if (s['items'] !== undefined) {
      for (const [i, item] of value.entries()) {
        const problem = this.#check(s['items'] as JsonSchema, item, `${path}[${i}]`);
        if (problem !== undefined) return problem;
      }
    }
    return undefined;
  }

  #object(s: Record<string, unknown>, value: Readonly<Record<string, unknown>>, path: string): SchemaProblem | undefined {
    const keys = Object.keys(value);
    if (Array.isArray(s['required'])) {
      const missing = (s['required'] as string[]).find((key) => !Object.hasOwn(value, key));
      if (missing !== undefined) return { path, message: `lacks ${missing}` };
    }
    if (typeof s['minProperties'] === 'number' && keys.length < s['minProperties']) return { path, message: `must hold at least ${s['minProperties']} entries, got ${keys.length}` };
    if (typeof s['maxProperties'] === 'number' && keys.length > s['maxProperties']) return { path, message: `must hold at most ${s['maxProperties']} entries, got ${keys.length}` };
    const properties = (s['properties'] ?? {}) as Readonly<Record<string, JsonSchema>>;
    for (const key of keys) {
      const where = member(path, key);
      if (s['propertyNames'] !== undefined) {
        const problem = this.#check(s['propertyNames'] as JsonSchema, key, where);
        if (problem !== undefined) return { ...problem, message: `is not a name it may have: ${problem.message}` };
      }
      const known = Object.hasOwn(properties, key);
      const sub = known ? properties[key] : s['additionalProperties'];
      if (sub === false) return { path: where, message: `is not a field it may have` };
      if (sub !== undefined) {
        const problem = this.#check(sub as JsonSchema, value[key], where);
        if (problem !== undefined) return problem;
      }
    }
    return undefined;
  }
}

/** A problem as one line: where (inside `what`, such as `ticked`), and what is wrong. */
export function showProblem(problem: SchemaProblem, what: string): string {
  return `${what}${problem.path === '' ? '' : problem.path.startsWith('[') ? problem.path : `.${problem.path}`} ${problem.message}`;
}
