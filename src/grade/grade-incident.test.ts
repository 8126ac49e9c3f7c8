import { describe, expect, it } from 'vitest';
import type { PartySide } from './claimant-party.js';
import { type GradeClaim, gradeIncident } from './grade-incident.js';
import type { SourceDocument } from './independence.js';

// A clash between a state's army (side a) and a rebel group (side b), as in many civil wars.
const SIDES: PartySide[] = [
  { side: 'a', actor_id: 'sudan-armed-forces', name: 'Sudanese Armed Forces', state: true },
  { side: 'b', actor_id: 'rsf', name: 'Rapid Support Forces', state: false },
];

function doc(id: number, over: Partial<SourceDocument> = {}): SourceDocument {
  return {
    id,
    type: 'news',
    agency: null,
    publisher: `Outlet ${id}`,
    text: `Report number ${id} in its own words.`,
    ...over,
  };
}

function claim(document_id: number, low: number | null, over: Partial<GradeClaim> = {}): GradeClaim {
  return {
    document_id,
    kind: 'killed',
    low,
    high: null,
    category: 'civilians',
    claimant: null,
    source: null,
    rejected: false,
    ...over,
  };
}

const grade = (claims: GradeClaim[], documents: SourceDocument[], status = 'unreviewed') =>
  gradeIncident({ claims, documents, sides: SIDES, status });

describe('grading an incident', () => {
  it('weak: one source', () => {
    const g = grade([claim(1, 12)], [doc(1)]);
    expect(g).toMatchObject({ grade: 'weak', sources: 1 });
    expect(g.reason).toMatch(/one source/);
  });

  it('confirmed: two independent non-party sources give agreeing figures', () => {
    const g = grade([claim(1, 12), claim(2, 15)], [doc(1), doc(2, { type: 'un_ngo' })]);
    expect(g).toMatchObject({ grade: 'confirmed', sources: 2 });
  });

  it('fair: two independent sources without a count in common', () => {
    const g = grade([claim(1, 12), claim(2, 40, { kind: 'injured' })], [doc(1), doc(2)]);
    expect(g).toMatchObject({ grade: 'fair', sources: 2 });
  });

  it('fair when a party speaks beside one non-party source', () => {
    const g = grade(
      [claim(1, 12), claim(2, 10, { kind: 'injured', claimant: 'the RSF spokesman', category: 'civilians' })],
      [doc(1), doc(2)],
    );
    expect(g.grade).toBe('fair');
  });

  it('contested: sources disagree by more than a factor of two on the same count', () => {
    const g = grade([claim(1, 9), claim(2, 25)], [doc(1), doc(2)]);
    expect(g.grade).toBe('contested');
    expect(g.reason).toMatch(/25.*9/);
    // Within a factor of two is agreement, not a dispute.
    expect(grade([claim(1, 9), claim(2, 18)], [doc(1), doc(2)]).grade).toBe('confirmed');
  });

  it('contested: two claimants in one report disagree', () => {
    const g = grade(
      [
        claim(1, 40, { claimant: 'the Rapid Support Forces', category: 'side_a' }),
        claim(1, 3, { claimant: 'the army spokesman', category: 'side_a' }),
      ],
      [doc(1)],
    );
    expect(g).toMatchObject({ grade: 'contested', sources: 1 });
  });

  it('contested: only parties to the conflict claim it', () => {
    const g = grade([claim(1, 30, { claimant: 'the defence ministry', category: 'side_b' })], [doc(1)]);
    expect(g.grade).toBe('contested');
    expect(g.reason).toMatch(/only parties/);
    const release = grade(
      [claim(1, 30, { category: 'side_b' })],
      [doc(1, { type: 'party', publisher: 'Ministry of Defence' })],
    );
    expect(release.grade).toBe('contested');
  });

  it('confirmed: a party acknowledges losses on its own side', () => {
    const g = grade([claim(1, 4, { claimant: 'an army spokesman', category: 'side_a' })], [doc(1)]);
    expect(g.grade).toBe('confirmed');
    expect(g.reason).toMatch(/own side/);
  });

  it('discounted: an analyst rejected the incident', () => {
    expect(grade([claim(1, 12), claim(2, 12)], [doc(1), doc(2)], 'rejected').grade).toBe('discounted');
  });

  it('leaves out figures a reviewer rejected', () => {
    const g = grade([claim(1, 9), claim(2, 25, { rejected: true })], [doc(1), doc(2)]);
    expect(g.grade).not.toBe('contested');
  });

  it('two copies of one wire are one source', () => {
    const wire =
      'KHARTOUM, June 3 (Reuters) - Shelling hit a market in Omdurman on Saturday, killing 17 civilians, medics said.';
    const copies = [
      doc(1, { agency: 'Reuters', text: wire }),
      doc(2, { agency: 'Reuters', text: `${wire} More to follow.` }),
    ];
    const g = grade([claim(1, 17), claim(2, 17)], copies);
    expect(g).toMatchObject({ grade: 'weak', sources: 1 });
    // Copied text without the credit is still one source.
    const uncredited = [doc(1, { text: wire }), doc(2, { text: `Omdurman: ${wire}` })];
    expect(grade([claim(1, 17), claim(2, 17)], uncredited).sources).toBe(1);
  });

  it('counts the sources an imported dataset names when there is no document', () => {
    const g = grade(
      [
        claim(0, 5, { document_id: null, source: 'Sudan Tribune' }),
        claim(0, 6, { document_id: null, source: 'Radio Dabanga' }),
      ],
      [],
    );
    expect(g).toMatchObject({ grade: 'confirmed', sources: 2 });
  });
});
