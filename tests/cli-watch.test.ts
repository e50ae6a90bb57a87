import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { PATIENCE_MS } from './support/patience.js';

// `gdl check --watch`, as a writer runs it in a terminal: after each change, what `gdl check` would print, with only
// the changed files read again.

const repo = path.resolve(import.meta.dirname, '..');
const gdl = path.join(repo, 'bin/gdl.js');
const asOf = ['--as-of', '2026-01-15'];

/** `gdl check` of the folder as it is now, afresh: what each of the watch's checks must print. */
function freshCheck(folder: string): string {
    return freshRun(folder).stdout;
}

function freshRun(folder: string): { stdout: string; status: number | null } {
    const result = spawnSync(process.execPath, [gdl, 'check', '.', '--no-cache', ...asOf], {
        cwd: folder,
        encoding: 'utf8',
        timeout: PATIENCE_MS
    });
    return { stdout: result.stdout, status: result.status };
}

/** Saves as VS Code, vim and `sed -i` do: a new file written beside the old, then renamed over it. */
function saveByRename(file: string, text: string): void {
    writeFileSync(`${file}.tmp`, text);
    renameSync(`${file}.tmp`, file);
}

class Watch {
    private text = '';
    readonly process: ChildProcessWithoutNullStreams;
    readonly exited: Promise<number | null>;

    constructor(folder: string, args: string[] = []) {
        this.process = spawn(process.execPath, [gdl, 'check', '.', '--watch', ...asOf, ...args], { cwd: folder });
        this.process.stdout.on('data', (chunk: Buffer) => (this.text += chunk.toString('utf8')));
        this.process.stderr.on('data', (chunk: Buffer) => (this.text += chunk.toString('utf8')));
        this.exited = new Promise(resolve => this.process.on('exit', code => resolve(code)));
    }

    /** Waits until the output holds `count` checks' last lines, and returns the output. */
    async checks(count: number): Promise<string> {
        const started = Date.now();
        while (Date.now() - started < PATIENCE_MS) {
            if ((this.text.match(/^\d+ files? checked as of /gm) ?? []).length >= count) {
                // The check's last line is followed by the coverage lines' end: give the stream a moment to flush.
                await new Promise(resolve => setTimeout(resolve, 200));
                return this.text;
            }
            await new Promise(resolve => setTimeout(resolve, 50));
        }
        throw new Error(`no check number ${count} within ${PATIENCE_MS} ms; output so far:\n${this.text}`);
    }

    /** The output of check number `n` (1: the first), without the line saying what changed. */
    block(n: number): string {
        const blocks = this.text.split(/^\[\d\d:\d\d:\d\d\] .*\n/m);
        const text = blocks[n - 1]!;
        return n === 1 ? text.replace(/^Watching .*\n/m, '') : text;
    }

    /** How many checks have been printed in full so far. */
    count(): number {
        return (this.text.match(/^\d+ files? checked as of /gm) ?? []).length;
    }

    /** The output of the last check printed, without the line saying what changed. */
    last(): string {
        return this.block(this.text.split(/^\[\d\d:\d\d:\d\d\] .*\n/m).length);
    }

    /** Everything printed so far. */
    output(): string {
        return this.text;
    }

    /** The lines saying what changed, in order. */
    headers(): string[] {
        return this.text.match(/^\[\d\d:\d\d:\d\d\] .*$/gm) ?? [];
    }
}

let running: Watch | undefined;
let parent: string | undefined;
afterEach(() => {
    running?.process.kill('SIGKILL');
    running = undefined;
    if (parent) {
        rmSync(parent, { recursive: true, force: true });
    }
});

/** The bundled guidance copied to `workspace` in a folder of its own, watched, and its first check printed. */
async function watchCopy(args: string[] = []): Promise<{ watch: Watch; folder: string; parent: string }> {
    parent = mkdtempSync(path.join(tmpdir(), 'gdl-watch-'));
    const folder = path.join(parent, 'workspace');
    cpSync(path.join(repo, 'guidance'), folder, { recursive: true, filter: source => !source.includes('.gdl-cache') });
    running = new Watch(folder, args);
    await running.checks(1);
    return { watch: running, folder, parent };
}

describe('gdl check --watch', () => {
    test('prints the check, then after each edit, new file and deletion what a fresh check prints, reading again only the file changed', async () => {
        const { watch, folder } = await watchCopy();
        expect(watch.block(1)).toBe(freshCheck(folder));
        expect(watch.block(1)).toMatch(/^26 files checked as of 2026-01-15: 0 errors/m);

        // An edit that breaks a reference: one file read again, and the problem shown where a fresh check shows it.
        const risk = path.join(folder, 'example-constabulary/guidance/risk.gdl');
        writeFileSync(risk, readFileSync(risk, 'utf8').replace(/addresses 12\.2\b/, 'addresses 12.9'));
        await watch.checks(2);
        expect(watch.headers()[0]).toMatch(
            /example-constabulary\/guidance\/risk\.gdl changed: checked again \(1 of the workspace's 26 files read again\)\.$/
        );
        expect(watch.block(2)).toBe(freshCheck(folder));
        expect(watch.block(2)).toMatch(/risk\.gdl:\d+:\d+ error GDL\d+ .*12\.9/);

        // A new file with a problem of its own.
        const extra = path.join(folder, 'example-constabulary/extra.gdl');
        writeFileSync(extra, 'guidance extra-note "An extra note" {\n    section x-one "One" {\n        addresses 99.9\n    }\n}\n');
        await watch.checks(3);
        expect(watch.headers()[1]).toMatch(/extra\.gdl changed: checked again \(1 of the workspace's 27 files read again\)\.$/);
        expect(watch.block(3)).toBe(freshCheck(folder));
        expect(watch.block(3)).toMatch(/^27 files checked/m);

        // The file deleted again: nothing read, its problems gone.
        unlinkSync(extra);
        await watch.checks(4);
        expect(watch.headers()[2]).toMatch(/extra\.gdl changed: checked again \(0 of the workspace's 26 files read again, 1 gone\)\.$/);
        expect(watch.block(4)).toBe(freshCheck(folder));
        expect(watch.block(4)).not.toMatch(/extra\.gdl/);

        // Ctrl+C stops it, with the last check's exit code (1: the broken reference is still there).
        watch.process.kill('SIGINT');
        expect(await watch.exited).toBe(1);
    });

    test('a source that cannot be read (a broken link) is reported as a fresh check reports it, and read once it can be', async () => {
        const { watch, folder } = await watchCopy();
        const link = path.join(folder, 'example-constabulary/linked.gdl');
        symlinkSync('nowhere.gdl', link);
        await watch.checks(2);
        expect(watch.block(2)).toBe(freshCheck(folder));
        expect(watch.block(2)).toMatch(/linked\.gdl:1:1 error GDL0000 cannot read file: the file does not exist/);
        writeFileSync(path.join(folder, 'example-constabulary/nowhere.gdl'), '// nothing yet\n');
        await watch.checks(3);
        expect(watch.block(3)).toBe(freshCheck(folder));
        expect(watch.block(3)).not.toMatch(/GDL0000/);
        expect(watch.headers()[1]).toMatch(/\(2 of the workspace's 28 files read again\)\.$/);
    });

    test("an editor's saves (a new file renamed over the old, again and again), a lost cover, a folder moved out, the workspace moved away", async () => {
        const { watch, folder, parent } = await watchCopy();
        const online = path.join(folder, 'example-constabulary/guidance/online.gdl');
        const text = readFileSync(online, 'utf8');
        // Node's recursive watch on Linux lost a file after the first such save: every one must be seen.
        const drafted = text.replace(/^ {4}status approved/m, '    status draft');
        expect(drafted).not.toBe(text);
        saveByRename(online, drafted);
        await watch.checks(2);
        // The draft took away a requirement's last cover: a check of the sources as they stand says it is not covered,
        // and does not also carry the editor's warning about the edit (GDL0210), which a fresh check cannot know.
        expect(watch.block(2)).toBe(freshCheck(folder));
        expect(watch.block(2)).not.toMatch(/GDL0210/);
        saveByRename(online, text);
        await watch.checks(3);
        expect(watch.block(3)).toBe(freshCheck(folder));
        saveByRename(online, `${text}// saved again\n`);
        await watch.checks(4);
        expect(watch.headers()[2]).toMatch(/online\.gdl changed: checked again \(1 of the workspace's 26 files read again\)\.$/);
        expect(watch.block(4)).toBe(freshCheck(folder));

        // A whole force's folder moved out of the workspace (to the bin): its files are gone.
        renameSync(path.join(folder, 'thames-valley-police'), path.join(parent, 'thames-valley-police'));
        await watch.checks(5);
        expect(watch.headers()[3]).toMatch(/gone\)\.$/);
        expect(watch.block(5)).toBe(freshCheck(folder));
        const last = freshRun(folder).status;

        // The workspace itself moved away: nothing is left to check; the watch says so and ends with the last check's code.
        renameSync(folder, path.join(parent, 'moved'));
        expect(await watch.exited).toBe(last);
        expect(watch.output()).toMatch(/gdl: '\.' is no longer there: stopped watching\.\n$/);
    });

    test('a link out of the folder made and removed, a broken link removed, a folder deleted and made again at once: each seen as a fresh check sees it', async () => {
        const { watch, folder, parent } = await watchCopy();
        // A link to a source outside the workspace: reported (not followed), and no longer once it is removed.
        const outsideFile = path.join(parent, 'outside.gdl');
        writeFileSync(outsideFile, '// outside the workspace\n');
        const out = path.join(folder, 'common/out.gdl');
        symlinkSync(outsideFile, out);
        await watch.checks(2);
        expect(watch.block(2)).toMatch(/out\.gdl:1:1 error GDL0000 .*links outside the workspace folder/);
        expect(watch.block(2)).toBe(freshCheck(folder));
        unlinkSync(out);
        await watch.checks(3);
        expect(watch.block(3)).toBe(freshCheck(folder));
        expect(watch.block(3)).not.toMatch(/GDL0000/);

        // A broken link, then removed: the error goes with it.
        const broken = path.join(folder, 'common/broken.gdl');
        symlinkSync('/nowhere/at/all.gdl', broken);
        await watch.checks(4);
        expect(watch.block(4)).toMatch(/broken\.gdl:1:1 error GDL0000/);
        unlinkSync(broken);
        await watch.checks(5);
        expect(watch.block(5)).toBe(freshCheck(folder));
        expect(watch.block(5)).not.toMatch(/GDL0000/);

        // A folder deleted and made again under its name at once (restored from a copy): its files are watched anew.
        const common = path.join(folder, 'common');
        const copy = path.join(parent, 'common-copy');
        cpSync(common, copy, { recursive: true });
        rmSync(common, { recursive: true });
        cpSync(copy, common, { recursive: true });
        await watch.checks(6);
        // Any further checks of the restore (its events may come in two settles) are over before the edit.
        await new Promise(resolve => setTimeout(resolve, 3000));
        const restored = watch.count();
        const legislation = path.join(common, 'legislation.gdl');
        writeFileSync(legislation, `${readFileSync(legislation, 'utf8')}\n@@@ not a declaration\n`);
        await watch.checks(restored + 1);
        expect(watch.last()).toMatch(/legislation\.gdl:\d+:\d+ error GDL0001 /);
        expect(watch.last()).toBe(freshCheck(folder));
    });

    test('a file written again and again without a pause (a log in the workspace) does not put off the check of a change', async () => {
        const { watch, folder } = await watchCopy();
        const log = path.join(folder, 'activity.log');
        let line = 0;
        const writer = setInterval(() => writeFileSync(log, `line ${++line}\n`, { flag: 'a' }), 20);
        try {
            const risk = path.join(folder, 'example-constabulary/guidance/risk.gdl');
            writeFileSync(risk, readFileSync(risk, 'utf8').replace(/addresses 12\.2\b/, 'addresses 12.9'));
            // The change is checked while the log is still being written (each write put it off by the settle, for ever).
            const started = Date.now();
            while (watch.count() < 2 && Date.now() - started < 30_000) {
                await new Promise(resolve => setTimeout(resolve, 50));
            }
            expect(watch.count(), 'no check while the log was being written').toBeGreaterThanOrEqual(2);
        } finally {
            clearInterval(writer);
        }
        expect(watch.headers()[0]).toMatch(/risk\.gdl changed: checked again/);
        expect(watch.block(2)).toMatch(/risk\.gdl:\d+:\d+ error GDL\d+ .*12\.9/);
    });

    test('a change to the configuration reads the workspace again whole; a change to any other file checks nothing again', async () => {
        const { watch, folder } = await watchCopy(['--prose']);
        writeFileSync(path.join(folder, 'notes.txt'), 'not a source\n');
        writeFileSync(path.join(folder, 'gdl.config.json'), JSON.stringify({ prose: { severity: { GDL0702: 'off' } } }));
        await watch.checks(2);
        expect(watch.headers()).toEqual([expect.stringMatching(/gdl\.config\.json changed: the workspace read again\.$/)]);
        // The workspace's policy turned one plain-English rule off: its findings go, the others stay.
        expect(watch.block(1)).toMatch(/ GDL0702 /);
        expect(watch.block(2)).not.toMatch(/ GDL0702 /);
        expect(watch.block(2)).toMatch(/ GDL0703 /);
    });
});
