import type * as ast from '../generated/ast.js';

/** What an importer needs to know of a framework: its recommendations' numbers, texts, recipients, deadlines and evidence requirements. */
export interface FrameworkFacts {
    id: string;
    recommendations: Array<{ number: string; text: string; recipients: string[]; deadline?: string; evidence: Array<{ id: string; text?: string }> }>;
}

/** The facts of a parsed framework. */
export function frameworkFacts(framework: ast.Framework): FrameworkFacts {
    return {
        id: framework.name,
        recommendations: framework.recommendations.map(r => ({
            number: String(r.name),
            text: r.text ?? '',
            recipients: [...r.recipients],
            deadline: r.deadlines.map(d => d.date).sort()[0],
            evidence: r.evidence.map(e => ({ id: e.name, text: e.text }))
        }))
    };
}
