import { AstUtils, DocumentState, WorkspaceCache, type AstNode, type LeafCstNode, type ValidationAcceptor } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { rangeInToken, report } from '../report.js';
import { actYear, legislationMentions, provisionKeyOf, type ActFacts, type LegislationMention } from '../provision-mentions.js';
import { hostOf, siteOf, webAddressesIn } from '../web-addresses.js';
import { textTokens } from './common-checks.js';
import { addMonths, isBefore, isCalendarDate } from '../../dates.js';
import type { GdlSettings } from '../../gdl-settings.js';
import { exportedName, kindLabel } from '../../gdl-names.js';
import * as ast from '../../generated/ast.js';

/** What a quick fix needs to add a citation: the provision, as `cites` names it. */
export interface CitationFixData {
    readonly provision: string;
}

const OFFICIAL_HOST = 'www.legislation.gov.uk';

// A file's Acts, the same array while its text is the same (a changed file is parsed to a new root).
const legislationByRoot = new WeakMap<AstNode, readonly ast.Legislation[]>();
const noActs: readonly ast.Legislation[] = [];
function legislationOf(root: AstNode): readonly ast.Legislation[] {
    let acts = legislationByRoot.get(root);
    if (!acts) {
        const found = (root as Partial<ast.GdlFile>).elements?.filter(ast.isLegislation) ?? [];
        acts = found.length > 0 ? found : noActs;
        legislationByRoot.set(root, acts);
    }
    return acts;
}

/**
 * Statute citations and legal currency: prose that names a provision or an Act its section or module does not
 * cite (hints, with a quick fix), legislation addresses that are not the official text on legislation.gov.uk,
 * provisions not verified against the official text within the configured period, and sources on sites that are
 * not authorities.
 */
export class CitationChecks {
    private readonly acts: WorkspaceCache<'acts', { facts: ActFacts[]; titles: Map<string, string> }>;
    private last: { files: readonly (readonly ast.Legislation[])[]; value: { facts: ActFacts[]; titles: Map<string, string> } } | undefined;

    constructor(
        private readonly settings: GdlSettings,
        private readonly shared: LangiumSharedServices
    ) {
        this.acts = new WorkspaceCache(shared, DocumentState.IndexedContent);
    }

    /**
     * Every Act the workspace declares, as the mention finder needs them, and every provision's title; once per build,
     * and the same objects as the last build's while no file's Acts changed (the finder compiles its patterns once per list).
     */
    private declaredActs(): { facts: ActFacts[]; titles: Map<string, string> } {
        return this.acts.get('acts', () => {
            const files = this.shared.workspace.LangiumDocuments.all.map(d => legislationOf(d.parseResult.value)).toArray();
            if (this.last && this.last.files.length === files.length && this.last.files.every((f, i) => f === files[i])) {
                return this.last.value;
            }
            const acts = files.flat();
            const titles = new Map(acts.flatMap(act => act.provisions.map(p => [`${act.name}.${p.name}`, p.title] as [string, string])));
            const facts = acts.map(act => ({
                id: act.name,
                title: act.title,
                provisions: new Map(
                    act.provisions.flatMap(p => {
                        const key = provisionKeyOf(p.name, p.address);
                        return key ? [[key, p.name] as [string, string]] : [];
                    })
                )
            }));
            this.last = { files, value: { facts, titles } };
            return this.last.value;
        });
    }

    /**
     * In guidance and training, each provision or Act the text names must be cited by the section or module the text
     * belongs to (or a section above or below it, or any step of the module); reported as hints at the words.
     */
    namedLegislationShouldBeCited = (file: ast.GdlFile, accept: ValidationAcceptor): void => {
        const { facts: acts, titles } = this.declaredActs();
        if (acts.length === 0) {
            return;
        }
        for (const { leaf, text, feature } of textTokens(file)) {
            if (feature === 'notes' || feature === 'file') {
                continue;
            }
            const mentions = legislationMentions(text, acts);
            if (mentions.length === 0) {
                continue;
            }
            const scope = citingScope(leaf.astNode, titles);
            if (!scope) {
                continue;
            }
            const reported = new Set<string>();
            for (const mention of mentions) {
                this.reportUncited(leaf, mention, mentions, scope, reported, accept);
            }
        }
    };

    private reportUncited(
        leaf: LeafCstNode,
        mention: LegislationMention,
        all: readonly LegislationMention[],
        scope: CitingScope,
        reported: Set<string>,
        accept: ValidationAcceptor
    ): void {
        const range = rangeInToken(leaf, mention.start, mention.end);
        const where = { node: leaf.astNode, range };
        const words = mention.text.replace(/\s+/g, ' ');
        // A bare "section 1" in a page that cites section 1 of one of the Acts that have it means that one.
        const citedAs = (act: string) => {
            const provision = this.declaredActs()
                .facts.find(a => a.id === act)
                ?.provisions.get(mention.key ?? '');
            return provision !== undefined && scope.cited.has(`${act}.${provision}`);
        };
        if (mention.key && !mention.explicit && mention.candidates.some(citedAs)) {
            return;
        }
        // A bare section that several Acts have, in a page citing provisions of only one of them, is that one's.
        const citingActs = mention.candidates.filter(act => [...scope.cited].some(c => c.startsWith(`${act}.`)));
        const act = mention.act ?? (mention.key && citingActs.length === 1 ? citingActs[0] : undefined);
        const provision =
            mention.provision ??
            (act
                ? this.declaredActs()
                      .facts.find(a => a.id === act)
                      ?.provisions.get(mention.key!)
                : undefined);
        if (act && provision && mention.key) {
            const name = `${act}.${provision}`;
            if (!scope.cited.has(name)) {
                const title = scope.provisions.get(name) ?? '';
                const data: CitationFixData = { provision: name };
                report(accept, 'provision-named-not-cited', { words, provision: name, title, what: scope.what }, { ...where, data });
            }
        } else if (mention.act) {
            // An Act named on its own: cited when any of its provisions is, or a provision of it named in this text is reported.
            const cited = [...scope.cited].some(c => c.startsWith(`${mention.act}.`));
            const named = all.some(m => m.act === mention.act && m.provision);
            if (!cited && !named && !reported.has(mention.act)) {
                reported.add(mention.act);
                const provisions = [...scope.provisions.keys()].filter(p => p.startsWith(`${mention.act}.`));
                const title = this.declaredActs().facts.find(a => a.id === mention.act)?.title ?? mention.act;
                // No quick fix: the text may rest on a provision the workspace does not declare ("s63(3)").
                report(accept, 'act-named-not-cited', { words, title, what: scope.what, provisions: shortList(provisions) }, where);
            }
        } else if (mention.key && citingActs.length === 0) {
            const number = /(\d+[A-Z]*)/.exec(mention.text)?.[1] ?? '';
            report(accept, 'provision-named-ambiguously', { words, number, acts: mention.candidates.join(', '), what: scope.what }, where);
        }
    }

    /** An Act's address is its page on legislation.gov.uk, from its title's year and its chapter. */
    actAddressShouldBeOfficial = (node: ast.Legislation, accept: ValidationAcceptor): void => {
        if (!node.address) {
            return;
        }
        const year = actYear(node.title);
        const reason =
            officialAddressProblem(node.address, actPath(node), node.title) ??
            (year && !actPath(node) ? yearProblem(node.address, year) : undefined);
        if (reason) {
            report(
                accept,
                'legislation-address-not-official',
                { what: `${node.name}'s`, address: node.address, reason },
                { node, property: 'address' }
            );
        }
    };

    /** A provision's address is under its Act's, and a section's or schedule's points to that section or schedule. */
    provisionAddressShouldBeOfficial = (node: ast.Provision, accept: ValidationAcceptor): void => {
        if (!node.address) {
            return;
        }
        const act = node.$container;
        const base = actPath(act) ?? officialPath(act.address);
        const key = provisionKeyFromId(node.name);
        const path = base && key ? `${base}/${key.kind}/${key.number}` : base;
        const reason = officialAddressProblem(
            node.address,
            path,
            key ? `${key.kind} ${key.number} of ${act.title}` : `a provision of ${act.title}`,
            !!key
        );
        if (reason) {
            report(
                accept,
                'legislation-address-not-official',
                { what: `${exportedName(node, node.name)}'s`, address: node.address, reason },
                { node, property: 'address' }
            );
        }
    };

    /** A provision's summary stays current only while someone checks it against the official text within the configured period. */
    provisionShouldBeCurrent = (node: ast.Provision, accept: ValidationAcceptor): void => {
        const provision = exportedName(node, node.name);
        const own = node.verified !== undefined;
        const verified = node.verified ?? node.$container.verified;
        const where = own ? { node, property: 'verified' as const } : { node, property: 'name' as const };
        if (verified === undefined) {
            report(accept, 'provision-never-verified', { provision }, where);
            return;
        }
        if (!isCalendarDate(verified)) {
            return; // reported as an invalid date
        }
        const asOf = this.settings.effectiveAsOf();
        const months = this.settings.legalCurrencyMonths;
        if (isBefore(asOf, verified)) {
            report(accept, 'verified-after-as-of', { provision, verified, asOf }, where);
        } else if (isBefore(addMonths(verified, months), asOf)) {
            report(accept, 'legal-currency-lapsed', { provision, verified, months, asOf }, where);
        }
    };

    /** Web addresses in sources, addresses and text must not be on a site that is not an authority. */
    sourcesShouldBeAuthoritative = (file: ast.GdlFile, accept: ValidationAcceptor): void => {
        const sites = this.settings.nonAuthoritativeSources;
        if (sites.length === 0) {
            return;
        }
        for (const { leaf, text, feature } of textTokens(file)) {
            if (feature === 'notes') {
                continue;
            }
            for (const address of webAddressesIn(text)) {
                const host = hostOf(address.text);
                const site = host && siteOf(host, sites);
                if (site) {
                    const range = rangeInToken(leaf, address.start, address.end);
                    report(accept, 'non-authoritative-source', { address: address.text, site }, { node: leaf.astNode, range });
                }
            }
        }
    };
}

/** The item a text belongs to for citing, what it cites (with its relatives), and every declared provision's title. */
interface CitingScope {
    readonly what: string;
    readonly cited: ReadonlySet<string>;
    readonly provisions: ReadonlyMap<string, string>;
}

// A section cites for its own text with the sections above and below it; a module for all its text with all its
// steps. A guidance document's own text (its summary, its sources) is cited by any of its sections.
function citingScope(node: AstNode, provisions: ReadonlyMap<string, string>): CitingScope | undefined {
    const section = AstUtils.getContainerOfType(node, ast.isSection);
    const module = AstUtils.getContainerOfType(node, ast.isTrainingModule);
    const guidance = AstUtils.getContainerOfType(node, ast.isGuidance);
    let citers: Array<{ cites: ReadonlyArray<{ ref?: ast.Provision; $refText: string }> }>;
    let what: string;
    if (section) {
        const above: ast.Section[] = [];
        for (let s: ast.Section | ast.Guidance = section; ast.isSection(s); s = s.$container) {
            above.push(s);
        }
        citers = [...above, ...AstUtils.streamAllContents(section).filter(ast.isSection)];
        what = `section '${section.name}'`;
    } else if (module) {
        citers = [module, ...module.steps.filter(ast.isContent)];
        const content = AstUtils.getContainerOfType(node, ast.isContent);
        what = content ? `the step '${content.title}' of module '${module.name}'` : `module '${module.name}'`;
    } else if (guidance) {
        citers = AstUtils.streamAllContents(guidance).filter(ast.isSection).toArray();
        what = `${kindLabel(guidance).toLowerCase()} '${guidance.name}'`;
    } else {
        return undefined;
    }
    const cited = new Set(citers.flatMap(c => c.cites.map(r => (r.ref ? exportedName(r.ref, r.ref.name) : r.$refText))));
    return { what, cited, provisions };
}

// "ukpga/1997/40": the path of an Act on legislation.gov.uk, from its title's year and its chapter; undefined without both.
function actPath(act: ast.Legislation): string | undefined {
    const year = actYear(act.title);
    return year && act.chapter !== undefined ? `/ukpga/${year}/${act.chapter}` : undefined;
}

// The path of an address on legislation.gov.uk (its Act's part: /ukpga/1997/40), undefined for another site.
function officialPath(address: string | undefined): string | undefined {
    const match = address && /^https:\/\/www\.legislation\.gov\.uk(\/[a-z]+\/\d{4}\/\d+)(?:[/?#]|$)/.exec(address);
    return match ? match[1] : undefined;
}

function provisionKeyFromId(name: string): { kind: 'section' | 'schedule'; number: string } | undefined {
    const match = /^(?:(s)|(sch(?:edule)?))(\d+[A-Za-z]*)$/i.exec(name);
    return match ? { kind: match[1] ? 'section' : 'schedule', number: match[3]! } : undefined;
}

// Why an address is not the official text at `path` (the expected path, when known), or undefined when it is.
// Versions and formats of the same text (/enacted, /2025-01-01, /data.html, ?view=plain) are the same text.
function officialAddressProblem(address: string, path: string | undefined, what: string, exact = true): string | undefined {
    let url: URL;
    try {
        url = new URL(address);
    } catch {
        return `it is not a web address; the official text of ${what} is on legislation.gov.uk.`;
    }
    if (url.hostname !== OFFICIAL_HOST && url.hostname !== 'legislation.gov.uk') {
        return `it is on ${url.hostname}, not legislation.gov.uk${path ? `: use https://${OFFICIAL_HOST}${path}` : ''}.`;
    }
    if (url.protocol !== 'https:' || url.hostname !== OFFICIAL_HOST) {
        return `write it as https://${OFFICIAL_HOST}${path ?? url.pathname}.`;
    }
    if (!path) {
        return /^\/[a-z]+\/\d{4}\/\d+(?:\/|$)/.test(url.pathname) ? undefined : `it is not the address of an Act (/ukpga/YEAR/CHAPTER).`;
    }
    const rest = url.pathname.startsWith(path) ? url.pathname.slice(path.length) : undefined;
    const sameText = exact ? /^(?:\/(?:enacted|made|\d{4}-\d{2}-\d{2}|contents|data\.[a-z]+))*\/?$/ : /^(?:\/.*)?$/;
    if (rest === undefined || !sameText.test(rest)) {
        return `${what} is at https://${OFFICIAL_HOST}${path}.`;
    }
    return undefined;
}

// An Act without a chapter: its address must at least be of an Act of its year.
function yearProblem(address: string, year: string): string | undefined {
    const path = officialPath(address);
    return path && path.split('/')[2] !== year
        ? `the ${year} Act's address has the year ${path.split('/')[2]}; add its \`chapter\` to check the rest.`
        : undefined;
}

// At most five provisions, then how many more.
function shortList(names: readonly string[]): string {
    return names.length <= 5 ? names.join(', ') : `${names.slice(0, 5).join(', ')} and ${names.length - 5} more`;
}
