/**
 * The shell of a matrix saved as one HTML file (the CLI's `matrix --format
 * html` and the editor's export): no script and no external resource, which
 * its Content-Security-Policy tells the browser, styles inline. The title and
 * body arrive escaped by the caller.
 */
export function standalonePage(titleHtml: string, style: string, bodyHtml: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${titleHtml}</title>
<style>${style}</style>
</head>
<body>
<h1>${titleHtml}</h1>
${bodyHtml}
</body>
</html>
`;
}
