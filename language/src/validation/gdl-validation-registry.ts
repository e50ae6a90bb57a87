import { ValidationRegistry, type AstNode, type ValidationAcceptor, type ValidationCategory, type ValidationCheck } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';

/** A check as it was registered, and the `this` it is called with. */
export interface RegisteredCheck {
    readonly check: ValidationCheck;
    readonly thisObj: unknown;
}

// Langium's wording for a check that threw (validation-registry.js, wrapValidationException).
const CHECK_FAILED = 'An error occurred during validation';

/**
 * Langium's registry, able to run a check without wrapping it in two async functions. Langium calls each check of
 * each node through `async` wrappers (a promise and a microtask per check, even when the check is synchronous, as
 * every GDL check is): at 43 forces that was some 92,000 calls and 200,000 promises per check of the workspace.
 * {@link run} calls the check directly; an exception, or a promise a check returns, goes through Langium's own
 * handling (`handleException`), so a failing check is reported exactly as before.
 */
export class GdlValidationRegistry extends ValidationRegistry {
    private readonly registered = new WeakMap<ValidationCheck, RegisteredCheck>();
    /** The checks of each node type (and list of categories), in Langium's order: made once, dropped when a check is added. */
    private readonly byType = new Map<string, readonly RegisteredCheck[] | null>();

    protected override wrapValidationException(check: ValidationCheck, thisObj: unknown): ValidationCheck {
        const wrapped = super.wrapValidationException(check, thisObj);
        this.registered.set(wrapped, { check, thisObj });
        return wrapped;
    }

    protected override addEntry(type: string, entry: Parameters<ValidationRegistry['addEntry']>[1]): void {
        this.byType.clear();
        super.addEntry(type, entry);
    }

    /**
     * The checks for a node type, as {@link getChecks} lists them (same checks, same order), unwrapped; undefined
     * when one of them was not registered through {@link register} (then the caller uses Langium's way).
     */
    checksFor(type: string, categories?: ValidationCategory[]): readonly RegisteredCheck[] | undefined {
        const key = categories ? `${type}\u0000${categories.join(',')}` : type;
        let checks = this.byType.get(key);
        if (checks === undefined) {
            const found = this.getChecks(type, categories)
                .map(wrapped => this.registered.get(wrapped))
                .toArray();
            checks = found.every(c => c !== undefined) ? (found as RegisteredCheck[]) : null;
            this.byType.set(key, checks);
        }
        return checks ?? undefined;
    }

    /** Runs one check on a node: nothing to wait for unless the check threw or returned a promise. */
    run(registered: RegisteredCheck, node: AstNode, accept: ValidationAcceptor, cancelToken: CancellationToken): Promise<void> | undefined {
        let result: unknown;
        try {
            result = registered.check.call(registered.thisObj, node, accept, cancelToken);
        } catch (error) {
            return this.handleException(
                () => {
                    throw error;
                },
                CHECK_FAILED,
                accept,
                node
            );
        }
        return isPromiseLike(result) ? this.handleException(() => result as Promise<void>, CHECK_FAILED, accept, node) : undefined;
    }
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
    return typeof (value as PromiseLike<unknown> | undefined)?.then === 'function';
}
