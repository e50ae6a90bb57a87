import type { Root, RootContent, Table } from 'mdast';
import { coveragePageParts } from '../../language/src/publish/coverage-page.js';
import { root, type PagePart } from '../../language/src/publish/mdast-helpers.js';
import type { SiteModel } from '../../language/src/publish/site-model.js';
import { append } from '../../language/src/arrays.js';

/**
 * The blocks of a page written in parts, as one page: the runs of each long table joined into the table again. What
 * the build's parts, rendered a part at a time and joined as the build joins them, must add up to.
 */
export function joinParts(parts: Iterable<PagePart>): RootContent[] {
    const blocks: RootContent[] = [];
    let continued: Table | undefined;
    for (const part of parts) {
        if (part.run && !part.run.first) {
            if (!continued || blocks.at(-1) !== continued) {
                throw new Error("a run of a table's rows does not follow the run before it");
            }
            const [, ...rows] = (part.blocks[0] as Table).children;
            append(continued.children, rows);
        } else {
            // A first run is copied: the rows of the runs after it are added to the copy, not to the part's table.
            continued = part.run ? { ...(part.blocks[0] as Table), children: [...(part.blocks[0] as Table).children] } : undefined;
            append(blocks, continued ? [continued] : part.blocks);
        }
    }
    return blocks;
}

/** The coverage page as one tree: its parts joined. */
export function coveragePage(site: SiteModel, extension = 'html'): Root {
    return root(joinParts(coveragePageParts(site, extension)));
}
