import { expect, test } from 'vitest';
import { plainText } from './plain-text.js';

test('colours, cursor movement and titles go; the text stays', () => {
  expect(
    plainText('\x1b[1;36mfake agent\x1b[0m ready\r\n\x1b]0;title\x07\x1b[2K\x1b[1Gdone\r\n'),
  ).toBe('fake agent ready\ndone\n');
});

test('a carriage return overwrites the line, as a progress bar does on screen', () => {
  expect(plainText('downloading 10%\rdownloading 55%\rdownloading 100%\r\nok\n')).toBe(
    'downloading 100%\nok\n',
  );
  expect(plainText('abcdef\rXY\n')).toBe('XYcdef\n');
});

test('an echoed backspace erases the character before it', () => {
  expect(plainText('fixx\b \bed\r\n')).toBe('fixed\n');
});

test('bells and other stray control characters are dropped, tabs and newlines kept', () => {
  expect(plainText('a\x07b\tc\x00\n')).toBe('ab\tc\n');
});
