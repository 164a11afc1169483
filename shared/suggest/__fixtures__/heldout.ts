/**
 * A second gold sample, written after the rules were tuned on ./sample.ts and measured once
 * without changing the rules for it: the honest estimate of how the suggestions do on text
 * their author did not fit them to. Same conventions as ./sample.ts, plus: a described actor
 * is tagged whole, with the name inside it ("forces loyal to former president Ali Abdullah
 * Saleh"), since two ACTOR spans may not overlap.
 */
import type { SampleParagraph } from './sample';

export const HELD_OUT: SampleParagraph[] = [
  {
    id: 'ukraine-missiles',
    publishedAt: '2022-10-12',
    markup:
      '[Russian forces]ACTOR fired dozens of missiles at [Kyiv]LOCATION and other cities on [Monday]DATE{value=2022-10-10}, killing [19 people]CASUALTY{kind=killed;count=19;qualifier=exact} and wounding [105]CASUALTY{kind=wounded;count=105;qualifier=exact}, the [State Emergency Service]ACTOR said. In [Zaporizhzhia]LOCATION, rescuers pulled the bodies of [three women]CASUALTY{kind=killed;count=3;qualifier=exact} from the rubble of an apartment block.',
  },
  {
    id: 'aleppo-evacuation',
    publishedAt: '2016-12-14',
    markup:
      '[Pro-government militias]ACTOR executed [at least 82 [civilians]ACTOR]CASUALTY{kind=killed;count=82;qualifier=at least} in four neighbourhoods of eastern [Aleppo]LOCATION, the [UN human rights office]ACTOR said on [Tuesday]DATE{value=2016-12-13}. The evacuation of [some 50,000 people]CASUALTY{kind=displaced;count=50000;qualifier=about} still trapped in the enclave was due to begin on [Wednesday]DATE{value=2016-12-14}.',
  },
  {
    id: 'yemen-aden',
    publishedAt: '2015-04-29',
    markup:
      '[Houthi fighters]ACTOR and [forces loyal to former president Ali Abdullah Saleh]ACTOR shelled residential areas of [Aden]LOCATION on [Tuesday]DATE{value=2015-04-28} night, killing [22 [civilians]ACTOR]CASUALTY{kind=killed;count=22;qualifier=exact}, medics said. The [Saudi-led coalition]ACTOR responded with air strikes on [Sanaa airport]LOCATION.',
  },
  {
    id: 'iraq-sinjar',
    publishedAt: '2014-08-08',
    markup:
      '[Islamic State fighters]ACTOR overran [Sinjar]LOCATION [last Sunday]DATE{value=2014-08-03}, forcing [tens of thousands of Yazidis]CASUALTY{kind=displaced} to flee into the [Sinjar mountains]LOCATION. [UN officials]ACTOR say [at least 40 children]CASUALTY{kind=killed;count=40;qualifier=at least} have died of dehydration.',
  },
  {
    id: 'syria-douma',
    publishedAt: '2018-04-10',
    markup:
      'A suspected chemical attack on [Douma]LOCATION on [April 7]DATE{value=2018-04-07} killed [more than 40 people]CASUALTY{kind=killed;count=40;qualifier=more than}, according to [rescue workers]ACTOR. [Washington]ACTOR and [Paris]ACTOR warned of a strong response, while [Moscow]ACTOR denied that any attack took place.',
  },
  {
    id: 'sudan-gezira',
    publishedAt: '2024-01-17',
    markup:
      'The [RSF]ACTOR took control of [Wad Madani]LOCATION, the capital of [Gezira state]LOCATION, in [mid-December]DATE{value=2023-12}, and [around 300,000 people]CASUALTY{kind=displaced;count=300000;qualifier=about} fled the city, the [International Organization for Migration]ACTOR said [last week]DATE.',
  },
];
