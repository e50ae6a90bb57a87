import { isOperationCancelled } from 'langium';

/**
 * Wraps an editor feature so that an exception inside it is logged and answered with an empty
 * result: one broken feature must not break the writer's editor. Cancellation still propagates,
 * since Langium uses it to abandon stale requests.
 */
export function resilient<T extends object>(feature: T, name: string, log: (message: string) => void = message => console.error(message)): T {
    const report = (method: string, error: unknown) => {
        log(`GDL ${name}.${method} failed and answered with an empty result: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
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
                            if (isOperationCancelled(error)) {
                                throw error;
                            }
                            return report(property, error);
                        });
                    }
                    return result;
                } catch (error) {
                    if (isOperationCancelled(error)) {
                        throw error;
                    }
                    return report(property, error);
                }
            };
        }
    });
}
