import { isOperationCancelled } from 'langium';
import { ResponseError } from 'vscode-languageserver';

/**
 * Wraps an editor feature so that an exception inside it is logged and answered with an empty
 * result: one broken feature must not break the writer's editor. Cancellation still propagates,
 * since Langium uses it to abandon stale requests, and so does a ResponseError a provider throws on
 * purpose: a refusal the writer is meant to read (a rename that is not allowed).
 *
 * Langium (4.1) does not do this. Its request handlers (`createRequestHandler` for hover,
 * completion, code actions, symbols, definition, references, rename, folding and formatting;
 * `createServerRequestHandler` for code lens and semantic tokens, in lsp/language-server.js) catch a
 * provider's exception only to pass it to `responseError`, which turns cancellation into
 * RequestCancelled, returns a ResponseError as it is, and rethrows anything else. vscode-jsonrpc then
 * answers the request with an error response, InternalError (-32603) "Request textDocument/hover
 * failed with message: …", and vscode-languageclient's `handleFailedRequest` logs it and, since
 * `revealOutputChannelOn` defaults to Error, shows the writer an error popup — on every hover or
 * keystroke while the fault lasts. Here the writer gets no answer (null) and the log gets the stack.
 *
 * A Proxy rather than subclasses: one wrapper covers every method of every provider, GDL's and
 * Langium's defaults alike, including methods a later Langium adds, with nothing to keep in step.
 * It wraps only calls from outside; the provider's calls to its own methods go to the unwrapped
 * object, so a fault is reported once, by the method Langium called.
 */
export function resilient<T extends object>(
    feature: T,
    name: string,
    log: (message: string) => void = message => console.error(message)
): T {
    const report = (method: string, error: unknown) => {
        log(
            `GDL ${name}.${method} failed and answered with an empty result: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`
        );
        return undefined;
    };
    return new Proxy(feature, {
        get(target, property, receiver) {
            const value: unknown = Reflect.get(target, property, receiver);
            if (typeof value !== 'function' || typeof property !== 'string') {
                return value;
            }
            return (...args: unknown[]) => {
                try {
                    const result: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
                    if (result instanceof Promise) {
                        return result.catch((error: unknown) => {
                            if (isOperationCancelled(error) || error instanceof ResponseError) {
                                throw error;
                            }
                            return report(property, error);
                        });
                    }
                    return result;
                } catch (error) {
                    if (isOperationCancelled(error) || error instanceof ResponseError) {
                        throw error;
                    }
                    return report(property, error);
                }
            };
        }
    });
}
