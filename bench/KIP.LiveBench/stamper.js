(selector) => {
    // Installed in every watching page (bench/README.md, live-update benchmark). A MutationObserver on the page body
    // looks at the element named by `selector` after every DOM change and stamps each new text it shows with
    // performance.timeOrigin + performance.now() (ms since the Unix epoch, the machine's clock). The observer's
    // callback runs as a microtask right after Blazor applied the render batch, in the same task.
    // Returns nothing; window.__kipBench holds the stamps, and waitFor(pattern) resolves when the text matches the
    // regular expression (or, for "<gone>", when the element is gone)
    // (no polling: the benchmark waits on a promise, so watching adds no work to the page between changes).
    const state = { stamps: [], waiters: [], last: undefined };
    const matches = (pattern, text) => pattern === '<gone>' ? text === null : text !== null && new RegExp(pattern).test(text);
    const check = () => {
        const at = performance.timeOrigin + performance.now();
        const element = document.querySelector(selector);
        const text = element ? element.textContent.trim() : null;
        if (text === state.last) {
            return;
        }

        state.last = text;
        state.stamps.push([at, text]);
        state.waiters = state.waiters.filter(w => {
            if (matches(w.pattern, text)) {
                w.resolve(true);
                return false;
            }

            return true;
        });
    };
    window.__kipBench = {
        waitFor: pattern => matches(pattern, state.last) ? Promise.resolve(true) : new Promise(resolve => state.waiters.push({ pattern, resolve })),
        take: () => {
            const stamps = state.stamps;
            state.stamps = [];
            return stamps;
        },
        clockSkew: () => Date.now() - (performance.timeOrigin + performance.now()),
    };
    check();
    new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: false });
}
