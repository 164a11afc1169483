/**
 * The sample corpus a new project starts with: five short articles in the style of conflict
 * reporting, written for Spanwise. The places, groups and people are invented (Idlib aside) and
 * the events fictional. Between them they hold every label of the default schema, a nested
 * figure ("16 pro-government fighters"), a comma in a number, a curly apostrophe, Arabic
 * script and emoji, so a fresh install exercises the offsets that matter.
 */
import type { TextInput } from './types';

interface Sample {
  publishedAt: string;
  /** Title line, blank line, paragraphs. */
  text: string;
}

const SAMPLES: Sample[] = [
  {
    publishedAt: '2024-03-12',
    text: `Airstrikes kill nine in market town of Kafr Maran

KAFR MARAN — At least nine civilians were killed and 23 wounded on Tuesday when warplanes struck a crowded market in Kafr Maran, a town on the edge of the Sahel al-Rouj plain, local rescuers said.

The Civil Rescue Corps said its teams pulled four children from the rubble of a bakery that collapsed in the second strike, about ten minutes after the first. Rescuers said the strikes came shortly after 10 a.m., as farmers from nearby villages gathered for the weekly market.

The government’s air force has stepped up raids on the area since early March, when the Northern Liberation Front seized the hilltop village of Tell Hamra and cut the M6 highway between Al-Qasr and Jisr Nahr.

A spokesman for the Northern Liberation Front, Abu Karim al-Hamawi, said his fighters had repelled an army advance on Tell Hamra on Monday night, killing 16 pro-government fighters. The claim could not be independently verified, and the army did not comment.

The Observatory for Civilian Monitoring, a monitoring group based in Geneva, said more than 120 civilians had been killed in the province since March 3, most of them in air raids.`,
  },
  {
    publishedAt: '2024-05-24',
    text: `Thousands flee as shelling spreads along the Wadi Sirr front

GENEVA — Shelling along the Wadi Sirr front has driven 5,834 people from their homes in the past week, the UN refugee agency said on Friday, as artillery fire reached farmland south of Deir Salma for the first time since the truce of last October.

Most of the displaced families have moved north to informal camps around Ain Tabra, where aid workers said tents, clean water and medicine were running short. “People arrive with nothing but the clothes they wore when the shells started falling,” said Leila Haddad, who coordinates the camps for the Crescent Relief Society.

Government forces and fighters of the Free Tribes Army have traded fire across the valley since May 15. Two civilians were killed in Deir Salma on Wednesday when a shell hit a water tank, and at least seven were wounded in the village of Marj al-Zaytun, residents said.

The agency warned that up to 20,000 more people could be displaced if fighting reaches the district capital, Qalaat Sirr, and called on both sides to open a safe road for civilians before the harvest.`,
  },
  {
    publishedAt: '2024-08-02',
    text: `Drone strike hits aid convoy on road to Idlib

IDLIB — A drone struck a convoy of aid trucks on Thursday on the road between Sarmada al-Sharqiya and the city of Idlib (إدلب), killing two drivers and wounding five aid workers, the convoy’s operator said.

The Northern Relief Network said the six trucks, carrying flour and medical supplies, were clearly marked and that their route had been shared with all parties the day before. “Our convoy was hit on the road to إدلب this morning. Two of our drivers are gone. Pray for their families 🙏🏽❤️‍🩹” the group wrote on social media shortly after the attack.

Witnesses said the drone came from the south, where government forces and allied militias hold positions along the Zawiya hills. Neither the army nor the Northern Liberation Front, which controls the road, commented on the strike.

The UN humanitarian office said it had suspended convoys on the route until further notice. It said about 3 million people in the province depend on aid, and that attacks on aid workers had risen sharply since late June, with 11 aid workers killed in July alone.`,
  },
  {
    publishedAt: '2024-09-18',
    text: `Ceasefire agreed for Jabal Qarn after two weeks of clashes

Representatives of the government and of the Free Tribes Army agreed on Tuesday to a ceasefire in the Jabal Qarn region, after two weeks of fighting that left at least 41 combatants dead, mediators said.

Under the deal, signed in the capital on Sept. 17, 2024, both sides are to withdraw heavy weapons 10 kilometres from the front lines within 10 days and to release prisoners by the start of October. Observers from the Regional Security Council will monitor the withdrawal from a base near Tall Abyad al-Gharbi.

Fighting around the mountain villages of Kherbet Nour and Ain Shams had displaced about 9,000 residents since Sept. 3, according to the local council of Jabal Qarn. Dozens of homes and the only hospital in Kherbet Nour were damaged.

General Samir Khoury, who led the government delegation, said the army would respond to any breach. A commander of the Free Tribes Army, speaking on condition of anonymity, said his fighters would hold their positions “until the last detainee is home.” A similar truce collapsed in April after less than a month.`,
  },
  {
    publishedAt: '2024-11-06',
    text: `Army retakes Base 52 as offensive pushes toward Qusour

The army said on Wednesday that it had retaken Base 52, a former air defence base on the M7/Tal Safa-Qusour highway, after three days of fighting with the Northern Liberation Front.

A military statement said its forces had captured 34 militants and seized tanks and ammunition depots at the base, which the group had held since 2019. The Northern Liberation Front said it had withdrawn from the base to spare its fighters and that six of its men were missing after an ambush near the village of Umm Jurn.

The Observatory for Civilian Monitoring reported that 14 civilians, including five children, were killed by shelling in Tal Safa and nearby villages between Sunday and Tuesday. Thousands of residents left the town on foot, heading west toward the Qusour plain, witnesses said.

Analysts said control of the highway would let the army supply its positions around Qusour by road for the first time since late 2022. The offensive began on Nov. 3, two days after a car bomb killed 12 soldiers at a checkpoint outside Tal Safa.`,
  },
];

/** The sample articles, as the store imports them: ids `sample-1` … `sample-5`. */
export function sampleArticles(): TextInput[] {
  return SAMPLES.map(({ publishedAt, text }, index) => {
    const id = `sample-${index + 1}`;
    return { id, name: `${id}.txt`, title: text.slice(0, text.indexOf('\n')), text, meta: { publishedAt } };
  });
}
