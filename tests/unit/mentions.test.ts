import { describe, expect, test } from 'vitest';
import type { FrameworkFacts } from '../../language/src/onboarding/framework-facts.js';
import { findMentions } from '../../language/src/onboarding/mentions.js';

// Which requirements and recommendations a paragraph of prose names. A small framework: recommendations
// 7, 10, 12 and 13 with evidence requirements; recommendation 2 has none (and so no requirement "2.1").

const rec = (number: string, ...ids: string[]) => ({
    number,
    text: `Recommendation ${number}.`,
    recipients: ['chief-constables'],
    evidence: ids.map(id => ({ id }))
});
const framework: FrameworkFacts = {
    id: 'SC2024',
    recommendations: [rec('2'), rec('7', '7.1', '7.2'), rec('10', '10.1', '10.2'), rec('12', '12.1', '12.3'), rec('13', '13.1')]
};

const phrases = (text: string) => findMentions(text, framework).map(m => m.phrase);

describe('mentions of requirements and recommendations in prose', () => {
    test('"recommendation 13 and 12.3" names recommendation 13 and requirement 12.3, not recommendation 12', () => {
        const found = findMentions('This meets recommendation 13 and 12.3.', framework);
        expect(found.map(m => m.phrase)).toEqual(['recommendation 13', '12.3']);
        expect(found[0]!.requirements).toEqual(['13.1']);
        expect(found[1]!.requirements).toEqual(['12.3']);
    });

    test('"recommendation 12.3" is the requirement 12.3 only', () => {
        expect(phrases('See recommendation 12.3 for the screening tool.')).toEqual(['12.3']);
    });

    test('a list of recommendations names each of them, with all their requirements', () => {
        const found = findMentions('We answer recommendations 10, 12 and 13 together.', framework);
        expect(found.map(m => m.recommendation)).toEqual(['10', '12', '13']);
        expect(found.map(m => m.requirements)).toEqual([['10.1', '10.2'], ['12.1', '12.3'], ['13.1']]);
    });

    test('"Recommendation 7" at the start of a sentence and at the end of one', () => {
        expect(phrases('Recommendation 7 is met.')).toEqual(['recommendation 7']);
        expect(phrases('This is our answer to Recommendation 7.')).toEqual(['recommendation 7']);
    });

    test('dates, versions and numbers that are not requirement ids name nothing', () => {
        expect(phrases('Reviewed on 27.03.2025 and again on 12.1.2026.')).toEqual([]);
        expect(phrases('Version 2.1 of the policy; version 12.1 of the form; v12.1 of the app.')).toEqual([]);
        expect(phrases('Recorded crime rose by 12.1% (2.1 times the national rate).')).toEqual([]);
    });

    test('a recommendation with no requirements, or one the framework does not have, is not a mention', () => {
        expect(phrases('Recommendation 2 and recommendation 99 are for others.')).toEqual([]);
    });
});
