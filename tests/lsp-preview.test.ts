import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PreviewRequest } from '../language/src/lsp/gdl-protocol.js';
import { copyExampleWorkspace } from './support/files.js';
import { LspSession } from './support/lsp-client.js';

// gdl/preview from the built language server, as the editor's preview asks for it: the unsaved text.

const RISK = 'example-constabulary/guidance/risk.gdl';

describe('the preview request (a real server process)', () => {
    let session: LspSession;

    beforeAll(async () => {
        const root = mkdtempSync(path.join(tmpdir(), 'gdl-preview-lsp-'));
        copyExampleWorkspace(root);
        session = new LspSession(root, { asOf: '2026-01-15' });
        await session.initialize();
    });

    afterAll(async () => {
        await session?.close();
    });

    test('answers with the page of the text as typed, not as saved', async () => {
        const saved = readFileSync(path.join(session.root, RISK), 'utf8');
        await session.open(RISK, saved);
        const before = await session.connection.sendRequest(PreviewRequest, { uri: session.uri(RISK) });
        expect(before.kind).toBe('guidance');
        expect(before.title).toBe('Risk identification, assessment and management');
        expect(before.html).toContain('id="risk-principles"');
        const typed = saved.replace('- **Safeguarding comes first.**', '- **Safeguarding comes first.** Typed, not yet saved.');
        await session.change(RISK, 2, typed);
        // The editor asks again after each build (the coverage notification): the page follows once the edit is built.
        let after = await session.connection.sendRequest(PreviewRequest, { uri: session.uri(RISK) });
        for (let tries = 0; tries < 100 && !after.html.includes('Typed, not yet saved.'); tries++) {
            await new Promise(resolve => setTimeout(resolve, 100));
            after = await session.connection.sendRequest(PreviewRequest, { uri: session.uri(RISK) });
        }
        expect(after.html).toContain('Typed, not yet saved.');
        expect(after.message).toBeUndefined();
    });
});
