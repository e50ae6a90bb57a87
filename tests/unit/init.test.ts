import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, existsSync, cpSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkCommand } from '../../cli/check-command.js';
import { UsageError } from '../../cli/errors.js';
import { initCommand } from '../../cli/init-command.js';
import { filesBelow } from '../support/files.js';
import { repo } from '../support/in-process.js';

// `gdl init` in-process, as a force's stalking lead starts: a workspace whose check is honest from the
// first minute, a second force added beside the first, and every refusal leaving the disk untouched.
// tests/onboarding.test.ts runs the built CLI.

const TODAY = '2026-11-26';

function fresh(): string {
    return mkdtempSync(path.join(tmpdir(), 'gdl-init-'));
}

async function init(folder: string, force: string, add = false): Promise<string[]> {
    const lines: string[] = [];
    const code = await initCommand(folder, { force, add, today: TODAY }, line => lines.push(line));
    expect(code).toBe(0);
    return lines;
}

async function check(folder: string, force?: string): Promise<{ code: number; lines: string[] }> {
    const lines: string[] = [];
    const code = await checkCommand(folder, { asOf: TODAY, force }, line => lines.push(line));
    return { code, lines };
}

describe('gdl init', () => {
    test('a new force workspace: the verbatim framework, the vocabulary, a plan item per recommendation to chief constables, editor settings, a README', async () => {
        const kent = path.join(fresh(), 'kent');
        const said = await init(kent, 'Kent Police');
        expect(said[0]).toContain('Created Kent Police (force kent-police)');
        const files = filesBelow(kent).sort();
        expect(files).toEqual(
            [
                '.vscode/extensions.json',
                '.vscode/settings.json',
                'README.md',
                'common/audiences.gdl',
                'common/legislation.gdl',
                'framework/super-complaint-2024.gdl',
                'kent-police/README.md',
                'kent-police/action-plan.gdl',
                'kent-police/curriculum.gdl',
                'kent-police/force.gdl'
            ].sort()
        );
        // The same report, word for word, as the bundled guidance checks and publishes.
        expect(readFileSync(path.join(kent, 'framework/super-complaint-2024.gdl'), 'utf8')).toBe(
            readFileSync(path.join(repo, 'guidance/framework/super-complaint-2024.gdl'), 'utf8')
        );
        expect(readdirSync(path.join(kent, 'kent-police')).sort()).toEqual(
            ['README.md', 'action-plan.gdl', 'curriculum.gdl', 'exhibits', 'force.gdl', 'guidance', 'training'].sort()
        );
        const plan = readFileSync(path.join(kent, 'kent-police/action-plan.gdl'), 'utf8');
        const items = [...plan.matchAll(/^ {4}item (\d+) \{\n {8}status not-started\n/gm)].map(m => m[1]);
        expect(items).toEqual(['7', '10', '11', '12', '13', '14', '16', '17', '18', '20', '22', '23', '25', '27', '28']);
        expect(plan).toContain('    // Recommendation 7. Deadline: 27 March 2025.');
        expect(plan).toContain(
            '    // Recommendation 28. Deadlines: 22 November 2024 (publish the action plan); 27 March 2025 (progress update to the NPCC).'
        );
        expect(plan).toContain('    force "Kent Police"');
        expect(JSON.parse(readFileSync(path.join(kent, '.vscode/extensions.json'), 'utf8'))).toEqual({
            recommendations: ['gdl-project.gdl-stalking-guidance']
        });
        const extension = JSON.parse(readFileSync(path.join(repo, 'extension/package.json'), 'utf8')) as {
            publisher: string;
            name: string;
        };
        expect(`${extension.publisher}.${extension.name}`).toBe('gdl-project.gdl-stalking-guidance');
        const settings = JSON.parse(readFileSync(path.join(kent, '.vscode/settings.json'), 'utf8')) as Record<string, unknown>;
        expect(settings['files.associations']).toEqual({ '*.gdl': 'gdl' });
        const readme = readFileSync(path.join(kent, 'kent-police/README.md'), 'utf8');
        expect(readme).toMatch(/^# Kent Police\n/);
        expect(readme).toContain('gdl import "Stalking guidance.docx" --into kent-police/guidance');
        expect(readme).not.toMatch(/\{\{\w+\}\}/);
    });

    test('the check of a new workspace fails honestly: all 39 requirements listed as not covered, and nothing else wrong', async () => {
        const kent = path.join(fresh(), 'kent');
        await init(kent, 'Kent Police');
        const { code, lines } = await check(kent);
        expect(code).toBe(1);
        expect(lines).toContain('Kent Police, not covered (39):');
        expect(lines.filter(l => /^ {2}\d+\.\d+ {2}\(/.test(l))).toHaveLength(39);
        expect(lines.join('\n')).toContain('Coverage for Kent Police: 0/39 evidence requirements covered (0.0%)');
        // No error but the gaps: the new files are well formed.
        expect(lines.filter(l => / error GDL/.test(l) && !/GDL0201/.test(l))).toEqual([]);
    });

    test('a second force is added beside the first, and each force has its own coverage', async () => {
        const root = path.join(fresh(), 'south-east');
        await init(root, 'Kent Police');
        const before = readFileSync(path.join(root, 'framework/super-complaint-2024.gdl'), 'utf8');
        const said = await init(root, 'Surrey Police', true);
        expect(said[0]).toContain('Added Surrey Police (force surrey-police)');
        // Only the new force's folder: the shared files are not written twice.
        expect(said.filter(l => l.startsWith('  ')).map(l => l.trim())).toEqual([
            'surrey-police/force.gdl',
            'surrey-police/action-plan.gdl',
            'surrey-police/curriculum.gdl',
            'surrey-police/README.md'
        ]);
        expect(readFileSync(path.join(root, 'framework/super-complaint-2024.gdl'), 'utf8')).toBe(before);
        const { code, lines } = await check(root);
        expect(code).toBe(1);
        expect(lines.join('\n')).toContain('Forces: 2 (Kent Police, Surrey Police)');
        expect(lines.filter(l => / error GDL/.test(l) && !/GDL0201/.test(l))).toEqual([]);
        expect((await check(root, 'surrey-police')).lines.join('\n')).toContain('Coverage for Surrey Police: 0/39');
    });

    test('a force name the check would refuse is refused before anything is written; a very long one gives a short id', async () => {
        // Before: "Kent TODO Police" and "../../etc" made workspaces whose first check had errors (a drafting note, a
        // path) on the name, and a name of 300 letters an id no file could be named by (ENAMETOOLONG, half written).
        for (const [force, why] of [
            ['Kent TODO Police', "'TODO' reads as a drafting note"],
            ['../../etc', "'../../etc' reads as a path to a file"]
        ]) {
            const folder = path.join(fresh(), 'ws');
            await expect(initCommand(folder, { force: force!, today: TODAY }, () => {})).rejects.toThrow(why);
            expect(existsSync(folder)).toBe(false);
        }
        // A force named as a Windows device would get an id no page can be named by (GDL0010): it gets another.
        const con = path.join(fresh(), 'ws');
        await init(con, 'Con');
        expect(readdirSync(con)).toContain('con-2');
        expect((await check(con, 'con-2')).lines.join('\n')).not.toMatch(/ error GDL(?!0201)/);
        const root = path.join(fresh(), 'ws');
        await init(root, 'Ä'.repeat(300));
        const forceFolder = readdirSync(root).find(name => name.startsWith('a'))!;
        expect(forceFolder).toBe('a'.repeat(60));
        expect((await check(root, forceFolder)).lines.join('\n')).not.toMatch(/ error GDL(?!0201)/);
    });

    test('refuses a folder that is not empty unless told to add, and never overwrites a file', async () => {
        const folder = fresh();
        writeFileSync(path.join(folder, 'notes.txt'), 'mine');
        await expect(initCommand(folder, { force: 'Kent Police', today: TODAY }, () => {})).rejects.toThrow(
            /is not empty\. To add Kent Police to the workspace in it, run: gdl init .* --force "Kent Police" --add/
        );
        expect(readdirSync(folder)).toEqual(['notes.txt']);

        // The same force twice: its folder's files exist, so nothing at all is written.
        const root = path.join(fresh(), 'ws');
        await init(root, 'Kent Police');
        const listing = filesBelow(root).sort();
        const plan = readFileSync(path.join(root, 'kent-police/action-plan.gdl'), 'utf8');
        writeFileSync(path.join(root, 'kent-police/action-plan.gdl'), plan + '// my edit\n');
        await expect(initCommand(root, { force: 'Kent-Police', add: true, today: TODAY }, () => {})).resolves.toBe(0);
        expect(readFileSync(path.join(root, 'kent-police/action-plan.gdl'), 'utf8')).toBe(plan + '// my edit\n');
        expect(filesBelow(root).length).toBe(listing.length + 4); // a second force, kent-police-2
    });

    test('refuses to add a force to a workspace whose material belongs to no declared force, naming a file and the fix', async () => {
        const root = fresh();
        cpSync(path.join(repo, 'guidance'), root, { recursive: true });
        // The bundled guidance without its forces' declarations: its material belongs to no declared force.
        for (const file of filesBelow(root).filter(f => path.basename(f) === 'force.gdl')) {
            rmSync(path.join(root, file), { force: true });
        }
        const before = filesBelow(root).length;
        await expect(initCommand(root, { force: 'Kent Police', add: true, today: TODAY }, () => {})).rejects.toThrow(
            /declares no force \(for example .*\.gdl\).*add force\.gdl with the line force <id> "<Name of the force>"/
        );
        expect(filesBelow(root).length).toBe(before);
        expect(existsSync(path.join(root, 'kent-police'))).toBe(false);
    });

    test('a force name it cannot use is a usage error; a folder that is a file too', async () => {
        const folder = fresh();
        await expect(initCommand(path.join(folder, 'x'), { force: '  ', today: TODAY }, () => {})).rejects.toThrow(UsageError);
        await expect(initCommand(path.join(folder, 'x'), { force: 'Kent "Police"', today: TODAY }, () => {})).rejects.toThrow(
            /without quotes/
        );
        mkdirSync(path.join(folder, 'd'));
        writeFileSync(path.join(folder, 'd/file'), '');
        await expect(initCommand(path.join(folder, 'd/file'), { force: 'Kent Police', today: TODAY }, () => {})).rejects.toThrow(
            /is a file/
        );
    });

    test('refuses a workspace inside a workspace, a force already there, and a name with nothing to name it by', async () => {
        const root = path.join(fresh(), 'ws');
        await init(root, 'Kent Police');
        const listing = filesBelow(root).sort();
        await expect(
            initCommand(path.join(root, 'kent-police/guidance/sub'), { force: 'Essex Police', today: TODAY }, () => {})
        ).rejects.toThrow(/is inside the workspace '.*ws'\. To add Essex Police to it, run: gdl init .*ws --force "Essex Police" --add/);
        await expect(initCommand(root, { force: 'kent police', add: true, today: TODAY }, () => {})).rejects.toThrow(
            /Kent Police is already in '.*' \(force kent-police\); nothing written/
        );
        await expect(initCommand(path.join(fresh(), 'x'), { force: '!!!', today: TODAY }, () => {})).rejects.toThrow(
            /needs the force's name/
        );
        expect(filesBelow(root).sort()).toEqual(listing);
    });

    test("a force named like a shared folder (Common, Framework) gets a folder of its own, not the vocabulary's", async () => {
        const root = path.join(fresh(), 'ws');
        await init(root, 'Kent Police');
        const said = await init(root, 'Common', true);
        expect(said[0]).toContain('Added Common (force common-2)');
        expect(existsSync(path.join(root, 'common/force.gdl'))).toBe(false);
        const { lines } = await check(root, 'kent-police');
        // Kent's check still reads the shared vocabulary: it belongs to no force.
        expect(lines.filter(l => / error GDL/.test(l) && !/GDL0201/.test(l))).toEqual([]);
        expect(lines.at(-1)).toMatch(/^6 files checked/); // the framework, the vocabulary's two and Kent's three
    });

    test('a force named like a folder the check does not read (Out, Dist) gets a folder it reads: its material is checked', async () => {
        const root = path.join(fresh(), 'ws');
        await init(root, 'Kent Police');
        for (const [name, id] of [
            ['Out', 'out-2'],
            ['Dist', 'dist-2']
        ]) {
            const said = await init(root, name!, true);
            expect(said[0]).toContain(`Added ${name} (force ${id})`);
            const { lines } = await check(root, id);
            // Its own plan's 39 requirements are listed as not covered: its files were read.
            expect(lines.filter(l => / GDL0201 /.test(l)).length, name).toBeGreaterThan(0);
            expect(lines.join('\n'), name).not.toMatch(/unknown force|no force/i);
        }
    });
});
