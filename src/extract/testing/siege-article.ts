/**
 * The head of an invented encyclopedia article with a conflict infobox dated 3 March - 20 April 2019,
 * for tests of what an article's dates do to its prose. Lines to join with '\n', then add prose.
 */
export const SIEGE_ARTICLE_HEAD: readonly string[] = [
  '= Siege of Tessit (2019) =',
  '',
  'Infobox',
  '- Conflict: Siege of Tessit (2019)',
  '- Date: 3 March – 20 April 2019',
  '- Place: Tessit, Mali',
  '- Combatant1: Mali',
  '- Combatant2: Islamic State in the Greater Sahara',
  '- Commander1: Amadou Diallo',
  '- Strength1: 400',
  '',
];
