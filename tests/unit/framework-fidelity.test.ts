import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import * as ast from '../../language/src/generated/ast.js';
import { buildWorkspace } from '../support/workspace.js';
import { referenceRecommendations } from '../support/reference.js';

const repo = path.resolve(import.meta.dirname, '../..');
const reference = referenceRecommendations();

describe('the bundled framework quotes the report exactly', async () => {
    const workspace = await buildWorkspace({
        'framework.gdl': readFileSync(path.join(repo, 'guidance/framework/super-complaint-2024.gdl'), 'utf8')
    });
    const root = workspace.documents.get('framework.gdl')!.parseResult.value as ast.GdlFile;
    const framework = root.elements.find(ast.isFramework)!;

    test('it holds every recommendation of the reference data, in order, and says which of the 29 it omits', () => {
        expect(framework.recommendations.map(r => String(r.name))).toEqual(reference.map(r => r.id));
        expect(framework.total).toBe(29);
        const omitted = framework.omissions.flatMap(o => o.numbers).map(String);
        expect([...omitted, ...reference.map(r => r.id)].map(Number).sort((a, b) => a - b)).toEqual(
            Array.from({ length: 29 }, (_, i) => i + 1)
        );
        expect(framework.omissions[0]!.reason.length).toBeGreaterThan(50);
    });

    test('recommendation text, recipients, deadlines and sources are the reference text verbatim', () => {
        for (const expected of reference) {
            const actual = framework.recommendations.find(r => String(r.name) === expected.id)!;
            expect(actual.text, `recommendation ${expected.id}`).toBe(expected.text);
            // The reference names its source by our research file and address; the framework cites the address.
            const address = /https?:\/\/[^\s)]+/.exec(expected.source)?.[0];
            expect(address, `recommendation ${expected.id}`).toBeDefined();
            expect(actual.sources.join('\n'), `recommendation ${expected.id}`).toContain(address!.replace(/\/$/, ''));
            expect(actual.sources.join('\n'), 'no internal file names in published sources').not.toMatch(/seed|\.txt\b|\.json\b/i);
            expect(expected.recipient.startsWith(actual.recipientText!), `recommendation ${expected.id}`).toBe(true);
            expect(actual.deadlines[0]!.date, `recommendation ${expected.id}`).toBe(expected.deadline.slice(0, 10));
            if (expected.notes) {
                // The anomaly the reference records is explained on the recommendation, in words a reader knows.
                expect(actual.notes.length, `recommendation ${expected.id}`).toBeGreaterThan(0);
                expect(actual.notes.join('\n'), `recommendation ${expected.id}`).not.toMatch(/\bseeds?\b|\.txt\b|\.json\b/i);
            }
        }
    });

    test('all 39 evidence requirements are there with their exact text, and the 4 without text say so', () => {
        const evidence = framework.recommendations.flatMap(r => r.evidence);
        const expected = reference.flatMap(r => r.evidence);
        expect(evidence.map(e => e.name)).toEqual(expected.map(e => e.id));
        expect(evidence).toHaveLength(39);
        for (const e of expected) {
            const actual = evidence.find(a => a.name === e.id)!;
            if (e.text === null) {
                expect(actual.text, e.id).toBeUndefined();
                expect(actual.untexted, e.id).toMatch(/no text/);
            } else {
                expect(actual.text, e.id).toBe(e.text);
            }
        }
        expect(evidence.filter(e => e.text === undefined).map(e => e.name)).toEqual(['16.1', '22.1', '27.1', '28.1']);
    });

    test('the source anomalies are kept verbatim: recommendation 28 says 2025, its deadline is 2024', () => {
        const r28 = framework.recommendations.find(r => String(r.name) === '28')!;
        expect(r28.text).toContain('By 22 November 2025 (56 days from publication)');
        expect(r28.deadlines.map(d => d.date)).toEqual(['2024-11-22', '2025-03-27']);
        expect(r28.notes.join(' ')).toContain('22 November 2024');
        expect(framework.recommendations.find(r => String(r.name) === '17')!.text!.startsWith('27 March 2025, make sure')).toBe(true);
    });

    test('the framework file has no errors', () => {
        expect(workspace.diagnostics('framework.gdl').filter(d => d.severity === 1)).toEqual([]);
    });
});
