/* global acquireVsCodeApi, document, window */
// The GDL preview's own script (the only one the page runs: its Content-Security-Policy allows this file
// by nonce and nothing else). It shows the page the extension sends, scrolls to the section the cursor is
// in, and asks for the other edition of a course pack.
(function () {
    const vscode = acquireVsCodeApi();
    const page = document.getElementById('gdl-preview-page');
    const label = document.getElementById('gdl-preview-label');
    const editions = document.getElementById('gdl-preview-editions');

    function scrollTo(id) {
        const target = id ? document.getElementById(id) : null;
        if (target) {
            target.scrollIntoView({ block: 'start' });
        }
    }

    window.addEventListener('message', event => {
        const message = event.data;
        if (message.type === 'page') {
            const y = window.scrollY;
            // HTML from the build's pipeline, sanitised there (rehype-sanitize): no script, no handler, no iframe.
            page.innerHTML = message.html;
            label.textContent = message.label;
            editions.hidden = !message.edition;
            for (const button of editions.querySelectorAll('button')) {
                button.setAttribute('aria-pressed', String(button.dataset.edition === message.edition));
            }
            if (message.section) {
                scrollTo(message.section);
            } else {
                window.scrollTo(0, y);
            }
        } else if (message.type === 'scroll') {
            scrollTo(message.section);
        }
    });

    editions.addEventListener('click', event => {
        const button = event.target.closest('button[data-edition]');
        if (button) {
            vscode.postMessage({ type: 'edition', edition: button.dataset.edition });
        }
    });

    // Links between the site's pages have no page to go to here; anchors on this page do.
    page.addEventListener('click', event => {
        const link = event.target.closest('a[href]');
        if (!link) {
            return;
        }
        const href = link.getAttribute('href');
        if (href.startsWith('#')) {
            event.preventDefault();
            scrollTo(decodeURIComponent(href.slice(1)));
        } else if (!/^https?:/i.test(href)) {
            event.preventDefault();
        }
    });

    vscode.postMessage({ type: 'ready' });
})();
