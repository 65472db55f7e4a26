import { describe, expect, it } from 'vitest';
import { markedPieces } from './search';

describe('markedPieces', () => {
  it('cuts the body at the highlights', () => {
    expect(
      markedPieces('Deploy the deps', [
        [0, 6],
        [11, 14],
      ]),
    ).toEqual([
      { text: 'Deploy', marked: true },
      { text: ' the ', marked: false },
      { text: 'dep', marked: true },
      { text: 's', marked: false },
    ]);
  });

  it('ignores ranges that overlap, run backwards or past the end', () => {
    expect(
      markedPieces('abcdef', [
        [2, 4],
        [3, 5],
        [5, 4],
        [4, 99],
      ]),
    ).toEqual([
      { text: 'ab', marked: false },
      { text: 'cd', marked: true },
      { text: 'ef', marked: false },
    ]);
  });

  it('keeps markup as text', () => {
    expect(markedPieces('<b>x</b>', [])).toEqual([{ text: '<b>x</b>', marked: false }]);
  });
});
