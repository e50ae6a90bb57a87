import type { RequirementCoverage } from './coverage-model.js';

/** One line on a requirement's coverage: "covered by 3 — guidance §a, module M outcome O, plan item 12". */
export function coverageLine(coverage: RequirementCoverage): string {
    const counted = coverage.items.filter(i => i.counts);
    const pending = coverage.items.filter(i => !i.counts);
    const pendingText = pending.length > 0 ? ` (not counted: ${pending.map(i => `${i.label}, ${i.reason}`).join('; ')})` : '';
    switch (coverage.state) {
        case 'covered':
            return `covered by ${counted.length} — ${counted.map(i => i.label).join(', ')}${pendingText}`;
        case 'wrong-kind':
            return `covered by the wrong kind: needs ${coverage.required.join(' and ')}; has ${counted.map(i => i.label).join(', ')}${pendingText}`;
        case 'waived':
            return `${coverage.waiver!.kind === 'not-applicable' ? 'not applicable' : `waived${coverage.waiver!.expires ? ` until ${coverage.waiver!.expires}` : ''}`}: ${coverage.waiver!.reason ?? 'no reason given'}${pendingText}`;
        default:
            return `not covered${coverage.waiver?.notCounted ? ` (its waiver does not count: ${coverage.waiver.notCounted})` : ''}${pendingText}`;
    }
}
