import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { PATIENCE_MS } from '../support/patience.js';

/** Where `npm run setup:e2e` installs code-server (VS Code 1.100 served to a browser). */
export const codeServerDir = process.env.GDL_CODE_SERVER_DIR ?? path.join(homedir(), '.cache', 'gdl-code-server');
export const codeServerBin = path.join(codeServerDir, 'node_modules', '.bin', 'code-server');

async function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const address = server.address();
            server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
        });
    });
}

/** A running code-server with the extension installed, serving one folder on 127.0.0.1. */
export class CodeServer {
    private process: ChildProcess | undefined;
    readonly log: string[] = [];
    port = 0;

    private constructor(
        readonly userData: string,
        readonly extensions: string
    ) {}

    /** Installs the .vsix into fresh user-data and extensions folders and starts code-server on `folder`. */
    static async start(vsix: string, folder: string, settings: Record<string, unknown>): Promise<CodeServer> {
        if (!existsSync(codeServerBin)) {
            throw new Error(`code-server is not installed at ${codeServerBin}: run \`npm run setup:e2e\` first`);
        }
        const base = mkdtempSync(path.join(tmpdir(), 'gdl-vscode-'));
        const server = new CodeServer(path.join(base, 'user-data'), path.join(base, 'extensions'));
        mkdirSync(path.join(server.userData, 'User'), { recursive: true });
        writeFileSync(
            path.join(server.userData, 'User', 'settings.json'),
            JSON.stringify(
                {
                    'security.workspace.trust.enabled': false,
                    'workbench.startupEditor': 'none',
                    'workbench.tips.enabled': false,
                    'telemetry.telemetryLevel': 'off',
                    'extensions.autoUpdate': false,
                    ...settings
                },
                null,
                2
            )
        );
        const install = spawnSync(
            codeServerBin,
            ['--extensions-dir', server.extensions, '--user-data-dir', server.userData, '--install-extension', vsix],
            { encoding: 'utf8', timeout: PATIENCE_MS }
        );
        if (install.status !== 0) {
            throw new Error(`installing ${vsix} failed: ${install.stdout}${install.stderr}`);
        }
        server.port = await freePort();
        server.process = spawn(
            codeServerBin,
            [
                '--auth',
                'none',
                '--bind-addr',
                `127.0.0.1:${server.port}`,
                '--disable-telemetry',
                '--disable-update-check',
                '--disable-workspace-trust',
                '--extensions-dir',
                server.extensions,
                '--user-data-dir',
                server.userData,
                folder
            ],
            { stdio: ['ignore', 'pipe', 'pipe'] }
        );
        server.process.stdout!.on('data', chunk => server.log.push(String(chunk)));
        server.process.stderr!.on('data', chunk => server.log.push(String(chunk)));
        await server.waitUntilServing();
        return server;
    }

    get url(): string {
        return `http://127.0.0.1:${this.port}/`;
    }

    private async waitUntilServing(): Promise<void> {
        const deadline = Date.now() + PATIENCE_MS;
        while (Date.now() < deadline) {
            if (this.process?.exitCode !== null && this.process?.exitCode !== undefined) {
                throw new Error(`code-server exited: ${this.log.join('')}`);
            }
            try {
                const response = await fetch(`${this.url}healthz`);
                if (response.ok) {
                    return;
                }
            } catch {
                // not listening yet
            }
            await new Promise(r => setTimeout(r, 250));
        }
        throw new Error(`code-server did not start: ${this.log.join('')}`);
    }

    stop(): void {
        this.process?.kill();
    }
}

/**
 * The frame of a webview whose page contains `text`: VS Code nests a webview's content in an iframe
 * inside another (the host's), so every frame of the page is asked, until one holds the text.
 */
export async function webviewFrameWith(page: Page, text: string, patience = PATIENCE_MS): Promise<Frame> {
    const deadline = Date.now() + patience;
    while (Date.now() < deadline) {
        for (const frame of page.frames()) {
            const holds = await frame.evaluate(t => document.body?.innerText.includes(t) ?? false, text).catch(() => false);
            if (holds) {
                return frame;
            }
        }
        await page.waitForTimeout(250);
    }
    throw new Error(`no webview shows '${text}'`);
}

/** The text of every notification VS Code has shown so far (the notification centre lists them all, toasts that faded too). */
export async function notificationTexts(page: Page): Promise<string[]> {
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').fill('>Notifications: Show Notifications');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show Notifications' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.notifications-center').waitFor();
    const texts = await page.locator('.notifications-center .notification-list-item').allTextContents();
    const toasts = await page.locator('.notifications-toasts .notification-toast').allTextContents();
    await page.keyboard.press('Escape');
    return [...texts, ...toasts];
}
