import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { EmptyFileSystem, URI } from 'langium';
import { createGdlServices, type GdlServices } from '../language/src/gdl-module.js';

/** The seeds mutations start from: every bundled and fixture source. */
export function seedSources(repo: string): string[] {
    const out: string[] = [];
    const walk = (dir: string) => readdirSync(dir).sort().forEach(entry => {
        const full = path.join(dir, entry);
        if (statSync(full).isDirectory()) { walk(full); } else if (entry.endsWith('.gdl')) { out.push(readFileSync(full, 'utf8')); }
    });
    walk(path.join(repo, 'guidance'));
    walk(path.join(repo, 'tests/fixtures'));
    return out;
}

const fragments = ['{', '}', '"', '"""', '\\', '\r\n', '\r', '\u0000', '\uFEFF', '\u202E', '😀', 'é', '\t', ',', '%', '.', '12.3', '2025-02-30',
    'section', 'guidance', 'addresses', 'evidence', 'status approved', 'item 12 {', 'see ', 'cites PHA1997.', '/*', '*/', '//', '<script>'];

type Mutation =
    | { kind: 'truncate'; at: number }
    | { kind: 'insert'; at: number; text: string }
    | { kind: 'delete'; at: number; length: number }
    | { kind: 'duplicate'; at: number; length: number }
    | { kind: 'long-line'; at: number; size: number }
    | { kind: 'nesting'; depth: number };

/** Grammar-aware mutations: truncation, insertion of tokens and odd characters, deletion, duplication, long lines, deep nesting. */
export const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
    { weight: 10, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }) },
    { weight: 30, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...fragments), fc.string({ unit: 'binary', maxLength: 20 }), fc.string({ maxLength: 20 })) }) },
    { weight: 15, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }) }) },
    { weight: 10, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 400 }) }) },
    // Expensive cases are rarer, so a run covers many cheap ones too.
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('long-line' as const), at: fc.nat(), size: fc.integer({ min: 1000, max: 1_000_000 }) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('nesting' as const), depth: fc.integer({ min: 1, max: 300 }) }) }
);

/** Applies mutations to a text. */
export function mutate(text: string, mutations: Mutation[]): string {
    let out = text;
    for (const m of mutations) {
        const at = out.length === 0 ? 0 : ('at' in m ? m.at % (out.length + 1) : 0);
        switch (m.kind) {
            case 'truncate': out = out.slice(0, at); break;
            case 'insert': out = out.slice(0, at) + m.text + out.slice(at); break;
            case 'delete': out = out.slice(0, at) + out.slice(at + m.length); break;
            case 'duplicate': out = out.slice(0, at) + out.slice(at, at + m.length) + out.slice(at); break;
            case 'long-line': out = out.slice(0, at) + 'x'.repeat(m.size) + out.slice(at); break;
            case 'nesting': out = `guidance deep "Deep" {\n${'section s "S" {\n'.repeat(m.depth)}${'}\n'.repeat(m.depth)}}\n` + out; break;
        }
    }
    return out;
}

/** A long-lived workspace holding the framework and vocabulary, into which each case's document is built. */
export class FuzzTarget {
    private readonly services: GdlServices;
    private count = 0;

    constructor(repo: string) {
        this.services = createGdlServices(EmptyFileSystem).Gdl;
        this.services.gdl.Settings.asOf = '2026-01-15';
        const shared = this.services.shared.workspace;
        for (const file of ['guidance/framework/super-complaint-2024.gdl', 'guidance/common/audiences.gdl', 'guidance/common/legislation.gdl']) {
            shared.LangiumDocuments.addDocument(shared.LangiumDocumentFactory.fromString(readFileSync(path.join(repo, file), 'utf8'), URI.file(`/fuzz/${file}`)));
        }
    }

    /**
     * Parses, links and validates `text` as the check does; returns a reason if the property fails:
     * an exception, or a problem without a proper location or code.
     */
    async check(text: string): Promise<string | undefined> {
        const workspace = this.services.shared.workspace;
        const uri = URI.file(`/fuzz/case-${this.count++}.gdl`);
        const document = workspace.LangiumDocumentFactory.fromString(text, uri);
        workspace.LangiumDocuments.addDocument(document);
        try {
            await workspace.DocumentBuilder.build([document], { validation: true });
            const lines = document.textDocument.lineCount;
            for (const diagnostic of document.diagnostics ?? []) {
                const { start, end } = diagnostic.range;
                if (!/^GDL\d{4}$/.test(String(diagnostic.code)) || start.line < 0 || end.line >= lines + 1 || start.character < 0 || Number.isNaN(start.line)) {
                    return `problem without a location or code: ${JSON.stringify(diagnostic)}`;
                }
            }
            const others = workspace.LangiumDocuments.all.filter(d => d !== document).flatMap(d => d.diagnostics ?? []).filter(d => !d.code).toArray();
            if (others.length > 0) {
                return `problem without a code in another document: ${others[0]!.message}`;
            }
            return undefined;
        } catch (error) {
            return `exception: ${error instanceof Error ? error.stack ?? error.message : String(error)}`;
        } finally {
            // Removed through the builder so the index forgets it too: otherwise every case's ids stay exported.
            await workspace.DocumentBuilder.update([], [uri]);
        }
    }
}
