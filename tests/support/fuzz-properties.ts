import { existsSync, mkdirSync, mkdtempSync, realpathSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { visit } from 'unist-util-visit';
import { checkOutputFolder, OUTPUT_MARKER } from '../../cli/build/output-folder.js';
import { UsageError } from '../../cli/errors.js';
import { safeLinkTarget } from '../../language/src/publish/link-policy.js';
import { link, paragraph, prose, root } from '../../language/src/publish/mdast-helpers.js';
import { renderMarkdown } from '../../language/src/publish/render-markdown.js';
import { hostileAddress } from './fuzz.js';

// Properties beside the check's: the link policy through the Markdown writer, and the output-folder guard on a real file system.

const allowedTarget = (url: string) => /^(https?:|mailto:)/.test(url) || (!/^[a-z][a-z0-9+.-]*:/i.test(url) && !url.startsWith('//'));

/** An address as a provision link and as a prose link and autolink: the Markdown written holds no raw HTML and no link outside the allow-list. */
export function checkLinkTarget(address: string): string | undefined {
    const target = safeLinkTarget(address);
    if (target !== undefined && (!allowedTarget(target) || /[\s<>"`\u0000-\u001f]/.test(target))) {
        return `the policy let through ${JSON.stringify(address)} as ${JSON.stringify(target)}`;
    }
    const text = address.replace(/[\r\n]/g, ' ');
    const tree: Root = root([paragraph(link(address, 'provision')), ...prose(`[prose](${text}) <${text}> [ref][r]\n\n[r]: ${text}`, 1)]);
    const markdown = renderMarkdown(tree);
    let failure: string | undefined;
    visit(fromMarkdown(markdown), node => {
        if (node.type === 'html') {
            failure = `raw HTML ${JSON.stringify((node as { value: string }).value)} from ${JSON.stringify(address)}`;
        } else if ('url' in node && typeof node.url === 'string' && !allowedTarget(node.url)) {
            failure = `link to ${JSON.stringify(node.url)} from ${JSON.stringify(address)}`;
        }
    });
    return failure;
}

export const linkArbitrary = fc.oneof(hostileAddress(), fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }));

/** A sandbox: a workspace `ws` with a source, a file of the user's, a folder of theirs, a marked earlier output, links. */
export function outputSandbox(): string {
    const base = mkdtempSync(path.join(tmpdir(), 'gdl-fuzz-out-'));
    mkdirSync(path.join(base, 'ws', 'framework'), { recursive: true });
    writeFileSync(path.join(base, 'ws', 'framework', 'f.gdl'), 'audience a "A"\n');
    writeFileSync(path.join(base, 'report.txt'), 'notes');
    mkdirSync(path.join(base, 'mine'));
    writeFileSync(path.join(base, 'mine', 'keep.txt'), 'keep');
    mkdirSync(path.join(base, 'site'));
    writeFileSync(path.join(base, 'site', OUTPUT_MARKER), 'marker');
    mkdirSync(path.join(base, 'empty'));
    symlinkSync('ws', path.join(base, 'ws-link'));
    symlinkSync('..', path.join(base, 'ws', 'up'));
    return base;
}

export const outputPathArbitrary = fc
    .array(fc.constantFrom('..', '.', 'ws', 'ws-link', 'up', 'framework', 'f.gdl', 'report.txt', 'mine', 'site', 'empty', 'new', ''), {
        minLength: 1,
        maxLength: 5
    })
    .map(parts => parts.join('/'));

/**
 * The guard either refuses the path or lets through only a new folder, an empty one or a marked one,
 * outside the workspace; and it changes nothing on disk either way.
 */
export async function checkOutputPath(sandbox: string, out: string): Promise<string | undefined> {
    const before = listing(sandbox);
    const full = path.resolve(sandbox, out);
    let accepted = true;
    try {
        await checkOutputFolder(full, [{ folder: path.join(sandbox, 'ws'), what: 'workspace' }]);
    } catch (error) {
        if (!(error instanceof UsageError)) {
            return `not a usage error for ${out}: ${String(error)}`;
        }
        accepted = false;
    }
    if (listing(sandbox) !== before) {
        return `the guard changed the sandbox for ${out}`;
    }
    if (!accepted) {
        return undefined;
    }
    const ws = realpathSync(path.join(sandbox, 'ws'));
    const real = resolveExisting(full);
    if (real === ws || real.startsWith(ws + path.sep) || ws.startsWith(real + path.sep) || real === path.parse(real).root) {
        return `accepted ${out} (${real}), which overlaps the workspace`;
    }
    try {
        const stat = statSync(real);
        if (!stat.isDirectory()) {
            return `accepted ${out}, a file`;
        }
        const entries = readdirSync(real);
        if (entries.length > 0 && !entries.includes(OUTPUT_MARKER)) {
            return `accepted ${out}, a folder with other content`;
        }
    } catch {
        /* a new folder */
    }
    return undefined;
}

// Resolves links in the part of `file` that exists; the rest is a folder still to be made.
function resolveExisting(file: string): string {
    let existing = file;
    const rest: string[] = [];
    while (!existsSync(existing) && path.dirname(existing) !== existing) {
        rest.unshift(path.basename(existing));
        existing = path.dirname(existing);
    }
    return path.join(realpathSync(existing), ...rest);
}

// Links are listed, not followed: the sandbox has a link back up to itself.
function listing(folder: string): string {
    const names: string[] = [];
    const walk = (dir: string, prefix: string) => {
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
            names.push(prefix + entry.name);
            if (entry.isDirectory()) {
                walk(path.join(dir, entry.name), `${prefix}${entry.name}/`);
            }
        }
    };
    walk(folder, '');
    return names.sort().join('\n');
}
