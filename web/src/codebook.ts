import type { DATE_PRECISIONS, FIGURE_KINDS, QUALIFIERS } from '../../src/core/figure.js';
import type { ACLED_EVENT_TYPES } from '../../src/core/incident.js';

// The server's codebook, copied so the page does not bundle zod; each is typed as the server's own
// constant, so a change there that is not made here fails the typecheck.

export const SUB_EVENT_TYPES: typeof ACLED_EVENT_TYPES = {
  Battles: ['Armed clash', 'Government regains territory', 'Non-state actor overtakes territory'],
  'Explosions/Remote violence': [
    'Chemical weapon',
    'Air/drone strike',
    'Suicide bomb',
    'Shelling/artillery/missile attack',
    'Remote explosive/landmine/IED',
    'Grenade',
  ],
  'Violence against civilians': ['Sexual violence', 'Attack', 'Abduction/forced disappearance'],
  Protests: ['Peaceful protest', 'Protest with intervention', 'Excessive force against protesters'],
  Riots: ['Violent demonstration', 'Mob violence'],
  'Strategic developments': [
    'Agreement',
    'Arrests',
    'Change to group/activity',
    'Disrupted weapons use',
    'Headquarters or base established',
    'Looting/property destruction',
    'Non-violent transfer of territory',
    'Other',
  ],
} as const;

export const FIGURE_KIND_LIST: typeof FIGURE_KINDS = [
  'killed',
  'injured',
  'killed_or_injured',
  'captured',
  'displaced',
  'strength',
  'surrendered',
] as const;

export const QUALIFIER_LIST: typeof QUALIFIERS = [
  'exact',
  'at_least',
  'up_to',
  'about',
  'range',
  'vague',
  'none',
] as const;

export const PRECISION_LIST: typeof DATE_PRECISIONS = ['day', 'month', 'year', 'range'] as const;

/** UCDP's type of violence. */
export const VIOLENCE_TYPES: [string, string][] = [
  ['', 'not coded'],
  ['1', '1: state-based'],
  ['2', '2: non-state'],
  ['3', '3: one-sided'],
];

export const label = (code: string) => code.replaceAll('_', ' ');
