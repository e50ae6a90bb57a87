import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import { beforeAll, describe, expect, test } from 'vitest';
import { defaultTemplates } from '../../cli/build/load-templates.js';
import { loadWorkspace, type LoadedWorkspace } from '../../cli/workspace-loader.js';
import { previewPage, type PreviewInput } from '../../language/src/publish/preview-page.js';
import { readSiteTemplates } from '../../language/src/publish/site-templates.js';
import { copyExampleWorkspace } from '../support/files.js';

// The editor's preview: one document's page through the build's own page builders and sanitiser.

const RATIONALE = 'Section 2A stalking is summary only.';
let folder: string;
let workspace: LoadedWorkspace;

function input(): PreviewInput {
    const facts = workspace.services.gdl.WorkspaceFacts;
    return {
        documents: workspace.documents,
        coverage: facts.coverageModel(),
        forces: facts.workspaceCoverage().forces,
        templates: readSiteTemplates(defaultTemplates()),
        root: folder
    };
}

const uriOf = (file: string) => workspace.documents.find(d => d.uri.fsPath === path.join(folder, file))!.uri.toString();

beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'gdl-preview-'));
    copyExampleWorkspace(folder);
    // Prose a writer might paste: a sentence to find, a script and an iframe that must never reach the page.
    const risk = path.join(folder, 'example-constabulary/guidance/risk.gdl');
    const text = readFileSync(risk, 'utf8');
    const at = text.indexOf('        - **Safeguarding comes first.**');
    writeFileSync(
        risk,
        text.slice(0, at) +
            '        Previewers read this distinctive sentence.\n\n' +
            '        <script>alert("owned")</script><iframe src="https://example.com/x"></iframe>\n\n' +
            text.slice(at)
    );
    workspace = await loadWorkspace(folder, { asOf: '2026-01-15', force: 'Example Constabulary' });
}, 120_000);

describe('the preview of one document (previewPage)', () => {
    test("a guidance document's page shows a section's prose, with an anchor per section at its source line", async () => {
        const preview = await previewPage(input(), uriOf('example-constabulary/guidance/risk.gdl'));
        expect(preview.kind).toBe('guidance');
        expect(preview.title).toBe('Risk identification, assessment and management');
        expect(preview.html).toContain('Previewers read this distinctive sentence.');
        expect(preview.html).toContain('id="risk-principles"');
        expect(preview.html).toContain('OFFICIAL');
        const principles = preview.sections.find(s => s.id === 'risk-principles')!;
        expect(principles.line).toBe(19);
        expect(preview.sections.map(s => s.id)).toContain('risk-reassess');
    });

    test('a script or an iframe in prose is removed, as the build removes it', async () => {
        const preview = await previewPage(input(), uriOf('example-constabulary/guidance/risk.gdl'));
        // No element survives: at most the characters, shown as text.
        expect(preview.html).not.toMatch(/<script|<iframe/i);
        const elements: string[] = [];
        visit(fromHtml(preview.html, { fragment: true }), 'element', (node: Element) => void elements.push(node.tagName));
        expect(elements).not.toContain('script');
        expect(elements).not.toContain('iframe');
    });

    test("a training module's trainer edition has the answer key; the learner's does not", async () => {
        const uri = uriOf('example-constabulary/training/fr-1-first-responders.gdl');
        const trainer = await previewPage(input(), uri, 'trainer');
        const learner = await previewPage(input(), uri, 'learner');
        expect(trainer.kind).toBe('course');
        expect(trainer.edition).toBe('trainer');
        expect(trainer.title).toMatch(/: trainer edition$/);
        expect(learner.title).toMatch(/: learner edition$/);
        expect(trainer.html).toContain(RATIONALE);
        expect(learner.html).not.toContain(RATIONALE);
        expect(learner.html).toContain('Which statement about the offence of stalking under section 2A');
        expect(trainer.sections).toEqual([{ id: 'FR-1', line: expect.any(Number) }]);
    });

    test('a file that publishes no page (the framework) says so with an empty page', async () => {
        const framework = workspace.documents.find(d => d.uri.fsPath.includes(`${path.sep}framework${path.sep}`))!;
        const preview = await previewPage(input(), framework.uri.toString());
        expect(preview).toEqual({ html: '', title: '', kind: 'none', sections: [] });
    });
});
