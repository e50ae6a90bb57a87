import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import JSZip from 'jszip';
import { validateXML, type XMLFileInfo } from 'xmllint-wasm';
import { beforeAll, describe, expect, test } from 'vitest';
import { filesBelow } from './support/files.js';

// Every manifest `gdl build --lms` writes, validated as a platform's importer would: against the
// official IMS and ADL schemas (SCORM 1.2, SCORM 2004 4th edition) and the cmi5 course structure
// schema, vendored in tests/fixtures/lms-schemas/ with their notices. Then the command's bad input.

const repo = path.resolve(import.meta.dirname, '..');
const fixture = path.join(repo, 'tests/fixtures/lms/input');
const schemas = path.join(repo, 'tests/fixtures/lms-schemas');

function gdl(...args: string[]) {
    return spawnSync(process.execPath, [path.join(repo, 'bin/gdl.js'), ...args], { cwd: repo, encoding: 'utf8' });
}

const schemaFiles = (folder: string): XMLFileInfo[] =>
    readdirSync(path.join(schemas, folder))
        .filter(f => /\.(xsd|dtd)$/.test(f))
        .map(f => ({ fileName: f, contents: readFileSync(path.join(schemas, folder, f), 'utf8') }));

// A manifest mixes namespaces (IMS CP, ADL CP, IMS SS…); xmllint takes one schema, so a driver imports each.
const driver = (imports: Array<[string, string]>): XMLFileInfo => ({
    fileName: 'driver.xsd',
    contents: `<?xml version="1.0"?>\n<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">${imports
        .map(([ns, file]) => `<xs:import namespace="${ns}" schemaLocation="${file}"/>`)
        .join('')}</xs:schema>`
});

const platforms = {
    scorm12: {
        manifest: 'imsmanifest.xml',
        schema: driver([
            ['http://www.imsproject.org/xsd/imscp_rootv1p1p2', 'imscp_rootv1p1p2.xsd'],
            ['http://www.adlnet.org/xsd/adlcp_rootv1p2', 'adlcp_rootv1p2.xsd']
        ]),
        preload: schemaFiles('scorm12')
    },
    scorm2004: {
        manifest: 'imsmanifest.xml',
        schema: driver([
            ['http://www.imsglobal.org/xsd/imscp_v1p1', 'imscp_v1p1.xsd'],
            ['http://www.adlnet.org/xsd/adlcp_v1p3', 'adlcp_v1p3.xsd'],
            ['http://www.adlnet.org/xsd/adlseq_v1p3', 'adlseq_v1p3.xsd'],
            ['http://www.adlnet.org/xsd/adlnav_v1p3', 'adlnav_v1p3.xsd'],
            ['http://www.imsglobal.org/xsd/imsss', 'imsss_v1p0.xsd']
        ]),
        preload: schemaFiles('scorm2004')
    },
    cmi5: { manifest: 'cmi5.xml', schema: schemaFiles('cmi5')[0]!, preload: [] }
} as const;

async function validate(kind: keyof typeof platforms, xml: string) {
    const platform = platforms[kind];
    const result = await validateXML({
        xml: [{ fileName: platform.manifest, contents: xml }],
        schema: [platform.schema],
        preload: [...platform.preload]
    });
    return result.errors.map(e => e.rawMessage);
}

describe('learning-platform manifests and the --lms option', () => {
    let site: string;
    const manifest = async (kind: keyof typeof platforms, pack = 'CP') =>
        (await JSZip.loadAsync(readFileSync(path.join(site, 'lms', `${pack}.${kind}.zip`))))
            .file(platforms[kind].manifest)!
            .async('string');

    beforeAll(() => {
        site = path.join(mkdtempSync(path.join(tmpdir(), 'gdl-lms-xsd-')), 'site');
        const result = gdl('build', fixture, '--out', site, '--lms', 'scorm12,scorm2004,cmi5', '--quiet');
        expect(result.status, result.stdout + result.stderr).toBe(0);
    });

    // CP has one module (a mastery score in the manifest); CP2 two with different pass marks (none).
    test.each([
        ['scorm12', 'CP'],
        ['scorm2004', 'CP'],
        ['cmi5', 'CP'],
        ['scorm12', 'CP2'],
        ['scorm2004', 'CP2'],
        ['cmi5', 'CP2']
    ] as const)('the %s manifest of %s is valid against the official schemas', async (kind, pack) => {
        expect(await validate(kind, await manifest(kind, pack))).toEqual([]);
    });

    test('the validator does reject what the schemas forbid (a SCO type, a moveOn criterion)', async () => {
        expect(
            (await validate('scorm2004', (await manifest('scorm2004')).replace('scormType="sco"', 'scormType="lesson"'))).join('\n')
        ).toMatch(/scormType.*lesson/);
        expect((await validate('scorm12', (await manifest('scorm12')).replace('<title>', '<titel>'))).length).toBeGreaterThan(0);
        expect((await validate('cmi5', (await manifest('cmi5')).replace('CompletedAndPassed', 'Whenever'))).join('\n')).toMatch(/Whenever/);
    });

    test('an unknown platform is refused with a clear message, exit code 2, no stack trace, nothing written', () => {
        const out = path.join(mkdtempSync(path.join(tmpdir(), 'gdl-lms-bad-')), 'site');
        const result = gdl('build', fixture, '--out', out, '--lms', 'scorm2004,moodle');
        expect(result.status).toBe(2);
        expect(result.stderr).toContain("'moodle' is not a learning platform gdl can package for; use scorm12, scorm2004, cmi5");
        expect(result.stderr).not.toMatch(/\n\s+at /);
        expect(() => readdirSync(out)).toThrow();
    });

    test('a package build that fails (its runtime template missing) leaves the earlier output exactly as it was', () => {
        const templates = path.join(mkdtempSync(path.join(tmpdir(), 'gdl-lms-templates-')), 'templates');
        cpSync(path.join(repo, 'out-templates'), templates, { recursive: true });
        rmSync(path.join(templates, 'lms', 'cmi5.js'));
        const before = new Map(filesBelow(site).map(f => [f, readFileSync(path.join(site, f))]));
        const result = gdl('build', fixture, '--out', site, '--lms', 'cmi5', '--templates', templates);
        expect(result.status).toBe(2);
        expect(result.stdout + result.stderr).toMatch(/cmi5\.js is missing/);
        expect(result.stderr).not.toMatch(/\n\s+at /);
        const after = new Map(filesBelow(site).map(f => [f, readFileSync(path.join(site, f))]));
        expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
        for (const [file, content] of before) {
            expect(after.get(file)!.equals(content), file).toBe(true);
        }
    });

    test('question banks are built without --lms, for every module', () => {
        const out = path.join(mkdtempSync(path.join(tmpdir(), 'gdl-lms-banks-')), 'site');
        expect(gdl('build', fixture, '--out', out, '--quiet').status).toBe(0);
        const files = filesBelow(out);
        expect(files.filter(f => f.startsWith('banks/')).sort()).toEqual([
            'banks/M.gift.txt',
            'banks/M.xml',
            'banks/M2.gift.txt',
            'banks/M2.xml'
        ]);
        expect(files.some(f => f.startsWith('lms/'))).toBe(false);
    });
});
