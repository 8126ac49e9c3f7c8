import type { AcledEventType } from '../../src/core/incident.js';

/** One colour per ACLED event type: the Okabe–Ito palette, told apart with the common colour blindnesses. */
export const TYPE_COLORS: Record<AcledEventType, string> = {
  Battles: '#d55e00',
  'Explosions/Remote violence': '#0072b2',
  'Violence against civilians': '#cc79a7',
  Protests: '#009e73',
  Riots: '#e69f00',
  'Strategic developments': '#666666',
};

export const EVENT_TYPES = Object.keys(TYPE_COLORS) as AcledEventType[];

export const SERIES_COLORS = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#666666'];
