/**
 * Word families: sets of spellings, slang and grammatical forms that phrases
 * use by name, e.g. "{kill} {self}". An entry may be several words and may use
 * the phrase syntax itself (see ../phrase.ts). Spelling variants that differ
 * only by a doubled letter need not be listed: "kil" and "kill" are the same
 * after normalisation, and so are "of" and "off".
 *
 * To add a misspelling people really use, add it to the family it belongs to.
 */
export const WORD_FAMILIES: Readonly<Record<string, readonly string[]>> = {
  // --- the person speaking ---
  self: ['myself', 'my self', 'meself', 'myslef', 'mysef', 'mysel', 'mself', 'my own self', 'myselfe'],
  i: ['i', "i'm", 'im', 'i am', "i've", 'ive', "i'd", 'id', "i'll", 'imma', 'ima', 'i ma'],
  // "I'm going to", "gonna", "about to"… (intent, said of oneself)
  intend: [
    'going to', 'gonna', 'gunna', 'goin to', 'goin', 'finna', 'about to', 'bout to', 'will', "i'll", 'imma', 'ima',
    'plan to', 'planning to', 'planning on', 'ready to', 'might', 'might just', 'should just', 'could just', 'want to',
    'wanna', 'wana', 'want 2', 'wish to', 'need to', 'trying to', 'tryna', 'try to', 'tried to',
  ],
  // "I want to…", "I wish I could…", "I feel like…" (desire, not yet intent)
  want: [
    'want to', 'wanna', 'wana', 'want 2', 'wan to', 'wanted to', 'wish i could', 'wish i can', 'wish to', 'would like to',
    'would love to', 'just want to', 'really want to', 'need to', 'feel like i want to', 'am ready to', 'ready to',
    'should just', 'might as well', 'want to just', 'wanna just',
  ],
  // Negations that belong to the phrase itself: "I don't want to be alive" is ideation, not a denial.
  dont: ["don't", 'dont', 'do not', 'dnt', 'dun', "didn't", 'didnt', 'did not', "don't really", 'dont really', 'do not really', 'no longer', 'never', 'not'],
  // --- acts and words for them ---
  kill: ['kill', 'kills', 'killing', 'killed', 'kil', 'kiling'],
  suicide: ['suicide', 'suicid', 'sucide', 'suicde', 'suiside', 'suicede', 'suicidee', 'sewerslide', 'sewer slide', 'self deletion'],
  unalive: ['unaliv*', 'un aliv*'],
  selfharm: ['self harm*', 'selfharm*', 'self injur*', 'self mutilat*', 'sh'],
  cut: ['cut', 'cuts', 'cutting', 'cuting', 'cutted'],
  hurt: ['hurt', 'hurts', 'hurting', 'harm', 'harms', 'harming', 'harmed', 'injure', 'injuring', 'injured'],
  die: ['die', 'dead', 'be dead', 'die already', 'just die', 'die tonight', 'die now'],
  // --- pills and other medicines that are taken in overdoses ---
  meds: [
    'pills', 'pill', 'tablets', 'tabs', 'meds', 'medication', 'medications', 'medicine', 'medicines', 'sleeping pills',
    'sleeping tablets', 'painkillers', 'pain killers', 'pain meds', 'paracetamol', 'acetaminophen', 'tylenol', 'panadol',
    'ibuprofen', 'advil', 'aspirin', 'antidepressants', 'anti depressants', 'sertraline', 'zoloft', 'prozac', 'fluoxetine',
    'citalopram', 'lexapro', 'xanax', 'valium', 'diazepam', 'klonopin', 'benzos', 'ambien', 'zopiclone', 'oxy',
    'oxycodone', 'oxys', 'percocet', 'codeine', 'tramadol', 'opioids', 'insulin', 'lithium', 'benadryl', 'seroquel',
    'quetiapine', 'melatonin', 'prescription', 'prescriptions',
  ],
  // "a whole bottle of", "all", "like 30", "too many"…
  many: [
    'all', 'all of', 'all the', 'every', 'every one of', 'every single', 'a whole', 'the whole', 'whole', 'a full',
    'the rest of', 'a bunch of', 'a handful of', 'handfuls of', 'too many', 'way too many', 'so many', 'loads of',
    'lots of', 'a lot of', 'tons of', 'dozens of', 'a bottle of', 'a box of', 'a pack of', 'a packet of', 'a strip of',
    '##', '(like | about | around | over | maybe | almost | nearly) #', 'twenty', 'thirty', 'forty', 'fifty', 'sixty',
    'a hundred', 'hundreds of',
  ],
  take: ['took', 'take', 'taken', 'taking', 'swallowed', 'swallow', 'swallowing', 'downed', 'popped', 'pop', 'ate', 'chugged', 'necked'],
  overdose: ['overdose', 'overdosed', 'overdosing', 'overdoses', 'od', 'oded', 'oding', 'ode'],
  // --- people a person may be hurt by at home ---
  abuser: [
    'he', 'she', 'they', 'my [...] (dad | father | daddy | mom | mum | mother | mommy | mummy | stepdad | step dad | stepfather | step father | stepmom | stepmum | step mom | stepmother | step mother | husband | wife | boyfriend | girlfriend | bf | gf | partner | fiance | fiancee | ex | brother | sister | stepbrother | uncle | aunt | grandpa | grandfather | grandma | grandmother | cousin | parents | foster (dad | mom | mum | parent | parents) | carer | guardian | roommate | flatmate | landlord)',
    'hes', 'shes', 'theyre', 'hed', 'shed', "he'll", "she'll",
  ],
  'hits-me': [
    'hits', 'hit', 'hitting', 'beats', 'beat', 'beating', 'beats up', 'beat up', 'punches', 'punched', 'punching',
    'kicks', 'kicked', 'kicking', 'slaps', 'slapped', 'slapping', 'chokes', 'choked', 'choking', 'strangles',
    'strangled', 'strangling', 'shoves', 'shoved', 'throws things at', 'threw things at', 'burns', 'burned', 'burnt',
    'smacks', 'smacked', 'whips', 'whipped', 'belts', 'headbutted', 'bit', 'bites', 'pins', 'pinned', 'rapes', 'raped',
    'molests', 'molested', 'abuses', 'abused', 'abusing', 'sexually abuses', 'sexually abused', 'sexually assaulted',
    'touches', 'touched', 'hurts', 'grabs', 'grabbed', 'drags', 'dragged',
  ],
  scared: ['scared', 'afraid', 'terrified', 'frightened', 'petrified', 'worried', 'fear', 'scared shitless'],
  weapon: ['gun', 'knife', 'weapon', 'pistol', 'rifle', 'shotgun', 'firearm', 'handgun', 'blade'],
  home: ['home', 'at home', 'in my [own] (home | house | room | bed)', 'in this house', 'in the house', 'here'],
};
