import { describe, expect, test } from 'vitest';
import * as ast from '../../language/src/generated/ast.js';
import { cleanBase } from '../support/fixtures-base.js';
import { buildWorkspace } from '../support/workspace.js';

const elementsOf = async (files: Record<string, string>) => {
    const workspace = await buildWorkspace(files);
    const all = [...workspace.documents.values()].flatMap(d => (d.parseResult.value as ast.GdlFile).elements);
    return { workspace, all };
};

describe('every construct parses into the model a writer means', async () => {
    const { workspace, all } = await elementsOf(cleanBase);

    test('no syntax or linking problems in the workspace', () => {
        for (const document of workspace.documents.values()) {
            expect(document.parseResult.lexerErrors).toEqual([]);
            expect(document.parseResult.parserErrors).toEqual([]);
            expect(document.references.filter(r => r.error)).toEqual([]);
        }
    });

    test('framework, recommendation, deadline, evidence and required kinds', () => {
        const framework = all.find(ast.isFramework)!;
        expect(framework.published).toBe('2024-09-27');
        const recommendation = framework.recommendations[0]!;
        expect(String(recommendation.name)).toBe('12');
        expect(recommendation.recipients).toEqual(['chief-constables']);
        expect(recommendation.deadlines.map(d => d.date)).toEqual(['2025-03-27']);
        expect(recommendation.evidence.map(e => e.name)).toEqual(['12.1', '12.2', '12.3']);
        expect(recommendation.evidence[2]!.requires).toEqual(['guidance', 'training']);
    });

    test('audience, legislation and provision', () => {
        expect(all.find(ast.isAudience)!.title).toBe('Responders');
        const act = all.find(ast.isLegislation)!;
        expect(act.provisions[0]!.name).toBe('s2A');
        expect(act.provisions[0]!.summary).toBe('Summary only.');
    });

    test('guidance with nested sections, references across files and dedented prose', () => {
        const guidance = all.find(ast.isGuidance)!;
        expect(guidance.status).toBe('approved');
        expect(guidance.reviewBy).toBe('2027-01-10');
        const [one, two] = guidance.sections;
        expect(one!.addresses.map(r => r.ref?.text)).toEqual(['First requirement.', 'Third requirement.']);
        expect(one!.cites[0]!.ref?.title).toBe('Offence of stalking');
        expect(one!.see[0]!.ref).toBe(two);
        expect(one!.prose).toEqual(['Text.']);
        expect(two!.sections[0]!.name).toBe('s-two-a');
    });

    test('curriculum, training module with outcomes, content, activity and knowledge check, and course', () => {
        const module = all.find(ast.isTrainingModule)!;
        expect(module.duration).toMatchObject({ value: 2, unit: 'hours' });
        expect(module.delivery).toBe('classroom');
        expect(module.outcomes[0]!.maps[0]!.ref?.text).toBe('Recognise stalking.');
        expect(module.steps.find(ast.isActivity)!.supports[0]!.ref).toBe(module.outcomes[0]);
        const check = module.checks[0]!;
        expect(check.options.map(o => [o.text, o.correct])).toEqual([
            ['a', false],
            ['b', true]
        ]);
        expect(check.rationale).toBe('because');
        const course = all.find(ast.isCoursePack)!;
        expect(course.modules[0]!.ref).toBe(module);
        expect(course.editions).toEqual(['trainer', 'learner']);
    });

    test('action plan item with status, progress, date and evidence links', () => {
        const plan = all.find(ast.isActionPlan)!;
        const item = plan.items[0]!;
        expect(plan.framework?.ref?.name).toBe('F');
        expect(item.recommendation.ref?.text).toContain('take steps');
        expect([item.status, item.progress, item.updated]).toEqual(['complete', 100, '2025-03-01']);
        expect(item.links.map(l => l.ref?.$type)).toEqual(['Guidance', 'TrainingModule']);
    });
});

describe('lexical details', () => {
    test('prose keeps Markdown structure but loses the indentation of the code around it; CRLF is read as LF', async () => {
        const text =
            'guidance G "g" {\r\n    section s "s" {\r\n        """\r\n        # Heading\r\n\r\n        - item\r\n          continued\r\n        """\r\n    }\r\n}\r\n';
        const { all } = await elementsOf({ 'g.gdl': text });
        expect(all.find(ast.isGuidance)!.sections[0]!.prose[0]).toBe('# Heading\n\n- item\n  continued');
    });

    test('strings take escapes; comments are ignored', async () => {
        const { all } = await elementsOf({ 'a.gdl': '// line comment\n/* block\ncomment */ audience a "Say \\"stalking\\""' });
        expect(all.find(ast.isAudience)!.title).toBe('Say "stalking"');
    });

    test('a syntax error is located at its line and column', async () => {
        const workspace = await buildWorkspace({ 'bad.gdl': 'audience a "A"\nguidance G "g" {\n    section "no id" { }\n}\n' });
        const [first] = workspace.diagnostics('bad.gdl');
        expect(first!.code).toBe('GDL0001');
        expect(first!.range.start).toEqual({ line: 2, character: 12 });
    });

    test('a wrong value for one property is one error, and the properties after it are still read', async () => {
        const text =
            'guidance G "g" {\n    section s "s" {\n        approved "Lead"\n        source "Where it comes from"\n        addresses 12.1\n    }\n}\n';
        const workspace = await buildWorkspace({ 'bad.gdl': text });
        const syntax = workspace.diagnostics('bad.gdl').filter(d => d.code === 'GDL0001');
        expect(syntax.map(d => [d.range.start, d.message])).toEqual([
            [{ line: 2, character: 17 }, 'Expected a date (YYYY-MM-DD) but found `"Lead"`.']
        ]);
        const section = (workspace.documents.get('bad.gdl')!.parseResult.value as ast.GdlFile).elements.filter(ast.isGuidance)[0]!
            .sections[0]!;
        expect(section.sources).toEqual(['Where it comes from']);
        expect(section.addresses.map(r => r.$refText)).toEqual(['12.1']);
    });
});
