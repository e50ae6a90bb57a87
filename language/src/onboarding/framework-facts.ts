import { isCalendarDate } from '../dates.js';
import type * as ast from '../generated/ast.js';

/** What an importer needs to know of a framework: its recommendations' numbers, texts, recipients, deadlines and evidence requirements. */
export interface FrameworkFacts {
    id: string;
    recommendations: Array<{
        number: string;
        text: string;
        recipients: string[];
        deadline?: string;
        evidence: Array<{ id: string; text?: string }>;
    }>;
}

/** The framework's recommendations and evidence requirements, from its parsed declaration. */
export function frameworkFacts(framework: ast.Framework): FrameworkFacts {
    return {
        id: framework.name,
        recommendations: framework.recommendations.map(r => {
            const deadline = r.deadlines
                .map(d => d.date)
                .filter(isCalendarDate)
                .sort()
                .at(0);
            return {
                number: String(r.name),
                text: r.text ?? '',
                recipients: [...r.recipients],
                ...(deadline ? { deadline } : {}),
                evidence: r.evidence.map(e => ({ id: e.name, ...(e.text !== undefined ? { text: e.text } : {}) }))
            };
        })
    };
}
