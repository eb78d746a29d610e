import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { readDocExamples } from '../support/doc-examples';

/**
 * The documentation stands on its own and stays true: no file refers to anything outside the repository, every
 * relative Markdown link resolves (to a file, and to a heading when it names one), every file, name and test title
 * docs/rules.md points to exists, and docs/operations.md lists every variable libs/platform/config.ts reads.
 */
const ROOT = resolve(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** Tracked files (git), or every file outside the usual untracked folders when there is no git. */
function repositoryFiles(): string[] {
  try {
    return execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter((f) => f && existsSync(join(ROOT, f)));
  } catch {
    const skip = new Set(['node_modules', '.git', 'dist', '.cache', '.run', 'coverage']);
    const walk = (dir: string): string[] =>
      readdirSync(join(ROOT, dir)).flatMap((name) => {
        const path = dir ? `${dir}/${name}` : name;
        if (skip.has(name)) return [];
        return statSync(join(ROOT, path)).isDirectory() ? walk(path) : [path];
      });
    return walk('');
  }
}

/**
 * Recorded Temporal histories carry the stack traces of the machine that recorded them (absolute paths): they are
 * replayed as data, never read as references. The lock file lists registry URLs.
 */
const NOT_PROSE = [/^tests\/replay\/fixtures\//, /^package-lock\.json$/];
const TEXT = /\.(ts|js|json|md|sh|ya?ml|txt)$|^\.ci\/|^\.gitignore$/;

// Built from pieces so that this file does not match itself.
const OUTSIDE = [
  { what: 'the sibling shared folder', re: new RegExp('\\.\\./' + 'shared') },
  { what: 'an absolute path on the build machine', re: new RegExp('/' + 'work/') },
  { what: 'a specification outside the repository', re: new RegExp('\\b(' + ['RULES', 'API', 'DESIGN', 'CONSOLE'].join('|') + ')\\.md\\b') },
];

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[`*_]/g, (c) => (c === '_' ? '_' : ''))
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function headings(markdown: string): string[] {
  const out: string[] = [];
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const m = !fenced && /^#{1,6}\s+(.*)$/.exec(line);
    if (m) out.push(m[1]);
  }
  return out;
}

function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const h of headings(markdown)) {
    const base = slug(h);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n ? `${base}-${n}` : base);
  }
  return out;
}

describe('documentation that stands on its own', () => {
  const files = repositoryFiles();
  const prose = files.filter((f) => TEXT.test(f) && !NOT_PROSE.some((re) => re.test(f)));
  const docs = files.filter((f) => /^(docs\/[^/]+\.md|README\.md|CONTRIBUTING\.md)$/.test(f));

  it('finds the repository files and the documents', () => {
    expect(prose.length).toBeGreaterThan(100);
    for (const doc of ['README.md', 'CONTRIBUTING.md', 'docs/rules.md', 'docs/api.md', 'docs/architecture.md', 'docs/operations.md', 'docs/DECISIONS.md']) {
      expect(docs).toContain(doc);
    }
  });

  it('no file refers to anything outside the repository', () => {
    const found: string[] = [];
    for (const file of prose) {
      read(file)
        .split('\n')
        .forEach((line, i) => {
          for (const { what, re } of OUTSIDE) if (re.test(line)) found.push(`${file}:${i + 1}: ${what}: ${line.trim().slice(0, 120)}`);
        });
    }
    expect(found).toEqual([]);
  });

  it('every relative Markdown link resolves to a file, and to a heading when it names one', () => {
    const broken: string[] = [];
    for (const doc of docs) {
      const text = read(doc).replace(/```[\s\S]*?```/g, '');
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/i.test(target)) continue;
        const [path, anchor] = target.split('#');
        const file = path ? relative(ROOT, resolve(ROOT, dirname(doc), path)) : doc;
        if (!existsSync(join(ROOT, file))) {
          broken.push(`${doc}: ${target}: no file ${file}`);
          continue;
        }
        if (anchor !== undefined && file.endsWith('.md') && !anchors(read(file)).has(anchor)) broken.push(`${doc}: ${target}: no heading #${anchor} in ${file}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('every section a file names as docs/<page>.md "Section" is a heading of that page', () => {
    const missing: string[] = [];
    for (const file of prose) {
      for (const [, page, section] of read(file).matchAll(/docs\/(rules|api|architecture|operations)\.md "([^"]+)"/g)) {
        const titles = headings(read(`docs/${page}.md`)).map((h) => h.toLowerCase());
        if (!titles.some((t) => t.includes(section.toLowerCase()))) missing.push(`${file}: docs/${page}.md "${section}"`);
      }
    }
    expect(missing).toEqual([]);
  });

  describe('docs/rules.md points to code and tests that exist', () => {
    const rules = read('docs/rules.md');
    // "**Where:** `libs/domain/x.ts` `name`, `name` · ..." and "**Tests:** `tests/.../x.test.ts` "title", "title", ..."
    const pointerLines = rules.split('\n**').filter((chunk) => /^(Where|Tests):\*\*/.test(chunk)).map((chunk) => chunk.split('\n\n')[0]);

    it('has a Where and a Tests line for every numbered section', () => {
      const sections = rules.split(/\n## /).filter((s) => /^\d+\./.test(s));
      expect(sections.length).toBeGreaterThanOrEqual(13);
      for (const section of sections) {
        expect({ section: section.split('\n')[0], where: section.includes('**Where:**'), tests: section.includes('**Tests:**') }).toMatchObject({ where: true, tests: true });
      }
    });

    it('every file exists, every name is declared in the file before it, every test title is in the test file before it', () => {
      const problems: string[] = [];
      let checked = 0;
      for (const chunk of pointerLines) {
        let current: string | undefined;
        for (const [, code, quoted] of chunk.matchAll(/`([^`]+)`|"([^"]+)"/g)) {
          if (code !== undefined && /^(libs|apps|workflows|activities|tests|infra)\/\S+\.(ts|js|sh)$/.test(code)) {
            current = code;
            checked++;
            if (!existsSync(join(ROOT, code))) problems.push(`no file ${code}`);
          } else if (code !== undefined && /^[A-Za-z_]\w*$/.test(code) && current && !current.startsWith('tests/')) {
            checked++;
            const declared = new RegExp(`(function|const|class|interface|type|enum)\\s+${code}\\b`);
            if (existsSync(join(ROOT, current)) && !declared.test(read(current))) problems.push(`${current} declares no ${code}`);
          } else if (quoted !== undefined && current?.startsWith('tests/')) {
            checked++;
            if (existsSync(join(ROOT, current)) && !read(current).replace(/\\'/g, "'").includes(quoted)) problems.push(`${current} has no test titled "${quoted}…"`);
          }
        }
      }
      expect(problems).toEqual([]);
      expect(checked).toBeGreaterThan(100);
    });

    it('every code or test path it mentions anywhere exists', () => {
      const paths = [...rules.matchAll(/`((?:libs|apps|workflows|activities|tests|infra)\/[^`\s]+\.(?:ts|js|sh))`/g)].map((m) => m[1]);
      expect(paths.length).toBeGreaterThan(50);
      expect(paths.filter((p) => !existsSync(join(ROOT, p)))).toEqual([]);
    });

    it('names a libs/domain function for the rules the domain holds', () => {
      for (const file of ['money', 'exact', 'plan', 'rep-plan', 'splits', 'deal', 'credit', 'netting', 'statement', 'quota', 'retention', 'trailing', 'forecast']) {
        expect({ file, named: rules.includes(`\`libs/domain/${file}.ts\``) }).toEqual({ file, named: true });
      }
    });
  });

  it('docs/operations.md lists every variable libs/platform/config.ts reads', () => {
    const config = read('libs/platform/config.ts');
    const declared = new Set([...config.matchAll(/(?:const|import\s*\{[^}]*?)\s([A-Z][A-Z0-9_]+)\b/g)].map((m) => m[1]));
    const variables = [...new Set([...config.matchAll(/\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\b/g)].map((m) => m[1]))].filter((v) => !declared.has(v) && !/^(DEV|DEFAULT)_/.test(v));
    expect(variables).toEqual(expect.arrayContaining(['API_PORT', 'DATABASE_URL', 'TEMPORAL_API_KEY', 'TEMPORAL_TLS_CERT_PATH']));
    const table = read('docs/operations.md')
      .split('\n')
      .filter((l) => l.startsWith('| `'))
      .map((l) => l.split('|')[1]);
    const missing = variables.filter((v) => !table.some((cell) => cell.includes(`\`${v}\``)));
    expect(missing).toEqual([]);
  });

  it('docs/api.md examples parse: each request is followed by its answer, and every role has one', () => {
    const examples = readDocExamples();
    expect(examples.length).toBeGreaterThanOrEqual(20);
    for (const e of examples) expect(e.status).toBeGreaterThanOrEqual(200);
    expect(new Set(examples.flatMap((e) => e.caller?.roles ?? [])).size).toBe(6);
  });
});
