import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { UsageError } from './errors.js';

/** The workspace as it was at an earlier point: its folder, and what to do once it has been read. */
export interface EarlierWorkspace {
    readonly folder: string;
    /** Removes the copy taken out of git (nothing, for a folder given). */
    readonly dispose: () => void;
}

/**
 * The folder holding the workspace as it was at `ref`: `ref` itself when it is a folder, otherwise a git revision
 * whose copy of `folder` is extracted (git archive) into a temporary folder, removed by `dispose`. The revision is
 * resolved to a commit first, and only that commit's id is given to `git archive`: `--since` is text from the
 * command line, and a value git reads as an option (`--since=--output=bin/gdl.js`) made git write over that file.
 */
export function earlierWorkspace(folder: string, ref: string): EarlierWorkspace {
    if (existsSync(ref) && statSync(ref).isDirectory()) {
        return { folder: ref, dispose: () => undefined };
    }
    const absolute = path.resolve(folder);
    const top = spawnSync('git', ['-C', absolute, 'rev-parse', '--show-toplevel'], { encoding: 'utf8' });
    if (top.status !== 0) {
        throw new UsageError(`cannot read --since '${ref}': it is not a folder, and '${folder}' is not in a git repository`);
    }
    const root = top.stdout.trim();
    const commit = spawnSync('git', ['-C', root, 'rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], {
        encoding: 'utf8'
    });
    const id = commit.stdout.trim();
    if (ref.startsWith('-') || commit.status !== 0 || !/^[0-9a-f]{40,64}$/.test(id)) {
        throw new UsageError(
            `cannot read --since '${ref}': it is neither a folder nor a commit, branch or tag of the repository at '${root}'`
        );
    }
    const relative = path.relative(root, absolute) || '.';
    const archive = spawnSync('git', ['-C', root, 'archive', '--format=tar', id, '--', relative], { maxBuffer: 1024 * 1024 * 1024 });
    if (archive.status !== 0) {
        throw new UsageError(`cannot read --since '${ref}': ${String(archive.stderr).trim().split('\n')[0] ?? 'git archive failed'}`);
    }
    const target = mkdtempSync(path.join(tmpdir(), 'gdl-since-'));
    const dispose = () => rmSync(target, { recursive: true, force: true });
    const extract = spawnSync('tar', ['-x', '-C', target], { input: archive.stdout, maxBuffer: 1024 * 1024 * 1024 });
    if (extract.status !== 0) {
        dispose();
        throw new UsageError(`cannot read --since '${ref}': extracting it failed: ${String(extract.stderr).trim()}`);
    }
    return { folder: path.join(target, relative), dispose };
}
