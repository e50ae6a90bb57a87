import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import JSZip from 'jszip';

// A stand-in learning platform for the package tests: a tiny HTTP server that serves the packages'
// files as a platform would after import, scorm-again for the SCORM API, a host page per SCORM version
// that provides the API and loads the package in an iframe, and, for cmi5, the fetch URL and a minimal
// LRS (statements and the state API) that records what the AU sends.

const types: Record<string, string> = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.xml': 'application/xml',
    '.svg': 'image/svg+xml',
    '.png': 'image/png',
    '.woff': 'font/woff',
    '.woff2': 'font/woff2',
    '.ico': 'image/x-icon'
};

export interface Statement {
    verb: { id: string };
    actor: unknown;
    object: { id: string };
    result?: {
        success?: boolean;
        completion?: boolean;
        score?: { scaled?: number; raw?: number; min?: number; max?: number };
        duration?: string;
    };
    context: {
        registration?: string;
        contextActivities?: { category?: Array<{ id: string }> };
        extensions?: Record<string, unknown>;
    };
}

export interface Host {
    url: string;
    /** The statements the LRS received, in order, and the Authorization header each came with. */
    statements: Array<{ statement: Statement; authorization: string | undefined }>;
    /** The LMS.LaunchData document the state API returns (cmi5). */
    launchData: Record<string, unknown>;
    /** The auth token the fetch URL hands out; the LRS accepts only it. */
    token: string;
    close(): Promise<void>;
}

// The UMD builds in dist/, which define the global Scorm12API and Scorm2004API constructors.
const scormAgain = path.dirname(createRequire(import.meta.url).resolve('scorm-again/scorm12'));

const hostPage = (script: string, api: string) => `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Test platform</title>
<script src="/scorm-again/${script}"></script>
<script>${api}</script></head>
<body><iframe id="sco" title="course" style="width:100%;height:90vh" src="about:blank"></iframe></body></html>`;

/** Unzips each package into `/packages/<kind>/…` and starts the server on a free local port. */
export async function startHost(packages: Record<string, Buffer>): Promise<Host> {
    const files = new Map<string, Buffer>();
    for (const [kind, zip] of Object.entries(packages)) {
        const archive = await JSZip.loadAsync(zip);
        for (const entry of Object.values(archive.files).filter(f => !f.dir)) {
            files.set(`/packages/${kind}/${entry.name}`, await entry.async('nodebuffer'));
        }
    }
    for (const script of ['scorm12.js', 'scorm2004.js']) {
        files.set(`/scorm-again/${script}`, readFileSync(path.join(scormAgain, script)));
    }
    files.set(
        '/host/scorm12.html',
        Buffer.from(hostPage('scorm12.js', 'window.API = new Scorm12API({ logLevel: 5, lmsCommitUrl: false, autocommit: false });'))
    );
    files.set(
        '/host/scorm2004.html',
        Buffer.from(
            hostPage('scorm2004.js', 'window.API_1484_11 = new Scorm2004API({ logLevel: 5, lmsCommitUrl: false, autocommit: false });')
        )
    );
    const host: Omit<Host, 'url' | 'close'> = {
        statements: [],
        launchData: {},
        token: Buffer.from('learner:session-secret').toString('base64')
    };
    // The AU's own state documents, by registration, activity and state id (the LRS's document store).
    const states = new Map<string, string>();
    const server: Server = createServer(async (request, response) => {
        const url = new URL(request.url ?? '/', 'http://localhost');
        const send = (status: number, body: string | Buffer, type = 'application/json') => {
            response.writeHead(status, { 'Content-Type': type });
            response.end(body);
        };
        if (url.pathname === '/cmi5/fetch' && request.method === 'POST') {
            return send(200, JSON.stringify({ 'auth-token': host.token }));
        }
        if (url.pathname.startsWith('/lrs/')) {
            const authorization = request.headers.authorization;
            if (authorization !== `Basic ${host.token}` || request.headers['x-experience-api-version'] === undefined) {
                return send(401, JSON.stringify({ error: 'not authorised' }));
            }
            if (url.pathname === '/lrs/activities/state') {
                const stateId = url.searchParams.get('stateId') ?? '';
                const key = `${url.searchParams.get('registration')} ${url.searchParams.get('activityId')} ${stateId}`;
                if (request.method === 'GET' && stateId === 'LMS.LaunchData') {
                    return send(200, JSON.stringify(host.launchData));
                }
                if (request.method === 'GET') {
                    const saved = states.get(key);
                    return saved === undefined ? send(404, '{}') : send(200, saved);
                }
                if (request.method === 'PUT' && stateId !== 'LMS.LaunchData') {
                    states.set(key, await body(request));
                    return send(204, '');
                }
            }
            if (url.pathname === '/lrs/statements' && request.method === 'POST') {
                const statement = JSON.parse(await body(request)) as Statement;
                host.statements.push({ statement, authorization });
                return send(200, JSON.stringify([crypto.randomUUID()]));
            }
            return send(404, '{}');
        }
        const file = files.get(url.pathname);
        return file
            ? send(200, file, types[path.extname(url.pathname)] ?? 'application/octet-stream')
            : send(404, 'not found', 'text/plain');
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return {
        ...host,
        get launchData() {
            return host.launchData;
        },
        set launchData(value) {
            host.launchData = value;
        },
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise(resolve => server.close(() => resolve()))
    };
}

function body(request: IncomingMessage): Promise<string> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        request.on('data', chunk => chunks.push(chunk as Buffer));
        request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        request.on('error', reject);
    });
}
