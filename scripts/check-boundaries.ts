// The layer rules of ARCHITECTURE.md, checked on every import of every source file (run by
// `npm run check`). A script rather than a Biome pattern because the rules are about the file an
// import resolves to, not the text of its specifier: `../notifications/…` is the domain module
// from `server/domain/audit/` and the delivery door from `server/domain/`.
import fs from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

/** One import that breaks a rule. */
export interface Violation {
  file: string;
  line: number;
  specifier: string;
  rule: string;
}

/** One import of a file: what it names and, when it is relative, the repo path it resolves to. */
interface ImportRef {
  specifier: string;
  target: string | null;
  names: string[];
  line: number;
}

const SOURCE = /\.(ts|tsx|mts|js|mjs)$/;
const ROOTS = ["contract", "server", "web", "e2e", "bench", "scripts"];
const SKIP = new Set(["node_modules", "dist", "data", ".tmp"]);
const DOORS = ["server/http", "server/cli", "server/jobs", "server/documents", "server/notifications"];
const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

const within = (p: string, dir: string) => p === dir || p.startsWith(`${dir}/`);
const bare = (s: string) => !s.startsWith(".") && !s.startsWith("/");
const packageOf = (s: string) => (s.startsWith("@") ? s.split("/").slice(0, 2).join("/") : s.split("/")[0]);

/** The rules: each says which files it governs and what it reports for one of their imports. */
const RULES: Array<{ from: (file: string) => boolean; check: (ref: ImportRef) => string | null }> = [
  {
    from: (f) => within(f, "server/domain"),
    check: (r) => {
      const door = r.target ? DOORS.find((d) => within(r.target as string, d)) : undefined;
      if (door) return `server/domain must not import ${door} (doors call the domain, never the reverse)`;
      if (r.target === "server/test/support.ts" && r.names.some((n) => n === "testApp" || n === "TestApp"))
        return "server/domain tests must not drive the HTTP door (testApp); put the test beside it in server/http";
      return null;
    },
  },
  {
    from: (f) => within(f, "server/db"),
    check: (r) =>
      r.target && within(r.target, "server/domain")
        ? "server/db must not import server/domain (migrations freeze the data they need)"
        : null,
  },
  {
    from: (f) => within(f, "web"),
    check: (r) =>
      r.target && within(r.target, "server") ? "web must not import server (only contract)" : null,
  },
  {
    from: (f) => within(f, "contract"),
    check: (r) => {
      if (r.target && !within(r.target, "contract")) return "contract must import only contract";
      if (!bare(r.specifier)) return null;
      const pkg = packageOf(r.specifier);
      if (NODE_BUILTINS.has(r.specifier) || NODE_BUILTINS.has(pkg))
        return "contract must not import node: modules (the web imports it)";
      if (pkg === "react" || pkg.startsWith("react-")) return "contract must not import react";
      if (pkg === "kysely") return "contract must not import kysely";
      return null;
    },
  },
];

/** Every source file under the checked roots, as repo-relative paths with forward slashes. */
export function sourceFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      if (SKIP.has(e.name)) continue;
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(rel);
      else if (SOURCE.test(e.name) && !e.name.endsWith(".d.ts")) out.push(rel);
    }
  };
  for (const r of ROOTS) if (fs.existsSync(path.join(root, r))) walk(r);
  return out.sort();
}

/** The imports, re-exports and dynamic imports of one file. */
function importsOf(root: string, file: string): ImportRef[] {
  const text = fs.readFileSync(path.join(root, file), "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const refs: ImportRef[] = [];
  const add = (lit: ts.StringLiteralLike, names: string[]) => {
    const specifier = lit.text;
    const target = bare(specifier)
      ? null
      : path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
    const line = source.getLineAndCharacterOfPosition(lit.getStart()).line + 1;
    refs.push({ specifier, target, names, line });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteralLike(node.moduleSpecifier)) {
      const c = node.importClause;
      const names: string[] = [];
      if (c?.name) names.push("default");
      if (c?.namedBindings && ts.isNamedImports(c.namedBindings))
        for (const e of c.namedBindings.elements) names.push((e.propertyName ?? e.name).text);
      if (c?.namedBindings && ts.isNamespaceImport(c.namedBindings)) names.push("*");
      add(node.moduleSpecifier, names);
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteralLike(node.moduleSpecifier)
    ) {
      const names =
        node.exportClause && ts.isNamedExports(node.exportClause)
          ? node.exportClause.elements.map((e) => (e.propertyName ?? e.name).text)
          : ["*"];
      add(node.moduleSpecifier, names);
    } else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === "require")) &&
      node.arguments.length === 1 &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      add(node.arguments[0], ["*"]);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      const lit = node.argument.literal;
      if (ts.isStringLiteralLike(lit)) add(lit, ["*"]);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return refs;
}

/** Every import in `files` (default: the whole tree) that breaks a layer rule. */
export function checkBoundaries(root: string, files = sourceFiles(root)): Violation[] {
  const out: Violation[] = [];
  for (const file of files) {
    const rules = RULES.filter((r) => r.from(file));
    if (rules.length === 0) continue;
    for (const ref of importsOf(root, file))
      for (const r of rules) {
        const rule = r.check(ref);
        if (rule) out.push({ file, line: ref.line, specifier: ref.specifier, rule });
      }
  }
  return out;
}

/** Pairs of modules (folders) of server/domain that import each other, counting non-test code only. */
export function domainCycles(root: string): Array<{ a: string; b: string; via: string[] }> {
  const moduleOf = (p: string) => {
    const parts = p.split("/");
    return parts.length > 3 ? parts[2] : null;
  };
  const edges = new Map<string, string[]>();
  for (const file of sourceFiles(root)) {
    if (!within(file, "server/domain") || /\.test\.tsx?$/.test(file)) continue;
    const a = moduleOf(file);
    for (const ref of importsOf(root, file)) {
      if (!ref.target || !within(ref.target, "server/domain")) continue;
      const b = moduleOf(ref.target);
      if (!a || !b || a === b) continue;
      const key = `${a}>${b}`;
      edges.set(key, [...(edges.get(key) ?? []), `${file} -> ${ref.specifier}`]);
    }
  }
  const pairs: Array<{ a: string; b: string; via: string[] }> = [];
  for (const key of [...edges.keys()].sort()) {
    const [a, b] = key.split(">");
    const back = edges.get(`${b}>${a}`);
    if (a < b && back) pairs.push({ a, b, via: [...(edges.get(key) ?? []), ...back] });
  }
  return pairs;
}

function main(argv: string[]): number {
  const root = process.cwd();
  if (argv.includes("--cycles")) {
    const pairs = domainCycles(root);
    for (const p of pairs) console.log(`${p.a} <-> ${p.b}\n  ${p.via.join("\n  ")}`);
    console.log(`${pairs.length} module pairs of server/domain import each other`);
    return 0;
  }
  const files = argv.filter((a) => !a.startsWith("--"));
  const violations = checkBoundaries(root, files.length > 0 ? files : undefined);
  for (const v of violations) console.error(`${v.file}:${v.line} imports "${v.specifier}": ${v.rule}`);
  if (violations.length > 0)
    console.error(`${violations.length} import(s) break the layer rules (ARCHITECTURE.md)`);
  return violations.length > 0 ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
