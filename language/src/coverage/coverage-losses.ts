import { DocumentState } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { GdlSettings } from '../gdl-settings.js';
import { isSatisfied } from './coverage-words.js';
import { forceName } from './forces.js';
import type { WorkspaceFacts } from './workspace-facts.js';

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
 * computes anyway: a file's check only looks its losses up.
 */
export class CoverageLosses {
    private covers: Map<string, Cover[]> | undefined;
    private readonly changed = new Set<string>();
    private readonly losses = new Map<string, { uri: string; loss: CoverageLoss }>();

    constructor(
        shared: LangiumSharedServices,
        private readonly facts: WorkspaceFacts,
        private readonly settings: GdlSettings
    ) {
        const builder = shared.workspace.DocumentBuilder;
        builder.onUpdate((changed, deleted) => {
            changed.forEach(uri => this.changed.add(uri.toString()));
            for (const uri of deleted.map(u => u.toString())) {
                [...this.losses].filter(([, l]) => l.uri === uri).forEach(([key]) => this.losses.delete(key));
            }
        });
        builder.onBuildPhase(DocumentState.IndexedReferences, () => this.compare());
    }

    /** The losses reported in a file. */
    of(uri: string): CoverageLoss[] {
        return [...this.losses.values()].filter(l => l.uri === uri).map(l => l.loss);
    }

    private compare(): void {
        if (this.settings.coverageSeverity === 'off') {
            this.covers = undefined;
            this.losses.clear();
            this.changed.clear();
            return;
        }
        const coverage = this.facts.workspaceCoverage();
        const covers = new Map<string, Cover[]>();
        const seen = new Set<string>();
        for (const model of coverage.models) {
            for (const requirement of model.requirements) {
                const key = `${model.force.id}|${requirement.id}`;
                seen.add(key);
                if (requirement.state !== 'uncovered' && requirement.state !== 'wrong-kind') {
                    // Covered again, or now in some other state (waived, for other forces): nothing an edit took away.
                    this.losses.delete(key);
                }
                if (isSatisfied(requirement.state) || requirement.state === 'for-others') {
                    covers.set(
                        key,
                        requirement.items.filter(i => i.counts).map(i => ({ uri: i.uri, id: i.id, label: i.label }))
                    );
                    this.losses.delete(key);
                    continue;
                }
                const lost = this.covers?.get(key)?.find(c => this.changed.has(c.uri));
                if (lost && (requirement.state === 'uncovered' || requirement.state === 'wrong-kind')) {
                    const text = requirement.evidence.text ?? requirement.evidence.untexted ?? '';
                    const force = coverage.forces.declared ? forceName(model.force) : '';
                    this.losses.set(key, { uri: lost.uri, loss: { id: requirement.id, text, force, label: lost.label, itemId: lost.id } });
                }
            }
        }
        // A force (or a requirement) that is gone takes its losses with it: an edit that gave a file another force,
        // undone, must not leave the first force's loss behind.
        [...this.losses.keys()].filter(key => !seen.has(key)).forEach(key => this.losses.delete(key));
        this.covers = covers;
        this.changed.clear();
    }
}
