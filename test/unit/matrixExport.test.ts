import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { toCsv, toHtml, toMarkdown } from '../../client/src/matrixExport';
import { makeNonce, matrixHtml } from '../../client/src/matrixHtml';
import { sampleMatrix } from '../matrixFixture';

describe('matrix export', () => {
  test('CSV: one row per resource, RFC 4180 quoting, formulas defused', () => {
    const data = sampleMatrix();
    data.rows[0].resourceId = 'Logs, "main"';
    data.rows[1].resourceId = '=cmd|"/c calc"!A1';
    data.rows[2].resourceId = 'multi\nline';
    const lines = toCsv(data).split('\r\n');
    assert.equal(lines[0], 'File,Resource,Type,Service,Model,Server-side encryption (at rest),"Resilience: backup, multi-AZ, replication",Physical and environmental security');
    assert.equal(lines[1], 'file:///w/a.yaml,"Logs, ""main""",AWS::S3::Bucket,Amazon S3,abstract,Shared: AWS default,Shared: gap,AWS: n/a');
    assert.match(lines[2], /^file:\/\/\/w\/a\.yaml,"'=cmd\|""\/c calc""!A1",/);
    assert.ok(toCsv(data).includes('"multi\nline"'));
  });

  test('Markdown: pipes, backslashes and newlines cannot break the table', () => {
    const data = sampleMatrix();
    data.rows[0].resourceId = 'a|b\\c\nd';
    const md = toMarkdown(data);
    const lines = md.trim().split('\n');
    assert.equal(lines.length, 5);
    assert.match(lines[2], /\| a\\\|b\\\\c d \|/);
    assert.match(lines[3], /&lt;img src=x onerror=alert\(1\)>/);
    for (const line of lines) assert.equal((line.match(/(?<!\\)\|/g) ?? []).length, 9, line);
  });

  test('HTML: every text is escaped and the page is standalone', () => {
    const html = toHtml(sampleMatrix());
    assert.ok(html.startsWith('<!DOCTYPE html>'));
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(!html.includes('<img'));
    assert.match(html, /<th scope="col">Physical and environmental security<\/th>/);
  });
});

describe('matrix webview page', () => {
  test('a strict CSP with a nonce; the script carries it; no inline anything', () => {
    const nonce = makeNonce();
    assert.match(nonce, /^[A-Za-z0-9_-]{32}$/);
    assert.notEqual(nonce, makeNonce());
    const html = matrixHtml('vscode-webview://abc', 'vscode-webview://abc/matrix.js', 'vscode-webview://abc/matrix.css', nonce);
    const csp = /content="([^"]+)"/.exec(html)![1];
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, new RegExp(`script-src 'nonce-${nonce}'`));
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.match(html, new RegExp(`<script nonce="${nonce}" src="vscode-webview://abc/matrix.js"></script>`));
    assert.equal((html.match(/<script/g) ?? []).length, 1);
  });
});
