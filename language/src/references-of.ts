import {
    isMultiReference,
    isReference,
    type AstNode,
    type AstNodeDescription,
    type AstReflection,
    type MultiReference,
    type Reference,
    type ReferenceInfo
} from 'langium';

/**
 * The properties of each node type that can hold a reference, as the grammar's reflection lists them: most nodes
 * (answer options, durations, plan updates…) have none, and Langium looked at every property of every node, and at
 * every item of every list of child nodes, to find references, once to link a file and again to index it.
 */
export class ReferenceProperties {
    private readonly byType = new Map<string, ReadonlySet<string> | null>();

    constructor(private readonly reflection: AstReflection) {}

    /** The node type's reference properties; undefined for a type the reflection does not know (then look at every property). */
    of(type: string): ReadonlySet<string> | undefined {
        let properties = this.byType.get(type);
        if (properties === undefined) {
            const known = Object.prototype.hasOwnProperty.call(this.reflection.types, type);
            properties = known
                ? new Set(
                      Object.values(this.reflection.getTypeMetaData(type).properties)
                          .filter(p => p.referenceType !== undefined)
                          .map(p => p.name)
                  )
                : null;
            this.byType.set(type, properties);
        }
        return properties ?? undefined;
    }
}

/**
 * Langium's `streamReferences(node)`, as a callback: each reference the node holds, in the order of the node's
 * properties, a list's references in order, with the same information; only `properties` are looked at when given.
 */
export function forEachReference(node: AstNode, properties: ReadonlySet<string> | undefined, visit: (info: ReferenceInfo) => void): void {
    if (properties?.size === 0) {
        return;
    }
    for (const property in node) {
        if (property.charCodeAt(0) === 36 /* $ */ || (properties && !properties.has(property))) {
            continue;
        }
        const value: unknown = (node as unknown as Record<string, unknown>)[property];
        if (isReference(value) || isMultiReference(value)) {
            visit({ reference: value, container: node, property });
        } else if (Array.isArray(value)) {
            for (let index = 0; index < value.length; index++) {
                const element: unknown = value[index];
                if (isReference(element)) {
                    visit({ reference: element, container: node, property, index });
                }
            }
        }
    }
}

/** The definitions a resolved reference points to (one, or a multi-reference's each); none while it is unresolved. */
export function targetsOf(reference: Reference | MultiReference): AstNodeDescription[] {
    if (isReference(reference)) {
        return reference.$nodeDescription ? [reference.$nodeDescription] : [];
    }
    return reference.items.map(item => item.$nodeDescription).filter((d): d is AstNodeDescription => d !== undefined);
}
