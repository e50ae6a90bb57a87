import type { DocumentState } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';

/**
 * A value computed at most once per workspace build: dropped on every document update and when
 * the build reaches `state`, recomputed on the next `get`.
 */
export class BuildCache<T> {
    private value: T | undefined;

    constructor(shared: LangiumSharedServices, state: DocumentState, private readonly compute: () => T) {
        const builder = shared.workspace.DocumentBuilder;
        builder.onUpdate(() => { this.value = undefined; });
        builder.onBuildPhase(state, () => { this.value = undefined; });
    }

    get(): T {
        this.value ??= this.compute();
        return this.value;
    }
}
