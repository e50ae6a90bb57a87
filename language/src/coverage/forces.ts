import type { AstNode, LangiumDocument } from 'langium';
import * as ast from '../generated/ast.js';
import { append } from '../arrays.js';

/** One force of the workspace: its declaration and the folder its material lives in. */
export interface ForceInfo {
    /** The force's id (`kent`), or '' for the one force of a workspace that declares none. */
    readonly id: string;
    /** The force's name ("Kent Police"), or the plan's `force` when the workspace declares none. */
    readonly title: string;
    /** The URI of the folder its material is in, ending in '/'; '' for the whole workspace. */
    readonly folder: string;
    readonly node?: ast.Force;
}

/** Which force each document answers for. */
export interface ForceMap {
    /** The workspace's forces, by id; one implicit force when none is declared. */
    readonly forces: readonly ForceInfo[];
    /** Whether the workspace declares its forces (several forces, or one named one). */
    readonly declared: boolean;
    /** The force a document belongs to; undefined for shared material (the framework, common vocabulary). */
    of(uri: string): ForceInfo | undefined;
    /** A force by id or name (case-insensitive), for `--force`. */
    find(name: string): ForceInfo | undefined;
    /** Whether a force is judged on a document: its own, or shared (the framework, the common vocabulary). */
    judges(force: ForceInfo, uri: string): boolean;
}

/** The folder part of a document URI, ending in '/'. */
function folderOf(uri: string): string {
    return uri.slice(0, uri.lastIndexOf('/') + 1);
}

/**
 * Finds the forces of a workspace. A force is declared by `force id "Name"`; the folder of the file
 * declaring it, and every folder below, hold that force's material (the nearest declaration wins when
 * force folders nest). A workspace that declares no force is one force: everything belongs to it.
 */
export function forcesOf(documents: Iterable<LangiumDocument>): ForceMap {
    const declared: ForceInfo[] = [];
    let planForce: string | undefined;
    for (const document of documents) {
        const found = declaredIn(document);
        if (found === nothingDeclared) {
            continue;
        }
        append(declared, found.forces);
        for (const force of found.planForces) {
            if (planForce === undefined || force < planForce) {
                planForce = force;
            }
        }
    }
    if (declared.length === 0) {
        const whole: ForceInfo = { id: '', title: planForce ?? '', folder: '' };
        return {
            forces: [whole],
            declared: false,
            of: () => whole,
            find: name => (matches(whole, name) ? whole : undefined),
            judges: () => true
        };
    }
    // The first declaration of an id wins (a duplicate is reported as a duplicate id).
    const byId = new Map<string, ForceInfo>();
    for (const force of declared.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.folder < b.folder ? -1 : 1))) {
        if (!byId.has(force.id)) {
            byId.set(force.id, force);
        }
    }
    const forces = [...byId.values()];
    // Deepest folder first, so that the nearest declaration wins.
    const byDepth = [...forces].sort((a, b) => b.folder.length - a.folder.length);
    const cache = new Map<string, ForceInfo | undefined>();
    const of = (uri: string) => {
        const folder = folderOf(uri);
        if (!cache.has(folder)) {
            cache.set(
                folder,
                byDepth.find(f => folder.startsWith(f.folder))
            );
        }
        return cache.get(folder);
    };
    return {
        forces,
        declared: true,
        of,
        find: name => forces.find(f => matches(f, name)),
        judges: (force, uri) => {
            const owner = of(uri);
            return owner === undefined || owner === force;
        }
    };
}

/** What one file declares of the forces: its forces, and the `force` of its plans. */
interface Declared {
    readonly forces: readonly ForceInfo[];
    readonly planForces: readonly string[];
}

const nothingDeclared: Declared = { forces: [], planForces: [] };

// By a file's root, found once per parse: the forces are looked for in every file on every build.
const declaredBy = new WeakMap<AstNode, Declared>();

function declaredIn(document: LangiumDocument): Declared {
    const root = document.parseResult.value;
    let found = declaredBy.get(root);
    if (!found) {
        found = nothingDeclared;
        if (ast.isGdlFile(root)) {
            const uri = document.uri.toString();
            const forces: ForceInfo[] = [];
            const planForces: string[] = [];
            for (const element of root.elements) {
                if (ast.isForce(element) && typeof element.name === 'string') {
                    forces.push({ id: element.name, title: element.title ?? element.name, folder: folderOf(uri), node: element });
                } else if (ast.isActionPlan(element) && element.force) {
                    planForces.push(element.force);
                }
            }
            if (forces.length > 0 || planForces.length > 0) {
                found = { forces, planForces };
            }
        }
        declaredBy.set(root, found);
    }
    return found;
}

function matches(force: ForceInfo, name: string): boolean {
    const wanted = name.trim().toLowerCase();
    return force.id.toLowerCase() === wanted || force.title.toLowerCase() === wanted;
}

/** How a force is named to a reader: its name, or "the workspace" for the one force of a workspace that declares none. */
export function forceName(force: ForceInfo | undefined): string {
    return force ? force.title || force.id || 'the workspace' : 'no force';
}
