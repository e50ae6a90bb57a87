/** How many characters of text a memo remembers before it starts again: about 8 MB of strings, whatever the workspace. */
const DEFAULT_LIMIT = 4_000_000;

/**
 * What a pure function of a text answered, remembered by the text. Each build validates texts it validated before:
 * the sections of an edited file that did not change, and every text of a file rebuilt only because another file
 * changed (a framework, a plan). Their answers are the same, so they are looked up instead of searched for again.
 *
 * The answer is computed from the memo's own copy of the text, never from the caller's: a string cut out of a file's
 * text keeps that whole text alive, and a memo holding one for each version of a file being edited would hold every
 * version. Past `limit` characters it starts again, so memory stays bounded. Answers are shared: never change one.
 */
export class TextMemo<T> {
    /**
     * Whether memos remember at all: only a process that validates the same texts build after build (the language
     * server) gains from it. A command builds once: every text is new, and remembering it cost more than the search it
     * saves (hashing and copying each text, and the copies' weight in the heap: a tenth of `gdl check` at 43 forces).
     */
    private static remembering = false;

    /** From now on, every memo of this process remembers (the language server, at start). */
    static rememberAcrossBuilds(): void {
        TextMemo.remembering = true;
    }

    /**
     * Every memo alive, held weakly, for {@link TextMemo.forgetAll}: a memo of a list of Acts goes with the list, and its
     * entry here with it (the language server makes one each time a file's Acts change).
     */
    private static readonly made = new Set<WeakRef<TextMemo<unknown>>>();
    private static readonly gone = new FinalizationRegistry<WeakRef<TextMemo<unknown>>>(ref => TextMemo.made.delete(ref));

    /** How many memos {@link TextMemo.forgetAll} would reach: those alive, and those collected whose entry is not yet let go. */
    static get tracked(): number {
        return TextMemo.made.size;
    }

    /**
     * Every memo of the process forgets what it remembered. For the language server's heap test only: the memos are
     * bounded by design, so the memory they hold grows with how many distinct texts the builds that finished happened to
     * see (a matter of speed), up to their limit; the test measures what is left besides them.
     */
    static forgetAll(): void {
        for (const ref of TextMemo.made) {
            const memo = ref.deref();
            if (memo) {
                memo.known.clear();
                memo.size = 0;
            }
        }
    }

    private readonly known = new Map<string, T>();
    private size = 0;

    constructor(
        private readonly compute: (text: string) => T,
        private readonly limit = DEFAULT_LIMIT
    ) {
        const ref = new WeakRef(this as TextMemo<unknown>);
        TextMemo.made.add(ref);
        TextMemo.gone.register(this, ref);
    }

    /** How many characters of text the memo holds now: never more than its limit. */
    get heldCharacters(): number {
        return this.size;
    }

    get(text: string): T {
        if (!TextMemo.remembering) {
            return this.compute(text);
        }
        const found = this.known.get(text);
        if (found !== undefined || this.known.has(text)) {
            return found as T;
        }
        if (this.size + text.length > this.limit) {
            this.known.clear();
            this.size = 0;
        }
        // A copy of its own: concatenation and slicing give a new string, not a view of the caller's.
        const own = ` ${text}`.slice(1);
        const value = this.compute(own);
        this.known.set(own, value);
        this.size += own.length;
        return value;
    }
}
