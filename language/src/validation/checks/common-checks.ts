import {
    AstUtils,
    isCompositeCstNode,
    isLeafCstNode,
    type AstNode,
    type AstNodeLocator,
    type CstNode,
    type GrammarAST,
    type LeafCstNode,
    type ValidationAcceptor
} from 'langium';
import { rangeInToken, report } from '../report.js';
import { assignmentOf } from '../../assignments.js';
import { findingWords, unpublishableText } from '../drafting-notes.js';
import { definitionPlace, type IdIndex } from '../../id-index.js';
import { isCalendarDate } from '../../dates.js';
import { exportedName, kindLabel } from '../../gdl-names.js';
import { planStatus, publishedStatus } from '../../inheritance.js';
import { dedentProse } from '../../gdl-value-converter.js';
import { MAX_NESTING, proseTooDeep, writtenProseMayNestTooDeep } from '../../nesting-limit.js';
import { TextMemo } from '../../text-memo.js';
import { fileCache } from '../../syntax-trees.js';
import { pageNameProblem } from '../../publish/page-names.js';
import * as ast from '../../generated/ast.js';

const dateProperties = ['published', 'approved', 'reviewBy', 'updated', 'date', 'verified'] as const;

/** Checks that apply to every kind of node: ids, repeated properties, dates, and the text of a file (prose nesting, drafting notes, file paths). */
export class CommonChecks {
    constructor(
        private readonly ids: IdIndex,
        private readonly locator: AstNodeLocator
    ) {}

    /**
     * Every quoted string and prose block of a file, in one walk of its syntax tree: prose that nests past the
     * publisher's limit, and, in material that is not a draft, drafting notes and paths to files (what readers
     * would see), each reported where it is.
     */
    textMustBePublishable = (file: ast.GdlFile, accept: ValidationAcceptor): void => {
        for (const token of textTokens(file)) {
            proseMustNotNestTooDeep(file, token, accept);
            textShouldBeFinished(token, accept);
        }
    };

    /** Every named definition must be unique in its namespace across the workspace. */
    idMustBeUnique = (node: AstNode, accept: ValidationAcceptor): void => {
        const name = (node as { name?: unknown }).name;
        if (typeof name !== 'string' || ast.isProvision(node)) {
            return;
        }
        const definitions = this.ids.definitionsOf(node.$type, name);
        if (definitions.length < 2) {
            return;
        }
        const uri = AstUtils.getDocument(node).uri.toString();
        const path = this.locator.getAstNodePath(node);
        const other = definitions.find(d => d.documentUri.toString() !== uri || d.path !== path);
        if (other) {
            report(
                accept,
                'duplicate-id',
                { kind: kindLabel(node), id: name, other: definitionPlace(other) },
                { node, property: 'name' as never }
            );
        }
    };

    /** What is published under its id (guidance, a course pack, a module's handouts, a plan, a force's site) needs an id a file can have. */
    publishedIdMustNameAFile = (
        node: ast.Guidance | ast.CoursePack | ast.TrainingModule | ast.ActionPlan | ast.Force,
        accept: ValidationAcceptor
    ): void => {
        const why = pageNameProblem(node.name);
        if (why !== undefined) {
            report(accept, 'unpublishable-id', { kind: kindLabel(node), id: node.name, why }, { node, property: 'name' as never });
        }
    };

    /** A single-valued property written twice keeps only the last value. */
    propertiesShouldNotRepeat = (node: AstNode, accept: ValidationAcceptor): void => {
        for (const { feature, earlier } of repeatedProperties(node)) {
            report(accept, 'duplicate-property', { property: keywordOf(feature) }, { node, range: earlier.range });
        }
    };

    /** Dates must be real calendar dates. */
    datesMustBeValid = (node: AstNode, accept: ValidationAcceptor): void => {
        for (const property of dateProperties) {
            const value = (node as unknown as Record<string, unknown>)[property];
            if (typeof value === 'string' && !isCalendarDate(value)) {
                report(accept, 'invalid-date', { date: value }, { node, property: property as never });
            }
        }
    };

    /** The same id listed twice in one reference list is usually a typo. */
    referencesShouldNotRepeat = (node: AstNode, accept: ValidationAcceptor): void => {
        // Run on every node: its properties read in place (no array of entries made per node), a list of one skipped.
        for (const property in node) {
            const value: unknown = (node as unknown as Record<string, unknown>)[property];
            if (property.startsWith('$') || !Array.isArray(value) || value.length < 2) {
                continue;
            }
            const seen = new Set<string>();
            value.forEach((entry: unknown, index) => {
                if (entry && typeof entry === 'object' && '$refText' in entry) {
                    const text = (entry as { $refText: string }).$refText;
                    if (seen.has(text)) {
                        report(accept, 'duplicate-reference', { id: text }, { node, property: property as never, index });
                    }
                    seen.add(text);
                }
            });
        }
    };
}

// Prose that nests quotes, lists or emphasis past the limit would overflow the publisher.
function proseMustNotNestTooDeep(file: ast.GdlFile, { leaf, text }: TextToken, accept: ValidationAcceptor): void {
    if ((leaf.tokenType.name === 'PROSE' ? proseNestsTooDeep : stringNestsTooDeep).get(text)) {
        report(
            accept,
            'nesting-too-deep',
            { what: 'Prose nests quotes, lists or emphasis', limit: MAX_NESTING },
            { node: file, range: leaf.range }
        );
    }
}

// By a token's text as written (quotes and indentation included), remembered.
const proseNestsTooDeep = new TextMemo<boolean>(written => {
    const raw = written.slice(3, -3);
    return writtenProseMayNestTooDeep(raw) && proseTooDeep(dedentProse(raw));
});
const stringNestsTooDeep = new TextMemo<boolean>(written => proseTooDeep(written.slice(1, -1)));

// The text of material that is not a draft is what readers see: no drafting note, no path to a file. A `note` is
// for authors, and an exhibit's `file` is a path by design. The text is searched first (most has nothing to find),
// so the status is looked up only for a text with a finding.
function textShouldBeFinished({ leaf, text, feature }: TextToken, accept: ValidationAcceptor): void {
    const findings = unpublishableText(text);
    if (findings.length === 0) {
        return;
    }
    if (feature === 'notes' || feature === 'file' || statusOfText(leaf.astNode) !== 'approved') {
        return;
    }
    const what = ownerOfText(leaf.astNode);
    for (const finding of findings) {
        const where = { node: leaf.astNode, range: rangeInToken(leaf, finding.start, finding.end) };
        if (finding.kind === 'drafting-note') {
            report(accept, 'drafting-note-in-text', { what, marker: findingWords(finding) }, where);
        } else {
            report(accept, 'file-path-in-text', { what, path: finding.text }, where);
        }
    }
}

/** A quoted string or prose block of a file: its token as written (for a finding's position), its text and the property it is for. */
export interface TextToken {
    readonly leaf: LeafCstNode;
    readonly text: string;
    readonly feature: string | undefined;
}

// A file's text tokens, found once per parse: three checks and the plain-English blocks read them, on each build that
// validates the file (an unchanged framework or plan is validated again whenever coverage may have changed).
const tokensOf = fileCache<ast.GdlFile, readonly TextToken[]>();

/** The quoted strings and prose blocks of a file, in file order. */
export function textTokens(file: ast.GdlFile): readonly TextToken[] {
    let tokens = tokensOf.get(file);
    if (!tokens) {
        const found: TextToken[] = [];
        if (file.$cstNode) {
            collectTextTokens(file.$cstNode, found);
        }
        tokens = found;
        tokensOf.set(file, tokens);
    }
    return tokens;
}

// The syntax tree's leaves in file order (Langium's streamCst, without a stream object per node).
function collectTextTokens(node: CstNode, into: TextToken[]): void {
    if (isCompositeCstNode(node)) {
        for (const child of node.content) {
            collectTextTokens(child, into);
        }
    } else if (isLeafCstNode(node) && (node.tokenType.name === 'PROSE' || node.tokenType.name === 'STRING')) {
        into.push({ leaf: node, text: node.text, feature: assignmentOf(node)?.feature });
    }
}

/**
 * The status of the material a text belongs to: its section's, module's or document's (a document's own text is
 * published with any of its sections), or its plan's. Frameworks, legislation, audiences, curricula, course packs,
 * exhibits and forces have no draft state: their text is always final.
 */
export function statusOfText(node: AstNode): ast.Status {
    const governed = AstUtils.getContainerOfType(node, ast.isGoverned);
    if (governed) {
        return publishedStatus(governed);
    }
    const plan = AstUtils.getContainerOfType(node, ast.isActionPlan);
    return plan ? planStatus(plan) : 'approved';
}

// What a text belongs to, as messages name it: the nearest named item, plan item or waiver.
function ownerOfText(node: AstNode): string {
    for (let current: AstNode | undefined = node; current; current = current.$container) {
        if (ast.isPlanItem(current)) {
            return `Plan item ${current.recommendation.$refText}`;
        }
        if (ast.isWaiver(current)) {
            return `The waiver of ${current.evidence.$refText}`;
        }
        const name = (current as { name?: unknown }).name;
        if (typeof name === 'string') {
            return `${kindLabel(current)} '${exportedName(current, name)}'`;
        }
    }
    return 'This file';
}

// Writers see the keyword they typed (review-by), not the AST property name (reviewBy).
function keywordOf(property: string): string {
    return property === 'recipientText' ? 'recipient' : property.replace(/[A-Z]/g, c => `-${c.toLowerCase()}`);
}

// The node's own CST children, looking through unassigned rule calls (Element → Guidance) that wrap them.
// Each node's single-valued properties written more than once, with the first writing of each: found once per parse for
// the whole file (a file rebuilt because another file changed has the same nodes, and is validated again), and kept
// only for the nodes that have one.
const repeatedIn = fileCache<AstNode, ReadonlyMap<AstNode, ReadonlyArray<{ feature: string; earlier: CstNode }>>>();

function repeatedProperties(node: AstNode): ReadonlyArray<{ feature: string; earlier: CstNode }> {
    const root = AstUtils.findRootNode(node);
    let repeated = repeatedIn.get(root);
    if (!repeated) {
        const found = new Map<AstNode, ReadonlyArray<{ feature: string; earlier: CstNode }>>();
        for (const each of AstUtils.streamAst(root)) {
            const own = repeatedPropertiesOf(each);
            if (own.length > 0) {
                found.set(each, own);
            }
        }
        repeated = found;
        repeatedIn.set(root, repeated);
    }
    return repeated.get(node) ?? none;
}

function repeatedPropertiesOf(node: AstNode): ReadonlyArray<{ feature: string; earlier: CstNode }> {
    const cst = node.$cstNode;
    if (!cst || !isCompositeCstNode(cst)) {
        return none;
    }
    // One pass over the node's own tokens, counting assignments to single-valued properties (a node has a handful:
    // arrays, not a map and a set per node).
    let found: Array<{ feature: string; earlier: CstNode }> | undefined;
    const features: string[] = [];
    const firsts: CstNode[] = [];
    forOwnChildren(cst, node, (child, assignment) => {
        if (!assignment || assignment.operator !== '=' || assignment.feature === 'name') {
            return;
        }
        const at = features.indexOf(assignment.feature);
        if (at < 0) {
            features.push(assignment.feature);
            firsts.push(child);
        } else if (!found?.some(f => f.feature === assignment.feature)) {
            (found ??= []).push({ feature: assignment.feature, earlier: firsts[at]! });
        }
    });
    return found ?? none;
}

const none: ReadonlyArray<{ feature: string; earlier: CstNode }> = [];

// Each of the node's own children with the assignment it was parsed for (found once per child).
function forOwnChildren(cst: CstNode, node: AstNode, visit: (child: CstNode, assignment: GrammarAST.Assignment | undefined) => void): void {
    if (!isCompositeCstNode(cst)) {
        return;
    }
    for (const child of cst.content) {
        if (child.astNode !== node) {
            continue;
        }
        const assignment = assignmentOf(child);
        if (isCompositeCstNode(child) && !assignment) {
            forOwnChildren(child, node, visit);
        } else {
            visit(child, assignment);
        }
    }
}
