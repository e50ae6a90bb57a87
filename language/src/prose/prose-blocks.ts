import { AstUtils, type AstNode, type LeafCstNode } from 'langium';
import { dedentProseWithOffsets } from '../gdl-value-converter.js';
import { inherited } from '../inheritance.js';
import { statusOfText, textTokens } from '../validation/checks/common-checks.js';
import * as ast from '../generated/ast.js';

/** One text a reader of guidance or training reads: its words, and where each character is in the file. */
export interface ProseBlock {
    readonly leaf: LeafCstNode;
    /** The text as checked: a prose block without its quotes and indentation, a string without its quotes. */
    readonly text: string;
    /** `offsets[i]`: the document offset of character `i` of {@link text}; one entry past the end. */
    readonly offsets: readonly number[];
    /** The ids of the audiences the text is written for (its section's, inherited, or its module's or course's). */
    readonly audiences: readonly { readonly id: string; readonly title: string }[];
    /** Whether the material is approved (a draft's findings are shown, less loudly). */
    readonly approved: boolean;
}

// Quoted strings that readers read: outcomes, questions and options, rationales, handout descriptions, welfare and
// kit notes, criteria, trainer notes. Titles, owners, sources, addresses and file names are not prose.
const readStrings = new Set(['text', 'question', 'rationale', 'description', 'welfare', 'kit', 'criteria', 'trainerNotes']);

// Material written for the force's readers. Frameworks (quoted from the report), curricula (the College's words),
// legislation, plans (quoted from forces' publications), exhibits and forces are someone else's text, or no one's.
type Material = ast.Guidance | ast.TrainingModule | ast.CoursePack;
const isMaterial = (node: AstNode): node is Material => ast.isGuidance(node) || ast.isTrainingModule(node) || ast.isCoursePack(node);

/** The guidance and training prose of a file, in file order, each with where its characters are. */
export function* proseBlocks(file: ast.GdlFile): Generator<ProseBlock> {
    for (const { leaf, feature } of textTokens(file)) {
        const material = AstUtils.getContainerOfType(leaf.astNode, isMaterial);
        if (!material || feature === 'notes' || (leaf.tokenType.name === 'STRING' && !readStrings.has(feature ?? ''))) {
            continue;
        }
        let text: string;
        let offsets: number[];
        if (leaf.tokenType.name === 'PROSE') {
            const dedented = dedentProseWithOffsets(leaf.text.slice(3, -3));
            text = dedented.text;
            offsets = dedented.offsets.map(o => leaf.offset + 3 + o);
        } else {
            text = leaf.text.slice(1, -1);
            offsets = Array.from({ length: text.length + 1 }, (_, i) => leaf.offset + 1 + i);
        }
        if (text.trim() === '') {
            continue;
        }
        yield { leaf, text, offsets, audiences: audiencesOf(leaf.astNode, material), approved: statusOfText(leaf.astNode) === 'approved' };
    }
}

function audiencesOf(node: AstNode, material: Material): ProseBlock['audiences'] {
    const section = AstUtils.getContainerOfType(node, ast.isSection);
    const refs = (section ? inherited(section, n => n.audiences) : undefined) ?? material.audiences;
    // The title is read when a message needs it, after linking: the texts are sent to be checked as soon as they are
    // parsed, and reading a reference before its document is linked would link it too early.
    return refs.map(ref => ({
        id: ref.$refText,
        get title() {
            return ref.ref?.title ?? ref.$refText;
        }
    }));
}
