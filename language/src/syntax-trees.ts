import { AstUtils, type AstNode, type CstNode, type LangiumCoreServices, type LangiumDocument } from 'langium';

/** Every cache made by {@link fileCache}. */
const fileCaches: Array<WeakMap<AstNode, unknown>> = [];

/**
 * A cache of what was found in one file's syntax tree (its text tokens, its properties written twice, its prose blocks),
 * by the file's root node: a file parsed again has a new root, and the old one's entry goes with it. What these caches
 * hold points into the file's concrete syntax tree, so they are let go of with it ({@link releaseSyntaxTrees}).
 */
export function fileCache<K extends AstNode, V>(): WeakMap<K, V> {
    const cache = new WeakMap<K, V>();
    fileCaches.push(cache as WeakMap<AstNode, unknown>);
    return cache;
}

/** The roots of the files whose syntax trees were let go of ({@link releaseSyntaxTrees}). */
const released = new WeakSet<AstNode>();

/**
 * Where a node starts (zero-based line and character), from its concrete syntax tree; the file's start for a node that
 * has none (one made, not parsed). Asked of a node whose file's tree was let go of, it throws rather than answer the
 * file's start: a position read after a build's release would be published as if it were true.
 */
export function startOf(node: AstNode): { line: number; character: number } {
    if (node.$cstNode) {
        return node.$cstNode.range.start;
    }
    if (released.has(AstUtils.findRootNode(node))) {
        throw new Error(`where a ${node.$type} starts was asked after its file's syntax tree was let go of (releaseSyntaxTrees)`);
    }
    return { line: 0, character: 0 };
}

/**
 * Lets go of the concrete syntax trees of checked documents (Langium's CST: every token of every file, with where it
 * is), for a command that asks nothing more of them once the check's problems are reported: `gdl build`, which
 * publishes from the syntax nodes alone. At 10,000 requirements they were 40 of the checked workspace's 135 MB, kept
 * through the whole build. A tree is reachable from each of its nodes (a token knows its parent), so every way to one
 * is cut: each node's `$cstNode`, each reference's `$refNode`, the index's references (which find their place from the
 * token they were written as), the {@link fileCache}s, and the parser's hold on the last tree it built.
 *
 * Afterwards nothing can ask where a node is (its `$cstNode` is undefined; {@link startOf} throws), and the documents
 * must not be linked or validated again: only a command's last step should call this.
 */
export function releaseSyntaxTrees(documents: readonly LangiumDocument[], services: LangiumCoreServices): void {
    const index = services.shared.workspace.IndexManager;
    for (const document of documents) {
        const root = document.parseResult.value;
        released.add(root);
        fileCaches.forEach(cache => cache.delete(root));
        index.removeReferences(document.uri);
        for (const node of AstUtils.streamAst(root)) {
            // Set rather than deleted: an object that loses a property becomes a dictionary in V8, several times larger.
            (node as { $cstNode?: CstNode }).$cstNode = undefined;
            for (const { reference } of AstUtils.streamReferences(node)) {
                (reference as { $refNode?: CstNode }).$refNode = undefined;
            }
        }
    }
    // The parser keeps the tree of the last text it parsed (Langium's CST builder holds its root) until the next.
    services.parser.LangiumParser.parse('');
}
