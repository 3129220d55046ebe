import { randomBytes } from 'node:crypto';

/**
 * The webview's page: a strict Content-Security-Policy (nothing but our own
 * bundled script, with a fresh nonce, and our own stylesheet), and no data —
 * the matrix arrives only through postMessage. Kept free of the vscode module
 * so it can be tested directly.
 */
export function matrixHtml(cspSource: string, scriptUri: string, styleUri: string, nonce: string): string {
  const csp = [`default-src 'none'`, `style-src ${cspSource}`, `script-src 'nonce-${nonce}'`, `img-src ${cspSource}`, `font-src ${cspSource}`].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${styleUri}">
<title>Responsibility Matrix</title>
</head>
<body>
<main id="app" aria-live="polite"><p class="empty">Loading the responsibility matrix…</p></main>
<script nonce="${nonce}" src="${scriptUri}"></script>
</body>
</html>`;
}

/** A fresh, unguessable nonce per render (base64url is valid in a CSP nonce). */
export function makeNonce(): string {
  return randomBytes(24).toString('base64url');
}
