/**
 * A published Markdown page as a reader sees it: without the empty anchors its headings carry
 * (`## <a id="risk-breaches"></a>Breaches`, render-markdown's `anchorTag`). Tests that read a page's
 * text by its headings read it so; tests/build.test.ts checks every link to those anchors.
 */
export function readableMarkdown(markdown: string): string {
    return markdown.replace(/<a id="[^"]*"><\/a>/g, '');
}
