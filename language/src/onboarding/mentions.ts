import type { FrameworkFacts } from './framework-facts.js';

// Phrases in prose that name an evidence requirement ("12.3") or a recommendation ("recommendation
// 12"): the import report and the editor's quick fix suggest `addresses` for them; neither adds it
// on its own, because naming a requirement is not the same as answering it.

export interface Mention {
    /** As written: "12.3", "recommendation 12". */
    phrase: string;
    /** Offset of the phrase in the text. */
    offset: number;
    /** The requirement ids it points at: the one named, or every requirement of the recommendation. */
    requirements: string[];
    /** The recommendation's number when the phrase names a recommendation. */
    recommendation?: string;
}

// A requirement id is not part of a longer number (a date "27.03.2025", "12.3.1"), a percentage, nor a
// version ("version 12.1", "v12.1").
const REQUIREMENT = /(?<![\d.\w])(?<!\bversions?\s+)(\d{1,3}\.\d{1,3})(?![\d.]\d|\d|\s*%)/gi;
// Each number of "recommendations 10, 12 and 13"; a number followed by ".digit" ("12.3") is a requirement, not a recommendation.
const RECOMMENDATION = /\brecommendations?\s+(\d{1,3}(?![.]?\d)(?:\s*(?:,|and|&|or)\s*\d{1,3}(?![.]?\d))*)/gi;

/** The requirements and recommendations of `framework` named in `text`, in order, each phrase once. */
export function findMentions(text: string, framework: FrameworkFacts | undefined): Mention[] {
    if (!framework) {
        return [];
    }
    const requirementIds = new Set(framework.recommendations.flatMap(r => r.evidence.map(e => e.id)));
    const byNumber = new Map(framework.recommendations.map(r => [r.number, r]));
    const found: Mention[] = [];
    for (const match of text.matchAll(REQUIREMENT)) {
        if (requirementIds.has(match[1]!)) {
            found.push({ phrase: match[1]!, offset: match.index, requirements: [match[1]!] });
        }
    }
    for (const match of text.matchAll(RECOMMENDATION)) {
        for (const number of match[1]!.split(/\D+/).filter(Boolean)) {
            const recommendation = byNumber.get(number);
            if (recommendation && recommendation.evidence.length > 0) {
                found.push({
                    phrase: `recommendation ${number}`,
                    offset: match.index,
                    requirements: recommendation.evidence.map(e => e.id),
                    recommendation: number
                });
            }
        }
    }
    const seen = new Set<string>();
    return found.sort((a, b) => a.offset - b.offset).filter(m => !seen.has(m.phrase) && seen.add(m.phrase));
}

/** The requirement's text for a suggestion, quoted. */
export function requirementText(framework: FrameworkFacts, id: string): string | undefined {
    for (const recommendation of framework.recommendations) {
        const evidence = recommendation.evidence.find(e => e.id === id);
        if (evidence) {
            return evidence.text;
        }
    }
    return undefined;
}
