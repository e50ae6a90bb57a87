import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { UsageError } from './errors.js';

/**
 * The folder holding the workspace as it was at `ref`: `ref` itself when it is a folder, otherwise a
 * git revision whose copy of `folder` is extracted (git archive) into a temporary folder.
 */
export function earlierWorkspace(folder: string, ref: string): string {
    if (existsSync(ref) && statSync(ref).isDirectory()) {
        return ref;
    }
    const absolute = path.resolve(folder);
    const top = spawnSync('git', ['-C', absolute, 'rev-parse', '--show-toplevel'], { encoding: 'utf8' });
    if (top.status !== 0) {
        throw new UsageError(`cannot read --since '${ref}': it is not a folder, and '${folder}' is not in a git repository`);
    }
    const root = top.stdout.trim();
    const relative = path.relative(root, absolute) || '.';
    const archive = spawnSync('git', ['-C', root, 'archive', '--format=tar', ref, '--', relative], { maxBuffer: 1024 * 1024 * 1024 });
    if (archive.status !== 0) {
        throw new UsageError(`cannot read --since '${ref}': ${String(archive.stderr).trim().split('\n')[0] ?? 'git archive failed'}`);
    }
    const target = mkdtempSync(path.join(tmpdir(), 'gdl-since-'));
    const extract = spawnSync('tar', ['-x', '-C', target], { input: archive.stdout, maxBuffer: 1024 * 1024 * 1024 });
    if (extract.status !== 0) {
        throw new UsageError(`cannot read --since '${ref}': extracting it failed: ${String(extract.stderr).trim()}`);
    }
    return path.join(target, relative);
}
