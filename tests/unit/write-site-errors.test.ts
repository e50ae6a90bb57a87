import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { expect, test } from 'vitest';
import { StagedSite } from '../../cli/build/write-site.js';

// A build that cannot write its output says why in a reader's words (those `gdl check --report` and `gdl coverage
// --output` use), not Node's: "ENOSPC: no space left on device, write" was what a full disk gave.
test("a write the file system refuses is said in a reader's words, and the output is left as it was", async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'gdl-write-errors-')), 'site');
    const site = await StagedSite.open(out);
    // Where the build's guidance/ folder goes, a file: every page of it is refused by the file system (ENOTDIR).
    writeFileSync(path.join(path.dirname(out), `.site.building-${process.pid}`, 'guidance'), 'not a folder');
    expect(() => site.add('guidance/ec-risk.html', '<p>page</p>')).toThrow(
        `cannot write the output to '${out}': a file of that name is already there`
    );
    expect(() => site.add('guidance/parts/one.html', '<p>part</p>')).toThrow(
        `cannot write the output to '${out}': a part of the path that should be a folder is a file`
    );
    await site.abandon();
});
