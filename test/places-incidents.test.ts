import { beforeAll, describe, expect, it } from 'vitest';
import { extractDocumentDetailed } from '../src/extract/extract-document.js';
import { buildIncidents, type Resolvers } from '../src/merge/build-incidents.js';
import { createActorIndex } from '../src/resolve/actors.js';
import { loadActorRegistry, loadShippedGazetteer } from '../src/resolve/load-resolve-data.js';

// Cross-stage: wires from wars outside Afghanistan, written for this test, become incidents at the town
// they name, in its division, not at the capital that comments on them nor at the dateline.
let resolvers: Resolvers;
beforeAll(async () => {
  resolvers = { gazetteer: await loadShippedGazetteer(), actors: createActorIndex(await loadActorRegistry()) };
});

function placesOf(text: string) {
  const { result, passages } = extractDocumentDetailed(text, { published: null });
  return buildIncidents(text, result, passages, resolvers).map((d) => [
    d.date.start,
    d.place?.name ?? null,
    d.place?.admin1 ?? null,
    d.place?.country ?? null,
    d.place?.where_prec ?? null,
  ]);
}

describe('incidents abroad', () => {
  it('are placed at the town a wire names, not at the capital that speaks', () => {
    const text = [
      'KYIV, Ukraine (Wire) - Russian missiles struck apartment blocks in Kharkiv on 12 May 2024, killing six civilians, the regional governor said.',
      '',
      'Kyiv said on 12 May 2024 that air defences had downed most of the drones. On 13 May 2024 shelling killed two soldiers in Bakhmut, in Donetsk Oblast.',
    ].join('\n');
    expect(placesOf(text)).toEqual([
      ['2024-05-12', 'Kharkiv', 'Kharkiv', 'UA', 1],
      ['2024-05-13', 'Bakhmut', 'Donetsk', 'UA', 1],
    ]);
  });

  it('are placed at town precision in Sudan, Iraq and Somalia', () => {
    const sudan = placesOf(
      'Paramilitary shelling of El Fasher, the capital of North Darfur, killed 23 people on 10 June 2024, aid workers said. ' +
        'The army spokesman in Port Sudan denied the reports.',
    );
    expect(sudan).toEqual([['2024-06-10', 'El Fasher', 'Northern Darfur', 'SD', 1]]);
    const iraq = placesOf(
      'On 3 March 2015 two car bombs killed 14 people at a market in Tikrit. Officials in Baghdad blamed Islamic State.',
    );
    expect(iraq).toEqual([['2015-03-03', 'Tikrīt', 'Salah ad Din', 'IQ', 1]]);
    const somalia = placesOf(
      'MOGADISHU (Wire) - On 20 April 2024 a roadside bomb in Baidoa, the capital of Bay region, killed three Somali soldiers.',
    );
    expect(somalia).toEqual([['2024-04-20', 'Baidoa', 'Bay', 'SO', 1]]);
  });
});
