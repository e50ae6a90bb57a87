import type { ImportedDocument, ImportedSection } from './document-reader.js';
import type { FrameworkFacts } from './framework-facts.js';
import { GDL_ID, gdlComment, gdlProse, gdlString, IdAllocator, initialsOf, provenanceMark, slugFromTitle } from './gdl-text.js';
import type { ImportNote } from './import-report.js';
import { findMentions, requirementText } from './mentions.js';

// An imported document written as a draft `guidance` with nested sections: readable ids unique in
// the workspace, the prose as Markdown, sources, the legislation and cross-references the workspace
// can resolve, and suggestions (never edits) for the requirements the text names.

export interface ImportContext {
    /** Every id declared in the workspace (ids are workspace-wide). */
    ids: Iterable<string>;
    framework?: FrameworkFacts;
    /** The workspace's legislation provisions, to turn a published page's legislation links into `cites`. */
    provisions: Array<{ name: string; address?: string }>;
    /** The workspace's audiences, to turn a published page's audience titles into `audience`. */
    audiences?: Array<{ name: string; title: string }>;
}

export interface Provenance {
    /** The file's name as the user gave it. */
    fileName: string;
    /** What kind of file: "Word document", "Markdown file". */
    kind: string;
    sha256: string;
    /** The import's date, YYYY-MM-DD. */
    date: string;
}

export interface WrittenImport {
    id: string;
    text: string;
    notes: ImportNote[];
}

/** Addresses compared without scheme, "www.", a trailing slash or a query. */
const comparable = (url: string) =>
    url
        .trim()
        .toLowerCase()
        .replace(/^https?:\/\//, '')
        .replace(/^www\./, '')
        .replace(/[?#].*$/, '')
        .replace(/\/+$/, '');

/** The first line of every imported file: when, from which file, and the file's mark. */
export function provenanceLine(provenance: Provenance): string {
    return `Imported by \`gdl import\` on ${provenance.date} from ${provenance.fileName} (${provenance.kind}, ${provenanceMark(provenance.sha256)}).`;
}

export function writeGuidance(doc: ImportedDocument, workspace: ImportContext, provenance: Provenance): WrittenImport {
    const notes = [...doc.notes];
    const ids = new IdAllocator(workspace.ids);
    const id = ids.take(slugFromTitle(doc.title));
    const prefix = initialsOf(doc.title);
    const provisions = new Map(workspace.provisions.filter(p => p.address).map(p => [comparable(p.address!), p.name]));
    const requirementIds = new Set(workspace.framework?.recommendations.flatMap(r => r.evidence.map(e => e.id)) ?? []);

    // Ids first, for every section, so a "see also" can point forward.
    const sectionIds = new Map<ImportedSection, string>();
    const byAnchor = new Map<string, string>();
    // The anchors this document's headings have had so far: a second heading with one is not "used in the workspace".
    const anchorsHere = new Set<string>();
    const assign = (sections: ImportedSection[]) => {
        for (const section of sections) {
            const wanted = section.wantedId && GDL_ID.test(section.wantedId) ? section.wantedId : undefined;
            const given = ids.take(wanted ?? slugFromTitle(section.title, 4, prefix));
            sectionIds.set(section, given);
            if (section.wantedId) {
                byAnchor.set(section.wantedId, given);
            }
            const detail =
                section.wantedId === undefined || given === section.wantedId
                    ? undefined
                    : !wanted
                      ? `"${section.title}" had the anchor "${section.wantedId}", which cannot be a GDL id (a letter or _ first, then letters, digits, _ and -): it is ${given}.`
                      : anchorsHere.has(wanted)
                        ? `"${section.title}" had the id ${wanted}, which an earlier heading of this document has too: it is ${given}.`
                        : `"${section.title}" had the id ${wanted}, already used in the workspace: it is ${given}.`;
            if (detail) {
                notes.push({ kind: 'changed', what: 'section id', where: section.where, detail });
            }
            if (section.wantedId) {
                anchorsHere.add(section.wantedId);
            }
            assign(section.sections);
        }
    };
    assign(doc.sections);
    const existing = new Set(workspace.ids);

    const lines: string[] = [
        ...gdlComment(provenanceLine(provenance)),
        '// Everything here is a draft. Check it against the original and the import report beside this file,',
        '// add `addresses` where a section answers an evidence requirement, then approve it.',
        '',
        `guidance ${id} ${gdlString(doc.title)} {`,
        '    status draft'
    ];
    if (doc.owner) {
        lines.push(`    owner ${gdlString(doc.owner)}`);
    }
    if (doc.version) {
        lines.push(`    version ${gdlString(doc.version)}`);
    }
    const audiences = (titles: string[], where: string): string[] => {
        const found: string[] = [];
        for (const title of titles) {
            const audience = workspace.audiences?.find(a => a.title === title);
            if (audience) {
                found.push(audience.name);
            } else {
                notes.push({
                    kind: 'not-carried',
                    what: 'audience',
                    where,
                    detail: `"${title}" is not an audience of the workspace: declare it, then add it.`
                });
            }
        }
        return found;
    };
    const docAudiences = audiences(doc.audiences, 'the details under the title');
    if (!doc.owner) {
        notes.push({
            kind: 'suggestion',
            what: 'owner',
            where: 'the document',
            detail: `The document names no owner: add \`owner "…"\` to guidance ${id} (the check warns until it has one).`
        });
    }
    if (docAudiences.length === 0) {
        notes.push({
            kind: 'suggestion',
            what: 'audience',
            where: 'the document',
            detail: `Say who the guidance is for: add \`audience …\` to guidance ${id}, with the audiences of the workspace's vocabulary.`
        });
    }
    if (docAudiences.length > 0) {
        lines.push(`    audience ${docAudiences.join(', ')}`);
    }
    lines.push(`    source ${gdlString(`Imported from ${provenance.fileName} (${provenance.kind}) on ${provenance.date}`)}`);
    if (doc.summary) {
        lines.push(gdlProse(doc.summary, 4));
    }
    for (const mention of findMentions(doc.summary, workspace.framework)) {
        notes.push({
            kind: 'suggestion',
            what: `mention of ${mention.phrase}`,
            where: 'the introduction, before the first heading',
            detail: `The introduction names ${mention.phrase}. If a section answers it, add \`addresses ${mention.requirements.join(', ')}\` to that section.`
        });
    }

    const writeSection = (section: ImportedSection, indent: number) => {
        const pad = ' '.repeat(indent);
        const sectionId = sectionIds.get(section)!;
        lines.push('', `${pad}section ${sectionId} ${gdlString(section.title)} {`);
        if (section.owner) {
            lines.push(`${pad}    owner ${gdlString(section.owner)}`);
        }
        const sectionAudiences = audiences(section.audiences, section.where);
        if (sectionAudiences.length > 0) {
            lines.push(`${pad}    audience ${sectionAudiences.join(', ')}`);
        }
        for (const source of section.sources) {
            lines.push(`${pad}    source ${gdlString(source)}`);
        }
        const addresses = section.addresses.filter(a => requirementIds.has(a));
        for (const unknown of section.addresses.filter(a => !requirementIds.has(a))) {
            notes.push({
                kind: 'not-carried',
                what: `addresses ${unknown}`,
                where: section.where,
                detail: `The page says "${section.title}" addresses evidence requirement ${unknown}, which the workspace's framework does not have.`
            });
        }
        if (addresses.length > 0) {
            lines.push(`${pad}    addresses ${addresses.join(', ')}`);
        }
        const cites: string[] = [];
        for (const link of section.legislation) {
            const provision = provisions.get(comparable(link.url));
            if (provision) {
                cites.push(provision);
            } else {
                notes.push({
                    kind: 'not-carried',
                    what: 'legislation link',
                    where: section.where,
                    detail: `"${link.title}" (${link.url}) matches no provision of the workspace's legislation: add the provision, then \`cites\` it.`
                });
            }
        }
        if (cites.length > 0) {
            lines.push(`${pad}    cites ${[...new Set(cites)].join(', ')}`);
        }
        const see: string[] = [];
        for (const link of section.see) {
            const target = byAnchor.get(link.anchor) ?? (existing.has(link.anchor) ? link.anchor : undefined);
            if (target) {
                see.push(target);
            } else {
                notes.push({
                    kind: 'not-carried',
                    what: 'cross-reference',
                    where: section.where,
                    detail: `"See also: ${link.title}" points at ${link.anchor || 'another page'}, which is not in the workspace: add \`see\` when it is.`
                });
            }
        }
        if (see.length > 0) {
            lines.push(`${pad}    see ${[...new Set(see)].join(', ')}`);
        }
        if (section.markdown) {
            lines.push(gdlProse(section.markdown, indent + 4));
        }
        for (const mention of findMentions(section.markdown, workspace.framework)) {
            const missing = mention.requirements.filter(r => !addresses.includes(r));
            if (missing.length === 0) {
                continue;
            }
            const quoted = mention.recommendation
                ? `its evidence requirements are ${missing.join(', ')}`
                : `${missing[0]}: "${requirementText(workspace.framework!, missing[0]!) ?? 'no text in the source'}"`;
            notes.push({
                kind: 'suggestion',
                what: `mention of ${mention.phrase}`,
                where: section.where,
                detail: `Section ${sectionId} ("${section.title}") names ${mention.phrase} (${quoted}). If it answers it, add \`addresses ${missing.join(', ')}\`.`
            });
        }
        for (const child of section.sections) {
            writeSection(child, indent + 4);
        }
        lines.push(`${pad}}`);
    };
    for (const section of doc.sections) {
        writeSection(section, 4);
    }
    lines.push('}', '');
    return { id, text: lines.join('\n'), notes };
}
