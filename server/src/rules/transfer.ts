import { checkSetting, defineRule } from './ruleKit';
import type { Value } from '../model/value';

/** FTP anywhere in the protocol list; a list from a reference is judged item by item by `judge`. */
const noFtp = (v: Value): boolean | undefined => {
  if (v.kind === 'string') return v.value.toUpperCase() !== 'FTP';
  if (v.kind === 'list') {
    const texts = v.items.map((i) => (i.kind === 'string' ? i.value.toUpperCase() : undefined));
    if (texts.includes('FTP')) return false;
    return texts.every((t) => t !== undefined) ? true : undefined;
  }
  return undefined;
};

export const transferServerNoFtp = defineRule({
  id: 'transfer-server-no-ftp',
  title: 'Transfer Family server does not accept plain FTP',
  aspect: 'encryption-in-transit',
  severity: 'warning',
  references: {},
  docs: {
    why: 'FTP sends user names, passwords and file contents in clear text; SFTP and FTPS protect both.',
    owner: 'Customer: the server speaks the protocols the customer enables (SFTP by default).',
    fix: 'No automatic fix: removing FTP disconnects clients that use it. Offer SFTP or FTPS and move the clients first. AWS Config rule transfer-family-server-no-ftp checks the same.',
    mayBreak: 'FTP clients can no longer connect.',
  },
  cloudformation: { types: ['AWS::Transfer::Server'], fixable: false, check: (s, ctx) => checkSetting(s, ctx, { path: ['Protocols'], isSecure: noFtp, whenAbsent: 'met', gap: 'The server accepts plain FTP, which sends credentials and data unencrypted.', met: 'the server does not accept plain FTP' }) },
  terraform: { types: ['aws_transfer_server'], fixable: false, check: (s, ctx) => checkSetting(s, ctx, { path: ['protocols'], isSecure: noFtp, whenAbsent: 'met', gap: 'The server accepts plain FTP, which sends credentials and data unencrypted.', met: 'the server does not accept plain FTP' }) },
});

export const TRANSFER_RULES = [transferServerNoFtp];
