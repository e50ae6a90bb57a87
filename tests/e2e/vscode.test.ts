import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CodeServer, notificationTexts, webviewFrameWith } from './code-server.js';
import { PATIENCE_MS } from '../support/patience.js';
import { launchChromium } from '../support/chromium.js';
import { copyExampleWorkspace } from '../support/files.js';

const repo = path.resolve(import.meta.dirname, '../..');
const shots = path.join(repo, 'test-output', 'e2e');
/** A copy of the example workspace with one planted gap: nothing covers 12.2 any more. */
function workspaceWithGap(): string {
    const folder = mkdtempSync(path.join(tmpdir(), 'gdl-e2e-ws-'));
    copyExampleWorkspace(folder);
    const edit = (file: string, from: string, to: string) => {
        const full = path.join(folder, file);
        const text = readFileSync(full, 'utf8');
        if (!text.includes(from)) {
            throw new Error(`fixture: '${from}' not in ${file}`);
        }
        writeFileSync(full, text.replace(from, to));
    };
    edit('example-constabulary/action-plan.gdl', 'addresses 12.1, 12.2, 12.3, 12.4', 'addresses 12.1, 12.3, 12.4');
    edit('example-constabulary/guidance/risk.gdl', 'addresses 12.2\n', '\n');
    // A writer's existing document, to import with GDL: Import document…
    writeFileSync(
        path.join(folder, 'briefing.md'),
        '# Stalking briefing note\n\n## Breaches of orders\n\nTreat every breach as a sign of heightened risk (see 12.3).\n'
    );
    return folder;
}

describe('the extension in a real VS Code (code-server 4.100 driven by Chromium)', () => {
    let server: CodeServer;
    let browser: Browser;
    let page: Page;
    let workspace: string;

    beforeAll(async () => {
        mkdirSync(shots, { recursive: true });
        workspace = workspaceWithGap();
        server = await CodeServer.start(path.join(repo, 'dist', 'gdl.vsix'), workspace, {
            'gdl.asOf': '2026-01-15',
            'terminal.integrated.gpuAcceleration': 'off'
        });
        browser = await launchChromium();
        page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
        // Waits give up only after PATIENCE_MS: a slow machine is not a failing extension.
        page.setDefaultTimeout(PATIENCE_MS);
        await page.goto(server.url);
        await page.locator('.monaco-workbench').waitFor();
    });

    afterAll(async () => {
        await browser?.close();
        server?.stop();
    });

    /** Waits for the list row matching `hasText`, checks it also shows `shows`, and keeps a screenshot. */
    async function expectRow(selector: string, hasText: string, shows: string, screenshot: string): Promise<void> {
        // The first match: a message can stand in more than one row (the file's row and the problem's, while the panel redraws).
        const row = page.locator(selector, { hasText }).first();
        await row.waitFor();
        expect(await row.textContent()).toContain(shows);
        await page.screenshot({ path: path.join(shots, screenshot) });
    }

    /** Runs a command from the command palette: types `typed`, waits for the entry showing `entry`, and chooses it. */
    async function runCommand(typed: string, entry: string): Promise<void> {
        await page.keyboard.press('F1');
        await page.locator('.quick-input-widget input').fill(typed);
        await page.locator('.quick-input-list .monaco-list-row', { hasText: entry }).first().waitFor();
        await page.keyboard.press('Enter');
    }

    async function openFile(name: string): Promise<void> {
        const tab = page.locator(`.tab.active[aria-label^="${name}"]`);
        // Quick open, chosen from the keyboard once its first (focused) row is the file: the list is re-drawn as it
        // filters, and a click on a row being replaced was lost (the tab stayed where it was). Tried again if the
        // file's tab does not come up: a slow machine is not a failing extension.
        for (let attempt = 1; ; attempt++) {
            await page.keyboard.press('Escape');
            await page.keyboard.press('Control+P');
            const input = page.locator('.quick-input-widget input');
            await input.waitFor();
            await input.fill(name);
            const first = page.locator('.quick-input-list .monaco-list-row.focused', { hasText: name }).first();
            await first.waitFor().catch(async (error: unknown) => {
                await page.screenshot({ path: path.join(shots, `quick-open-${name}-failed.png`) });
                throw error;
            });
            await page.keyboard.press('Enter');
            const opened = await tab.waitFor({ timeout: attempt < 3 ? 20_000 : PATIENCE_MS }).then(
                () => true,
                () => false
            );
            if (opened) {
                return;
            }
            if (attempt >= 3) {
                await page.screenshot({ path: path.join(shots, `open-${name}-failed.png`) });
                throw new Error(`quick open did not bring up ${name}`);
            }
        }
    }

    test('the extension activates: the status bar shows the workspace coverage percentage', async () => {
        await openFile('risk.gdl');
        const item = page.locator('.statusbar-item', { hasText: 'Coverage 37/39 (97.4%)' });
        await item.waitFor();
        await page.screenshot({ path: path.join(shots, 'status-bar.png') });
    });

    // Early in the session: run after the publishing and import tests, no plain-English finding appeared
    // (an open defect, in the closing note of issue 16); alone, and early, the finding and its fix work.
    test('(prose) plain English: "in order to utilise" in approved prose is reported, and the quick fix replaces the word', async () => {
        await openFile('risk.gdl');
        try {
            await endOfLineWith('Safeguarding comes first.');
            await page.keyboard.type(' Officers utilise the screening tool in order to find the risk.');
            await page.keyboard.press('Control+Shift+M');
            // The panel lists a hundred problems and draws only those in view: its filter narrows it to this one.
            const filter = page.locator('.viewpane-filter input, .markers-panel-action-filter input').first();
            await filter.waitFor();
            await filter.fill('utilise');
            const problem = page.locator('.markers-panel .monaco-list-row', { hasText: 'utilise' }).first();
            await problem.waitFor({ timeout: 90_000 }).catch(async (error: unknown) => {
                await page.screenshot({ path: path.join(shots, 'plain-english-failed.png') });
                throw error;
            });
            expect(await problem.textContent()).toMatch(/GDL07\d\d/);
            await page.screenshot({ path: path.join(shots, 'plain-english.png') });
            await filter.fill('');
            // The quick fix, from the word in the editor.
            await openFile('risk.gdl');
            await cursorAfter('Officers utilise');
            await page.keyboard.press('ArrowLeft'); // on "utilise"
            await page.keyboard.press('Control+.');
            const fix = page
                .locator('.action-widget .monaco-list-row, .context-view .action-item', { hasText: "Replace 'utilise' with 'use'" })
                .first();
            await fix.waitFor().catch(async (error: unknown) => {
                await page.screenshot({ path: path.join(shots, 'plain-english-fix-failed.png') });
                throw error;
            });
            // The menu is worked from the keyboard, as a writer does (Ctrl+. then the arrows and Enter): the row is focused, then chosen.
            for (let step = 0; step < 10; step++) {
                const focused =
                    (await page
                        .locator('.action-widget .monaco-list-row.focused')
                        .first()
                        .textContent()
                        .catch(() => '')) ?? '';
                if (focused.includes("Replace 'utilise' with 'use'")) {
                    break;
                }
                await page.keyboard.press('ArrowDown');
            }
            await page.keyboard.press('Enter');
            await page.locator('.view-line', { hasText: 'Officers use the screening tool' }).first().waitFor();
        } finally {
            await revert();
        }
    });

    test('opening a .gdl file shows no error notification once the workspace is built', async () => {
        // The status bar's figure comes after the first build; the coverage view and the language server have answered by then.
        await page.locator('.statusbar-item', { hasText: 'Coverage 37/39' }).waitFor();
        await page.waitForTimeout(2000);
        const shown = await notificationTexts(page);
        expect(shown.filter(t => /failed|error/i.test(t))).toEqual([]);
    });

    test('the Problems panel lists the planted coverage gap', async () => {
        await page.keyboard.press('Control+Shift+M');
        // The panel draws only the rows in view, files in path order: risk.gdl's plain-English findings (it is open,
        // so it is checked) come before the framework's. Its filter narrows the list to the requirement, as a writer
        // looking for one would.
        const filter = page.locator('.viewpane-filter input, .markers-panel-action-filter input').first();
        await filter.waitFor();
        await filter.fill('12.2');
        await expectRow(
            '.markers-panel .monaco-list-row',
            'Evidence requirement 12.2 is not covered for 1 of 1 force at the evidenced level: Example Constabulary (not covered).',
            'GDL0201',
            'problems.png'
        );
        await filter.fill('');
    });

    test('hover on a requirement id shows its text and coverage', async () => {
        await openFile('risk.gdl');
        await findInEditor('addresses 12.3');
        const token = page.locator('.view-line span', { hasText: /^12\.3$/ }).first();
        await token.waitFor();
        const box = (await token.boundingBox())!;
        await page.mouse.move(box.x + 2, box.y + box.height / 2);
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        const hover = page.locator('.monaco-hover', { hasText: 'heightened risk associated with breaches of protective orders' });
        await hover.waitFor();
        expect(await hover.textContent()).toContain('Evidence requirement 12.3');
        await page.waitForTimeout(500); // let the hover finish fading in before the screenshot
        await page.screenshot({ path: path.join(shots, 'hover-and-diagnostic.png') });
    });

    test('completion after `addresses` offers requirement ids', async () => {
        await page.keyboard.press('Escape');
        await page
            .locator('.view-line span', { hasText: /^12\.3$/ })
            .first()
            .click();
        await page.keyboard.press('End');
        await page.keyboard.type(', 12');
        await page.keyboard.press('Control+Space');
        const suggestion = page.locator('.suggest-widget .monaco-list-row', { hasText: '12.2' });
        await suggestion.waitFor().catch(async (error: unknown) => {
            await page.screenshot({ path: path.join(shots, 'completion-failed.png') });
            throw error;
        });
        await page.screenshot({ path: path.join(shots, 'completion.png') });
        await page.keyboard.press('Escape');
        for (let i = 0; i < 4; i++) {
            await page.keyboard.press('Control+Z');
        }
    });

    test('the coverage view lists recommendations with their state', async () => {
        await page.keyboard.press('Control+Shift+E');
        const view = page.locator('.pane-header', { hasText: 'Evidence coverage' });
        await view.waitFor();
        if ((await view.getAttribute('aria-expanded')) !== 'true') {
            await view.click();
        }
        await expectRow('.monaco-list-row', 'Recommendation 12', '3/4 covered', 'coverage-view.png');
        // The number with its title, and the worst of its requirements' icons (12.2 is not covered).
        const row = page.locator('.monaco-list-row', { hasText: 'Recommendation 12: Take steps to make sure that risk' }).first();
        await row.waitFor();
        // A tooltip left open by the pointer over another row would take the click.
        await page.mouse.move(800, 5);
        await page.locator('.context-view .rendered-markdown').waitFor({ state: 'detached' });
        await row.click();
        const uncovered = page.locator('.monaco-list-row', { hasText: '12.2 Having clear policies' }).first();
        await uncovered.waitFor();
        expect(await uncovered.textContent()).toContain('not covered');
        const icon = (locator: typeof row) => locator.locator('.custom-view-tree-node-item-icon').first().getAttribute('class');
        expect(await icon(row)).toContain('codicon-error');
        expect(await icon(uncovered)).toContain('codicon-error');
        await page.screenshot({ path: path.join(shots, 'coverage-view-titles.png') });
        await page.keyboard.press('ArrowLeft'); // collapsed again, as the next tests expect it
    });

    /** Reverts the active editor to the file on disk (after a test typed into it). */
    async function revert(): Promise<void> {
        await page.keyboard.press('Escape');
        await runCommand('>File: Revert File', 'Revert File');
        await page.locator('.tab.active.dirty').waitFor({ state: 'detached' });
    }

    /**
     * Selects the first occurrence of `text` in the active editor with its find widget. The text goes into
     * the widget's own input, never into the file (where it would be saved by the next task that runs).
     */
    async function findInEditor(text: string): Promise<void> {
        await page.locator('.editor-instance .monaco-editor').first().click();
        await page.keyboard.press('Control+F');
        const input = page.locator('.editor-instance .find-widget.visible .monaco-findInput .input').first();
        await input.waitFor();
        await input.fill(text); // found as it is typed, and selected
        await page.keyboard.press('Escape');
        // Keys pressed next go to the editor only once the widget has closed (before, they went to its input).
        await page.locator('.editor-instance .find-widget.visible').first().waitFor({ state: 'detached' });
    }

    /** Puts the cursor at the end of the first line holding `text` in the active editor. */
    async function endOfLineWith(text: string): Promise<void> {
        await findInEditor(text);
        await page.keyboard.press('End');
    }

    /** Puts the cursor just after the first occurrence of `text` in the active editor. */
    async function cursorAfter(text: string): Promise<void> {
        await findInEditor(text);
        await page.keyboard.press('ArrowRight'); // the found text is selected: to its end
    }

    test('the preview beside the editor shows the page as published, and follows the text as it is typed', async () => {
        await openFile('risk.gdl');
        await runCommand('>GDL: Open Preview to the Side', 'Open Preview to the Side');
        const frame = await webviewFrameWith(page, 'Risk identification, assessment and management');
        const bar = await frame.locator('#gdl-preview-label').textContent();
        expect(bar).toContain('risk.gdl');
        expect(bar).toContain('published guidance page');
        // Sanitised HTML, and one script of the preview's own (VS Code adds its webview API's): the policy allows nothing else.
        expect(await frame.locator('#gdl-preview-page script, #gdl-preview-page iframe').count()).toBe(0);
        expect(await frame.locator('script[src*="preview.js"]').count()).toBe(1);
        expect(await frame.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toContain("default-src 'none'");
        await openFile('risk.gdl');
        await endOfLineWith('Safeguarding comes first.');
        await page.keyboard.type(' Previewers see this sentence at once.');
        await webviewFrameWith(page, 'Previewers see this sentence at once.').catch(async (error: unknown) => {
            await page.screenshot({ path: path.join(shots, 'preview-failed.png') });
            throw error;
        });
        await page.screenshot({ path: path.join(shots, 'preview.png') });
        await revert();
        await runCommand('>View: Close Editors in Other Groups', 'Close Editors in Other Groups');
    });
    test('code lenses above each requirement in the framework say how it is covered', async () => {
        await openFile('super-complaint-2024.gdl');
        await findInEditor('evidence 12.2');
        // Lenses outside the viewport are attached but hidden: read them from the DOM.
        await page.waitForFunction(() => {
            const lenses = [...document.querySelectorAll('.codelens-decoration')].map(e => e.textContent ?? '');
            return lenses.some(t => t.startsWith('not covered')) && lenses.some(t => t.startsWith('covered by'));
        });
        await page.screenshot({ path: path.join(shots, 'code-lenses.png') });
    });

    test('the command "GDL: Check the workspace" runs the command-line check and reports the gap', async () => {
        await runCommand('>GDL: Check the workspace', 'Check the workspace');
        const terminal = page.locator('.terminal-wrapper .xterm-rows, .terminal-wrapper .xterm-accessibility-tree').first();
        await page
            .waitForFunction(() =>
                // The line may wrap in the terminal: compare without white space.
                [...document.querySelectorAll('.xterm-rows, .xterm-accessibility-tree')].some(e =>
                    (e.textContent ?? '').replace(/\s+/g, '').includes('CoverageforExampleConstabulary:37/39')
                )
            )
            .catch(async (error: unknown) => {
                await page.screenshot({ path: path.join(shots, 'check-command-failed.png') });
                throw error;
            });
        expect((await terminal.textContent())?.replace(/\s+/g, '')).toContain('CoverageforExampleConstabulary:37/39');
        await page.screenshot({ path: path.join(shots, 'check-command.png') });
    });
    test('"GDL: Publish" offers to publish with the gap marked, then says where the site is', async () => {
        await page.keyboard.press('Escape');
        await runCommand('>GDL: Publish', 'Publish the guidance');
        const dialog = page.locator('.monaco-dialog-box', { hasText: '1 evidence requirement is not covered (12.2)' });
        await dialog.waitFor().catch(async (error: unknown) => {
            await page.screenshot({ path: path.join(shots, 'publish-command-failed.png') });
            throw error;
        });
        await page.screenshot({ path: path.join(shots, 'publish-gap-choice.png') });
        await dialog.locator('.monaco-button', { hasText: 'Publish with the gaps marked' }).click();
        const done = page.locator('.notifications-toasts .notification-toast', { hasText: 'with the gaps marked on every page' });
        await done.waitFor().catch(async (error: unknown) => {
            await page.screenshot({ path: path.join(shots, 'publish-done-failed.png') });
            throw error;
        });
        expect(await done.textContent()).toMatch(/Published \d+ files to /);
        await done.locator('.monaco-button', { hasText: 'Open the site' }).waitFor();
        await done.locator('.monaco-button', { hasText: 'Show folder' }).waitFor();
        const index = path.join(`${workspace}-published`, 'index.html');
        expect(existsSync(index)).toBe(true);
        expect(readFileSync(path.join(`${workspace}-published`, 'guidance', 'ec-risk.html'), 'utf8')).toContain('12.2');
        await page.screenshot({ path: path.join(shots, 'publish-command.png') });
        await page.keyboard.press('Escape');
    });

    /** Waits for the quick input to show `entry`, keeping a screenshot if it never does. */
    async function expectChoice(entry: string, screenshot: string): Promise<void> {
        await page
            .locator('.quick-input-list .monaco-list-row', { hasText: entry })
            .first()
            .waitFor()
            .catch(async (error: unknown) => {
                await page.screenshot({ path: path.join(shots, screenshot) });
                throw error;
            });
    }

    test('"Import document…" on the Markdown document open in the editor writes draft guidance into the folder chosen, opens it and its report', async () => {
        await openFile('briefing.md');
        await runCommand('>GDL: Import document', 'Import document');
        await expectChoice('Import briefing.md', 'import-command-no-document-choice.png');
        await page.keyboard.press('Enter');
        const input = page.locator('.quick-input-widget input');
        await expectChoice('example-constabulary', 'import-command-no-folder-choice.png');
        await input.fill('example-constabulary/guidance');
        await page.locator('.quick-input-list .monaco-list-row', { hasText: 'example-constabulary/guidance' }).first().waitFor();
        await page.keyboard.press('Enter');
        const written = path.join(workspace, 'example-constabulary/guidance/stalking-briefing-note.gdl');
        await page
            .locator('.tab', { hasText: 'stalking-briefing-note.gdl' })
            .first()
            .waitFor()
            .catch(async (error: unknown) => {
                await page.screenshot({ path: path.join(shots, 'import-command-failed.png') });
                throw error;
            });
        const text = readFileSync(written, 'utf8');
        expect(text).toContain('guidance stalking-briefing-note "Stalking briefing note" {');
        expect(text).toContain('    status draft');
        const report = readFileSync(written.replace(/\.gdl$/, '.import-report.md'), 'utf8');
        expect(report).toContain('mention of 12.3');
        await page.locator('.notifications-toasts', { hasText: 'Imported briefing.md as a draft' }).waitFor();
        await page.screenshot({ path: path.join(shots, 'import-command.png') });
    });

    test('"New force workspace" adds a force beside the example: its folder, plan and README are written and the README opens', async () => {
        await page.keyboard.press('Escape');
        await runCommand('>GDL: New force workspace', 'New force workspace');
        const input = page.locator('.quick-input-widget input');
        await input.waitFor();
        await input.fill('Kent Police');
        await page.keyboard.press('Enter');
        await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Add Kent Police to this workspace' }).first().waitFor();
        await page.keyboard.press('Enter');
        const message = page.locator('.notifications-toasts', { hasText: 'Kent Police was added to this workspace.' });
        await message.waitFor().catch(async (error: unknown) => {
            await page.screenshot({ path: path.join(shots, 'new-force-command-failed.png') });
            throw error;
        });
        expect(readFileSync(path.join(workspace, 'kent-police', 'force.gdl'), 'utf8')).toContain('"Kent Police"');
        expect(readFileSync(path.join(workspace, 'kent-police', 'action-plan.gdl'), 'utf8')).toContain('force "Kent Police"');
        // The example's own files are untouched.
        expect(readFileSync(path.join(workspace, 'example-constabulary', 'force.gdl'), 'utf8')).toContain('"Example Constabulary"');
        await page.locator('.tab', { hasText: 'README' }).first().waitFor();
        await page.screenshot({ path: path.join(shots, 'new-force-command.png') });
    });

    // ---------------------------------------------------------------------------------------------
    // Written for features built on other branches at the same time, merged by the integrator: these
    // fail until then. (d) completion of requirement ids triggered by the space after `addresses`, with
    // the requirement's text as labelDetails.description (the editor helper); (e) rename refused for a
    // framework requirement id (the editor helper); (f) plain-English findings in approved prose, GDL07xx,
    // with a quick fix (the prose helper).

    test('(editor) typing `addresses ` offers requirement ids with their text, without asking, the uncovered first', async () => {
        await openFile('risk.gdl');
        try {
            await endOfLineWith('addresses 12.3');
            await page.keyboard.press('Enter');
            await page.keyboard.type('addresses ');
            // The planted gap (12.2, not covered) comes first, its text beside its id and marked as not covered.
            const first = page.locator('.suggest-widget .monaco-list-row').first();
            await first.waitFor().catch(async (error: unknown) => {
                await page.screenshot({ path: path.join(shots, 'completion-trigger-failed.png') });
                throw error;
            });
            const text = (await first.textContent()) ?? '';
            expect(text).toContain('12.2');
            expect(text).toContain('Having clear policies');
            expect(text).toContain('not cove');
            await page.screenshot({ path: path.join(shots, 'completion-trigger.png') });
        } finally {
            await revert();
        }
    });

    test('(editor) F2 on a framework requirement id in guidance is refused: it cannot be renamed', async () => {
        await openFile('risk.gdl');
        await cursorAfter('addresses 12.3');
        await page.keyboard.press('ArrowLeft'); // on "12.3"
        await page.keyboard.press('F2');
        const message = page.locator('.monaco-editor-overlaymessage, .notifications-toasts', { hasText: 'cannot be renamed' }).first();
        await message.waitFor().catch(async (error: unknown) => {
            await page.screenshot({ path: path.join(shots, 'rename-refused-failed.png') });
            throw error;
        });
        await page.screenshot({ path: path.join(shots, 'rename-refused.png') });
        await page.keyboard.press('Escape');
        expect(await page.locator('.tab.active.dirty').count()).toBe(0);
    });
});
