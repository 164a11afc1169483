/**
 * A small gold sample for measuring the suggestion engine: ten short conflict-reporting
 * paragraphs written for this purpose (not taken from any article), tagged by
 * ../../../../shared/guidelines.md. Conventions where the guidelines leave room:
 * - ACTOR inside a casualty figure is tagged for "civilians" and for described forces
 *   ("[12 [pro-government fighters]ACTOR]CASUALTY"); other people nouns (children, families,
 *   residents, people) are not actors.
 * - A generic head word that follows a place name is part of it ("Idlib province").
 * - "since" belongs to the date it introduces ("since late April"); "on" does not.
 * - DATE `value` is the true date; it is left out where the text gives none ("last week").
 * - CASUALTY `kind` is what happened to the people in the story, even where no word in the
 *   sentence says it.
 */
export interface SampleParagraph {
  id: string;
  publishedAt: string;
  markup: string;
}

export const SAMPLE: SampleParagraph[] = [
  {
    id: 'idlib-shelling',
    publishedAt: '2019-05-08',
    markup:
      '[Syrian government forces]ACTOR shelled the town of [Kafr Nabl]LOCATION in southern [Idlib]LOCATION on [Tuesday]DATE{value=2019-05-07}, killing [at least seven [civilians]ACTOR]CASUALTY{kind=killed;count=7;qualifier=at least}, including [three children]CASUALTY{kind=killed;count=3;qualifier=exact}, according to the [White Helmets]ACTOR. [Russian warplanes]ACTOR also struck the outskirts of [Khan Sheikhoun]LOCATION, where [dozens of displaced families]CASUALTY{kind=displaced} had sheltered [since late April]DATE{value=2019-04}.',
  },
  {
    id: 'idlib-displacement',
    publishedAt: '2020-03-10',
    markup:
      '[UNHCR]ACTOR said on [Monday]DATE{value=2020-03-09} that [more than 950,000 people]CASUALTY{kind=displaced;count=950000;qualifier=more than} had fled their homes in [Idlib province]LOCATION [since early December]DATE{value=2019-12}. [Aid groups]ACTOR warned that [up to 300,000 more]CASUALTY{kind=displaced;count=300000;qualifier=up to} could flee if the offensive on [Saraqib]LOCATION continues. Camps near the Turkish border are already full, and [Ankara]ACTOR has said it will not open the crossings.',
  },
  {
    id: 'sochi-deal',
    publishedAt: '2018-09-18',
    markup:
      'Under the deal reached in [Sochi]LOCATION on [Sept. 17, 2018]DATE{value=2018-09-17}, [Russia]ACTOR and [Turkey]ACTOR agreed to set up a demilitarised zone 15 to 20 kilometres deep around [Idlib]LOCATION. [Jihadist groups]ACTOR, including [Hay\'at Tahrir al-Sham]ACTOR, were given until [mid-October]DATE{value=2018-10} to withdraw their heavy weapons, and [Turkish soldiers]ACTOR will patrol the zone with [Russian military police]ACTOR.',
  },
  {
    id: 'yemen-marib',
    publishedAt: '2021-07-21',
    markup:
      '[Houthi drones]ACTOR attacked an oil facility in [Jizan]LOCATION late on [Monday]DATE{value=2021-07-19}, the [Saudi-led coalition]ACTOR said. In [Marib]LOCATION, [12 [pro-government fighters]ACTOR]CASUALTY{kind=killed;count=12;qualifier=exact} and [nine [Houthi rebels]ACTOR]CASUALTY{kind=killed;count=9;qualifier=exact} died in clashes [last Sunday]DATE{value=2021-07-18}, medical sources told [Reuters]ACTOR.',
  },
  {
    id: 'sudan-khartoum',
    publishedAt: '2023-05-02',
    markup:
      'Fighting between the [Sudanese army]ACTOR and the [Rapid Support Forces]ACTOR has killed [at least 528 people]CASUALTY{kind=killed;count=528;qualifier=at least} and wounded [4,599]CASUALTY{kind=wounded;count=4599;qualifier=exact} [since April 15]DATE{value=2023-04-15}, the [Health Ministry]ACTOR said on [Monday]DATE{value=2023-05-01}. In [Khartoum]LOCATION, residents reported air strikes near the airport. [Tens of thousands]CASUALTY{kind=displaced} have crossed into [Chad]LOCATION and [Egypt]LOCATION.',
  },
  {
    id: 'ukraine-mariupol',
    publishedAt: '2022-03-10',
    markup:
      '[Russian forces]ACTOR shelled a humanitarian corridor out of [Mariupol]LOCATION on [Tuesday]DATE{value=2022-03-08}, [Ukrainian officials]ACTOR said, as [about 2,000 residents]CASUALTY{kind=displaced;count=2000;qualifier=about} tried to leave the besieged port city. A strike on a maternity hospital in [Mariupol]LOCATION on [March 9]DATE{value=2022-03-09} wounded [17 people]CASUALTY{kind=wounded;count=17;qualifier=exact}, [Ukrainian authorities]ACTOR said.',
  },
  {
    id: 'myanmar-protests',
    publishedAt: '2021-02-24',
    markup:
      '[Security forces]ACTOR in [Myanmar]LOCATION detained [more than 700 protesters]CASUALTY{kind=captured;count=700;qualifier=more than} in [Yangon]LOCATION and [Mandalay]LOCATION [last week]DATE, the [Assistance Association for Political Prisoners]ACTOR said. [Two men]CASUALTY{kind=killed;count=2;qualifier=exact} were shot dead in [Mandalay]LOCATION on [Feb. 20]DATE{value=2021-02-20} when [police]ACTOR opened fire on a crowd near a shipyard.',
  },
  {
    id: 'somalia-mogadishu',
    publishedAt: '2017-11-27',
    markup:
      'A truck bomb in [Mogadishu]LOCATION on [October 14]DATE{value=2017-10-14} killed [more than 500 people]CASUALTY{kind=killed;count=500;qualifier=more than}, the deadliest attack in the country\'s history. [Al-Shabaab]ACTOR, the [al-Qaeda]ACTOR affiliate, was blamed by the government, and the [African Union]ACTOR mission said [ten days later]DATE that [some 300 people]CASUALTY{kind=missing;count=300;qualifier=about} remained missing.',
  },
  {
    id: 'drc-beni',
    publishedAt: '2019-01-15',
    markup:
      '[ADF rebels]ACTOR killed [at least 12 villagers]CASUALTY{kind=killed;count=12;qualifier=at least} near [Beni]LOCATION in [North Kivu province]LOCATION on [Sunday]DATE{value=2019-01-13}, a local official said. The [army]ACTOR said [four soldiers]CASUALTY{kind=wounded;count=4;qualifier=exact} were wounded in a counter-attack [the following day]DATE, and [two dozen suspects]CASUALTY{kind=captured;count=24;qualifier=exact} were arrested in [Butembo]LOCATION.',
  },
  {
    id: 'syria-qamishli',
    publishedAt: '2024-08-14',
    markup:
      '[Turkish drones]ACTOR struck a village near [Qamishli]LOCATION on [Aug. 12]DATE{value=2024-08-12}, killing [four [SDF fighters]ACTOR]CASUALTY{kind=killed;count=4;qualifier=exact}, the [Syrian Democratic Forces]ACTOR said. “🙏 Pray for [Qamishli]LOCATION,” one resident wrote. [Kurdish authorities]ACTOR said [1,200 families]CASUALTY{kind=displaced;count=1200;qualifier=exact} had been evacuated from border villages [this month]DATE{value=2024-08}.',
  },
];
