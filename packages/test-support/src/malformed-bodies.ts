import {
  ALL_REQUEST_TYPES,
  REQUEST_SAMPLES,
  input,
  type Json,
  type JsonRecord,
  type RequestSample,
} from './malformed-samples.js';
import { createHash } from 'node:crypto';

/**
 * A seeded generator of request bodies that no ChatKit server may accept: every body is
 * invalid per the protocol, so the only right answers are 400 (or 413 when it is too large).
 * Mutations are derived from one valid sample per request type plus a per-type note of which
 * fields are optional, which take `null` and which take any JSON at all, so that no mutation
 * can accidentally produce a valid request.
 */

export type { Json, RequestSample };
export { ALL_REQUEST_TYPES, REQUEST_SAMPLES };
type Segment = string | number;

export const MALFORMED_CATEGORIES = [
  'truncated-json',
  'json-syntax',
  'invalid-utf8',
  'non-object',
  'request-type',
  'params-shape',
  'wrong-type',
  'missing-field',
  'huge',
  'deep-nesting',
  'prototype-keys',
  'out-of-range',
  'unstorable-text',
] as const;
export type MalformedCategory = (typeof MALFORMED_CATEGORIES)[number];

export interface MalformedBody {
  readonly category: MalformedCategory;
  readonly label: string;
  readonly body: string | Uint8Array<ArrayBuffer>;
  readonly status: 400 | 413;
  /** When set, a 400 must name this field, one inside it, or one containing it. */
  readonly field?: string;
}

/** The server's default body cap (`ChatKitServerOptions.maxBodyBytes`). */
export const DEFAULT_BODY_CAP = 8 * 1024 * 1024;

/** mulberry32: a tiny seeded PRNG, uniform in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ── JSON tree helpers ───────────────────────────────────────────────────────────────────────

type Kind = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object';

function kindOf(value: Json): Kind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value as 'boolean' | 'number' | 'string' | 'object';
}

/** Values of every other JSON kind; `null` is left out where the field takes `null`. */
const WRONG_VALUES: Record<Kind, readonly Json[]> = {
  string: [42, true, null, ['x'], { x: 'y' }],
  number: ['10', false, null, [10], { n: 10 }],
  boolean: ['true', 1, null, [true], {}],
  array: ['x', 0, true, null, {}],
  object: ['x', 1, false, null, []],
  null: [],
};

function matches(path: readonly Segment[], pattern: string): boolean {
  const parts = pattern.split('.');
  return parts.length === path.length && parts.every((part, i) => part === '*' || part === String(path[i]));
}

const matchesAny = (path: readonly Segment[], patterns: readonly string[]) => patterns.some((p) => matches(path, p));
const underAny = (path: readonly Segment[], patterns: readonly string[]) =>
  path.some((_, i) => matchesAny(path.slice(0, i + 1), patterns));

/** Every node under `root` (not `root` itself), depth first, with its path. */
function* nodes(root: Json, path: Segment[] = []): Generator<[Segment[], Json]> {
  const entries: [Segment, Json][] = Array.isArray(root)
    ? root.map((value, i) => [i, value])
    : root !== null && typeof root === 'object'
      ? Object.entries(root)
      : [];
  for (const [key, value] of entries) {
    const at = [...path, key];
    yield [at, value];
    yield* nodes(value, at);
  }
}

/** A copy of `root` with the node at `path` replaced, or removed when `value` is undefined. */
function edit(root: JsonRecord, path: readonly Segment[], value: Json | undefined): JsonRecord {
  const copy = structuredClone(root);
  let parent: Json = copy;
  for (const key of path.slice(0, -1)) parent = (parent as Record<Segment, Json>)[key] as Json;
  const last = path[path.length - 1]!;
  const target = parent as Record<Segment, Json>;
  if (value === undefined) delete target[last];
  else target[last] = value;
  return copy;
}

/** An object whose first own key is `key`, even for `__proto__` (which a literal or assignment would not create). */
function withOwnKey(key: string, value: Json, rest: JsonRecord = {}): JsonRecord {
  const out: JsonRecord = {};
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  for (const [k, v] of Object.entries(rest)) out[k] = v;
  return out;
}

const req = (type: string, params: Json, extra: JsonRecord = {}) => JSON.stringify({ type, params, ...extra });
const fieldName = (path: readonly Segment[]) => ['params', ...path].join('.');
const encoder = new TextEncoder();

/** Wrong-type mutations of a sample: every replaceable node, by every value of another kind. */
function wrongTypeMutations(sample: RequestSample): { path: Segment[]; params: JsonRecord; shown: string }[] {
  const out: { path: Segment[]; params: JsonRecord; shown: string }[] = [];
  for (const [path, value] of nodes(sample.params)) {
    if (underAny(path, sample.free)) continue;
    for (const wrong of WRONG_VALUES[kindOf(value)]) {
      if (wrong === null && matchesAny(path, sample.nullable)) continue;
      out.push({ path, params: edit(sample.params, path, wrong), shown: JSON.stringify(wrong) });
    }
  }
  return out;
}

// ── Categories ──────────────────────────────────────────────────────────────────────────────

type Emit = (
  category: MalformedCategory,
  label: string,
  body: string | Uint8Array<ArrayBuffer>,
  extra?: { status?: 413; field?: string },
) => void;

function truncated(emit: Emit, rand: () => number) {
  for (const s of REQUEST_SAMPLES) {
    const bytes = encoder.encode(req(s.type, s.params));
    const step = 1 + Math.floor(rand() * 4);
    for (let cut = 1 + Math.floor(rand() * step); cut < bytes.length; cut += step) {
      emit('truncated-json', `${s.type} cut at byte ${cut}/${bytes.length}`, bytes.slice(0, cut));
    }
  }
}

function jsonSyntax(emit: Emit) {
  for (const s of REQUEST_SAMPLES) {
    const body = req(s.type, s.params);
    const variants: [string, string][] = [
      ['trailing comma', `${body.slice(0, -1)},}`],
      ['single quotes', body.replaceAll('"', "'")],
      ['unquoted keys', body.replace(/"(type|params)":/g, '$1:')],
      ['extra closing brace', `${body}}`],
      ['raw tab inside a string', body.replace('"type":"', '"type":"\t')],
      ['invalid escape', body.replace('"type":"', '"type":"\\x41')],
      ['leading comment', `/* hi */${body}`],
      ['two objects', `${body}${body}`],
    ];
    for (const [label, text] of variants) emit('json-syntax', `${s.type}: ${label}`, text);
  }
  const globals = [
    '',
    '   ',
    '\n',
    'NaN',
    'undefined',
    '{',
    '}',
    '{"type"}',
    '{"type":}',
    '{"type":"threads.list",,"params":{}}',
    'type=threads.list&params=%7B%7D',
    '{"type":"threads.list","params":{}}\u0000',
    "{'type':'threads.list'}",
    '<xml/>',
  ];
  for (const text of globals) emit('json-syntax', `global ${JSON.stringify(text)}`, text);
}

const BAD_UTF8: readonly (readonly number[])[] = [
  [0xff],
  [0xfe],
  [0x80],
  [0xc0, 0x80],
  [0xc1, 0xbf],
  [0xe0, 0x80, 0x80],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xe2, 0x82],
  [0xf0, 0x9f, 0x98],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
];

function invalidUtf8(emit: Emit, rand: () => number) {
  for (const s of REQUEST_SAMPLES) {
    const text = req(s.type, s.params);
    const bytes = encoder.encode(text);
    for (const bad of BAD_UTF8) {
      const at = 1 + Math.floor(rand() * (bytes.length - 1));
      const body = new Uint8Array([...bytes.slice(0, at), ...bad, ...bytes.slice(at)]);
      emit('invalid-utf8', `${s.type}: ${bad.map((b) => b.toString(16)).join(' ')} at byte ${at}`, body);
    }
    for (const [label, littleEndian] of [
      ['UTF-16LE', true],
      ['UTF-16BE', false],
    ] as const) {
      const body = new Uint8Array(2 + text.length * 2);
      const view = new DataView(body.buffer);
      view.setUint16(0, 0xfeff, littleEndian);
      for (let i = 0; i < text.length; i++) view.setUint16(2 + i * 2, text.charCodeAt(i), littleEndian);
      emit('invalid-utf8', `${s.type} as ${label} with a byte-order mark`, body);
    }
  }
}

function nonObject(emit: Emit) {
  for (const s of REQUEST_SAMPLES) {
    const body = req(s.type, s.params);
    emit('non-object', `${s.type} wrapped in an array`, `[${body}]`);
    emit('non-object', `${s.type} encoded twice (a JSON string)`, JSON.stringify(body));
  }
  const scalars = ['[]', '[{}]', '[null]', '[[]]', '0', '1', '-1', '1.5', '1e309'];
  scalars.push('"threads.create"', '""', 'null', ' null ', 'true', 'false', '\n[]\n');
  for (const text of scalars) {
    emit('non-object', `JSON ${text.trim() || JSON.stringify(text)}`, text);
  }
}

function typeNearMisses(type: string): string[] {
  const dot = type.indexOf('.');
  return [
    type.toUpperCase(),
    `${type} `,
    ` ${type}`,
    `${type.slice(0, dot + 1)}${type.charAt(dot + 1).toUpperCase()}${type.slice(dot + 2)}`,
    type.replace('.', '_'),
    type.replace(/_/g, '-'),
    type.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()),
    `${type}s`,
    type.slice(0, -1),
    `chatwire.${type}`,
    type.replace('.', '.\u200b'),
    `${type}\u0000`,
    type.replace('e', '\u0435'),
  ];
}

const EXTENSION_TYPOS = [
  'chatwire.threads.stopp',
  'chatwire.thread.stop',
  'chatwire.threads.Stop',
  'chatwire.threads.stop ',
  'chatwire_threads_stop',
  'threads.stop',
  'chatwire.threads.resum',
  'chatwire.threads.resume\n',
  'Chatwire.threads.resume',
  'chatwire.resume',
  'chatwire.threads.resume.',
  'chatwire..threads.stop',
  'chatwire.threads.cancel',
  'CHATWIRE.THREADS.STOP',
];

function requestType(emit: Emit) {
  const known = new Set(ALL_REQUEST_TYPES);
  for (const s of REQUEST_SAMPLES) {
    for (const type of new Set(typeNearMisses(s.type))) {
      if (!known.has(type)) emit('request-type', `near miss ${JSON.stringify(type)}`, req(type, s.params), { field: 'type' });
    }
  }
  const params = { thread_id: 'thr_1' };
  for (const type of EXTENSION_TYPOS) {
    emit('request-type', `extension typo ${JSON.stringify(type)}`, req(type, params), { field: 'type' });
  }
  for (const type of ['', '*', 'threads', 'threads.', '.create', 'toString', 'constructor', '__proto__', 'hasOwnProperty']) {
    emit('request-type', `type ${JSON.stringify(type)}`, req(type, params), { field: 'type' });
  }
  const nonStrings: Json[] = [null, 0, 1, true, false, [], ['threads.list'], {}, { type: 'threads.list' }];
  for (const type of nonStrings) {
    emit('request-type', `type ${JSON.stringify(type)}`, JSON.stringify({ type, params: {} }), { field: 'type' });
  }
  emit('request-type', 'no type key', JSON.stringify({ params }), { field: 'type' });
  for (const key of ['Type', 'TYPE', 'type ', 'kind', 'request_type']) {
    const body = JSON.stringify({ [key]: 'threads.list', params: {} });
    emit('request-type', `type under ${JSON.stringify(key)}`, body, { field: 'type' });
  }
  // JSON.parse keeps the last of duplicate keys.
  const duplicate = '{"type":"threads.list","type":"threads.lists","params":{}}';
  emit('request-type', 'duplicate type key, last unknown', duplicate, { field: 'type' });
}

function paramsShape(emit: Emit) {
  for (const s of REQUEST_SAMPLES) {
    const shapes: [string, Json | undefined][] = [
      ['missing', undefined],
      ['null', null],
      ['[]', []],
      ['[params]', [s.params]],
      ['a string', 'thr_1'],
      ['params encoded as a string', JSON.stringify(s.params)],
      ['0', 0],
      ['true', true],
      ['false', false],
    ];
    // Only `threads.list` takes `{}`: all of its fields are optional.
    if (s.type !== 'threads.list') shapes.push(['{}', {}]);
    for (const [label, params] of shapes) {
      const body = params === undefined ? JSON.stringify({ type: s.type }) : req(s.type, params);
      emit('params-shape', `${s.type}: params ${label}`, body, { field: 'params' });
    }
  }
}

function wrongType(emit: Emit) {
  for (const s of REQUEST_SAMPLES) {
    for (const m of wrongTypeMutations(s)) {
      const field = fieldName(m.path);
      emit('wrong-type', `${s.type}: ${field} = ${m.shown}`, req(s.type, m.params), { field });
    }
    for (const metadata of ['x', 1, true, null, [], [{}]] as Json[]) {
      const label = `${s.type}: metadata = ${JSON.stringify(metadata)}`;
      emit('wrong-type', label, req(s.type, s.params, { metadata }), { field: 'metadata' });
    }
  }
}

function missingField(emit: Emit) {
  for (const s of REQUEST_SAMPLES) {
    for (const [path] of nodes(s.params)) {
      if (typeof path[path.length - 1] === 'number' || matchesAny(path, s.optional)) continue;
      if (underAny(path.slice(0, -1), s.free)) continue;
      const field = fieldName(path);
      emit('missing-field', `${s.type}: without ${field}`, req(s.type, edit(s.params, path, undefined)), { field });
    }
  }
}

/** `prefix` + filler + `suffix`, exactly `size` bytes (the filler is ASCII). */
function padded(prefix: string, suffix: string, size: number, filler = 'a'): string {
  return prefix + filler.repeat(size - Buffer.byteLength(prefix) - Buffer.byteLength(suffix)) + suffix;
}

function huge(emit: Emit) {
  const big = 9 * 1024 * 1024;
  const tooLarge = { status: 413 } as const;
  emit('huge', '9 MiB thread_id, no title', padded('{"type":"threads.update","params":{"thread_id":"', '"}}', big), tooLarge);
  emit('huge', '9 MiB type', padded('{"type":"', '","params":{}}', big), tooLarge);
  emit('huge', '9 MiB of whitespace before {}', padded('', '{}', big, ' '), tooLarge);
  const update = ['{"type":"threads.update","params":{"thread_id":"', '","title":5}}'] as const;
  emit('huge', 'one byte over the cap', padded(...update, DEFAULT_BODY_CAP + 1), tooLarge);
  emit('huge', 'exactly at the cap, title a number', padded(...update, DEFAULT_BODY_CAP), { field: 'params.title' });

  const kb100 = 'x'.repeat(100 * 1024);
  const manyIds = Array.from({ length: 1000 }, (_, i) => `itm_${i}_${'y'.repeat(90)}`);
  const cases: [string, string, string][] = [
    ['100 KB thread_id, title a number', req('threads.update', { thread_id: kb100, title: 5 }), 'params.title'],
    ['100 KB title, no thread_id', req('threads.update', { title: kb100 }), 'params.thread_id'],
    ['100 KB type', req(kb100, {}), 'type'],
    ['100 KB type of emoji', req('x😀'.repeat(34_000), {}), 'type'],
    [
      '100 KB text, no attachments',
      req('threads.create', { input: { content: [{ type: 'input_text', text: kb100 }], inference_options: {} } }),
      'params.input.attachments',
    ],
    ['100 KB audio, no mime_type', req('input.transcribe', { audio_base64: kb100 }), 'params.mime_type'],
    ['100 KB name, size a string', req('attachments.create', { name: kb100, size: '1', mime_type: 'image/png' }), 'params.size'],
    ['1,000 item ids, no kind', req('items.feedback', { thread_id: 'thr_1', item_ids: manyIds }), 'params.kind'],
    ['100 KB key, no thread_id', req('threads.get_by_id', { [kb100]: 'thr_1' }), 'params.thread_id'],
    ['100 KB metadata value, params null', req('threads.get_by_id', null, { metadata: { note: kb100 } }), 'params'],
    ['100 KB after, negative limit', req('threads.list', { after: kb100, limit: -1 }), 'params.limit'],
  ];
  for (const [label, body, field] of cases) emit('huge', label, body, { field });
}

function deepNesting(emit: Emit) {
  const arrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
  const objects = (key: string, depth: number) => `{"${key}":`.repeat(depth) + '1' + '}'.repeat(depth);
  // `DEEP` in a request stands for the nested value.
  const DEEP = '@@deep@@';
  const nest = (type: string, params: Json, value: string, extra: JsonRecord = {}) =>
    req(type, params, extra).replace(JSON.stringify(DEEP), value);
  for (const depth of [1_000, 10_000, 100_000]) {
    emit('deep-nesting', `get_by_id params: ${depth} nested arrays`, nest('threads.get_by_id', DEEP, arrays(depth)));
  }
  for (const depth of [1_000, 10_000]) {
    emit('deep-nesting', `create params: ${depth} nested objects`, nest('threads.create', DEEP, objects('input', depth)));
    emit('deep-nesting', `whole body: ${depth} nested arrays`, arrays(depth));
    emit('deep-nesting', `whole body: ${depth} nested objects`, objects('type', depth));
  }
  const d = 10_000;
  const emptyInput = { content: [], attachments: [], inference_options: {} };
  const cases: [string, string][] = [
    ['thread_id: nested arrays', nest('threads.get_by_id', { thread_id: DEEP }, arrays(d))],
    ['tool result nested, no thread_id', nest('threads.add_client_tool_output', { result: DEEP }, objects('r', d))],
    ['metadata nested, unknown type', nest('threads.nope', {}, objects('m', d), { metadata: DEEP })],
    ['action payload nested, no action type', nest('threads.custom_action', { action: { payload: DEEP } }, arrays(d))],
    ['content: nested arrays', nest('threads.create', { input: { ...emptyInput, content: DEEP } }, arrays(d))],
    ['type: nested arrays', nest(DEEP, {}, arrays(d))],
    ['unterminated arrays', '['.repeat(100_000)],
    ['unterminated objects', '{"a":'.repeat(50_000)],
  ];
  for (const [label, body] of cases) emit('deep-nesting', label, body);
}

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

function prototypeKeys(emit: Emit, rand: () => number) {
  const polluted: JsonRecord = { polluted: true };
  for (const key of PROTO_KEYS) {
    emit('prototype-keys', `top-level ${key} only`, JSON.stringify(withOwnKey(key, polluted)));
    emit('prototype-keys', `${key} nested twice`, JSON.stringify(withOwnKey(key, withOwnKey(key, polluted))));
    emit('prototype-keys', `a whole request under ${key}`, JSON.stringify(withOwnKey(key, { type: 'threads.list', params: {} })));
    emit('prototype-keys', `${key}.prototype.polluted`, JSON.stringify(withOwnKey(key, { prototype: polluted }, { params: {} })));
    for (const s of REQUEST_SAMPLES) {
      const mutations = wrongTypeMutations(s);
      const invalid = mutations[Math.floor(rand() * mutations.length)]!.params;
      const smuggledParams = JSON.stringify(withOwnKey(key, { params: s.params }, { type: s.type }));
      emit('prototype-keys', `${s.type}: params under top-level ${key}`, smuggledParams);
      const metadata = withOwnKey(key, polluted);
      emit('prototype-keys', `${s.type}: metadata.${key}, invalid params`, req(s.type, invalid, { metadata }));
      emit('prototype-keys', `${s.type}: params.${key}, invalid params`, req(s.type, withOwnKey(key, polluted, invalid)));
      if (s.type !== 'threads.list') {
        emit('prototype-keys', `${s.type}: required params under params.${key}`, req(s.type, withOwnKey(key, s.params)));
      }
    }
    for (const type of ['threads.create', 'threads.add_user_message']) {
      const base = REQUEST_SAMPLES.find((s) => s.type === type)!.params;
      const smuggledText = withOwnKey(key, { text: 'hi' }, { type: 'input_text' });
      const inContent = edit(base, ['input', 'content'], [smuggledText]);
      emit('prototype-keys', `${type}: content text under ${key}`, req(type, inContent));
      const smuggledInput = edit(base, ['input'], withOwnKey(key, input));
      emit('prototype-keys', `${type}: input under params.input.${key}`, req(type, smuggledInput));
    }
    const smuggledAction = withOwnKey(key, { type: 'approve' }, { payload: polluted });
    const body = req('threads.custom_action', { thread_id: 'thr_1', action: smuggledAction });
    emit('prototype-keys', `custom_action: action type under ${key}`, body);
  }
}

function outOfRange(emit: Emit) {
  const RAW = '"@@raw@@"';
  const numbers = [
    '-1',
    '-100',
    '1.5',
    '0.5',
    '-0.5',
    '1e309',
    '-1e309',
    '1e400',
    '1e21',
    '9007199254740993',
    '"NaN"',
    '"Infinity"',
    '"-Infinity"',
    '"1e309"',
    '"10"',
    '"-1"',
  ];
  const targets: [string, JsonRecord, string][] = [
    ['threads.list', { limit: '@@raw@@' }, 'limit'],
    ['items.list', { thread_id: 'thr_1', limit: '@@raw@@' }, 'limit'],
    ['attachments.create', { name: 'a.png', size: '@@raw@@', mime_type: 'image/png' }, 'size'],
  ];
  for (const [type, params, key] of targets) {
    for (const raw of numbers) {
      emit('out-of-range', `${type}: ${key} = ${raw}`, req(type, params).replace(RAW, raw), { field: `params.${key}` });
    }
  }
  const enums: [string, JsonRecord, string][] = [
    ['threads.list', { order: 'sideways' }, 'order'],
    ['threads.list', { order: 'ASC' }, 'order'],
    ['items.list', { thread_id: 'thr_1', order: '' }, 'order'],
    ['items.feedback', { thread_id: 'thr_1', item_ids: [], kind: 'neutral' }, 'kind'],
    ['items.feedback', { thread_id: 'thr_1', item_ids: [], kind: 'Positive' }, 'kind'],
    ['threads.add_structured_input', { thread_id: 'thr_1', item_id: 'itm_1', input: { status: 'done' } }, 'input.status'],
  ];
  for (const [type, params, key] of enums) {
    emit('out-of-range', `${type}: ${key} out of its set`, req(type, params), { field: `params.${key}` });
  }
  // Ids must not be empty.
  for (const s of REQUEST_SAMPLES) {
    for (const key of ['thread_id', 'item_id', 'attachment_id']) {
      if (key in s.params && !s.optional.includes(key)) {
        emit('out-of-range', `${s.type}: empty ${key}`, req(s.type, { ...s.params, [key]: '' }), { field: `params.${key}` });
      }
    }
  }
}

/** Text no server can store faithfully: U+0000 and lone surrogates, alone and amid other text. */
const UNSTORABLE: readonly [string, string][] = [
  ['U+0000', '\u0000'],
  ['U+0000 inside', 'a\u0000b'],
  ['a lone high surrogate', '\ud83d'],
  ['a lone low surrogate', '\ude00x'],
  ['a reversed pair', '\ude00\ud83d'],
];

/** An object whose keys are the sender's to choose: free itself, inside a free value, or with free entries. */
const freeObject = (path: readonly Segment[], free: readonly string[]) =>
  underAny(path, free) || matchesAny([...path, 'key'], free);

/**
 * Every string of every sample (ids, text, names, cursors, payload values) with unstorable text
 * added, and keys of the free-form objects (tag data, action payloads, tool results) with it.
 */
function unstorableText(emit: Emit) {
  for (const s of REQUEST_SAMPLES) {
    for (const [path, value] of nodes(s.params)) {
      const field = fieldName(path);
      if (typeof value === 'string') {
        for (const [label, bad] of UNSTORABLE) {
          emit('unstorable-text', `${s.type}: ${field} with ${label}`, req(s.type, edit(s.params, path, value + bad)), { field });
        }
      } else if (value !== null && typeof value === 'object' && !Array.isArray(value) && freeObject(path, s.free)) {
        for (const [label, bad] of UNSTORABLE) {
          const key = `key${bad}`;
          const body = req(s.type, edit(s.params, path, { ...value, [key]: 'value' }));
          emit('unstorable-text', `${s.type}: a key of ${field} with ${label}`, body, { field: `${field}.${key}` });
        }
      }
    }
  }
}

/** Every malformed body, deterministically from `seed`; duplicates are dropped (first wins). */
export function generateMalformedBodies(seed = 0xc4a7): MalformedBody[] {
  const rand = mulberry32(seed);
  const out: MalformedBody[] = [];
  const seen = new Set<string>();
  const emit: Emit = (category, label, body, extra = {}) => {
    const digest = createHash('sha256').update(body).digest('base64');
    if (seen.has(digest)) return;
    seen.add(digest);
    out.push({ category, label, body, status: extra.status ?? 400, ...(extra.field ? { field: extra.field } : {}) });
  };
  truncated(emit, rand);
  jsonSyntax(emit);
  invalidUtf8(emit, rand);
  nonObject(emit);
  requestType(emit);
  paramsShape(emit);
  wrongType(emit);
  missingField(emit);
  huge(emit);
  deepNesting(emit);
  prototypeKeys(emit, rand);
  outOfRange(emit);
  unstorableText(emit);
  return out;
}
