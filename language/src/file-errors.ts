/**
 * Why a file could not be read or written, in a reader's words, from the error Node gave: what the command line says
 * after "cannot read 'x': " or "cannot write 'x': ". An error it has no words for is given as Node words it.
 */
export function describeFileError(error: unknown, doing: 'read' | 'write'): string {
    switch ((error as NodeJS.ErrnoException).code) {
        case 'ENOENT':
            return doing === 'read' ? 'the file does not exist' : 'no such folder';
        case 'EACCES':
        case 'EPERM':
            return 'permission denied';
        case 'EISDIR':
        case 'EBUSY':
            return doing === 'read' ? 'it is a folder, not a file' : 'it is a folder: name a file';
        case 'EEXIST':
            // Met where a folder is made and a file has its name (a file's own writes do not refuse one that is there).
            return 'a file stands where a folder is needed';
        case 'ENOTDIR':
            return 'a part of the path that should be a folder is a file';
        case 'EROFS':
            return 'the disk is read-only';
        case 'ENOSPC':
            return 'the disk is full';
        default:
            return (error as Error).message;
    }
}
