import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { GdlLanguageMetaData } from '../../language/src/generated/module.js';
import { sourceFileExtensions } from '../../language/src/source-files.js';

// The layering docs/architecture.md describes, checked on the import graph of the sources.
const repo = path.resolve(__dirname, '../..');
const roots = ['language/src', 'cli', 'extension/src'];

function sources(folder: string): string[] {
    return readdirSync(path.join(repo, folder)).flatMap(entry => {
        const relative = path.posix.join(folder, entry);
        if (entry === 'generated' || entry === 'node_modules' || entry === 'out') {
            return [];
        }
        return statSync(path.join(repo, relative)).isDirectory() ? sources(relative) : relative.endsWith('.ts') ? [relative] : [];
    });
}

const importPattern = /^(?:import|export)\s+(type\s+)?[^'";]*?from\s+'([^']+)'/gms;

/** The packages a file imports at run time (`import type` is erased by the compiler). */
function packageImports(file: string): string[] {
    const text = readFileSync(path.join(repo, file), 'utf8');
    return [...text.matchAll(importPattern)].filter(m => !m[1] && !m[2]!.startsWith('.')).map(m => m[2]!);
}

/** The relative imports of a file that exist at run time (`import type` is erased by the compiler). */
function runtimeImports(file: string): string[] {
    const text = readFileSync(path.join(repo, file), 'utf8');
    const found: string[] = [];
    for (const match of text.matchAll(importPattern)) {
        if (!match[2]!.startsWith('.')) {
            continue;
        }
        if (match[1]) {
            continue;
        }
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), match[2]!)).replace(/\.js$/, '.ts');
        found.push(target);
    }
    return found;
}

const files = roots.flatMap(sources);
const graph = new Map(files.map(file => [file, runtimeImports(file)]));

describe('architecture', () => {
    test('the import graph is read: every relative import names a source file', () => {
        expect(files.length).toBeGreaterThan(60);
        for (const [file, imports] of graph) {
            for (const target of imports) {
                expect(files.includes(target) || target.includes('/generated/'), `${file} imports ${target}`).toBe(true);
            }
        }
    });

    test('the language core imports no face (cli, extension)', () => {
        const offending = [...graph].flatMap(([file, imports]) =>
            file.startsWith('language/src/') ? imports.filter(t => !t.startsWith('language/src/')).map(t => `${file} → ${t}`) : []
        );
        expect(offending).toEqual([]);
    });

    test('the extension is wiring: from the core it imports only the protocol', () => {
        const offending = [...graph].flatMap(([file, imports]) =>
            file.startsWith('extension/')
                ? imports.filter(t => t.startsWith('language/') && t !== 'language/src/lsp/gdl-protocol.ts').map(t => `${file} → ${t}`)
                : []
        );
        expect(offending).toEqual([]);
    });

    test('no import cycles among the sources', () => {
        const cycles: string[] = [];
        const state = new Map<string, 'open' | 'done'>();
        const stack: string[] = [];
        const visit = (file: string) => {
            state.set(file, 'open');
            stack.push(file);
            for (const target of graph.get(file) ?? []) {
                if (state.get(target) === 'open') {
                    cycles.push([...stack.slice(stack.indexOf(target)), target].join(' → '));
                } else if (!state.has(target) && graph.has(target)) {
                    visit(target);
                }
            }
            stack.pop();
            state.set(file, 'done');
        };
        files.forEach(file => state.has(file) || visit(file));
        expect(cycles).toEqual([]);
    });

    test('the command line starts without the language: what `gdl check` loads before its cache answers imports no Langium', () => {
        // Static imports only: each command's module, and the check itself, are loaded with import() when they run.
        const loaded = new Set<string>();
        const visit = (file: string) => {
            if (!loaded.has(file)) {
                loaded.add(file);
                (graph.get(file) ?? []).forEach(visit);
            }
        };
        visit('cli/main.ts');
        expect(loaded).toContain('cli/check-cache.ts');
        expect(loaded).not.toContain('cli/check-workspace.ts');
        const heavy = [...loaded].flatMap(file =>
            packageImports(file)
                .filter(name => !name.startsWith('node:') && name !== 'commander')
                .map(name => `${file} → ${name}`)
        );
        expect(heavy).toEqual([]);
    });

    test("the sources' file extensions are the grammar's", () => {
        expect(sourceFileExtensions).toEqual(GdlLanguageMetaData.fileExtensions);
    });
});
