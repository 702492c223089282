// A small reader of the project's own import graph, for the architecture test: which module imports
// which (relative imports resolved to files, packages by name), following static imports only, since a
// dynamic import() is how code is loaded later on purpose.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface ModuleInfo {
  /** Repository-relative path. */
  file: string;
  source: string;
  /** Static imports: repository-relative files, or package names as written. */
  imports: string[];
  dynamicImports: string[];
}

const STATIC = /(?:^|[\s;])(?:import|export)\s(?:[^'"`;]*?\sfrom\s)?['"]([^'"]+)['"]/g;
const DYNAMIC = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;
const EXTENSIONS = ['', '.ts', '.tsx', '/index.ts', '/index.tsx'];

/** Every .ts/.tsx file under the given folders, repository-relative. */
export function sourceFiles(root: string, folders: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(path.join(root, dir))) {
      const rel = path.join(dir, name);
      if (statSync(path.join(root, rel)).isDirectory()) walk(rel);
      else if (/\.tsx?$/.test(name)) out.push(rel);
    }
  };
  for (const folder of folders) if (existsSync(path.join(root, folder))) walk(folder);
  return out.sort();
}

/** A specifier as seen from `from`: a repository-relative file for relative imports, else the package. */
export function resolveSpecifier(root: string, from: string, specifier: string): string {
  const bare = specifier.split('?')[0] ?? specifier;
  if (!bare.startsWith('.')) return bare;
  const base = path.join(path.dirname(from), bare);
  for (const ext of EXTENSIONS) {
    const candidate = base + ext;
    if (existsSync(path.join(root, candidate)) && statSync(path.join(root, candidate)).isFile()) return candidate;
  }
  return base;
}

/** Removes comments, so that a comment naming `browser.proxy` is not taken for a use of it. */
export function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

export function readModule(root: string, file: string): ModuleInfo {
  const source = stripComments(readFileSync(path.join(root, file), 'utf8'));
  const collect = (pattern: RegExp) =>
    [...source.matchAll(pattern)].map((m) => resolveSpecifier(root, file, m[1] as string));
  return { file, source, imports: collect(STATIC), dynamicImports: collect(DYNAMIC) };
}

export type Graph = ReadonlyMap<string, readonly string[]>;

/** Everything reachable from `entry` through static imports, the entry included. */
export function closure(graph: Graph, entry: string): Set<string> {
  const seen = new Set<string>();
  const stack = [entry];
  while (stack.length > 0) {
    const next = stack.pop() as string;
    if (seen.has(next)) continue;
    seen.add(next);
    for (const dep of graph.get(next) ?? []) stack.push(dep);
  }
  return seen;
}

/** Each import cycle once, as the list of files around it. */
export function cycles(graph: Graph): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const dep of graph.get(node) ?? []) {
      if (!graph.has(dep)) continue;
      if (state.get(dep) === 'open') found.push(stack.slice(stack.indexOf(dep)));
      else if (!state.has(dep)) visit(dep);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return found;
}
