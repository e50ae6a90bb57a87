import { DocumentState } from 'langium';
import { describe, expect, test } from 'vitest';
import { waitForLateDocuments } from '../../language/src/lsp/gdl-document-wait.js';
import { buildWorkspace } from '../support/workspace.js';

// Opening a .gdl file while the workspace builds: the editor asks for code actions on a document whose
// build is behind the workspace's. Langium refuses (RequestFailed), and VS Code showed that refusal as
// "Request textDocument/codeAction failed".

const text = 'guidance g "Guidance" {\n    status draft\n    section s "Section" {\n        """\n        Text.\n        """\n    }\n}\n';

describe('a request for a document whose build is behind the workspace', () => {
    test("Langium alone refuses it; with waitForLateDocuments it is answered once the document's build is done", async () => {
        const late = async (patch: boolean) => {
            const workspace = await buildWorkspace({ 'g.gdl': text });
            const shared = workspace.services.shared;
            if (patch) {
                waitForLateDocuments(shared);
            }
            const document = workspace.documents.get('g.gdl')!;
            // As after an open outside a build: parsed again, while the builder has finished its last build.
            document.state = DocumentState.Parsed;
            return shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated, document.uri).then(
                () => `validated: ${document.state === DocumentState.Validated}`,
                (error: Error) => `refused: ${error.message}`
            );
        };
        expect(await late(false)).toMatch(/^refused: Document state of .* is Parsed, requiring Validated/);
        expect(await late(true)).toBe('validated: true');
    });
});
