import { DefaultWorkspaceManager, type LangiumSharedCoreServices } from 'langium';

/**
 * Validates every document at start-up, not only those the writer opens: coverage gaps, overdue
 * plan items and review dates belong in the Problems panel as soon as the workspace is opened.
 */
export class GdlWorkspaceManager extends DefaultWorkspaceManager {
    constructor(services: LangiumSharedCoreServices) {
        super(services);
        this.initialBuildOptions = { validation: true };
    }
}
