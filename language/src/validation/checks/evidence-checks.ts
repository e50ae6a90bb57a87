import { AstUtils, type AstNode, type ValidationAcceptor } from 'langium';
import { report } from '../report.js';
import type { WorkspaceFiles } from '../workspace-file.js';
import type { WorkspaceFacts } from '../../coverage/workspace-facts.js';
import { forceName } from '../../coverage/forces.js';
import type { GdlSettings } from '../../gdl-settings.js';
import * as ast from '../../generated/ast.js';

/** Where a covering item is, as a reader names it: "Section 'risk-dmm'", "Plan item 12". */
function itemName(node: ast.Section | ast.LearningOutcome | ast.PlanItem): string {
    return ast.isSection(node)
        ? `Section '${node.name}'`
        : ast.isLearningOutcome(node)
          ? `Outcome '${node.name}' of module '${node.$container.name}'`
          : `Plan item ${node.recommendation?.$refText ?? '?'}`;
}

/** Checks on evidence on file (exhibits) and on forces: where exhibits are, whose they are, suspect cover. */
export class EvidenceChecks {
    constructor(
        private readonly settings: GdlSettings,
        private readonly facts: WorkspaceFacts,
        private readonly workspaceFiles: WorkspaceFiles
    ) {}

    exhibitShouldBeOnFile = (node: ast.Exhibit, accept: ValidationAcceptor): void => {
        const missing = [!node.kind && 'kind', !node.dated && 'date (`dated`)', !node.owner && 'owner'].filter((m): m is string => !!m);
        if (missing.length > 0) {
            report(accept, 'exhibit-incomplete', { id: node.name, missing: missing.join(', ') }, { node, property: 'name' });
        }
        if (!node.file && !node.address) {
            report(accept, 'exhibit-without-location', { id: node.name }, { node, property: 'name' });
        }
        if ((node.verifiedBy === undefined) !== (node.verified === undefined)) {
            const given = node.verifiedBy !== undefined ? 'who verified it' : 'when it was verified';
            const missingPart = node.verifiedBy !== undefined ? 'when (`verified DATE`)' : 'who (`verified-by`)';
            report(
                accept,
                'exhibit-verification-incomplete',
                { id: node.name, given, missing: missingPart },
                { node, property: node.verifiedBy !== undefined ? 'verifiedBy' : 'verified' }
            );
        }
        const asOf = this.settings.effectiveAsOf();
        for (const property of ['dated', 'verified'] as const) {
            const date = node[property];
            if (date && date > asOf) {
                const what = property === 'verified' ? `The verification of exhibit '${node.name}'` : `Exhibit '${node.name}'`;
                report(accept, 'date-in-future', { what, date, asOf }, { node, property });
            }
        }
        if (node.file !== undefined) {
            this.fileShouldExist(node, node.file, accept);
        }
    };

    private fileShouldExist(node: ast.Exhibit, file: string, accept: ValidationAcceptor): void {
        const found = this.workspaceFiles.problem(node, file);
        if (found?.outside) {
            report(accept, 'exhibit-outside-workspace', { id: node.name, file }, { node, property: 'file' });
        } else if (found) {
            report(accept, 'exhibit-file-missing', { id: node.name, file, problem: found.problem }, { node, property: 'file' });
        }
    }

    /** A force answers through its plan. */
    forceShouldHavePlan = (node: ast.Force, accept: ValidationAcceptor): void => {
        const coverage = this.facts.workspaceCoverage();
        const folder = AstUtils.getDocument(node)
            .uri.toString()
            .replace(/[^/]*$/, '');
        const other = coverage.forces.forces.find(f => f.folder === folder && f.node !== node);
        if (other) {
            report(accept, 'force-folder-taken', { id: node.name, other: other.id }, { node, property: 'name' });
        }
        const force = coverage.forces.forces.find(f => f.node === node);
        if (force && coverage.model(force.id).plans.length === 0) {
            report(accept, 'force-without-plan', { id: node.name }, { node, property: 'name' });
        }
    };

    /** Material that addresses requirements belongs to a force, and its cover is not suspect. */
    coverShouldBelongAndBeCurrent = (node: ast.Section | ast.LearningOutcome | ast.PlanItem, accept: ValidationAcceptor): void => {
        if (node.addresses.length === 0) {
            return;
        }
        const coverage = this.facts.workspaceCoverage();
        const uri = AstUtils.getDocument(node).uri.toString();
        const force = coverage.forces.of(uri);
        if (!force) {
            const evidence = node.addresses.map(r => r.$refText).join(', ');
            report(accept, 'outside-every-force', { what: itemName(node), evidence }, { node, property: 'addresses' });
            return;
        }
        const model = coverage.model(force.id);
        node.addresses.forEach((ref, index) => {
            const item = ref.ref ? model.of(ref.ref)?.items.find(i => i.node === node) : undefined;
            if (item?.suspect) {
                report(
                    accept,
                    'cover-suspect',
                    {
                        what: itemName(node),
                        evidence: ref.$refText,
                        when: `${ast.isPlanItem(node) ? 'completed' : 'approved'} on ${item.since ?? 'an unknown date'}`,
                        revised: ref.ref!.revised ?? ''
                    },
                    { node, property: 'addresses', index, data: { evidence: ref.$refText } }
                );
            }
        });
    };

    /** What a force's material cites (exhibits, plan evidence) is its own. */
    citationsShouldStayInForce = (node: ast.Section | ast.TrainingModule | ast.PlanItem, accept: ValidationAcceptor): void => {
        const forces = this.facts.workspaceCoverage().forces;
        if (!forces.declared) {
            return;
        }
        const own = forces.of(AstUtils.getDocument(node).uri.toString());
        const check = (target: AstNode | undefined, name: string, property: 'exhibits' | 'links', index: number) => {
            if (!target) {
                return;
            }
            const theirs = forces.of(AstUtils.getDocument(target).uri.toString());
            if (own && theirs !== own) {
                const whose = theirs ? `${forceName(theirs)}'s, not ${forceName(own)}'s` : "in no force's folder";
                const args = { id: name, whose, own: forceName(own) };
                report(accept, 'exhibit-other-force', args, { node, property: property as 'exhibits', index });
            }
        };
        node.exhibits.forEach((ref, index) => check(ref.ref, ref.$refText, 'exhibits', index));
        if (ast.isPlanItem(node)) {
            node.links.forEach((ref, index) => check(ref.ref, ref.$refText, 'links', index));
        }
    };
}
