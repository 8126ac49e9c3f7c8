import { describe, expect, it } from 'vitest';
import { headlineSource } from './claimant-attribution.js';
import { extractDocument } from './extract-document.js';

const claimantOf = (text: string) => extractDocument(text).figures.map((f) => f.claimant);

describe('headline sources', () => {
  it.each([
    ['Officials: 30 killed in Mogadishu blast', 'Officials'],
    ['Air strike kills 12 in Marib - medics', 'medics'],
    ['Floods and fighting displace 40,000 in Upper Nile – UN', 'UN'],
    ['Live: 20 killed as shelling hits Kherson', null],
    ['Colombia: armed group kills five in Cauca', null],
    ['ICRC: 40 detainees released in Yemen', 'ICRC'],
    ['Gaza civil defence: 20 dead in strike on school', 'Gaza civil defence'],
    ['Ten soldiers die in ambush - Reuters', null],
    ['Army says 9 rebels killed', null],
    ['Shelling kills 7 in Sloviansk: governor', 'governor'],
    ['Air raid on camp kills 31, says opposition', 'opposition'],
    ['At least 18 dead in Khartoum market attack, says health ministry', 'health ministry'],
    ['Explainer: why the army says the war is over', null],
  ])('%s', (headline, source) => {
    expect(headlineSource(headline)).toBe(source);
  });

  it('credits a headline figure to the headline source', () => {
    const text = 'Bomb kills 6 at Quetta checkpoint - police\n\nA bomb exploded at a checkpoint, police said.\n';
    expect(claimantOf(text)[0]).toBe('police');
  });
});

describe('the speaker of a quote', () => {
  it('finds the speaker named where a quote of several sentences closes', () => {
    const text = '"Fifteen of our neighbours were killed. The shelling never stopped," said Maria Petrenko, a teacher.';
    expect(claimantOf(text)).toEqual(['Maria Petrenko']);
  });

  it('finds the speaker in the sentence right after a closed quote', () => {
    const text = '"Nineteen of our fighters were captured." The rebel commander Joseph Kabila said so on Sunday.';
    expect(claimantOf(text)).toEqual(['rebel commander Joseph Kabila']);
  });

  it('credits nobody when the quote is never attributed', () => {
    expect(claimantOf('"Twelve men were abducted." Nobody knows where.')).toEqual([null]);
  });
});

describe('reported speech that goes on', () => {
  it('gives a sentence that only continues the count the speaker of the sentence before', () => {
    const text = 'The defence ministry said 12 soldiers died in the raid. Among the dead were 3 officers.';
    expect(claimantOf(text)).toEqual(['defence ministry', 'defence ministry']);
  });

  it('does not pass a speaker to a sentence that tells something new', () => {
    const text = 'The defence ministry said 12 soldiers died in the raid. Rebels later killed 4 villagers.';
    expect(claimantOf(text)).toEqual(['defence ministry', null]);
  });
});
