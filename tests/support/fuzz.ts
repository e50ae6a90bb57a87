import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { EmptyFileSystem, URI } from 'langium';
import { createGdlServices, type GdlServices } from '../../language/src/gdl-module.js';
import { buildCoverageReport } from '../../language/src/coverage/coverage-report.js';
import { formatCoverageSummary } from '../../cli/coverage-summary.js';
import { formatCsv } from '../../cli/report/format-csv.js';
import { formatHtml } from '../../cli/report/format-html.js';
import { formatJson } from '../../cli/report/format-json.js';
import { formatJunit } from '../../cli/report/format-junit.js';
import { formatMarkdown } from '../../cli/report/format-markdown.js';
import { formatSarif } from '../../cli/report/format-sarif.js';
import { formatTable } from '../../cli/report/format-table.js';
import { formatWorkspaceSummary } from '../../language/src/coverage/workspace-summary.js';
import { sourceTextsBelow } from './files.js';

/** The seeds mutations start from: every bundled and fixture source. */
export function seedSources(repo: string): string[] {
    return [...sourceTextsBelow(path.join(repo, 'guidance')), ...sourceTextsBelow(path.join(repo, 'tests/fixtures'))];
}

const fragments = [
    '{',
    '}',
    '"',
    '"""',
    '\\',
    '\r\n',
    '\r',
    '\u0000',
    '\uFEFF',
    '\u202E',
    '😀',
    'é',
    '\t',
    ',',
    '%',
    '.',
    '12.3',
    '2025-02-30',
    'section',
    'guidance',
    'addresses',
    'evidence',
    'status approved',
    'item 12 {',
    'see ',
    'cites PHA1997.',
    '/*',
    '*/',
    '//',
    '<script>'
];

type Mutation =
    | { kind: 'truncate'; at: number }
    | { kind: 'insert'; at: number; text: string }
    | { kind: 'delete'; at: number; length: number }
    | { kind: 'duplicate'; at: number; length: number }
    | { kind: 'long-line'; at: number; size: number }
    | { kind: 'nesting'; depth: number }
    | { kind: 'prose-nesting'; at: number; marker: string; depth: number }
    | { kind: 'address'; address: string };

/** Grammar-aware mutations: truncation, insertion of tokens and odd characters, deletion, duplication, long lines, deep nesting. */
export const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
    { weight: 10, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }) },
    {
        weight: 30,
        arbitrary: fc.record({
            kind: fc.constant('insert' as const),
            at: fc.nat(),
            text: fc.oneof(fc.constantFrom(...fragments), fc.string({ unit: 'binary', maxLength: 20 }), fc.string({ maxLength: 20 }))
        })
    },
    { weight: 15, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }) }) },
    {
        weight: 10,
        arbitrary: fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 400 }) })
    },
    // Expensive cases are rarer, so a run covers many cheap ones too.
    {
        weight: 1,
        arbitrary: fc.record({ kind: fc.constant('long-line' as const), at: fc.nat(), size: fc.integer({ min: 1000, max: 1_000_000 }) })
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('nesting' as const), depth: fc.integer({ min: 1, max: 3000 }) }) },
    {
        weight: 2,
        arbitrary: fc.record({
            kind: fc.constant('prose-nesting' as const),
            at: fc.nat(),
            marker: fc.constantFrom('>', '> ', '*', '_', '[', '- ', '  - '),
            depth: fc.integer({ min: 1, max: 3000 })
        })
    },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('address' as const), address: hostileAddress() }) }
);

/** Link targets that try every trick a browser, a Markdown reader or Word might honour. */
export function hostileAddress(): fc.Arbitrary<string> {
    const scheme = fc.constantFrom(
        'javascript',
        'JaVaScRiPt',
        'data',
        'vbscript',
        'file',
        'http',
        'https',
        'mailto',
        'ftp',
        'java\tscript',
        'jav&#x09;ascript',
        ''
    );
    const prefix = fc.constantFrom('', ' ', '\t', '\u0001', '//', '\\\\', '%20');
    const rest = fc.oneof(
        fc.constantFrom(
            'alert(1)',
            '//host/<img src=x onerror=alert(1)>',
            'text/html,<script>alert(1)</script>',
            '"><script>alert(1)</script>',
            ')](javascript:alert(1))',
            '#x'
        ),
        fc.string({ maxLength: 30 })
    );
    return fc.tuple(prefix, scheme, fc.constantFrom(':', ''), rest).map(([p, s, c, r]) => `${p}${s}${c}${r}`);
}

/** Applies mutations to a text. */
export function mutate(text: string, mutations: Mutation[]): string {
    let out = text;
    for (const m of mutations) {
        const at = out.length === 0 ? 0 : 'at' in m ? m.at % (out.length + 1) : 0;
        switch (m.kind) {
            case 'truncate':
                out = out.slice(0, at);
                break;
            case 'insert':
                out = out.slice(0, at) + m.text + out.slice(at);
                break;
            case 'delete':
                out = out.slice(0, at) + out.slice(at + m.length);
                break;
            case 'duplicate':
                out = out.slice(0, at) + out.slice(at, at + m.length) + out.slice(at);
                break;
            case 'long-line':
                out = out.slice(0, at) + 'x'.repeat(m.size) + out.slice(at);
                break;
            case 'nesting':
                out = `guidance deep "Deep" {\n${'section s "S" {\n'.repeat(m.depth)}${'}\n'.repeat(m.depth)}}\n` + out;
                break;
            case 'prose-nesting':
                out = out.slice(0, at) + `\n"""\n${m.marker.repeat(m.depth)} deep\n"""\n` + out.slice(at);
                break;
            case 'address': {
                const quoted = `"${m.address.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
                out +=
                    `\nlegislation fuzz-act "Act" { address ${quoted} provision p1 "P" address ${quoted} }\n` +
                    `curriculum fuzz-c "C" { address ${quoted} }\n` +
                    `guidance fuzz-links "Links" { section fuzz-s "S" { cites fuzz-act.p1 """\n[link](${m.address.replace(/"/g, '')}) <${m.address.replace(/"/g, '')}>\n""" } }\n`;
                break;
            }
        }
    }
    return out;
}

/** How a case's text is stored on disk: as written, or re-encoded or damaged at the byte level. */
export type Encoding = 'utf8' | 'utf8-bom' | 'utf16le-bom' | 'utf16be-bom' | 'utf16le' | 'invalid-utf8' | 'nul' | 'latin1';

export const encodingArbitrary: fc.Arbitrary<{ encoding: Encoding; at: number }> = fc.record({
    encoding: fc.constantFrom<Encoding>(
        'utf8',
        'utf8',
        'utf8',
        'utf8',
        'utf8-bom',
        'utf16le-bom',
        'utf16be-bom',
        'utf16le',
        'invalid-utf8',
        'nul',
        'latin1'
    ),
    at: fc.nat()
});

/** The bytes of `text` stored with `encoding` (damage inserted at `at`). */
export function encode(text: string, encoding: Encoding, at: number): Uint8Array {
    const utf8 = Buffer.from(text, 'utf8');
    const where = utf8.length === 0 ? 0 : at % utf8.length;
    const swap = (b: Buffer) => {
        const out = Buffer.from(b);
        out.swap16();
        return out;
    };
    switch (encoding) {
        case 'utf8':
            return utf8;
        case 'utf8-bom':
            return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]);
        case 'utf16le-bom':
            return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
        case 'utf16be-bom':
            return Buffer.concat([Buffer.from([0xfe, 0xff]), swap(Buffer.from(text, 'utf16le'))]);
        case 'utf16le':
            return Buffer.from(text, 'utf16le');
        case 'invalid-utf8':
            return Buffer.concat([utf8.subarray(0, where), Buffer.from([0xc3, 0x28, 0xff, 0xe2, 0x82]), utf8.subarray(where)]);
        case 'nul':
            return Buffer.concat([utf8.subarray(0, where), Buffer.from([0]), utf8.subarray(where)]);
        case 'latin1':
            return Buffer.from(text.replace(/[^\u0000-\u00ff]/g, '?') + ' caf\u00e9', 'latin1');
    }
}

/** A long-lived workspace holding the framework and vocabulary, into which each case's document is built. */
export class FuzzTarget {
    private readonly services: GdlServices;
    private count = 0;

    constructor(repo: string) {
        this.services = createGdlServices(EmptyFileSystem).Gdl;
        this.services.gdl.Settings.asOf = '2026-01-15';
        const shared = this.services.shared.workspace;
        for (const file of [
            'guidance/framework/super-complaint-2024.gdl',
            'guidance/common/audiences.gdl',
            'guidance/common/legislation.gdl'
        ]) {
            shared.LangiumDocuments.addDocument(
                shared.LangiumDocumentFactory.fromString(readFileSync(path.join(repo, file), 'utf8'), URI.file(`/fuzz/${file}`))
            );
        }
    }

    /** What `gdl check` and `gdl coverage` print of the workspace: they must not throw on any input. */
    private report(everyFormat: boolean): void {
        const documents = this.services.shared.workspace.LangiumDocuments.all.toArray();
        const model = this.services.gdl.WorkspaceFacts.coverageModel();
        const asOf = this.services.gdl.Settings.effectiveAsOf();
        formatWorkspaceSummary(documents, model, asOf);
        formatCoverageSummary(model);
        if (everyFormat) {
            const report = buildCoverageReport(model, documents, {
                asOf,
                locate: node => ({ file: 'f.gdl', line: (node.$cstNode?.range.start.line ?? 0) + 1, column: 1 })
            });
            [formatCsv, formatHtml, formatJson, formatJunit, formatMarkdown].forEach(format => format(report));
            formatSarif(report, '0.0.0');
            formatTable(report, false);
        }
    }

    /**
     * Parses, links and validates `text` as the check does; returns a reason if the property fails:
     * an exception, or a problem without a proper location or code.
     */
    async check(source: string | Uint8Array): Promise<string | undefined> {
        const workspace = this.services.shared.workspace;
        const uri = URI.file(`/fuzz/case-${this.count++}.gdl`);
        // Bytes go through the decoder the check and the server use, as a file read from disk does.
        const text = typeof source === 'string' ? source : this.services.gdl.SourceTexts.read(uri, source);
        const document = workspace.LangiumDocumentFactory.fromString(text, uri);
        workspace.LangiumDocuments.addDocument(document);
        try {
            await workspace.DocumentBuilder.build([document], { validation: true });
            const lines = document.textDocument.lineCount;
            for (const diagnostic of document.diagnostics ?? []) {
                const { start, end } = diagnostic.range;
                if (
                    !/^GDL\d{4}$/.test(String(diagnostic.code)) ||
                    start.line < 0 ||
                    end.line >= lines + 1 ||
                    start.character < 0 ||
                    Number.isNaN(start.line)
                ) {
                    return `problem without a location or code: ${JSON.stringify(diagnostic)}`;
                }
            }
            const others = workspace.LangiumDocuments.all
                .filter(d => d !== document)
                .flatMap(d => d.diagnostics ?? [])
                .filter(d => !d.code)
                .toArray();
            if (others.length > 0) {
                return `problem without a code in another document: ${others[0]!.message}`;
            }
            this.report(this.count % 4 === 0);
            return undefined;
        } catch (error) {
            return `exception: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
        } finally {
            // Removed through the builder so the index forgets it too: otherwise every case's ids stay exported.
            await workspace.DocumentBuilder.update([], [uri]);
        }
    }
}

/**
 * The check's property: one seed source, mutated and stored in some encoding, goes through the whole
 * check; `verdict` receives what went wrong, or undefined.
 */
export function checkProperty(target: FuzzTarget, sources: readonly string[], verdict: (failure: string | undefined) => void) {
    return fc.asyncProperty(
        fc.nat({ max: sources.length - 1 }),
        fc.array(mutationArbitrary, { minLength: 1, maxLength: 4 }),
        encodingArbitrary,
        async (index, mutations, stored) =>
            verdict(await target.check(encode(mutate(sources[index]!, mutations), stored.encoding, stored.at)))
    );
}
