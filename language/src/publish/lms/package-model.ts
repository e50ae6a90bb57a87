import type * as ast from '../../generated/ast.js';

/** The learning platforms a package can be built for. */
export const lmsKinds = ['scorm12', 'scorm2004', 'cmi5'] as const;
export type LmsKind = (typeof lmsKinds)[number];

/** What every manifest says about one course pack's package. */
export interface PackageDescription {
    /** The course pack's id in the sources: identifiers are made from it. */
    name: string;
    title: string;
    /** A sentence about the course, for the cmi5 course's and AU's descriptions. */
    description: string;
    /** The id of the force that publishes the package ('' in a workspace that declares none). */
    force: string;
    /** The page the platform launches. */
    launch: string;
    /** Every file of the package but the manifest, in the zip's order. */
    files: string[];
    /** The pass mark (0–1) when every module shares one; undefined when they differ, so each module's own applies. */
    masteryScore: number | undefined;
}

/** Output paths of the learning-platform files, relative to the site. */
export const lmsPath = {
    package: (course: ast.CoursePack, kind: LmsKind) => `lms/${course.name}.${kind}.zip`,
    bank: (module: ast.TrainingModule, extension: 'xml' | 'gift.txt') => `banks/${module.name}.${extension}`
};

/** An IRI for cmi5: a URN, so it names the course (and its AU) without claiming a web address the force may not own. */
export function packageIri(description: PackageDescription, au?: string): string {
    const part = encodeURIComponent;
    return `urn:gdl:${part(description.force || 'force')}:course:${part(description.name)}${au !== undefined ? `:au:${part(au)}` : ''}`;
}
