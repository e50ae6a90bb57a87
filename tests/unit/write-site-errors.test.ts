import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { expect, test } from 'vitest';
import { StagedSite, describe as describeWriteError } from '../../cli/build/write-site.js';

// A build that cannot write its output says why in a reader's words (those `gdl check --report` and `gdl coverage
// --output` use), not Node's: "ENOSPC: no space left on device, write" was what a full disk gave.
test("a write the file system refuses is said in a reader's words, and the output is left as it was", async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'gdl-write-errors-')), 'site');
    const site = await StagedSite.open(out);
    // Where the build's guidance/ folder goes, a file: every page of it is refused by the file system (EEXIST making the
    // folder, ENOTDIR below it), and the message names the path in the way.
    const guidance = path.join(path.dirname(out), `.site.building-${process.pid}`, 'guidance');
    writeFileSync(guidance, 'not a folder');
    expect(() => site.add('guidance/ec-risk.html', '<p>page</p>')).toThrow(
        `cannot write the output to '${out}': a file stands where a folder is needed ('${guidance}')`
    );
    expect(() => site.add('guidance/parts/one.html', '<p>part</p>')).toThrow(
        `cannot write the output to '${out}': a part of the path that should be a folder is a file ('${path.join(guidance, 'parts')}')`
    );
    await site.abandon();
});

test('an output folder that is a mount point (a Docker volume, a CI mount) is said so, with what to do', () => {
    // Moving it aside to swap the new output in is refused by the system (EBUSY): it is not "a folder: name a file".
    const busy = Object.assign(new Error("EBUSY: resource busy or locked, rename '/mnt/site'"), { code: 'EBUSY', path: '/mnt/site' });
    expect(describeWriteError(busy)).toBe('it is in use or is a mount point, which the build cannot replace: name a folder inside it');
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    expect(describeWriteError(full)).toBe('the disk is full');
});
