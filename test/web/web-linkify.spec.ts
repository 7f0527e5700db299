import { describe, expect, it } from '@jest/globals';
import { linkParts, type TextPart } from '../../apps/web/src/components/linkify.js';

const links = (text: string) => linkParts(text).filter((p) => p.href);
const joined = (parts: TextPart[]) => parts.map((p) => p.text).join('');

describe('links in post text (issue 13)', () => {
  it('makes full http(s) addresses links and keeps the text around them as text', () => {
    const text = 'See https://example.com/a?b=1. And http://intranet.example.org/wiki/Foo_(bar), too';
    const parts = linkParts(text);
    expect(parts).toEqual([
      { text: 'See ' },
      { text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { text: '. And ' },
      { text: 'http://intranet.example.org/wiki/Foo_(bar)', href: 'http://intranet.example.org/wiki/Foo_(bar)' },
      { text: ', too' },
    ]);
    expect(joined(parts)).toBe(text);
  });

  it('finds a link right after Chinese text, and ends it at full-width punctuation', () => {
    const text = '请看https://example.com/路径。谢谢';
    expect(links(text)).toEqual([{ text: 'https://example.com/路径', href: 'https://example.com/%E8%B7%AF%E5%BE%84' }]);
    expect(joined(linkParts(text))).toBe(text);
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(document.cookie)',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'vbscript:msgbox(1)',
    'mailto:hr@example.com',
    'ftp://files.example.com/x',
    '//example.com/protocol-relative',
    'example.com and www.example.com without a scheme',
    'https:// and http:/nothing',
    'xhttps://inside-a-word.example.com',
  ])('leaves %s as plain text', (text) => {
    expect(linkParts(text)).toEqual([{ text }]);
  });

  it('never lets markup through: a link inside HTML is only its address, the markup stays text', () => {
    const text = '<a href="javascript:alert(1)" onclick="x()">https://example.com/"><img src=x onerror=alert(1)></a>';
    const found = links(text);
    expect(found.map((p) => p.href)).toEqual(['https://example.com/']);
    expect(found.every((p) => !/[<>"]/.test(p.href!))).toBe(true);
    expect(joined(linkParts(text))).toBe(text);
  });

  it('gives the address the URL parser reads (host lower-cased), not the raw text', () => {
    expect(links('HTTPS://EXAMPLE.COM/Path')).toEqual([
      { text: 'HTTPS://EXAMPLE.COM/Path', href: 'https://example.com/Path' },
    ]);
  });

  it('keeps empty and link-free text as it is', () => {
    expect(linkParts('')).toEqual([]);
    expect(linkParts('no links here')).toEqual([{ text: 'no links here' }]);
  });
});
