import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from './support/chromium.js';
import { answerQuiz, pool } from './support/lms-fixture.js';
import { startHost, type Host } from './support/lms-host.js';

// A package's page as the learner meets it, in Chromium under scorm-again: accessible, a fresh draw
// from each pool at each attempt, no submission until every question is answered, and a clear message
// when it is opened with no platform behind it.

const repo = path.resolve(import.meta.dirname, '..');
const shots = path.join(repo, 'test-output', 'lms');
const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

describe('a package page, as the learner meets it', () => {
    let browser: Browser;
    let host: Host;

    beforeAll(async () => {
        const site = path.join(mkdtempSync(path.join(tmpdir(), 'gdl-lms-learner-')), 'site');
        const result = spawnSync(
            process.execPath,
            [path.join(repo, 'bin/gdl.js'), 'build', 'tests/fixtures/lms/input', '--out', site, '--lms', 'scorm2004', '--quiet'],
            { cwd: repo, encoding: 'utf8' }
        );
        expect(result.status, result.stdout + result.stderr).toBe(0);
        mkdirSync(shots, { recursive: true });
        browser = await launchChromium();
        host = await startHost({
            scorm2004: readFileSync(path.join(site, 'lms', 'CP.scorm2004.zip')),
            'two-modules': readFileSync(path.join(site, 'lms', 'CP2.scorm2004.zip'))
        });
    });

    afterAll(async () => {
        await browser?.close();
        await host?.close();
    });

    async function launch(pack = 'scorm2004'): Promise<{ frame: Frame; page: Page; close: () => Promise<void> }> {
        const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
        await page.goto(`${host.url}/host/scorm2004.html`);
        await page.locator('#sco').evaluate((frame: HTMLIFrameElement, src) => (frame.src = src), `/packages/${pack}/index.html`);
        const frame = (await (await page.locator('#sco').elementHandle())!.contentFrame())!;
        await frame.waitForSelector('form#gdl-quiz[data-ready="true"]');
        return { frame, page, close: () => page.close() };
    }

    test('axe-core (WCAG 2.2 A and AA rules) finds no violation on the page with its quiz', async () => {
        const { frame, close } = await launch();
        await frame.addScriptTag({ path: axeSource });
        const violations = await frame.evaluate(async () => {
            const axe = (
                window as unknown as {
                    axe: { run: (c: Document, o: object) => Promise<{ violations: Array<{ id: string; nodes: unknown[] }> }> };
                }
            ).axe;
            const result = await axe.run(document, {
                runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }
            });
            return result.violations.map(v => `${v.id} (${v.nodes.length})`);
        });
        await (await frame.frameElement()).screenshot({ path: path.join(shots, 'scorm2004-quiz.png') });
        expect(violations).toEqual([]);
        await close();
    });

    test('each attempt draws from the pool afresh: over attempts, both pool questions are asked, one at a time', async () => {
        const seen = new Set<string>();
        // Each attempt a fresh launch (a SCO initialises once per launch): 30 attempts miss one question of two with odds of 2^-29.
        for (let attempt = 0; attempt < 30 && seen.size < 2; attempt++) {
            const { frame, close } = await launch();
            const asked = await frame.locator('.gdl-quiz__question:not([hidden]) legend').allTextContents();
            const drawn = asked.filter(q => pool.includes(q));
            expect(drawn).toHaveLength(1);
            expect(asked).toHaveLength(4);
            seen.add(drawn[0]!);
            await close();
        }
        expect([...seen].sort()).toEqual([...pool].sort());
    });

    test('submitting before every question is answered is refused, and nothing reaches the platform', async () => {
        const { frame, close } = await launch();
        await frame.locator('.gdl-quiz__question:not([hidden])').first().locator('input').first().check();
        await frame.getByRole('button', { name: 'Submit answers' }).click();
        await expect.poll(() => frame.locator('#gdl-quiz-result').textContent()).toContain('3 still to answer');
        const recorded = await frame.evaluate(() => {
            const api = (window.parent as unknown as { API_1484_11: { cmi: { completion_status: string; success_status: string } } })
                .API_1484_11;
            return [api.cmi.completion_status, api.cmi.success_status];
        });
        expect(recorded).toEqual(['incomplete', 'unknown']);
        await close();
    });

    test('leaving before submitting suspends the attempt: the platform is told, and records no result', async () => {
        const { page, frame, close } = await launch();
        await frame.locator('.gdl-quiz__question:not([hidden])').first().locator('input').first().check();
        await page.locator('#sco').evaluate((element: HTMLIFrameElement) => (element.src = 'about:blank'));
        const api = () =>
            page.evaluate(() => {
                const scorm = (
                    window as unknown as {
                        API_1484_11: { cmi: { completion_status: string; success_status: string }; isTerminated(): boolean };
                    }
                ).API_1484_11;
                // cmi.exit is write-only to content; the platform's record of it is the data model serialised for a commit.
                const exit = (JSON.parse(JSON.stringify(scorm.cmi)) as { exit: string }).exit;
                return [scorm.isTerminated(), exit, scorm.cmi.completion_status, scorm.cmi.success_status];
            });
        await expect.poll(api).toEqual([true, 'suspend', 'incomplete', 'unknown']);
        await close();
    });

    test('a pack of two modules passes only when each reaches its own pass mark, whatever the overall score', async () => {
        const recorded = (page: Page) =>
            page.evaluate(() => {
                const api = (window as unknown as { API_1484_11: { cmi: { success_status: string; score: { scaled: string } } } })
                    .API_1484_11;
                return [api.cmi.success_status, api.cmi.score.scaled];
            });
        const first = await launch('two-modules');
        expect(await first.frame.locator('#assessment p').first().textContent()).toContain("each module's pass mark: M 75%, M2 100%");
        // M's four right (100% of a 75% mark), M2's one wrong (0% of a 100% mark): 80% overall, and not passed.
        await answerQuiz(first.frame, question => question === 'What goes in the log?');
        expect(await recorded(first.page)).toEqual(['failed', '0.8']);
        await first.close();
        const second = await launch('two-modules');
        await answerQuiz(second.frame, () => false);
        expect(await recorded(second.page)).toEqual(['passed', '1']);
        await second.close();
    });

    test('opened with no platform behind it, the page says so and offers no quiz to submit', async () => {
        const page = await browser.newPage();
        await page.goto(`${host.url}/packages/scorm2004/index.html`);
        await expect.poll(() => page.locator('#gdl-quiz-result').textContent()).toContain('could not be reached');
        expect(await page.getByRole('button', { name: 'Submit answers' }).isDisabled()).toBe(true);
        await page.close();
    });
});
