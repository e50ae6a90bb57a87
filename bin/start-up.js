// Runs the bundled CLI (one CommonJS file) as Node's own loader would, but compiled with V8's code cache: the
// functions a command compiled the last time it ran are taken from the cache instead of being parsed and compiled
// again (about a third of a small check's time). One cache per command (check, coverage, build, …), in the temporary
// folder, named after the bundle's path, size and time; V8 itself rejects a cache made from other code or by another
// version of Node, and a cache that cannot be read or written is simply not used.
import { lstatSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import Module from 'node:module';
import { tmpdir, userInfo } from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';

function cacheFile(bundle) {
    try {
        const stat = statSync(bundle);
        const command = /^[a-z-]{1,20}$/.test(process.argv[2] ?? '') ? process.argv[2] : 'other';
        const key = createHash('sha256')
            .update(`${bundle}\0${stat.size}\0${stat.mtimeMs}\0${process.version}\0${process.arch}`)
            .digest('hex')
            .slice(0, 16);
        const folder = path.join(tmpdir(), `gdl-code-cache-${userInfo().uid}`);
        return { folder, file: path.join(folder, `${key}-${command}.bin`) };
    } catch {
        return undefined;
    }
}

/**
 * Whether the cache folder is this user's own: a folder (not a link), owned by the user, that nobody else can write.
 * It is in the shared temporary folder, and V8 runs what a code cache holds: a folder someone else made, or could
 * write to, is never read from or written to.
 */
function ownFolder(folder) {
    try {
        const stat = lstatSync(folder);
        const uid = typeof process.getuid === 'function' ? process.getuid() : stat.uid;
        return stat.isDirectory() && !stat.isSymbolicLink() && stat.uid === uid && (stat.mode & 0o022) === 0;
    } catch {
        return false;
    }
}

/** Loads and runs the CommonJS bundle `bundle` as the main module, with V8's code cache when there is one. */
export function runBundle(bundle) {
    const source = readFileSync(bundle, 'utf8');
    const cache = process.env.GDL_NO_CODE_CACHE === '1' ? undefined : cacheFile(bundle);
    let cachedData;
    try {
        cachedData = cache && ownFolder(cache.folder) ? readFileSync(cache.file) : undefined;
    } catch {
        cachedData = undefined;
    }
    const script = new vm.Script(Module.wrap(source), {
        filename: bundle,
        cachedData,
        importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER
    });
    if (cache && (!cachedData || script.cachedDataRejected)) {
        // Written once the command has run, so that it holds every function the command compiled.
        process.once('exit', () => {
            try {
                mkdirSync(cache.folder, { recursive: true, mode: 0o700 });
                if (!ownFolder(cache.folder)) {
                    return;
                }
                const temporary = `${cache.file}.${process.pid}`;
                writeFileSync(temporary, script.createCachedData());
                renameSync(temporary, cache.file);
            } catch {
                // No cache this time; the command's own outcome stands.
            }
        });
    }
    const module = new Module(bundle, undefined);
    module.filename = bundle;
    module.paths = Module._nodeModulePaths(path.dirname(bundle));
    const require = id => module.require(id);
    require.resolve = (request, options) => Module._resolveFilename(request, module, false, options);
    require.main = module;
    require.cache = Module._cache;
    script.runInThisContext()(module.exports, require, module, bundle, path.dirname(bundle));
}
