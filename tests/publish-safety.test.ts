import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import JSZip from 'jszip';
import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { visit } from 'unist-util-visit';
import { describe, expect, onTestFinished, test } from 'vitest';
import { safeLinkTarget } from '../language/src/publish/link-policy.js';
import { unpublishableText } from '../language/src/validation/drafting-notes.js';
import { PATIENCE_MS } from './support/patience.js';
import { fixtureCopy, copyExampleWorkspace } from './support/files.js';

const repo = path.resolve(import.meta.dirname, '..');
const gdl = path.join(repo, 'bin/gdl.js');
const run = (args: string[], cwd = repo) => {
    const result = spawnSync(process.execPath, [gdl, ...args], { cwd, encoding: 'utf8', timeout: PATIENCE_MS });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};

/** Every file below `folder` (dot-files too) with a hash of its bytes: a before-and-after picture of a tree. */
function snapshot(folder: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const entry of readdirSync(folder, { recursive: true }).map(String).sort()) {
        const full = path.join(folder, entry);
        const stat = statSync(full);
        out[entry] = stat.isDirectory() ? 'folder' : createHash('sha256').update(readFileSync(full)).digest('hex');
    }
    return out;
}

/** A folder holding a copy of the bundled guidance (`ws`), a file of the user's and a folder of theirs. */
function sandbox(): string {
    const root = mkdtempSync(path.join(tmpdir(), 'gdl-out-'));
    copyExampleWorkspace(path.join(root, 'ws'));
    writeFileSync(path.join(root, 'report.txt'), "an auditor's notes\n");
    mkdirSync(path.join(root, 'mine'));
    writeFileSync(path.join(root, 'mine', 'keep.docx'), 'not ours');
    return root;
}

describe('the output folder can never hold the sources: refused with exit 2 and nothing touched', () => {
    const refusals: Array<[string, (root: string) => { out: string; cwd?: string }, RegExp]> = [
        ['the workspace itself', () => ({ out: 'ws' }), /it is the workspace/],
        ['the current folder, which holds the workspace', () => ({ out: '.' }), /it contains the workspace/],
        ["the workspace's parent, written ws/..", () => ({ out: 'ws/..' }), /it contains the workspace/],
        ['the file system root', () => ({ out: '/' }), /it contains the workspace/],
        ['a folder inside the workspace', () => ({ out: 'ws/site' }), /it lies inside the workspace/],
        // Its name starts with two dots, as a parent's does: it was taken for one outside, and the site written into the workspace.
        ['a folder inside the workspace named ..site', () => ({ out: 'ws/..site' }), /it lies inside the workspace/],
        ['a source file', () => ({ out: 'ws/framework/super-complaint-2024.gdl' }), /it lies inside the workspace/],
        ['an existing file', () => ({ out: 'report.txt' }), /it is a file, not a folder/],
        ["a folder of someone else's files", () => ({ out: 'mine' }), /not empty and no earlier `gdl build` wrote it/],
        [
            'the workspace reached through a link',
            root => {
                spawnSync('ln', ['-s', 'ws', path.join(root, 'link-to-ws')]);
                return { out: 'link-to-ws' };
            },
            /it is the workspace/
        ]
    ];

    test.each(refusals)('%s', (_what, arrange, why) => {
        const root = sandbox();
        const { out } = arrange(root);
        const before = snapshot(root);
        const rootEntries = readdirSync('/');
        const result = run(['build', 'ws', '--out', out, '--allow-gaps'], root);
        expect(result.code, result.stdout + result.stderr).toBe(2);
        expect(result.stderr).toMatch(why);
        expect(result.stderr).toContain('Nothing was written');
        expect(result.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
        expect(snapshot(root)).toEqual(before);
        expect(readdirSync('/')).toEqual(rootEntries);
    });

    test('gdl build ws --out ws from a copy of guidance/: every .gdl byte for byte as before', () => {
        const root = sandbox();
        const sources = snapshot(path.join(root, 'ws'));
        expect(Object.keys(sources).filter(f => f.endsWith('.gdl')).length).toBeGreaterThan(10);
        const result = run(['build', 'ws', '--out', 'ws'], root);
        expect(result.code).toBe(2);
        expect(result.stderr).toBe(
            "gdl: refusing to publish to 'ws': it is the workspace. Nothing was written; choose a new or empty folder outside the workspace.\n"
        );
        expect(snapshot(path.join(root, 'ws'))).toEqual(sources);
    });

    test('the templates folder is protected too', () => {
        const root = sandbox();
        cpSync(path.join(repo, 'out-templates'), path.join(root, 'templates'), { recursive: true });
        const before = snapshot(root);
        const result = run(['build', 'ws', '--out', 'templates', '--templates', 'templates'], root);
        expect(result.code).toBe(2);
        expect(result.stderr).toContain('it is the templates folder');
        expect(snapshot(root)).toEqual(before);
    });

    test("a folder inside gdl's own code or a node_modules folder: refused, nothing written (the next install or build would lose the site)", () => {
        const root = sandbox();
        const inCode = path.join(repo, 'out', 'published-site');
        onTestFinished(() => rmSync(inCode, { recursive: true, force: true }));
        const before = snapshot(root);
        for (const out of [inCode, 'node_modules/site']) {
            const result = run(['build', 'ws', '--out', out, '--allow-gaps'], root);
            expect(result.code, out).toBe(2);
            expect(result.stderr, out).toContain("it lies inside gdl's own code");
        }
        expect(existsSync(inCode)).toBe(false);
        expect(snapshot(root)).toEqual(before);
    });

    test('a new folder, an empty one, and a folder an earlier build wrote (its marker) are published to', () => {
        const root = sandbox();
        expect(run(['build', 'ws', '--out', 'site', '--quiet'], root).code).toBe(0);
        expect(readFileSync(path.join(root, 'site', '.gdl-output'), 'utf8')).toContain('written by `gdl build`');
        expect(run(['build', 'ws', '--out', 'site', '--quiet'], root).code).toBe(0);
        mkdirSync(path.join(root, 'empty'));
        expect(run(['build', 'ws', '--out', 'empty', '--quiet'], root).code).toBe(0);
        expect(existsSync(path.join(root, 'empty', 'index.html'))).toBe(true);
    });
});

describe('a coverage report can never replace a source or a template: refused with exit 2 and nothing touched', () => {
    test('--output naming a source, a new .gdl file in the workspace, or a file in the templates folder', () => {
        const root = sandbox();
        const templates = path.join(repo, 'out-templates');
        const before = { ws: snapshot(path.join(root, 'ws')), templates: snapshot(templates) };
        for (const output of [
            'ws/framework/super-complaint-2024.gdl',
            'ws/coverage.gdl',
            path.join(templates, 'page.html'),
            path.join(templates, 'new.json')
        ]) {
            const result = run(['coverage', 'ws', '--format', 'json', '--output', output], root);
            expect(result.code, output).toBe(2);
            expect(result.stderr, output).toMatch(
                /^gdl: refusing to write the report to '.*': (that is the name of a GDL source|it lies inside the templates folder)/
            );
        }
        expect(snapshot(path.join(root, 'ws'))).toEqual(before.ws);
        expect(snapshot(templates)).toEqual(before.templates);
        // A report beside the sources under its own name is still written.
        expect(run(['coverage', 'ws', '--format', 'json', '--output', 'ws/coverage.json'], root).code).toBe(0);
        expect(JSON.parse(readFileSync(path.join(root, 'ws', 'coverage.json'), 'utf8')).totals.requirements).toBe(39);
    });

    test("--output or --report naming the workspace's configuration, an exhibit the sources name, or gdl's own code", () => {
        const root = sandbox();
        writeFileSync(path.join(root, 'ws', 'gdl.config.json'), '{}\n');
        const before = { ws: snapshot(path.join(root, 'ws')), bin: snapshot(path.join(repo, 'bin')) };
        // Put back whatever happens: were the refusal to fail, the report would replace the repository's own gdl.
        const command = readFileSync(path.join(repo, 'bin', 'gdl.js'));
        onTestFinished(() => {
            writeFileSync(path.join(repo, 'bin', 'gdl.js'), command);
            rmSync(path.join(repo, 'out', 'new-report.json'), { force: true });
        });
        const refusals: Array<[string, RegExp]> = [
            ['ws/gdl.config.json', /that is the name of the workspace's gdl\.config\.json/],
            ['ws/gdl-words.txt', /that is the name of the workspace's gdl-words\.txt/],
            // Evidence on file, which an inspector asks to see: it was replaced by the report.
            ['ws/example-constabulary/exhibits/stalking-audit-2024-25-q4.md', /it is a file the sources name \(an exhibit or a handout\)/],
            // The command itself: a report over it left no gdl to run.
            [path.join(repo, 'bin', 'gdl.js'), /it lies inside gdl's own code/],
            [path.join(repo, 'out', 'new-report.json'), /it lies inside gdl's own code/]
        ];
        for (const [output, why] of refusals) {
            const format = output.endsWith('.md') ? 'markdown' : 'json';
            for (const args of [
                ['coverage', 'ws', '--format', format, '--output', output],
                ['check', 'ws', '--report', `${format}:${output}`]
            ]) {
                const result = run(args, root);
                expect(result.code, args.join(' ')).toBe(2);
                expect(result.stderr, args.join(' ')).toMatch(why);
                expect(result.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
            }
        }
        expect(snapshot(path.join(root, 'ws'))).toEqual(before.ws);
        expect(snapshot(path.join(repo, 'bin'))).toEqual(before.bin);
        expect(existsSync(path.join(repo, 'out', 'new-report.json'))).toBe(false);
        // A report beside the sources under its own name is still written.
        expect(run(['coverage', 'ws', '--format', 'json', '--output', 'ws/coverage.json'], root).code).toBe(0);
        expect(JSON.parse(readFileSync(path.join(root, 'ws', 'coverage.json'), 'utf8')).totals.requirements).toBe(39);
    });
});

/** Gives the sandbox's example force one more approved guidance document, `id`, of one section with `text`. */
function addGuidance(root: string, id: string, title: string, text: string): void {
    writeFileSync(
        path.join(root, 'ws/example-constabulary/guidance/added.gdl'),
        [
            `guidance ${id} "${title}" {`,
            '    owner "Example Constabulary stalking lead"',
            '    version "1.0"',
            '    status approved',
            '    approved 2025-02-01',
            '    review-by 2027-02-01',
            '    audience first-responders',
            `    section ${id.toLowerCase()}-one "One" {`,
            '        """',
            `        ${text}`,
            '        """',
            '    }',
            '}',
            ''
        ].join('\n')
    );
}

/**
 * The sandbox's example force given one more approved guidance document, `id`, of one section: the build must refuse
 * it (exit 2) with a message matching `refusal`, write nothing, and leave every file as it was.
 */
function refusedWithPage(id: string, title: string, text: string, refusal: string | RegExp): void {
    const root = sandbox();
    addGuidance(root, id, title, text);
    const before = snapshot(root);
    const result = run(['build', 'ws', '--out', 'site', '--allow-gaps', '--as-of', '2026-01-15'], root);
    expect(result.code, result.stderr).toBe(2);
    if (typeof refusal === 'string') {
        expect(result.stderr).toContain(refusal);
    } else {
        expect(result.stderr).toMatch(refusal);
    }
    expect(result.stderr).toContain('Nothing was written');
    expect(snapshot(root)).toEqual(before);
}

describe('pages whose names differ only in case (one file on Windows and macOS)', () => {
    test('are refused, naming both, and nothing is written', () => {
        refusedWithPage(
            'EC-RISK',
            'Another page on risk',
            'A second page whose id differs from the first only in case.',
            "refusing to publish 'guidance/ec-risk.md' and 'guidance/EC-RISK.md': their names differ only in case"
        );
    });
});

describe('pages named as Windows devices (NUL.html is the null device there), or by ids too long for a file name', () => {
    // The check reports the id where it is written (GDL0010), so that `gdl check` passes only what `gdl build` publishes:
    // before, the check passed and the build refused, naming an output file rather than the source.
    test.each([
        ['nul', 'Windows keeps that name for a device'],
        ['CON', 'Windows keeps that name for a device'],
        ['com1', 'Windows keeps that name for a device'],
        ['k'.repeat(201), "it is 201 bytes long, and a page's name may be at most 200"]
    ])('a guidance document with the id %s is an error at the id, and the build writes nothing', (id, why) => {
        const root = sandbox();
        addGuidance(root, id, 'A page', 'A page whose file could not be kept.');
        const check = run(['check', 'ws', '--force', 'example-constabulary', '--as-of', '2026-01-15'], root);
        expect(check.code).toBe(1);
        expect(check.stdout).toContain(`added.gdl:1:10 error GDL0010 Guidance document id '${id}' cannot name a published page: ${why}`);
        const before = snapshot(root);
        const build = run(['build', 'ws', '--out', 'site', '--allow-gaps', '--as-of', '2026-01-15'], root);
        expect(build.code).toBe(1);
        expect(build.stdout + build.stderr).toContain('GDL0010');
        expect(snapshot(root)).toEqual(before);
    });
});

describe('a report replaces only an earlier report: never a folder, nor a file gdl did not write', () => {
    test('each format, for one force and by force, is written again over itself (as CI does, run after run)', () => {
        const root = sandbox();
        const runs: string[][] = [
            ...['table', 'markdown', 'html', 'csv', 'json', 'sarif', 'junit'].map(format => ['--format', format]),
            ...['table', 'html', 'csv', 'json'].map(format => ['--by-force', '--format', format])
        ];
        for (const [index, args] of runs.entries()) {
            const file = path.join(root, `report-${index}`);
            for (const time of ['first', 'again']) {
                const result = run(['coverage', 'ws', ...args, '--output', file, '--as-of', '2026-01-15'], root);
                expect(result.stderr, `${args.join(' ')}, ${time}`).not.toMatch(/refusing/);
                expect(existsSync(file)).toBe(true);
            }
        }
        // And `gdl check --report` over a report of another format.
        const check = run(['check', 'ws', '--report', `json:${path.join(root, 'report-0')}`], root);
        expect(check.stderr).not.toMatch(/refusing/);
        expect(JSON.parse(readFileSync(path.join(root, 'report-0'), 'utf8')).totals.requirements).toBe(39);
    });

    test("someone's file, a folder, or a file where a folder should be: refused before the check, exit 2, nothing touched", () => {
        const root = sandbox();
        mkdirSync(path.join(root, '.git'));
        mkdirSync(path.join(root, 'scripts'));
        const theirs: Record<string, string> = {
            'package.json': '{ "name": "force-guidance", "version": "1.0.0" }\n',
            'README.md': '# Our guidance\n',
            '.git/config': '[core]\n\trepositoryformatversion = 0\n',
            'scripts/publish.sh': '#!/bin/sh\necho publishing\n'
        };
        for (const [file, text] of Object.entries(theirs)) {
            writeFileSync(path.join(root, file), text);
        }
        const before = snapshot(root);
        const refusals: Array<[string, RegExp]> = [
            ...Object.keys(theirs).map(file => [file, /a file is there that is not an earlier gdl report/] as [string, RegExp]),
            ['report.txt', /a file is there that is not an earlier gdl report/],
            ['.', /it is a folder: name a file/],
            ['ws', /it is a folder: name a file/],
            ['ws/framework/super-complaint-2024.gdl/x.html', /'ws\/framework\/super-complaint-2024\.gdl' is a file, not a folder/]
        ];
        for (const [output, why] of refusals) {
            for (const args of [
                ['coverage', 'ws', '--format', 'markdown', '--output', output],
                ['check', 'ws', '--report', `markdown:${output}`]
            ]) {
                const result = run(args, root);
                expect(result.code, args.join(' ')).toBe(2);
                expect(result.stderr, args.join(' ')).toMatch(why);
                expect(result.stderr, args.join(' ')).toMatch(/Nothing was written/);
                expect(result.stderr).not.toMatch(/internal error|^\s+at .+:\d+:\d+\)?$/m);
            }
        }
        expect(snapshot(root)).toEqual(before);
    });
});

describe('one allow-list of link schemes for every link in every format', () => {
    const payloads = readFileSync(path.join(repo, 'tests/fixtures/hostile/xss-payloads.txt'), 'utf8').split('\n').filter(Boolean);
    const schemes = [
        'javascript:alert(1)',
        'JaVaScRiPt:alert(1)',
        ' javascript:alert(1)',
        'java\tscript:alert(1)',
        '\u0001javascript:alert(1)',
        'data:text/html,<script>alert(1)</script>',
        'vbscript:msgbox(1)',
        'file:///etc/passwd',
        '//evil.invalid/x',
        'https://ok.invalid/a b<c>"d'
    ];
    const addresses = [...schemes, ...payloads];
    const quote = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\t/g, '\\t')}"`;

    test('the policy: http, https and mailto addresses and relative links only, percent-encoded', () => {
        expect(safeLinkTarget('https://www.legislation.gov.uk/ukpga/1997/40/section/2A')).toBe(
            'https://www.legislation.gov.uk/ukpga/1997/40/section/2A'
        );
        expect(safeLinkTarget('mailto:stalking@example.police.uk')).toBe('mailto:stalking@example.police.uk');
        expect(safeLinkTarget('../guidance/risk.html#risk-dash')).toBe('../guidance/risk.html#risk-dash');
        for (const bad of schemes.slice(0, 9)) {
            expect(safeLinkTarget(bad), JSON.stringify(bad)).toBeUndefined();
        }
        expect(safeLinkTarget('https://ok.invalid/a b<c>"d')).toBe('https://ok.invalid/a%20b%3Cc%3E%22d');
    });

    // A path on the machine (file:///etc/passwd) is an error in approved material (GDL0312): the check refuses the
    // build before the publisher sees it. The publisher is tested with every other address.
    const paths = addresses.filter(a => unpublishableText(quote(a)).length > 0);
    const published = addresses.filter(a => !paths.includes(a));

    test('a provision whose address is a path on the machine refuses the build (GDL0312), naming it', () => {
        const workspace = mkdtempSync(path.join(tmpdir(), 'gdl-paths-'));
        const provisions = paths.map((a, i) => `    provision p${i} "Provision ${i}" address ${quote(a)}`).join('\n');
        writeFileSync(path.join(workspace, 'paths.gdl'), `legislation L "Act" {\n${provisions}\n}\n`);
        const out = path.join(mkdtempSync(path.join(tmpdir(), 'gdl-paths-out-')), 'site');
        const result = run(['build', workspace, '--out', out, '--quiet', '--as-of', '2026-01-15']);
        expect(result.code).toBe(1);
        expect(result.stdout).toContain("error GDL0312 Provision 'L.p");
        expect(result.stdout).toContain("'file:///etc/passwd'");
        expect(existsSync(out)).toBe(false);
    });

    test(`${published.length} hostile addresses of provisions: no unsafe target and no raw HTML in the Markdown, HTML or Word`, async () => {
        expect(paths).toContain('file:///etc/passwd');
        const workspace = mkdtempSync(path.join(tmpdir(), 'gdl-links-'));
        const provisions = published.map((a, i) => `    provision p${i} "Provision ${i}" address ${quote(a)}`).join('\n');
        writeFileSync(
            path.join(workspace, 'links.gdl'),
            `
framework F "F" { recommendation 1 { to chief-constables deadline 2025-03-27 text "t" evidence 1.1 { text "x" } } }
audience aud "Audience"
legislation L "Act" {
${provisions}
}
guidance doc "Doc" {
    owner "o" status approved approved 2025-01-01 review-by 2027-01-01 audience aud
    section sec "Section" {
        addresses 1.1
        cites ${published.map((_, i) => `L.p${i}`).join(', ')}
        """
        [prose link](javascript:alert(1)) [ok](https://example.invalid/) ![img](data:image/png;base64,AAAA)
        """
    }
}
`
        );
        const out = path.join(mkdtempSync(path.join(tmpdir(), 'gdl-links-out-')), 'site');
        const result = run(['build', workspace, '--out', out, '--quiet', '--as-of', '2026-01-15']);
        expect(result.code, result.stdout + result.stderr).toBe(0);
        const allowed = (url: string) => /^(https?:|mailto:)/.test(url) || (!/^[a-z][a-z0-9+.-]*:/i.test(url) && !url.startsWith('//'));
        const markdownFiles = readdirSync(out, { recursive: true })
            .map(String)
            .filter(f => f.endsWith('.md'));
        expect(markdownFiles.length).toBeGreaterThan(0);
        for (const file of markdownFiles) {
            const tree: Root = fromMarkdown(readFileSync(path.join(out, file), 'utf8'), {
                extensions: [gfm()],
                mdastExtensions: [gfmFromMarkdown()]
            });
            visit(tree, (node, index, parent) => {
                // The one raw HTML a page writes: a heading's own empty anchor, first in the heading (render-markdown's anchorTag).
                const anchor =
                    parent?.type === 'heading' &&
                    ((index === 0 && /^<a id="[\w.-]+">$/.test((node as { value: string }).value)) ||
                        (index === 1 && (node as { value: string }).value === '</a>'));
                if (node.type === 'html' && !anchor) {
                    throw new Error(`${file}: raw HTML ${JSON.stringify((node as { value: string }).value)}`);
                }
                if ('url' in node && typeof node.url === 'string') {
                    expect(allowed(node.url), `${file}: ${node.url}`).toBe(true);
                }
            });
        }
        const page = readFileSync(path.join(out, 'guidance', 'doc.html'), 'utf8');
        for (const [, url] of page.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
            expect(allowed(url!), url).toBe(true);
        }
        expect(page).toContain('Provision 0');
        const md = readFileSync(path.join(out, 'guidance', 'doc.md'), 'utf8');
        expect(md).toContain('[ok](https://example.invalid/)');
        expect(md).toContain('https://ok.invalid/a%20b%3Cc%3E%22d');
    });
});

describe("raw HTML in prose keeps the Markdown page's structure", () => {
    test('a comment paragraph at the end of a summary or a course content block becomes a paragraph of text, not a flattened page', () => {
        const headings = (file: string) => {
            const tree: Root = fromMarkdown(readFileSync(file, 'utf8'), { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
            let count = 0;
            visit(tree, 'heading', () => {
                count++;
            });
            return count;
        };
        const publish = (edit: (ws: string) => void) => {
            const root = mkdtempSync(path.join(tmpdir(), 'gdl-html-block-'));
            copyExampleWorkspace(path.join(root, 'ws'));
            edit(path.join(root, 'ws'));
            const result = run(['build', 'ws', '--out', 'site', '--quiet', '--as-of', '2026-01-15'], root);
            expect(result.code, result.stdout + result.stderr).toBe(0);
            return path.join(root, 'site');
        };
        const plain = publish(() => undefined);
        const commented = publish(ws => {
            const risk = path.join(ws, 'example-constabulary/guidance/risk.gdl');
            writeFileSync(
                risk,
                readFileSync(risk, 'utf8').replace(
                    'and beyond where an order remains in force.\n',
                    'and beyond where an order remains in force.\n\n    <!-- reviewed -->\n'
                )
            );
            const module = path.join(ws, 'example-constabulary/training/fr-1-first-responders.gdl');
            const text = readFileSync(module, 'utf8');
            const at = text.indexOf('"""', text.indexOf('content '));
            const end = text.indexOf('"""', at + 3);
            writeFileSync(module, text.slice(0, end) + '\n<!-- reviewed -->\n' + text.slice(end));
        });
        for (const file of ['guidance/ec-risk.md', 'courses/CP-FR-trainer.md']) {
            const before = readFileSync(path.join(plain, file), 'utf8');
            const after = readFileSync(path.join(commented, file), 'utf8');
            expect(headings(path.join(commented, file)), file).toBe(headings(path.join(plain, file)));
            expect(after.split('\n').length, file).toBeGreaterThanOrEqual(before.split('\n').length);
            expect(after, file).toContain('\\<!-- reviewed -->');
        }
    });
});

describe('deep nesting is a located diagnostic with a documented limit, never a crash', () => {
    const check = (text: string) => {
        const folder = mkdtempSync(path.join(tmpdir(), 'gdl-deep-'));
        writeFileSync(path.join(folder, 'deep.gdl'), text);
        return { folder, ...run(['check', folder]) };
    };

    test('500 nested sections: GDL0007 at the 33rd level, exit 1', () => {
        const open = Array.from({ length: 500 }, (_, i) => `section s${i} "S" {\n`).join('');
        const result = check(`guidance g "G" {\n status draft\n${open}${'}\n'.repeat(500)}}\n`);
        expect(result.code).toBe(1);
        expect(result.stdout).toMatch(
            /deep\.gdl:34:\d+ error GDL0007 Blocks are nested more than 32 levels deep here; GDL allows at most 32\./
        );
        expect(result.stdout + result.stderr).not.toContain('internal error');
    });

    test('3,000 nested quotes in prose: GDL0007 in the check, and the build refuses instead of crashing', () => {
        const result = check(`guidance g "G" {\n owner "o" status draft\n """\n${'>'.repeat(3000)} deep\n """\n}\n`);
        expect(result.code).toBe(1);
        expect(result.stdout).toMatch(/deep\.gdl:3:2 error GDL0007 Prose nests quotes, lists or emphasis more than 32 levels deep/);
        const out = path.join(mkdtempSync(path.join(tmpdir(), 'gdl-deep-out-')), 'site');
        const build = run(['build', result.folder, '--out', out, '--allow-gaps', '--include-drafts']);
        expect(build.code).toBe(1);
        expect(build.stdout).toContain('GDL0007');
        expect(build.stdout + build.stderr).not.toContain('internal error');
        expect(existsSync(out)).toBe(false);
    });
});

describe('waivers: order-independent, counted only when approved by the as-of date and complete', () => {
    const framework = 'framework F "F" { recommendation 1 { to chief-constables deadline 2025-03-27 text "t" evidence 1.1 { text "x" } } }';
    const report = (waivers: string[], asOf: string) => {
        const folder = mkdtempSync(path.join(tmpdir(), 'gdl-waivers-'));
        writeFileSync(path.join(folder, 'f.gdl'), framework);
        waivers.forEach((w, i) => writeFileSync(path.join(folder, `p${i}.gdl`), `plan P${i} "P" { responds-to F\n${w}\n}`));
        const result = run(['coverage', folder, '--format', 'json', '--as-of', asOf]);
        return JSON.parse(result.stdout).requirements[0] as {
            state: string;
            waiver: { counts: boolean; notCounted: string | null; expires: string };
        };
    };
    const expired = 'waive 1.1 { reason "r" approved-by "A" expires 2025-06-30 }';
    const current = 'waive 1.1 { reason "r" approved-by "A" expires 2027-06-30 }';

    test('two waivers give the same result whichever file comes first', () => {
        const a = report([expired, current], '2026-01-15');
        const b = report([current, expired], '2026-01-15');
        expect(a.state).toBe('waived');
        expect(b.state).toBe('waived');
        expect(a.waiver.expires).toBe('2027-06-30');
        expect(b.waiver.expires).toBe('2027-06-30');
    });

    test('a waiver approved after the as-of date does not count then, and counts after', () => {
        const later = 'waive 1.1 { reason "r" approved-by "A" approved 2025-09-01 expires 2027-06-30 }';
        const before = report([later], '2025-03-27');
        expect(before.state).toBe('uncovered');
        expect(before.waiver).toMatchObject({ counts: false, notCounted: 'approved on 2025-09-01, after 2025-03-27' });
        expect(report([later], '2026-01-15').state).toBe('waived');
    });

    test('a waiver that fails its own check (GDL0205) is not shown as waived', () => {
        const incomplete = report(['waive 1.1 { reason "r" }'], '2026-01-15');
        expect(incomplete.state).toBe('uncovered');
        expect(incomplete.waiver).toMatchObject({ counts: false, notCounted: 'incomplete: no approved-by, expires' });
    });
});

describe('no input ends a command with an internal error', () => {
    test('trees recovered from syntax errors (a waiver, a plan item, a framework, a requirement without their ids) through check and every coverage format', () => {
        const folder = mkdtempSync(path.join(tmpdir(), 'gdl-recovered-'));
        writeFileSync(
            path.join(folder, 'f.gdl'),
            'framework {\n recommendation 1 { to chief-constables text "t" evidence 1.1 { text "x" } }\n}\nframework "T" { recommendation 2 { evidence { text "y" } } }\n'
        );
        writeFileSync(
            path.join(folder, 'p.gdl'),
            'plan P "p" {\n responds-to F\n waive { reason "r" }\n item { status complete addresses 1.1 }\n}\n'
        );
        for (const args of [
            ['check'],
            ...['table', 'json', 'html', 'csv', 'sarif', 'junit', 'markdown'].map(f => ['coverage', '--format', f])
        ]) {
            const result = run([...args, folder]);
            expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(1);
            expect(result.stdout + result.stderr, args.join(' ')).not.toMatch(/internal error/);
        }
    });
});

describe('small wording', () => {
    test('build names unreadable files as check does: relative, with the code', () => {
        mkdirSync(path.join(repo, 'test-output'), { recursive: true });
        const folder = fixtureCopy('gaps', 'unreadable', path.join(repo, 'test-output'));
        spawnSync('ln', ['-s', '/nonexistent/x.gdl', path.join(folder, 'broken.gdl')]);
        const relative = path.relative(repo, folder);
        const result = run(['build', relative, '--out', path.join(mkdtempSync(path.join(tmpdir(), 'gdl-o-')), 'site')]);
        expect(result.code).toBe(2);
        expect(result.stdout).toContain(`${relative}/broken.gdl:1:1 error GDL0000 cannot read file`);
        expect(result.stdout).not.toContain(repo);
    });
});

// Word: the only hyperlinks are web and mail addresses.
test('Word files link only to http, https and mailto addresses', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'gdl-docx-')), 'site');
    expect(run(['build', 'guidance', '--force', 'Example Constabulary', '--out', out, '--quiet']).code).toBe(0);
    const docx = readdirSync(out, { recursive: true })
        .map(String)
        .filter(f => f.endsWith('.docx'));
    for (const file of docx) {
        const zip = await JSZip.loadAsync(readFileSync(path.join(out, file)));
        const rels = (await zip.file('word/_rels/document.xml.rels')?.async('string')) ?? '';
        for (const [, target] of rels.matchAll(/Target="([^"]*)"[^>]*TargetMode="External"/g)) {
            expect(target, file).toMatch(/^(https?:|mailto:)/);
        }
    }
});

describe("exhibits are named, never published: an exhibit's file stays where it is, an unsafe address is not linked", () => {
    test('a plan item citing a file and a javascript: address: the page names the file and shows the address as text; nothing else is written', () => {
        const root = mkdtempSync(path.join(tmpdir(), 'gdl-exhibits-'));
        const ws = path.join(root, 'ws');
        mkdirSync(path.join(ws, 'exhibits'), { recursive: true });
        writeFileSync(path.join(ws, 'exhibits', 'audit.md'), 'CONFIDENTIAL audit of named victims\n');
        writeFileSync(
            path.join(ws, 'w.gdl'),
            `framework F "F" { recommendation 1 { to chief-constables deadline 2025-03-27 text "t" evidence 1.1 { text "x" } } }
exhibit ex-audit "Audit" { kind audit dated 2025-01-10 owner "Auditor" file "exhibits/audit.md" }
exhibit ex-bad "Bad page" { kind web-page dated 2025-01-10 owner "Web team" address "javascript:alert(1)" }
plan P "Plan" {
    force "Test Constabulary" responds-to F
    item 1 { status complete progress 100% updated 2025-02-01 lead "Lead" update "Done." addresses 1.1 exhibits ex-audit, ex-bad }
}
`
        );
        const before = snapshot(ws);
        const result = run(['build', 'ws', '--out', 'site', '--quiet', '--as-of', '2026-01-15'], root);
        expect(result.code, result.stdout + result.stderr).toBe(0);
        expect(snapshot(ws)).toEqual(before);
        expect(readdirSync(root).sort()).toEqual(['site', 'ws']);
        const site = path.join(root, 'site');
        const published = readdirSync(site, { recursive: true }).map(String);
        expect(published.filter(f => f.includes('audit') || f.startsWith('exhibits'))).toEqual([]);
        for (const file of published.filter(f => statSync(path.join(site, f)).isFile())) {
            expect(readFileSync(path.join(site, file), 'utf8'), file).not.toContain('CONFIDENTIAL');
        }
        for (const page of ['plans/P', 'coverage']) {
            const md = readFileSync(path.join(site, `${page}.md`), 'utf8');
            expect(md, page).toContain('Audit (audit; dated 2025-01-10; owner Auditor; on file: exhibits/audit.md; not verified)');
            expect(md, page).toContain(
                'Bad page (web page; dated 2025-01-10; owner Web team; at javascript:alert(1) (not a web or mail address: not linked)'
            );
            const html = readFileSync(path.join(site, `${page}.html`), 'utf8');
            expect(html, page).not.toMatch(/href="javascript:/i);
        }
    });
});
