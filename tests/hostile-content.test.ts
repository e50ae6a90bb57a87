import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { describe, expect, test } from 'vitest';
import { launchChromium } from './support/chromium.js';
import { append } from '../language/src/arrays.js';

const repo = path.resolve(import.meta.dirname, '..');
const payloads = readFileSync(path.join(repo, 'tests/fixtures/hostile/xss-payloads.txt'), 'utf8').split('\n').filter(Boolean);
// Every payload in a quoted string (escaped as the language requires) and in a prose block.
const str = `"${payloads.join(' ').replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const prose = `"""\n${payloads.join('\n\n')}\n"""`;

/** A workspace with every payload in every free-text position the published outputs show. */
const hostileWorkspace = `
framework F ${str} {
    publisher ${str}
    note ${prose}
    recommendation 1 {
        to chief-constables
        recipient ${str}
        deadline 2025-03-27 ${str}
        text ${prose}
        source ${str}
        evidence 1.1 { text ${str} }
        evidence 1.2 { text ${prose} }
    }
}
audience aud ${str} ${prose}
curriculum C ${str} { outcome PP-1 ${str} }
legislation L ${str} { address ${str} provision p1 ${str} address ${str} ${prose} }
guidance doc ${str} {
    owner ${str}
    version ${str}
    status approved
    approved 2025-01-01
    review-by 2027-01-01
    audience aud
    source ${str}
    ${prose}
    section sec ${str} {
        addresses 1.1, 1.2
        cites L.p1
        see sec2
        source ${str}
        ${prose}
    }
    section sec2 ${str} { owner ${str} ${prose} }
}
module M ${str} {
    audience aud
    status approved
    approved 2025-01-01
    review-by 2027-01-01
    duration 1 hour
    pass-mark 80%
    version ${str}
    welfare ${prose}
    kit ${str}
    outcome M-LO1 ${str} { maps PP-1 addresses 1.1 }
    introduction ${str} { duration 10 minutes uses H1 trainer-notes ${str} ${prose} }
    content ${str} { duration 20 minutes trainer-notes ${prose} ${prose} }
    activity A1 ${str} { duration 20 minutes supports M-LO1 uses H1, H2 criteria ${str} criteria ${prose} trainer-notes ${str} ${prose} }
    plenary ${str} { duration 10 minutes ${prose} }
    handout H1 ${str} { file "handout.md" for trainer, learner description ${str} }
    handout H2 ${str} { file "answer-key.md" description ${prose} }
    check Q1 { question ${prose} assesses M-LO1 option ${str} option ${str} correct rationale ${prose} }
    check Q2 true-false { question ${str} assesses M-LO1 answer false rationale ${str} }
    check Q3 multiple-answer { question ${str} assesses M-LO1 option ${str} correct option ${str} correct option ${str} }
    pool P1 ${str} draw 1 from Q2, Q3
}
course CP ${str} { audience aud modules M editions trainer, learner ${prose} }
plan P ${str} {
    force ${str}
    responds-to F
    executive-lead ${str}
    operational-lead ${str}
    item 1 { status complete progress 100% updated 2025-03-01 lead ${str} update ${prose} addresses 1.1 evidence doc, sec, M, CP }
}
`;

function files(folder: string, extension: string): string[] {
    return readdirSync(folder, { recursive: true })
        .map(String)
        .filter(f => f.endsWith(extension) && statSync(path.join(folder, f)).isFile())
        .sort();
}

describe(`hostile content: ${payloads.length} XSS payloads in every free-text position`, () => {
    const workspace = mkdtempSync(path.join(tmpdir(), 'gdl-hostile-'));
    writeFileSync(path.join(workspace, 'hostile.gdl'), hostileWorkspace);
    writeFileSync(path.join(workspace, 'handout.md'), payloads.join('\n\n'));
    writeFileSync(path.join(workspace, 'answer-key.md'), payloads.join('\n\n'));
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'gdl-hostile-out-')), 'site');

    test('the workspace parses cleanly, so every payload really reaches the outputs', () => {
        const check = spawnSync(process.execPath, [path.join(repo, 'bin/gdl.js'), 'check', workspace, '--as-of', '2026-01-15'], {
            encoding: 'utf8'
        });
        expect(check.stdout).not.toMatch(/ error /);
        const build = spawnSync(
            process.execPath,
            [
                path.join(repo, 'bin/gdl.js'),
                'build',
                workspace,
                '--out',
                out,
                '--quiet',
                '--allow-gaps',
                '--as-of',
                '2026-01-15',
                '--lms',
                'scorm2004'
            ],
            { encoding: 'utf8' }
        );
        expect(build.status, build.stdout + build.stderr).toBe(0);
        expect(files(out, '.html').length).toBeGreaterThanOrEqual(6);
        // The payloads are there, as text a reader can see.
        const html = readFileSync(path.join(out, 'guidance/doc.html'), 'utf8');
        expect(html).toContain('&#x3C;img src=x onerror=alert(1)>');
        expect(html).toContain('&#x3C;script>alert(1)&#x3C;/script>');
        // ... and in the course pack's new positions: welfare note, kit, running order, handouts, criteria, pools.
        const trainer = readFileSync(path.join(out, 'courses/CP-trainer.html'), 'utf8');
        for (const heading of ['Running order', 'Kit list', 'Resources', 'Knowledge checks']) {
            expect(trainer).toContain(heading);
        }
        expect(trainer.split('&#x3C;script>alert(1)&#x3C;/script>').length).toBeGreaterThan(10);
    });

    test('the published HTML loaded in Chromium runs none of them, and has no script or event-handler attribute', async () => {
        mkdirSync(path.join(repo, 'test-output'), { recursive: true });
        const browser = await launchChromium();
        const executed: string[] = [];
        const findings: string[] = [];
        try {
            for (const file of files(out, '.html')) {
                const page = await browser.newPage();
                page.on('dialog', dialog => {
                    executed.push(`${file}: ${dialog.type()} ${dialog.message()}`);
                    void dialog.dismiss();
                });
                await page.route('**/*', route => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
                await page.goto(pathToFileURL(path.join(out, file)).toString());
                await page.mouse.move(300, 300);
                await page.waitForTimeout(100);
                const found = await page.evaluate(() => {
                    const problems: string[] = [];
                    if (document.title === 'XSS') {
                        problems.push('title changed by script');
                    }
                    document
                        .querySelectorAll('script, iframe, object, embed, base, form, meta[http-equiv]')
                        .forEach(e => problems.push(`<${e.tagName.toLowerCase()}>`));
                    document.querySelectorAll('*').forEach(e => {
                        for (const attribute of Array.from(e.attributes)) {
                            if (/^on/i.test(attribute.name)) {
                                problems.push(`${e.tagName} ${attribute.name}`);
                            }
                            if (
                                /^(href|src|action|formaction|xlink:href|data)$/i.test(attribute.name) &&
                                /^\s*(javascript|data|vbscript):/i.test(attribute.value)
                            ) {
                                problems.push(`${e.tagName} ${attribute.name}=${attribute.value}`);
                            }
                        }
                    });
                    return problems;
                });
                append(
                    findings,
                    found.map(f => `${file}: ${f}`)
                );
                await page.close();
            }
        } finally {
            await browser.close();
        }
        writeFileSync(
            path.join(repo, 'test-output', 'xss-result.txt'),
            `${executed.length} of ${payloads.length} payloads executed across ${files(out, '.html').length} pages\n${executed.join('\n')}\n`
        );
        expect(executed).toEqual([]);
        expect(findings).toEqual([]);
    });

    test("the learning platform package's page runs none of them: its only scripts are the package's own, its quiz shows them as text", async () => {
        const zip = await JSZip.loadAsync(readFileSync(path.join(out, 'lms/CP.scorm2004.zip')));
        const unpacked = mkdtempSync(path.join(tmpdir(), 'gdl-hostile-package-'));
        for (const [name, entry] of Object.entries(zip.files)) {
            if (!entry.dir) {
                mkdirSync(path.dirname(path.join(unpacked, name)), { recursive: true });
                writeFileSync(path.join(unpacked, name), await entry.async('nodebuffer'));
            }
        }
        const browser = await launchChromium();
        const executed: string[] = [];
        try {
            const page = await browser.newPage();
            page.on('dialog', dialog => {
                executed.push(`${dialog.type()} ${dialog.message()}`);
                void dialog.dismiss();
            });
            await page.route('**/*', route => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
            await page.goto(pathToFileURL(path.join(unpacked, 'index.html')).toString());
            await page.mouse.move(300, 300);
            await page.waitForTimeout(200);
            const found = await page.evaluate(() => ({
                scripts: Array.from(document.querySelectorAll('script')).map(s => s.getAttribute('src') ?? 'inline'),
                handlers: Array.from(document.querySelectorAll('*')).flatMap(e =>
                    Array.from(e.attributes)
                        .filter(a => /^on/i.test(a.name) || /^\s*(javascript|data|vbscript):/i.test(a.value))
                        .map(a => `${e.tagName} ${a.name}`)
                ),
                quiz: document.querySelector('form')?.textContent ?? ''
            }));
            expect(found.scripts).toEqual(['lms/platform.js', 'lms/quiz.js']);
            expect(found.handlers).toEqual([]);
            expect(found.quiz).toContain('<script>alert(1)</script>');
        } finally {
            await browser.close();
        }
        expect(executed).toEqual([]);
    });

    test('Markdown and Word keep the payloads as text', async () => {
        const markdown = readFileSync(path.join(out, 'guidance/doc.md'), 'utf8');
        expect(markdown).not.toMatch(/^<script>/m);
        expect(markdown).toContain('\\<script>alert(1)\\</script>');
        const word = (await mammoth.extractRawText({ buffer: readFileSync(path.join(out, 'courses/CP-trainer.docx')) })).value;
        expect(word).toContain('<script>alert(1)</script>');
        expect(word).toContain('<img src=x onerror=alert(1)>');
    });
});
