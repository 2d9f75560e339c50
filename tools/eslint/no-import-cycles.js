// @ts-check
import ts from 'typescript';

/**
 * `chatwire/no-import-cycles`: no file may reach itself through imports or re-exports, type-only
 * ones included (a type cycle is a layering cycle: the two modules cannot be understood, moved or
 * published apart). Common cycle rules skip `import type`; this one reads the whole program the
 * type-aware lint already built, finds its strongly connected components once (Tarjan), and
 * reports each file of a cycle with the shortest path back to it, at the import it starts with.
 *
 * Edges are the relative and package imports that resolve to a source file of the program;
 * imports of other packages resolve to their built `.d.ts`, which is outside it, and package
 * cycles are refused by TypeScript's project references anyway.
 */

/**
 * @typedef {{ graph: Map<string, string[]>; cycles: Map<string, Set<string>> }} Analysis
 * `graph`: each file's imports; `cycles`: each file on a cycle → the files of its component.
 */

/** @type {WeakMap<ts.Program, Analysis>} */
const analyses = new WeakMap();

/** @type {import('eslint').Rule.RuleModule} */
export const noImportCycles = {
  meta: {
    type: 'problem',
    docs: { description: 'Disallow import cycles between source files, type-only imports included' },
    messages: { cycle: 'Import cycle: {{path}}' },
    schema: [],
  },
  create(context) {
    const services = context.sourceCode.parserServices;
    const program = services?.program;
    if (!program) return {};
    const file = context.filename;
    return {
      Program() {
        const { graph, cycles } = cyclesOf(program);
        const members = cycles.get(file);
        if (!members) return;
        const source = program.getSourceFile(file);
        if (!source) return;
        const path = shortestCycle(graph, members, file);
        const first = importsOf(program, source).find((edge) => edge.target === path[1]);
        const loc = first ? context.sourceCode.getLocFromIndex(first.start) : { line: 1, column: 0 };
        context.report({ loc, messageId: 'cycle', data: { path: path.map(short).join(' → ') } });
      },
    };
  },
};

/**
 * @param {ts.Program} program
 * @returns {Analysis}
 */
function cyclesOf(program) {
  const known = analyses.get(program);
  if (known) return known;
  const files = program.getSourceFiles().filter((f) => !f.isDeclarationFile && !f.fileName.includes('/node_modules/'));
  /** @type {Map<string, string[]>} */
  const graph = new Map(files.map((f) => [f.fileName, [...new Set(importsOf(program, f).map((edge) => edge.target))]]));
  /** @type {Map<string, Set<string>>} */
  const cycles = new Map();
  for (const component of stronglyConnected(graph)) {
    if (component.length > 1) for (const member of component) cycles.set(member, new Set(component));
  }
  const analysis = { graph, cycles };
  analyses.set(program, analysis);
  return analysis;
}

/**
 * The shortest import path from `file` back to itself inside its component (breadth-first), so
 * the message names a real cycle to break rather than the whole tangle.
 * @param {Map<string, string[]>} graph
 * @param {Set<string>} members
 * @param {string} file
 * @returns {string[]}
 */
function shortestCycle(graph, members, file) {
  /** @type {Map<string, string>} */
  const cameFrom = new Map();
  const queue = [file];
  for (let i = 0; i < queue.length; i++) {
    const node = /** @type {string} */ (queue[i]);
    for (const target of graph.get(node) ?? []) {
      if (!members.has(target)) continue;
      if (target === file) {
        const path = [file];
        for (let at = node; at !== file; at = /** @type {string} */ (cameFrom.get(at))) path.splice(1, 0, at);
        return [...path, file];
      }
      if (cameFrom.has(target)) continue;
      cameFrom.set(target, node);
      queue.push(target);
    }
  }
  return [file, file];
}

/**
 * Every import, `export … from` and `import()` of `source` that resolves to a file in the program.
 * @param {ts.Program} program
 * @param {ts.SourceFile} source
 * @returns {{ target: string; start: number }[]}
 */
function importsOf(program, source) {
  const options = program.getCompilerOptions();
  /** @type {{ target: string; start: number }[]} */
  const edges = [];
  /** @param {ts.Expression | undefined} specifier */
  const add = (specifier) => {
    if (!specifier || !ts.isStringLiteral(specifier)) return;
    const resolved = ts.resolveModuleName(specifier.text, source.fileName, options, ts.sys).resolvedModule;
    const target = resolved?.resolvedFileName;
    if (target && !resolved.isExternalLibraryImport && program.getSourceFile(target) && !target.endsWith('.d.ts')) {
      edges.push({ target, start: specifier.getStart(source) });
    }
  };
  /** @param {ts.Node} node */
  const visit = (node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add(node.moduleSpecifier);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node.arguments[0]);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

/**
 * Tarjan's algorithm, iterative (deep import chains must not overflow the stack).
 * @param {Map<string, string[]>} graph
 * @returns {string[][]}
 */
function stronglyConnected(graph) {
  let next = 0;
  /** @type {Map<string, number>} */ const index = new Map();
  /** @type {Map<string, number>} */ const low = new Map();
  /** @type {string[]} */ const stack = [];
  const onStack = new Set();
  /** @type {string[][]} */ const components = [];
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    /** @type {{ node: string; edge: number }[]} */
    const work = [{ node: root, edge: 0 }];
    index.set(root, next);
    low.set(root, next++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = /** @type {{ node: string; edge: number }} */ (work.at(-1));
      const edges = graph.get(frame.node) ?? [];
      if (frame.edge < edges.length) {
        const target = /** @type {string} */ (edges[frame.edge++]);
        if (!graph.has(target)) continue;
        if (!index.has(target)) {
          index.set(target, next);
          low.set(target, next++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, edge: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(/** @type {number} */ (low.get(frame.node)), /** @type {number} */ (index.get(target))));
        }
        continue;
      }
      work.pop();
      const parent = work.at(-1);
      if (parent)
        low.set(parent.node, Math.min(/** @type {number} */ (low.get(parent.node)), /** @type {number} */ (low.get(frame.node))));
      if (low.get(frame.node) === index.get(frame.node)) {
        /** @type {string[]} */
        const component = [];
        let member;
        do {
          member = /** @type {string} */ (stack.pop());
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        components.push(component);
      }
    }
  }
  return components;
}

/** @param {string} path */
function short(path) {
  return path.replace(/^.*?\/(packages|apps|bench|e2e|test|tools)\//, '$1/');
}
