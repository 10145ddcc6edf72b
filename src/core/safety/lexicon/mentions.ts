import type { CrisisCategory } from '../categories.js';

/**
 * Crisis words and phrases that do not say whose they are: "suicide is the
 * only way out", "self harm again", "suicidal", "overdosed on my meds",
 * "attempted suicide". In what a seeker types they are most often about the
 * speaker, so they count, unless the words around them make them about
 * someone else or about a story, the news or school:
 *
 * - a topic word stands in the same clause, up to ten words before or eight
 *   after ("a documentary about suicide", "suicide in the book we read");
 * - the nearest person word before them in the clause names someone else
 *   ("my friend is suicidal", "he committed suicide"); the speaker's own words
 *   ("I", "my", "me") win when they are nearer ("she found out I'm suicidal");
 * - a word right before them makes them an event ("there was an overdose",
 *   "his suicide").
 *
 * Negation and idioms apply as everywhere else ("I'm not suicidal", "suicide
 * prevention"). docs/crisis-check.md says why bare words count at all.
 */
export const MENTIONS: {
  readonly phrases: Readonly<Partial<Record<CrisisCategory, readonly string[]>>>;
  readonly topics: readonly string[];
  readonly speaker: readonly string[];
  readonly others: readonly string[];
  readonly events: readonly string[];
} = {
  phrases: {
    overdose: ['overdos*', '{overdose} on (purpose | my | the | her | his | {meds})', '(took | taken | take) (an | a) (overdose | od)'],
    ideation: [
      '{suicide}',
      '{unalive}',
      '(commit | commits | committing | committed | attempt | attempts | attempted | attempting | tried | try | trying | consider* | contemplat* | make | made | do | did) {suicide}',
    ],
    'self-harm': ['self harm*', 'selfharm*', 'self injur*', 'self mutilat*'],
  },
  topics: [
    'news', 'article', 'articles', 'headline*', 'newspaper', 'book', 'books', 'novel', 'chapter', 'story', 'stories',
    'film', 'films', 'movie', 'movies', 'show', 'shows', 'series', 'episode', 'documentary', 'podcast', 'song', 'songs',
    'lyrics', 'album', 'character', 'characters', 'play', 'poem', 'essay', 'assignment', 'homework', 'project',
    'presentation', 'class', 'lesson', 'lecture', 'course', 'module', 'training', 'workshop', 'seminar', 'research',
    'study', 'studies', 'statistic*', 'stats', 'rate', 'rates', 'prevention', 'awareness', 'campaign', 'charity',
    'hotline', 'helpline', 'crisis line', 'volunteer*', 'debate', 'report', 'journalist', 'celebrity', 'famous',
    'actor', 'actress', 'singer', 'rapper', 'patients', 'ward', 'festival', 'anime', 'manga', 'game', 'learn*', 'taught', 'reading', 'read about', 'exam*', 'psycholog*', 'psych', 'thesis', 'dissertation', 'teaching', 'risk factor*', 'nursing',
    // plural: events counted in the news or a town, not the speaker's act
    'suicides', 'overdoses',
  ],
  speaker: ['i', 'im', 'ive', 'id', 'ill', 'imma', 'me', 'my', 'mine', '{self}'],
  others: [
    'he', 'she', 'they', 'hes', 'shes', 'theyre', 'theyve', 'hed', 'shed', 'theyd', 'him', 'her', 'his', 'hers', 'them',
    'their', 'himself', 'herself', 'themselves', 'you', 'your', 'youre', 'u', 'ur', 'someone*', 'somebody*', 'anyone',
    'anybody', 'everyone', 'people*', 'person*', 'friend*', 'bestie*', 'bff*', 'mom', 'moms', 'mum', 'mums', 'mother*',
    'dad', 'dads', 'father*', 'parent*', 'brother*', 'sister*', 'sibling*', 'cousin*', 'son', 'sons', 'daughter*',
    'kid', 'kids', 'child*', 'husband*', 'wife*', 'boyfriend*', 'girlfriend*', 'bf', 'bfs', 'gf', 'gfs', 'partner*',
    'ex', 'exs', 'uncle*', 'aunt*', 'grandma*', 'grandpa*', 'grandmother*', 'grandfather*', 'nan', 'nans', 'gran',
    'grans', 'classmate*', 'colleague*', 'coworker*', 'neighbo*', 'teacher*', 'student*', 'man', 'mans', 'woman*',
    'guy', 'guys', 'girl', 'girls', 'boy', 'boys', 'teen*', 'client*', 'patient*',
  ],
  events: ['a', 'an', 'another', 'his', 'her', 'their', 'its'],
};
