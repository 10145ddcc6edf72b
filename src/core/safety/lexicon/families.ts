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
    'decided to', 'have decided to', 'made up my mind to', 'made the decision to',
  ],
  // "I want to…", "I wish I could…", "I feel like…" (desire, not yet intent)
  want: [
    'want to', 'wanna', 'wana', 'want 2', 'wan to', 'wanted to', 'wish i could', 'wish i can', 'wish to', 'would like to',
    'would love to', 'just want to', 'really want to', 'need to', 'feel like i want to', 'am ready to', 'ready to',
    'should just', 'might as well', 'want to just', 'wanna just',
    'cant wait to', 'long to', 'longing to', 'yearn to', 'yearning to', 'dream of', 'dreaming of',
    // second-language English often drops the "to": "i want die", "i wish die"
    'want', 'wish',
  ],
  // Negations that belong to the phrase itself: "I don't want to be alive" is ideation, not a denial.
  dont: ["don't", 'dont', 'do not', 'dnt', 'dun', "didn't", 'didnt', 'did not', "don't really", 'dont really', 'do not really', 'no longer', 'never', 'not'],
  // --- acts and words for them ---
  kill: ['kill', 'kills', 'killing', 'killed', 'kil', 'kiling'],
  // Prefixes take in "suicidal", "suicidality" and the misspellings people type ("suicidle", "sucidal").
  suicide: [
    'suicid*', 'sucid*', 'suicd*', 'suisid*', 'suiscid*', 'suecid*', 'siucid*', 'suacid*', 'suicied*', 'sicide', 'suiside',
    'suicede', 'sewerslid*', 'sewer slid*', 'self deletion',
  ],
  unalive: ['unaliv*', 'un aliv*'],
  selfharm: ['self harm*', 'selfharm*', 'self injur*', 'self mutilat*', 'sh', 'shing', 'sh ing'],
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
    'the rest of', 'half a bottle of', 'half the bottle of', 'half a pack of', 'half of', 'most of', 'a bunch of', 'a handful of', 'handfuls of', 'too many', 'way too many', 'so many', 'loads of',
    'lots of', 'a lot of', 'tons of', 'dozens of', 'a bottle of', 'a box of', 'a pack of', 'a packet of', 'a strip of',
    '##', '(like | about | around | over | maybe | almost | nearly) #', 'twenty', 'thirty', 'forty', 'fifty', 'sixty',
    'a hundred', 'hundreds of',
  ],
  take: ['took', 'take', 'taken', 'taking', 'swallowed', 'swallow', 'swallowing', 'downed', 'popped', 'pop', 'ate', 'chugged', 'necked'],
  overdose: ['overdose', 'overdosed', 'overdosing', 'overdoses', 'od', 'oded', 'oding', 'ode'],
  // --- people a person may be hurt by at home ---
  abuser: [
    'he', 'she', 'they', 'my [...] (dad | father | daddy | mom | mum | mother | mommy | mummy | stepdad | step dad | stepfather | step father | stepmom | stepmum | step mom | stepmother | step mother | husband | wife | boyfriend | girlfriend | bf | gf | partner | fiance | fiancee | ex | brother | sister | stepbrother | uncle | aunt | grandpa | grandfather | grandad | granddad | grandma | grandmother | nan | gran | cousin | parents | foster (dad | mom | mum | parent | parents) | carer | caregiver | guardian | roommate | flatmate | landlord | son | daughter | stepson | stepdaughter | grandson | granddaughter | nephew | niece | (mother | father | brother | sister) in law | in laws)',
    'hes', 'shes', 'theyre', 'hed', 'shed', "he'll", "she'll",
    '(the | this) (man | guy | woman | person) i (live with | am with | m with | am living with | m living with)',
  ],
  'hits-me': [
    'hits', 'hit', 'hitting', 'beats', 'beat', 'beating', 'beats up', 'beat up', 'punches', 'punched', 'punching',
    'kicks', 'kicked', 'kicking', 'slaps', 'slapped', 'slapping', 'chokes', 'choked', 'choking', 'strangles',
    'strangled', 'strangling', 'shoves', 'shoved', 'throws things at', 'threw things at', 'burns', 'burned', 'burnt',
    'smacks', 'smacked', 'whips', 'whipped', 'belts', 'headbutted', 'bit', 'bites', 'pins', 'pinned', 'rapes', 'raped',
    'molests', 'molested', 'abuses', 'abused', 'abusing', 'sexually abuses', 'sexually abused', 'sexually assaulted',
    'touches', 'touched', 'hurts', 'grabs', 'grabbed', 'drags', 'dragged',
    // plain forms, as people writing English as a second language often use them: "my father hurt me every night"
    'hurt', 'hurting', 'beaten', 'hitted', 'rape', 'abuse', 'kick', 'punch', 'slap', 'choke', 'strangle',
  ],
  // Someone else's future act, said of them: "he'll", "she said she'd", "he's going to"; bare "he" for "he say he kill me".
  'they-will': [
    '(he | she | they) (will | would | might | could | is going to | are going to | is gonna | are gonna | gonna | going to)',
    'hell', 'shell', 'theyll', 'hed', 'shed', 'theyd', '(hes | shes | theyre) (going to | gonna | goin to)', 'he', 'she', 'they',
  ],
  scared: ['scared', 'scare', 'afraid', 'terrified', 'frightened', 'petrified', 'worried', 'fear', 'scared shitless'],
  weapon: ['gun', 'knife', 'weapon', 'pistol', 'rifle', 'shotgun', 'firearm', 'handgun', 'blade'],
  home: ['home', 'at home', 'in my [own] (home | house | room | bed)', 'in this house', 'in the house', 'here'],
};

/**
 * How people spell single words in chats. Wherever a phrase has the word on
 * the left, a message may have any spelling on the right: "thinking bout
 * ending it", "evry1 wud be better off without me". Keep each spelling one word.
 */
export const CHAT_SPELLINGS: Readonly<Record<string, readonly string[]>> = {
  about: ['bout', 'abt', 'abut', 'abuot'],
  because: ['cuz', 'coz', 'cos', 'bc', 'becuz', 'becos'],
  people: ['ppl', 'ppls'],
  you: ['u', 'ya', 'yu'],
  your: ['ur', 'yor'],
  are: ['r'],
  would: ['wud', 'wld', 'woud'],
  could: ['cud', 'cld'],
  should: ['shud', 'shld'],
  really: ['rly', 'realy', 'relly'],
  just: ['jus', 'jst'],
  tonight: ['tonite', '2night', 'tnight'],
  tomorrow: ['tmrw', 'tmr', 'tomoro', 'tomorow', '2morrow'],
  everyone: ['every1', 'evry1', 'everybody'],
  someone: ['some1', 'sum1'],
  anyone: ['any1'],
  nothing: ['nothin', 'nuthin'],
  something: ['somethin', 'sumthin'],
  anymore: ['anymor', 'nemore'],
  thinking: ['thinkin', 'thinkng'],
  going: ['goin'],
  ending: ['endin'],
  sorry: ['sry', 'soz', 'sorri'],
  please: ['pls', 'plz'],
  what: ['wat', 'wht'],
  life: ['lyf', 'lyfe'],
  love: ['luv'],
  with: ['wit', 'wiv'],
  the: ['da', 'teh'],
  and: ['n', 'nd'],
  know: ['kno'],
  myself: ['myslf', 'meself'],
};

