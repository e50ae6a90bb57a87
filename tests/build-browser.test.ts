import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from './support/chromium.js';
import { filesBelow } from './support/files.js';

const repo = path.resolve(import.meta.dirname, '..');
const shots = path.join(repo, 'test-output', 'publish');
const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const htmlPages = (folder: string) =>
    filesBelow(folder)
        .filter(f => f.endsWith('.html'))
        .map(f => path.join(folder, f));

describe('the published HTML in Chromium', () => {
    let site: string;
    let browser: Browser;

    beforeAll(async () => {
        site = path.join(mkdtempSync(path.join(tmpdir(), 'gdl-browser-')), 'site');
        const result = spawnSync(
            process.execPath,
            [path.join(repo, 'bin/gdl.js'), 'build', 'guidance', '--force', 'Example Constabulary', '--out', site, '--quiet'],
            {
                cwd: repo,
                encoding: 'utf8'
            }
        );
        expect(result.status, result.stdout + result.stderr).toBe(0);
        mkdirSync(shots, { recursive: true });
        browser = await launchChromium();
    });

    afterAll(async () => {
        await browser?.close();
    });

    test('every internal link resolves to a page, and every #anchor to an element on it', async () => {
        const broken: string[] = [];
        const page = await browser.newPage();
        for (const file of htmlPages(site)) {
            await page.goto(pathToFileURL(file).toString());
            const links = await page.locator('a[href]').evaluateAll(anchors => anchors.map(a => (a as HTMLAnchorElement).href));
            for (const href of links.filter(h => h.startsWith('file:'))) {
                const url = new URL(href);
                const target = fileURLToPath(url);
                if (!existsSync(target)) {
                    broken.push(`${path.relative(site, file)} → ${href}`);
                } else if (url.hash && !readFileSync(target, 'utf8').includes(`id="${decodeURIComponent(url.hash.slice(1))}"`)) {
                    broken.push(`${path.relative(site, file)} → ${href} (no such anchor)`);
                }
            }
        }
        await page.close();
        expect(broken).toEqual([]);
    });

    test('axe-core (WCAG 2.2 A and AA rules) finds no violation on any page', async () => {
        const results: Record<string, string[]> = {};
        const page = await browser.newPage();
        for (const file of htmlPages(site)) {
            await page.goto(pathToFileURL(file).toString());
            await page.addScriptTag({ path: axeSource });
            const violations = await page.evaluate(async () => {
                const axe = (
                    window as unknown as {
                        axe: {
                            run: (context: Document, options: object) => Promise<{ violations: Array<{ id: string; nodes: unknown[] }> }>;
                        };
                    }
                ).axe;
                const result = await axe.run(document, {
                    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }
                });
                return result.violations.map(v => `${v.id} (${v.nodes.length})`);
            });
            results[path.relative(site, file)] = violations;
        }
        await page.close();
        writeFileSync(path.join(shots, 'axe-results.json'), JSON.stringify(results, null, 2) + '\n');
        const pages = Object.keys(results);
        expect(pages.length).toBeGreaterThanOrEqual(20);
        expect(Object.fromEntries(Object.entries(results).filter(([, v]) => v.length > 0))).toEqual({});
    });

    test('screenshots of the guidance index and a course pack page', async () => {
        const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
        await page.goto(pathToFileURL(path.join(site, 'index.html')).toString());
        await expect.poll(() => page.locator('h1').textContent()).toBe('Example Constabulary: stalking guidance and training');
        await page.screenshot({ path: path.join(shots, 'index.png'), fullPage: true });
        await page.goto(pathToFileURL(path.join(site, 'courses/CP-FR-trainer.html')).toString());
        expect(await page.locator('h1').textContent()).toContain('trainer edition');
        await page.screenshot({ path: path.join(shots, 'course-pack-trainer.png') });
        // The GOV.UK Frontend styles and fonts are bundled and load offline.
        const font = await page.evaluate(() => getComputedStyle(document.querySelector('h1')!).fontFamily);
        expect(font).toMatch(/GDS Transport/);
        await page.close();
    });
});
