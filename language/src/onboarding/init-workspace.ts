import type * as ast from '../generated/ast.js';
import { longDate } from '../dates.js';
import { gdlComment, gdlString, slugFromTitle } from './gdl-text.js';
import { isWorkspaceFolderName } from '../source-files.js';
import { append } from '../arrays.js';
import { pageNameProblem } from '../publish/page-names.js';

// `gdl init`: the files of a new force workspace, or of a force added beside others. The shared part
// (the framework, the common vocabulary, the editor settings) is copied only where the workspace has
// none; the force's part is its own folder. Nothing here touches the disk: the command writes the
// files, refusing any that exist.

export interface StarterFile {
    /** Relative to the workspace root, with forward slashes. */
    path: string;
    text: string;
}

export interface InitPlan {
    forceId: string;
    forceName: string;
    /** The force's folder, relative to the workspace root. */
    forceFolder: string;
    files: StarterFile[];
    /** Empty folders the writer fills later (guidance, training, exhibits). */
    folders: string[];
}

export interface InitInput {
    forceName: string;
    /** The date the workspace is made, YYYY-MM-DD. */
    today: string;
    /** The framework to answer, parsed from the bundled copy, and that copy's files (written only for a new workspace). */
    framework: ast.Framework;
    frameworkFiles: StarterFile[];
    /** The common vocabulary (audiences, legislation), written only where the workspace has none. */
    commonFiles: StarterFile[];
    /** What the workspace already has: a framework, common vocabulary, editor settings, a README, ids in use. */
    existing: { framework: boolean; common: boolean; vscode: boolean; readme: boolean; ids: ReadonlySet<string> };
    /** The templates of the READMEs (out-templates/new-workspace/). */
    templates: { workspaceReadme: string; forceReadme: string };
    /** The extension's id, recommended in .vscode/extensions.json. */
    extensionId: string;
}

/** The force's id: its name as a readable slug ("Kent Police" → kent-police), unique among the workspace's ids. */
export function forceIdFor(name: string, taken: ReadonlySet<string>): string {
    const base = slugFromTitle(name, 6);
    let id = base;
    // Nor a folder name the check does not read (out, dist, node_modules): the force's material would never be checked;
    // nor one no file can be named by (a force named "Con": GDL0010).
    for (
        let n = 2;
        taken.has(id) ||
        taken.has(`${id}-plan`) ||
        taken.has(`${id}-curriculum`) ||
        !isWorkspaceFolderName(id) ||
        pageNameProblem(id) !== undefined;
        n++
    ) {
        id = `${base}-${n}`;
    }
    return id;
}

/** Fills `{{name}}` placeholders; an unknown placeholder is left as written. */
export function fillTemplate(template: string, values: Record<string, string>): string {
    return template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => values[key] ?? whole);
}

/** The plan: one not-started item per recommendation made to chief constables, its deadline and text above it. */
export function starterPlan(forceId: string, forceName: string, framework: ast.Framework, today: string): string {
    const lines = [
        `// ${forceName}'s stalking action plan: its response to each recommendation of ${framework.title.split(':')[0]}`,
        `// made to chief constables. Written by \`gdl init\` on ${today}, with every item not started.`,
        '// As the work is done, give each item its status, progress, date (`updated`) and update, the evidence',
        '// requirements it `addresses`, and the guidance, training and exhibits that evidence it.',
        '',
        `plan ${forceId}-plan ${gdlString(`${forceName} stalking action plan`)} {`,
        `    force ${gdlString(forceName)}`,
        `    responds-to ${framework.name}`
    ];
    for (const recommendation of framework.recommendations.filter(r => r.recipients.includes('chief-constables'))) {
        const deadlines = recommendation.deadlines.map(d => `${longDate(d.date)}${d.label ? ` (${d.label})` : ''}`);
        lines.push('');
        lines.push(
            `    // Recommendation ${recommendation.name}. ${deadlines.length === 1 ? 'Deadline' : 'Deadlines'}: ${deadlines.join('; ') || 'none given'}.`
        );
        if (recommendation.text) {
            append(lines, gdlComment(`"${recommendation.text}"`, 4));
        }
        lines.push(`    item ${recommendation.name} {`, '        status not-started', '        progress 0%', '    }');
    }
    lines.push('}', '');
    return lines.join('\n');
}

/** Everything `gdl init` writes for `input`. */
export function planInit(input: InitInput): InitPlan {
    const forceId = forceIdFor(input.forceName, input.existing.ids);
    const forceFolder = forceId;
    const files: StarterFile[] = [];
    const values = { force: input.forceName, forceId, folder: forceFolder, date: input.today, framework: input.framework.name };
    if (!input.existing.readme) {
        files.push({ path: 'README.md', text: fillTemplate(input.templates.workspaceReadme, values) });
    }
    if (!input.existing.vscode) {
        files.push({
            path: '.vscode/extensions.json',
            text: JSON.stringify({ recommendations: [input.extensionId] }, null, 4) + '\n'
        });
        files.push({
            path: '.vscode/settings.json',
            text:
                JSON.stringify(
                    {
                        'files.associations': { '*.gdl': 'gdl' },
                        '[gdl]': { 'editor.tabSize': 4, 'editor.insertSpaces': true, 'editor.detectIndentation': false },
                        'files.exclude': { '**/*-published': true }
                    },
                    null,
                    4
                ) + '\n'
        });
    }
    if (!input.existing.framework) {
        append(files, input.frameworkFiles);
    }
    if (!input.existing.common) {
        append(files, input.commonFiles);
    }
    files.push({
        path: `${forceFolder}/force.gdl`,
        text: [
            `// ${input.forceName}: this folder, and everything below it, is the force's guidance, training, plan and exhibits.`,
            '',
            `force ${forceId} ${gdlString(input.forceName)}`,
            ''
        ].join('\n')
    });
    files.push({ path: `${forceFolder}/action-plan.gdl`, text: starterPlan(forceId, input.forceName, input.framework, input.today) });
    files.push({
        path: `${forceFolder}/curriculum.gdl`,
        text: [
            `// The learning outcomes ${input.forceName}'s stalking training must meet. Add an \`outcome\` for each, then map`,
            "// the modules' learning outcomes to them (`maps`).",
            '',
            `curriculum ${forceId}-curriculum ${gdlString(`${input.forceName} stalking training outcomes`)} {`,
            '}',
            ''
        ].join('\n')
    });
    files.push({ path: `${forceFolder}/README.md`, text: fillTemplate(input.templates.forceReadme, values) });
    return {
        forceId,
        forceName: input.forceName,
        forceFolder,
        files,
        folders: [`${forceFolder}/guidance`, `${forceFolder}/training`, `${forceFolder}/exhibits`]
    };
}
