/** The default label schema: the four labels of ../shared/guidelines.md, with their definitions. */
import type { LabelDef } from './types';

export const DEFAULT_LABELS: LabelDef[] = [
  {
    name: 'ACTOR',
    color: '#c2410c',
    hotkeys: ['1', 'a'],
    definition:
      'A party that acts or is acted upon in the conflict: armed forces, armed groups, governments, states acting as parties, organisations, officials speaking for them, and groups of civilians. Named ("Hay\'at Tahrir al-Sham", "White Helmets") or described ("Russian warplanes", "pro-Assad forces", "civilians"). Not an actor: a bare nationality used as an adjective of a place ("Turkish border").',
    attributes: [],
  },
  {
    name: 'LOCATION',
    color: '#1d4ed8',
    hotkeys: ['2', 'l'],
    definition:
      'A named place or a place described precisely enough to find on a map: countries, provinces, cities, villages, neighbourhoods, mountains, plains, roads, named military bases and facilities ("Idlib", "Zawiya Mountain", "M4/Aleppo-Latakia Highway", "Base 46"). Include the generic head word when it is part of the name. Not a location: vague areas with no name ("the front lines", "the area").',
    attributes: [],
  },
  {
    name: 'DATE',
    color: '#047857',
    hotkeys: ['3', 'd'],
    definition:
      'A temporal expression that anchors an event or an agreement: weekdays ("Tuesday"), calendar dates ("June 2", "Sept. 17, 2018"), parts of months ("early March"), relative expressions ("last Wednesday", "10 days after", "since Monday"). Publication timestamps of the page are page furniture.',
    attributes: [
      { name: 'value', type: 'date', description: 'The normalised date, ISO 8601 at day, month or year precision.' },
    ],
  },
  {
    name: 'CASUALTY',
    color: '#b91c1c',
    hotkeys: ['4', 'c'],
    definition:
      'A figure of people harmed or displaced by the conflict: the number (or quantifier) together with the people it counts ("At least two civilians", "16 pro-Assad troops", "more than 400,000", "5,834 people"). A figure of things, not people ("38 locations"), is not a casualty figure.',
    attributes: [
      { name: 'kind', type: 'enum', values: ['killed', 'wounded', 'displaced', 'captured', 'missing'] },
      { name: 'count', type: 'integer' },
      { name: 'qualifier', type: 'enum', values: ['exact', 'at least', 'about', 'more than', 'up to'] },
    ],
  },
];

/** The guideline rules every label shares, shown above the label definitions. */
export const GENERAL_RULES = [
  'Tag the shortest span that still names the thing completely: no leading articles, no trailing punctuation, no surrounding quotes.',
  'Spans start and end on word boundaries.',
  'Spans may nest; two spans of the same label never overlap.',
  'Tag every mention, not only the first one.',
  'Page furniture (captions, share buttons, bylines, publication timestamps) is not tagged.',
];
