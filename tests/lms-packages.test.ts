import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import JSZip from 'jszip';
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from './support/chromium.js';
import { answerQuiz, pool } from './support/lms-fixture.js';
import { startHost, type Host } from './support/lms-host.js';

// `gdl build --lms` as a learning platform sees it: the packages' files, the course launched in
// Chromium with the platform's API (scorm-again for SCORM 1.2 and 2004; a minimal cmi5 LMS and LRS),
// the quiz answered by clicking the form, and what the platform recorded.

const repo = path.resolve(import.meta.dirname, '..');
const fixture = path.join(repo, 'tests/fixtures/lms/input');
const kinds = ['scorm12', 'scorm2004', 'cmi5'] as const;

function gdl(...args: string[]) {
    return spawnSync(process.execPath, [path.join(repo, 'bin/gdl.js'), ...args], { cwd: repo, encoding: 'utf8' });
}

// What the tests read of scorm-again's data model (its values are strings, as SCORM's are).
interface Cmi2004 {
    completion_status: string;
    success_status: string;
    score: { scaled: string; raw: string; max: string };
}
interface Cmi12 {
    core: { lesson_status: string; score: { raw: string; min: string; max: string } };
}
type Api<T> = { cmi: T; isTerminated(): boolean };

const packageOf = (site: string, kind: string) => readFileSync(path.join(site, 'lms', `CP.${kind}.zip`));

async function launchScorm(browser: Browser, host: Host, kind: 'scorm12' | 'scorm2004'): Promise<{ page: Page; frame: Frame }> {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', error => errors.push(error.message));
    await page.goto(`${host.url}/host/${kind}.html`);
    await page.locator('#sco').evaluate((frame: HTMLIFrameElement, src) => (frame.src = src), `/packages/${kind}/index.html`);
    const frame = await (await page.locator('#sco').elementHandle())!.contentFrame();
    await frame!.waitForLoadState();
    expect(errors).toEqual([]);
    return { page, frame: frame! };
}

describe('learning-platform packages (gdl build --lms)', () => {
    let site: string;
    let browser: Browser;
    let host: Host;

    beforeAll(async () => {
        site = path.join(mkdtempSync(path.join(tmpdir(), 'gdl-lms-')), 'site');
        const result = gdl('build', fixture, '--out', site, '--lms', kinds.join(','), '--quiet');
        expect(result.status, result.stdout + result.stderr).toBe(0);
        browser = await launchChromium();
        host = await startHost(Object.fromEntries(kinds.map(kind => [kind, packageOf(site, kind)])));
    });

    afterAll(async () => {
        await browser?.close();
        await host?.close();
    });

    test('a package per course pack and platform, byte-identical when built again from the same sources', () => {
        const again = path.join(mkdtempSync(path.join(tmpdir(), 'gdl-lms-again-')), 'site');
        const result = gdl('build', fixture, '--out', again, '--lms', 'cmi5,scorm2004,scorm12', '--quiet');
        expect(result.status, result.stderr).toBe(0);
        for (const kind of kinds) {
            expect(packageOf(again, kind).equals(packageOf(site, kind)), kind).toBe(true);
        }
    });

    test('the package holds the learner edition without the printed checks or any answer key text, and its manifest lists every file', async () => {
        const zip = await JSZip.loadAsync(packageOf(site, 'scorm2004'));
        const names = Object.keys(zip.files);
        expect(names[0]).toBe('imsmanifest.xml');
        const page = await zip.file('index.html')!.async('string');
        expect(page).toContain('What stalking is');
        expect(page).not.toContain('Knowledge checks');
        // The protective marking, as on every published page, at the top and foot of the package's page.
        expect(page).toMatch(/class="gdl-classification gdl-classification--top">OFFICIAL</);
        expect(page).toMatch(/class="gdl-classification gdl-classification--bottom">OFFICIAL</);
        expect(page).not.toContain('Rationale');
        expect(page).not.toContain('Stalking is a course of conduct.');
        // The learner's handout travels with the package, where the page links it; the answer key does not.
        expect(names).toContain('CP-learner/handouts/M/case.md');
        expect(await zip.file('CP-learner/handouts/M/case.md')!.async('string')).toContain('Ms A reports');
        expect(page).toContain('href="CP-learner/handouts/M/case.md"');
        expect(names.filter(n => n.includes('case-key'))).toEqual([]);
        expect(page).not.toContain('answer key');
        const manifest = new XMLParser({ ignoreAttributes: false, isArray: name => name === 'file' }).parse(
            await zip.file('imsmanifest.xml')!.async('string')
        );
        const listed = (manifest.manifest.resources.resource.file as Array<Record<string, string>>).map(f => f['@_href']);
        expect(listed.sort()).toEqual(names.filter(n => n !== 'imsmanifest.xml').sort());
    });

    test('SCORM 2004: a right attempt is completed, passed, scaled 1; a wrong one completed, failed, scaled 0', async () => {
        const right = await launchScorm(browser, host, 'scorm2004');
        const asked = await answerQuiz(right.frame, () => false);
        expect(asked).toHaveLength(4);
        expect(asked.filter(q => pool.includes(q))).toHaveLength(1);
        const recorded = () =>
            right.page.evaluate(() => {
                const api = (window as unknown as { API_1484_11: Api<Cmi2004> }).API_1484_11;
                return {
                    completion: api.cmi.completion_status,
                    success: api.cmi.success_status,
                    scaled: api.cmi.score.scaled,
                    raw: api.cmi.score.raw,
                    max: api.cmi.score.max,
                    terminated: api.isTerminated()
                };
            });
        expect(await recorded()).toEqual({ completion: 'completed', success: 'passed', scaled: '1', raw: '4', max: '4', terminated: true });
        await right.page.close();

        const wrong = await launchScorm(browser, host, 'scorm2004');
        await answerQuiz(wrong.frame, () => true);
        const failed = await wrong.page.evaluate(() => {
            const api = (window as unknown as { API_1484_11: Api<Cmi2004> }).API_1484_11;
            return [api.cmi.completion_status, api.cmi.success_status, api.cmi.score.scaled, api.cmi.score.raw];
        });
        expect(failed).toEqual(['completed', 'failed', '0', '0']);
        expect(await wrong.frame.locator('#gdl-quiz-result').textContent()).toContain('not passed');
        await wrong.page.close();
    });

    test('SCORM 2004: three of four right meets a 75% pass mark exactly', async () => {
        const { page, frame } = await launchScorm(browser, host, 'scorm2004');
        await answerQuiz(frame, (_, index) => index === 0);
        const result = await page.evaluate(() => {
            const api = (window as unknown as { API_1484_11: Api<Cmi2004> }).API_1484_11;
            return [api.cmi.success_status, api.cmi.score.scaled, api.cmi.score.raw, api.cmi.score.max];
        });
        expect(result).toEqual(['passed', '0.75', '3', '4']);
        await page.close();
    });

    test('SCORM 1.2: a right attempt is passed with 100; a wrong one failed with 0; both committed and finished', async () => {
        for (const [wrong, status, raw] of [
            [false, 'passed', '100'],
            [true, 'failed', '0']
        ] as const) {
            const { page, frame } = await launchScorm(browser, host, 'scorm12');
            await answerQuiz(frame, () => wrong);
            const recorded = await page.evaluate(() => {
                const api = (window as unknown as { API: Api<Cmi12> }).API;
                return {
                    status: api.cmi.core.lesson_status,
                    raw: api.cmi.core.score.raw,
                    min: api.cmi.core.score.min,
                    max: api.cmi.core.score.max,
                    finished: api.isTerminated()
                };
            });
            expect(recorded).toEqual({ status, raw, min: '0', max: '100', finished: true });
            await page.close();
        }
    });

    const actor = { objectType: 'Agent', name: 'A Learner', account: { homePage: 'https://lms.example', name: 'learner-1' } };

    /** Launches the AU as a cmi5 LMS does (launch data in the state API, the five query parameters), answers, and returns what the LRS received. */
    async function launchCmi5(registration: string, wrong: boolean) {
        const course = new XMLParser({ ignoreAttributes: false }).parse(
            await (await JSZip.loadAsync(packageOf(site, 'cmi5'))).file('cmi5.xml')!.async('string')
        );
        const au = course.courseStructure.au;
        const session = crypto.randomUUID();
        host.statements.length = 0;
        host.launchData = {
            contextTemplate: { extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': session } },
            launchMode: 'Normal',
            moveOn: au['@_moveOn'],
            masteryScore: Number(au['@_masteryScore']),
            returnURL: `${host.url}/returned?registration=${registration}`
        };
        const query = new URLSearchParams({
            endpoint: `${host.url}/lrs/`,
            fetch: `${host.url}/cmi5/fetch?session=${session}`,
            actor: JSON.stringify(actor),
            registration,
            activityId: au['@_id']
        });
        const page = await browser.newPage();
        await page.goto(`${host.url}/packages/cmi5/${au.url}?${query.toString()}`);
        await answerQuiz(page.mainFrame(), () => wrong);
        expect(await page.locator('#gdl-return').getAttribute('href')).toBe(`${host.url}/returned?registration=${registration}`);
        await expect.poll(() => host.statements.at(-1)?.statement.verb.id).toBe('http://adlnet.gov/expapi/verbs/terminated');
        await page.close();
        return { au, session, mastery: Number(au['@_masteryScore']), received: [...host.statements] };
    }

    const verbs = (received: Host['statements']) => received.map(s => s.statement.verb.id.split('/').pop());

    test('cmi5: the AU fetches its token, reads the launch data, and sends initialized, completed, passed or failed, terminated', async () => {
        for (const [wrong, verb, success, scaled] of [
            [false, 'passed', true, 1],
            [true, 'failed', false, 0]
        ] as const) {
            const registration = crypto.randomUUID();
            const { au, session, mastery, received } = await launchCmi5(registration, wrong);
            expect(mastery).toBe(0.75);
            expect(verbs(received)).toEqual(['initialized', 'completed', verb, 'terminated']);
            const statements = received.map(s => s.statement);
            for (const { statement, authorization } of received) {
                expect(authorization).toBe(`Basic ${host.token}`);
                expect(statement.actor).toEqual(actor);
                expect(statement.object.id).toBe(au['@_id']);
                expect(statement.context.registration).toBe(registration);
                expect(statement.context.extensions?.['https://w3id.org/xapi/cmi5/context/extensions/sessionid']).toBe(session);
                const categories = statement.context.contextActivities?.category?.map(c => c.id) ?? [];
                expect(categories).toContain('https://w3id.org/xapi/cmi5/context/categories/cmi5');
                const judged = statement.result?.success !== undefined || statement.result?.completion !== undefined;
                expect(categories.includes('https://w3id.org/xapi/cmi5/context/categories/moveon')).toBe(judged);
            }
            expect(statements[1]!.result?.completion).toBe(true);
            expect(statements[2]!.result?.success).toBe(success);
            expect(statements[2]!.result?.score).toEqual({ scaled, raw: success ? 4 : 0, min: 0, max: 4 });
            expect(statements[2]!.context.extensions?.['https://w3id.org/xapi/cmi5/context/extensions/masteryscore']).toBe(mastery);
            expect(statements[3]!.result?.duration).toMatch(/^PT\d+(\.\d+)?S$/);
        }
    });

    test('cmi5: relaunched in one registration, the AU sends completed once and passed once (fail, then pass, then again)', async () => {
        const registration = crypto.randomUUID();
        expect(verbs((await launchCmi5(registration, true)).received)).toEqual(['initialized', 'completed', 'failed', 'terminated']);
        expect(verbs((await launchCmi5(registration, false)).received)).toEqual(['initialized', 'passed', 'terminated']);
        expect(verbs((await launchCmi5(registration, false)).received)).toEqual(['initialized', 'terminated']);
    });
});
