import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import mammoth from 'mammoth';
import JSZip from 'jszip';
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { describe, expect, test } from 'vitest';
import { StagedSite } from '../cli/build/write-site.js';
import { generateForces } from '../bench/generate-workspace.js';
import { writeSiteAtomically } from './support/staged-site.js';
import { PATIENCE_MS } from './support/patience.js';
import { filesBelow } from './support/files.js';
import { expectFullSite, expectCoursePackMarkdown } from './support/expectations.js';

const repo = path.resolve(import.meta.dirname, '..');
const gdl = path.join(repo, 'bin/gdl.js');
const SMALL = 'tests/fixtures/publish/small/input';

function build(args: string[]) {
    const result = spawnSync(process.execPath, [gdl, 'build', ...args], { cwd: repo, encoding: 'utf8', timeout: PATIENCE_MS });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
const fresh = (name: string) => path.join(mkdtempSync(path.join(tmpdir(), `gdl-${name}-`)), 'site');
const files = filesBelow;

describe('gdl build on the bundled guidance', () => {
    const out = fresh('site');
    const result = build(['guidance', '--force', 'Example Constabulary', '--out', out, '--quiet']);

    test('publishes the guidance site, both editions of every course pack in three formats, the plan and coverage pages', () => {
        expect(result.code, result.stdout + result.stderr).toBe(0);
        const all = files(out);
        expectFullSite(all);
        expect(result.stdout).toBe('');
    });

    test('the Markdown re-parses with its headings and tables; the learner edition has no answers or trainer notes', () => {
        expectCoursePackMarkdown(file => readFileSync(path.join(out, file), 'utf8'));
    });

    test('every internal link in the Markdown resolves to a page, and every #anchor to a place on it, as a Markdown reader finds them', () => {
        // A Markdown reader (GitHub, GitLab, VS Code's preview) makes a heading's anchor from its text ("#principles"),
        // not from the section's id: a link to #risk-principles resolves only to an anchor the page writes itself.
        const parser = unified().use(remarkParse).use(remarkGfm);
        const anchorsOf = new Map<string, Set<string>>();
        const anchors = (file: string) => {
            let found = anchorsOf.get(file);
            if (!found) {
                const tree = parser.parse(readFileSync(path.join(out, file), 'utf8')) as Root;
                found = new Set<string>();
                visit(tree, 'html', node => {
                    for (const match of node.value.matchAll(/^<a id="([^"]+)">/g)) {
                        found!.add(
                            match[1]!
                                .replace(/&quot;/g, '"')
                                .replace(/&lt;/g, '<')
                                .replace(/&amp;/g, '&')
                        );
                    }
                });
                anchorsOf.set(file, found);
            }
            return found;
        };
        const broken: string[] = [];
        let checked = 0;
        for (const page of files(out).filter(f => f.endsWith('.md'))) {
            const tree = parser.parse(readFileSync(path.join(out, page), 'utf8')) as Root;
            visit(tree, 'link', link => {
                if (/^[a-z][a-z0-9+.-]*:/i.test(link.url)) {
                    return;
                }
                const [file, hash] = link.url.split('#') as [string, string | undefined];
                const target = file === '' ? page : path.posix.join(path.posix.dirname(page), decodeURIComponent(file));
                checked++;
                if (!existsSync(path.join(out, target))) {
                    broken.push(`${page} → ${link.url} (no such page)`);
                } else if (hash !== undefined && target.endsWith('.md') && !anchors(target).has(decodeURIComponent(hash))) {
                    broken.push(`${page} → ${link.url} (no such anchor)`);
                }
            });
        }
        expect(checked).toBeGreaterThan(200);
        expect(broken).toEqual([]);
    });

    test('the Word files read back with their headings and tables', async () => {
        const docx = readFileSync(path.join(out, 'courses/CP-INV-trainer.docx'));
        const html = (await mammoth.convertToHtml({ buffer: docx })).value;
        expect(html).toMatch(/<h1>[^<]*trainer edition<\/h1>/);
        expect(html).toContain('<h3>Knowledge checks</h3>');
        expect((html.match(/<table>/g) ?? []).length).toBeGreaterThanOrEqual(3);
        const learner = (await mammoth.extractRawText({ buffer: readFileSync(path.join(out, 'courses/CP-INV-learner.docx')) })).value;
        expect(learner).not.toContain('(correct)');
        const zip = await JSZip.loadAsync(docx);
        expect(await zip.file('word/document.xml')!.async('string')).toContain('<w:tbl>');
    });

    test('a rebuild gives byte-identical files', () => {
        const again = fresh('again');
        expect(build(['guidance', '--force', 'Example Constabulary', '--out', again, '--quiet']).code).toBe(0);
        expect(files(again)).toEqual(files(out));
        for (const file of files(out)) {
            expect(readFileSync(path.join(again, file)).equals(readFileSync(path.join(out, file))), file).toBe(true);
        }
    });
});

describe('the coverage gate', () => {
    test('a workspace with a gap publishes nothing and exits 1, leaving the previous output as it was', () => {
        const out = fresh('gap');
        mkdirSync(out, { recursive: true });
        // The last good build: a page and the marker every build leaves.
        writeFileSync(path.join(out, 'previous.txt'), 'the last good build');
        writeFileSync(path.join(out, '.gdl-output'), 'written by gdl build');
        const result = build(['tests/fixtures/gaps', '--out', out]);
        expect(result.code).toBe(1);
        expect(result.stdout).toContain('Not covered: 12.1, 12.3, 14.1, 14.2');
        expect(files(out)).toEqual(['.gdl-output', 'previous.txt']);
        const never = fresh('never');
        expect(build(['tests/fixtures/gaps', '--out', never]).code).toBe(1);
        expect(existsSync(never)).toBe(false);
    });

    test('sources with errors publish nothing, even with --allow-gaps (exit 1), and say where the errors are', () => {
        const out = fresh('errors');
        const result = build(['tests/fixtures/syntax-error', '--out', out, '--allow-gaps']);
        expect(result.code).toBe(1);
        expect(result.stdout).toMatch(/^tests\/fixtures\/syntax-error\/broken\.gdl:3:13 error GDL0001 /m);
        expect(existsSync(out)).toBe(false);
    });

    test('--allow-gaps publishes, and every page says which requirements are not yet covered', () => {
        const out = fresh('allow');
        expect(build(['tests/fixtures/gaps', '--out', out, '--allow-gaps', '--quiet']).code).toBe(0);
        for (const file of files(out).filter(f => f.endsWith('.html') || f.endsWith('.md'))) {
            expect(readFileSync(path.join(out, file), 'utf8'), file).toContain(
                'does not yet cover evidence requirements 12.1, 12.3, 14.1, 14.2'
            );
        }
    });

    test('drafts are left out unless --include-drafts', () => {
        const out = fresh('drafts');
        expect(build([SMALL, '--out', out, '--quiet']).code).toBe(0);
        expect(readFileSync(path.join(out, 'guidance/g-one.html'), 'utf8')).not.toContain('Draft section');
        const withDrafts = fresh('with-drafts');
        expect(build([SMALL, '--out', withDrafts, '--quiet', '--include-drafts']).code).toBe(0);
        expect(readFileSync(path.join(withDrafts, 'guidance/g-one.html'), 'utf8')).toContain('Draft section');
    });
});

describe('golden files', () => {
    const golden = path.join(repo, 'tests/fixtures/publish/small/output');
    test('the small workspace publishes exactly the expected Markdown and HTML (UPDATE_GOLDEN=1 rewrites them)', () => {
        const out = fresh('golden');
        expect(build([SMALL, '--out', out, '--quiet', '--as-of', '2026-01-15']).code).toBe(0);
        const compared = files(out).filter(f => /\.(md|html)$/.test(f));
        if (process.env.UPDATE_GOLDEN === '1') {
            for (const file of compared) {
                mkdirSync(path.dirname(path.join(golden, file)), { recursive: true });
                cpSync(path.join(out, file), path.join(golden, file));
            }
        }
        expect(compared).toEqual(files(golden));
        for (const file of compared) {
            expect(readFileSync(path.join(out, file), 'utf8'), file).toBe(readFileSync(path.join(golden, file), 'utf8'));
        }
    });
});

describe('bad input and failures', () => {
    test('untrusted prose cannot inject script or javascript: links into any format', () => {
        const out = fresh('xss');
        expect(build([SMALL, '--out', out, '--quiet']).code).toBe(0);
        const html = readFileSync(path.join(out, 'guidance/g-one.html'), 'utf8');
        expect(html).not.toMatch(/<script/i);
        expect(html).not.toMatch(/javascript:/i);
        expect(html).toContain("&#x3C;script>alert('x')&#x3C;/script>");
        expect(readFileSync(path.join(out, 'guidance/g-one.md'), 'utf8')).toContain("\\<script>alert('x')\\</script>");
    });

    test('a broken template, or an output folder that cannot be written, is a clear error (exit 2) and writes nothing', () => {
        const templates = mkdtempSync(path.join(tmpdir(), 'gdl-templates-'));
        cpSync(path.join(repo, 'out-templates'), templates, { recursive: true });
        writeFileSync(path.join(templates, 'site.json'), '{ "siteName": ');
        const out = fresh('broken');
        const broken = build([SMALL, '--out', out, '--templates', templates]);
        expect(broken.code).toBe(2);
        expect(broken.stderr).toMatch(/site\.json: not valid JSON/);
        expect(existsSync(out)).toBe(false);
        writeFileSync(path.join(templates, 'site.json'), readFileSync(path.join(repo, 'out-templates/site.json')));
        writeFileSync(path.join(templates, 'page.html'), '<html><body>no main here</body></html>');
        expect(build([SMALL, '--out', out, '--templates', templates]).stderr).toContain('the page template needs a <main> element');
        // A folder cannot be made under a file.
        const blocker = path.join(mkdtempSync(path.join(tmpdir(), 'gdl-blocker-')), 'a-file');
        writeFileSync(blocker, 'not a folder');
        const unwritable = build([SMALL, '--out', path.join(blocker, 'site'), '--quiet']);
        expect(unwritable.code).toBe(2);
        expect(unwritable.stderr).toBe(
            `gdl: cannot write the output to '${blocker}/site': a file stands where a folder is needed ('${blocker}')\n`
        );
    });

    test('a build that fails half-way through writing leaves the previous output exactly as it was', async () => {
        const out = fresh('half');
        mkdirSync(out, { recursive: true });
        writeFileSync(path.join(out, 'index.html'), 'previous');
        // The second file needs 'a/b' to be a folder, but the first made it a file: writing fails part-way.
        const files = new Map<string, string>([
            ['a/b', 'first'],
            ['a/b/c', 'second']
        ]);
        await expect(writeSiteAtomically(out, files)).rejects.toThrow(/cannot write the output/);
        expect(readdirSync(out)).toEqual(['index.html']);
        expect(readFileSync(path.join(out, 'index.html'), 'utf8')).toBe('previous');
        expect(readdirSync(path.dirname(out)).filter(f => f.includes('building'))).toEqual([]);
    });

    test('a build that fails half-way through a page written in pieces leaves no file open, no staging folder, and the output as it was', async () => {
        const out = fresh('pieces');
        mkdirSync(out, { recursive: true });
        writeFileSync(path.join(out, 'index.html'), 'previous');
        const openFiles = () => readdirSync('/proc/self/fd').length;
        const before = openFiles();
        const site = await StagedSite.open(out);
        const page = site.open('coverage.md');
        page.write('the first part');
        // The next part's renderer fails: the build abandons what it staged.
        await site.abandon();
        expect(openFiles()).toBe(before);
        expect(readdirSync(path.dirname(out)).filter(f => f.includes('building') || f.endsWith('.lock'))).toEqual([]);
        expect(readdirSync(out)).toEqual(['index.html']);
        expect(readFileSync(path.join(out, 'index.html'), 'utf8')).toBe('previous');
    });
});

describe('a build stopped from outside', () => {
    test('Ctrl+C (SIGINT) while the files are written: the process ends at once, leaving no staging folder, no lock and no output', async () => {
        const scratch = mkdtempSync(path.join(tmpdir(), 'gdl-stopped-'));
        const workspace = path.join(scratch, 'workspace');
        // Ten forces: several seconds of writing, time enough to be stopped in the middle of it.
        generateForces(workspace, 10, 3);
        const out = path.join(scratch, 'site');
        const build = spawn(process.execPath, [
            path.join(repo, 'bin/gdl.js'),
            'build',
            workspace,
            '--out',
            out,
            '--allow-gaps',
            '--as-of',
            '2026-01-15'
        ]);
        const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(resolve =>
            build.on('exit', (code, signal) => resolve({ code, signal }))
        );
        let ended = false;
        void exited.then(() => (ended = true));
        const staging = () => readdirSync(scratch).filter(f => f.includes('building'));
        const started = Date.now();
        while (staging().length === 0 && !ended && Date.now() - started < PATIENCE_MS) {
            await new Promise(resolve => setTimeout(resolve, 10));
        }
        // Some files written into the staging folder, not yet swapped in.
        expect(staging()).toHaveLength(1);
        build.kill('SIGINT');
        // Ended by the build itself, with the shell's code for Ctrl+C (128 + 2), not left to be killed.
        expect(await exited).toEqual({ code: 130, signal: null });
        // Nothing published, nothing left beside where it would have been.
        expect(readdirSync(scratch)).toEqual(['workspace']);
        expect(existsSync(out)).toBe(false);
    });
});

/** The cells of a requirement's row in a published coverage page's Markdown table. */
const rowOf = (markdown: string, id: string) =>
    (markdown.split('\n').find(line => line.startsWith(`| [${id}](#requirement-${id})`)) ?? '')
        .split('|')
        .slice(1, -1)
        .map(cell => cell.trim());

/** Two forces sharing one framework (recommendation 12, requirement 12.3 to chief constables): only Kent's guidance covers it. */
function twoForces(): string {
    const root = mkdtempSync(path.join(tmpdir(), 'gdl-two-forces-'));
    const write = (file: string, content: string) => {
        mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        writeFileSync(path.join(root, file), content);
    };
    write(
        'framework/f.gdl',
        'framework F "Framework" { recommendation 12 { to chief-constables deadline 2025-03-27 text "Take steps." evidence 12.3 { text "Breaches are recognised." } } }\n'
    );
    write('common/audiences.gdl', 'audience responders "Responders"\n');
    for (const [id, name, covers] of [
        ['kent', 'Kent Police', true],
        ['sussex', 'Sussex Police', false]
    ] as const) {
        write(`${id}/force.gdl`, `force ${id} "${name}"\n`);
        write(
            `${id}/guidance.gdl`,
            `guidance ${id}-guide "${name} stalking guidance" {
    owner "${name} owner" status approved approved 2025-01-10 review-by 2027-01-10 audience responders
    section ${id}-section "${name} section" { ${covers ? 'addresses 12.3 ' : ''}"""Text of ${name}."""}
}
`
        );
        write(
            `${id}/plan.gdl`,
            `plan ${id}-plan "${name} stalking action plan" {
    force "${name}" responds-to F
    item 12 { ${covers ? `status complete progress 100% addresses 12.3 evidence ${id}-section` : 'status in-progress progress 50%'} updated 2025-02-01 lead "${name} lead" update "Update." }
}
`
        );
    }
    return root;
}

describe('a workspace of two forces, where only Kent covers 12.3', () => {
    const workspace = twoForces();
    const pagesOf = (out: string) => files(out).filter(f => /\.(md|html)$/.test(f));
    const allText = (out: string) =>
        pagesOf(out)
            .map(f => readFileSync(path.join(out, f), 'utf8'))
            .join('\n');

    test("a force's plan citing another force's guidance: its page says the material is not the force's own", () => {
        const folder = twoForces();
        const plan = path.join(folder, 'sussex/plan.gdl');
        writeFileSync(
            plan,
            readFileSync(plan, 'utf8').replace('status in-progress progress 50%', 'status in-progress progress 50% evidence kent-guide')
        );
        const out = fresh('sussex-cites-kent');
        const result = build([folder, '--force', 'sussex', '--out', out, '--quiet', '--allow-gaps', '--as-of', '2026-01-15']);
        expect(result.code, result.stdout + result.stderr).toBe(0);
        const page = readFileSync(path.join(out, 'plans/sussex-plan.md'), 'utf8');
        expect(page).toContain("(not Sussex Police's: it does not count as this force's evidence)");
    });

    test("--force kent publishes Kent's guidance, plan and coverage, with the shared framework, and nothing of Sussex's", () => {
        const out = fresh('kent');
        const result = build([workspace, '--force', 'kent', '--out', out, '--quiet', '--as-of', '2026-01-15']);
        expect(result.code, result.stdout + result.stderr).toBe(0);
        expect(pagesOf(out)).toEqual(
            expect.arrayContaining(['index.html', 'guidance/kent-guide.html', 'plans/kent-plan.html', 'coverage.html'])
        );
        expect(files(out).filter(f => f.includes('sussex'))).toEqual([]);
        expect(allText(out)).not.toContain('Sussex');
        const coverage = readFileSync(path.join(out, 'coverage.md'), 'utf8');
        expect(coverage).toContain('**Force:** Kent Police');
        expect(rowOf(coverage, '12.3')).toEqual([
            '[12.3](#requirement-12.3)',
            '12',
            '2025-03-27',
            'Covered',
            'Evidenced',
            'On time (first met 2025-01-10)',
            'Kent Police lead'
        ]);
        expect(coverage).toContain('Breaches are recognised.');
    });

    test("--force sussex refuses: 12.3 is Sussex's gap, whatever Kent's guidance says (exit 1, nothing written)", () => {
        const out = fresh('sussex');
        const result = build([workspace, '--force', 'sussex', '--out', out, '--as-of', '2026-01-15']);
        expect(result.code, result.stdout + result.stderr).toBe(1);
        expect(result.stdout).toContain('Not covered: 12.3 (use --allow-gaps');
        expect(existsSync(out)).toBe(false);
        const allowed = build([workspace, '--force', 'Sussex Police', '--out', out, '--quiet', '--allow-gaps', '--as-of', '2026-01-15']);
        expect(allowed.code, allowed.stdout + allowed.stderr).toBe(0);
        expect(allText(out)).not.toContain('Kent');
        for (const file of pagesOf(out)) {
            expect(readFileSync(path.join(out, file), 'utf8'), file).toContain('does not yet cover evidence requirement 12.3');
        }
        expect(rowOf(readFileSync(path.join(out, 'coverage.md'), 'utf8'), '12.3').slice(2)).toEqual([
            '2025-03-27',
            'Not covered',
            'None',
            'Overdue',
            'Sussex Police lead'
        ]);
    });

    test('without --force: one whole site per force in its own folder and an index of forces; a gap in either refuses the build', () => {
        const out = fresh('both');
        const refused = build([workspace, '--out', out, '--as-of', '2026-01-15']);
        expect(refused.code).toBe(1);
        expect(refused.stdout).toContain('Sussex Police: Not covered: 12.3');
        expect(refused.stdout).not.toContain('Kent Police: Not covered');
        expect(existsSync(out)).toBe(false);
        const result = build([workspace, '--out', out, '--quiet', '--allow-gaps', '--as-of', '2026-01-15']);
        expect(result.code, result.stdout + result.stderr).toBe(0);
        const all = files(out);
        for (const force of ['kent', 'sussex']) {
            expect(all).toEqual(
                expect.arrayContaining([
                    `${force}/index.html`,
                    `${force}/coverage.md`,
                    `${force}/plans/${force}-plan.html`,
                    `${force}/assets/site.css`
                ])
            );
        }
        expect(allText(path.join(out, 'kent'))).not.toContain('Sussex');
        expect(allText(path.join(out, 'sussex'))).not.toContain('Kent');
        // Each force's pages carry its own name (site.json's {force}), never another force's or the example's.
        const kentPage = readFileSync(path.join(out, 'kent', 'index.html'), 'utf8');
        expect(kentPage).toContain(
            '<title>Kent Police: stalking guidance and training – Kent Police: stalking guidance and training</title>'
        );
        expect(kentPage).toContain('Published by Kent Police.');
        expect(readFileSync(path.join(out, 'sussex', 'index.md'), 'utf8')).toMatch(/^# Sussex Police: stalking guidance and training$/m);
        expect(allText(out)).not.toContain('Example Constabulary');
        expect(readFileSync(path.join(out, 'index.html'), 'utf8')).toContain('Published by the forces listed.');
        expect(allText(path.join(out, 'kent'))).not.toContain('does not yet cover');
        const index = readFileSync(path.join(out, 'index.md'), 'utf8');
        expect(index).toContain('[Kent Police](kent/index.md) (1 of 1 evidence requirements covered at the evidenced level)');
        expect(index).toContain(
            '[Sussex Police](sussex/index.md) (0 of 1 evidence requirements covered at the evidenced level; not yet covered: 12.3)'
        );
    });
});

test('--level sets the level of assurance the published coverage is judged at', () => {
    const out = fresh('level');
    const result = build([
        'guidance',
        '--force',
        'Example Constabulary',
        '--out',
        out,
        '--quiet',
        '--allow-gaps',
        '--level',
        'verified',
        '--as-of',
        '2026-01-15'
    ]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const coverage = readFileSync(path.join(out, 'coverage.md'), 'utf8');
    expect(coverage).toContain('**Level of assurance judged at:** Verified');
    expect(rowOf(coverage, '11.1').slice(3, 5)).toEqual(['Covered', 'Verified']);
    expect(rowOf(coverage, '25.1').slice(3, 5)).toEqual(['Not covered', 'Evidenced']);
});
