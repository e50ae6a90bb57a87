import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';

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

/** The relative imports of a file that exist at run time (`import type` is erased by the compiler). */
function runtimeImports(file: string): string[] {
    const text = readFileSync(path.join(repo, file), 'utf8');
    const found: string[] = [];
    for (const match of text.matchAll(/^(?:import|export)\s+(type\s+)?[^'";]*?from\s+'(\.[^']+)'/gms)) {
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
});
