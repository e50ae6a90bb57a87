import { DocumentState } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { GdlSettings } from '../gdl-settings.js';
import { isSatisfied } from './coverage-words.js';
import { forceName } from './forces.js';
import type { WorkspaceFacts } from './workspace-facts.js';
import type { CoverageModel } from './coverage-model.js';

/** A requirement an edit left without cover: where its last cover was, in the file the writer edited. */
export interface CoverageLoss {
    readonly id: string;
    readonly text: string;
    /** The force that lost it, as a reader names it, or '' in a workspace of one undeclared force. */
    readonly force: string;
    /** The cover it lost: "guidance §risk-breaches". */
    readonly label: string;
    /** The id of the section, outcome or module that covered it (where the warning goes while it exists). */
    readonly itemId: string;
}

/** A counting cover of a satisfied requirement, as the previous build left it. */
interface Cover {
    readonly uri: string;
    readonly id: string;
    readonly label: string;
}

/**
 * Remembers, build after build, which requirements each force had covered and by what; when an
 * update of some files leaves a requirement uncovered (or covered only by the wrong kind) that was
 * covered by something in one of those files, the loss is kept for that file (GDL0210) until the
 * requirement is covered again. Compared once per build, after linking, from the coverage the build
 * computes anyway: a file's check only looks its losses up. Only the forces whose model the build
 * computed again are compared: a model kept from the last build (coverage-model.ts keeps a force's
 * model while its files contribute the same) has the states and covers the last comparison saw.
 */
export class CoverageLosses {
    /** Per force id: the model last compared (the covers of its satisfied requirements are read from it when the next build needs them). */
    private compared = new Map<string, CoverageModel>();
    private readonly changed = new Set<string>();
    /** Per force id, then requirement id: the loss, the file it is reported in, and when it was first reported (its order in the file). */
    private readonly losses = new Map<string, Map<string, { uri: string; loss: CoverageLoss; order: number }>>();
    private next = 0;

    constructor(
        shared: LangiumSharedServices,
        private readonly facts: WorkspaceFacts,
        private readonly settings: GdlSettings
    ) {
        const builder = shared.workspace.DocumentBuilder;
        builder.onUpdate((changed, deleted) => {
            changed.forEach(uri => this.changed.add(uri.toString()));
            for (const uri of deleted.map(u => u.toString())) {
                for (const byId of this.losses.values()) {
                    [...byId].filter(([, l]) => l.uri === uri).forEach(([id]) => byId.delete(id));
                }
            }
        });
        builder.onBuildPhase(DocumentState.IndexedReferences, () => this.compare());
    }

    /** The losses reported in a file. */
    of(uri: string): CoverageLoss[] {
        return [...this.losses.values()]
            .flatMap(byId => [...byId.values()].filter(l => l.uri === uri))
            .sort((a, b) => a.order - b.order)
            .map(l => l.loss);
    }

    private compare(): void {
        if (this.settings.coverageSeverity === 'off' || !this.settings.coverageLosses) {
            this.compared.clear();
            this.losses.clear();
            this.changed.clear();
            return;
        }
        const coverage = this.facts.workspaceCoverage();
        const compared = new Map<string, CoverageModel>();
        for (const model of coverage.models) {
            const before = this.compared.get(model.force.id);
            if (before !== model) {
                this.compareForce(model, before && coversOf(before), coverage.forces.declared);
            }
            compared.set(model.force.id, model);
        }
        // A force that is gone takes its losses with it: an edit that gave a file another force, undone, must not leave
        // the first force's loss behind.
        [...this.losses.keys()].filter(force => !compared.has(force)).forEach(force => this.losses.delete(force));
        this.compared = compared;
        this.changed.clear();
    }

    /** One force's requirements against the covers the last comparison saw. */
    private compareForce(model: CoverageModel, before: ReadonlyMap<string, Cover[]> | undefined, named: boolean): void {
        const losses = new Map(this.losses.get(model.force.id));
        const seen = new Set<string>();
        for (const requirement of model.requirements) {
            const id = requirement.id;
            seen.add(id);
            if (requirement.state !== 'uncovered' && requirement.state !== 'wrong-kind') {
                // Covered again, or now in some other state (waived, for other forces): nothing an edit took away.
                losses.delete(id);
            }
            if (isSatisfied(requirement.state) || requirement.state === 'for-others') {
                continue;
            }
            const lost = before?.get(id)?.find(c => this.changed.has(c.uri));
            if (lost && (requirement.state === 'uncovered' || requirement.state === 'wrong-kind')) {
                const text = requirement.evidence.text ?? requirement.evidence.untexted ?? '';
                const force = named ? forceName(model.force) : '';
                const order = losses.get(id)?.order ?? this.next++;
                losses.set(id, { uri: lost.uri, loss: { id, text, force, label: lost.label, itemId: lost.id }, order });
            }
        }
        // A requirement that is gone takes its loss with it.
        [...losses.keys()].filter(id => !seen.has(id)).forEach(id => losses.delete(id));
        if (losses.size > 0) {
            this.losses.set(model.force.id, losses);
        } else {
            this.losses.delete(model.force.id);
        }
    }
}

// The covers of a model's satisfied requirements, by requirement id: worked out from a compared model only when a later
// build computes that force's model again (a command's single build never does), once per model (models do not change).
const coversByModel = new WeakMap<CoverageModel, ReadonlyMap<string, Cover[]>>();

function coversOf(model: CoverageModel): ReadonlyMap<string, Cover[]> {
    let covers = coversByModel.get(model);
    if (!covers) {
        const found = new Map<string, Cover[]>();
        for (const requirement of model.requirements) {
            if (isSatisfied(requirement.state) || requirement.state === 'for-others') {
                found.set(
                    requirement.id,
                    requirement.items.filter(i => i.counts).map(i => ({ uri: i.uri, id: i.id, label: i.label }))
                );
            }
        }
        covers = found;
        coversByModel.set(model, covers);
    }
    return covers;
}
